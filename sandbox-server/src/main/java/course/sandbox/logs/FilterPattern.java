package course.sandbox.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A CloudWatch Logs filter pattern, as FilterLogEvents reads it: an empty pattern matches every
 * event; {@code ERROR Exception} needs every term (case-sensitive, anywhere in the message);
 * {@code "two words"} is one quoted term; {@code -term} excludes; {@code ?ERROR ?WARN} needs any
 * one of the {@code ?} terms; {@code %regex%} is a regular expression; {@code { $.a.b = "x" && $.n > 3 }}
 * selects fields of JSON messages; {@code [ip, user, ..., status = 4*]} matches space-delimited fields.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html">Filter pattern syntax</a>
 */
public final class FilterPattern {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BARE_TERM = Pattern.compile("[A-Za-z0-9_]+");

    private final String text;
    private final Predicate<String> matcher;

    private FilterPattern(String text, Predicate<String> matcher) {
        this.text = text;
        this.matcher = matcher;
    }

    /** Parses a pattern; a malformed one throws InvalidParameterException as AWS does. */
    public static FilterPattern parse(String pattern) {
        String text = pattern == null ? "" : pattern.strip();
        if (text.isEmpty()) {
            return new FilterPattern(text, message -> true);
        }
        if (text.startsWith("{")) {
            if (!text.endsWith("}")) {
                throw LogsErrors.invalid("If a filter pattern starts with '{' it must end with '}'");
            }
            return new FilterPattern(text, new JsonPattern(text.substring(1, text.length() - 1)).parse());
        }
        if (text.startsWith("[")) {
            if (!text.endsWith("]")) {
                throw LogsErrors.invalid("If a filter pattern starts with '[' it must end with ']'");
            }
            return new FilterPattern(text, DelimitedPattern.parse(text.substring(1, text.length() - 1)));
        }
        if (text.length() > 1 && text.startsWith("%") && text.endsWith("%")) {
            Pattern regex = regex(text.substring(1, text.length() - 1));
            return new FilterPattern(text, message -> regex.matcher(message).find());
        }
        return new FilterPattern(text, terms(text));
    }

    public boolean matches(String message) {
        return matcher.test(message);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Terms: all plain ones, none of the {@code -} ones, and one of the {@code ?} ones if any. */
    private static Predicate<String> terms(String text) {
        List<String> required = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<String> anyOf = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            List<String> into = required;
            if (text.charAt(i) == '-' || text.charAt(i) == '?') {
                into = text.charAt(i) == '-' ? excluded : anyOf;
                i++;
            }
            int start = i;
            String term;
            if (i < text.length() && text.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    quoted.append(text.charAt(i++));
                }
                if (i >= text.length() || quoted.isEmpty()) {
                    throw LogsErrors.invalid("Invalid character(s) in term '" + text.substring(start, Math.min(i + 1, text.length())) + "'");
                }
                i++;
                term = quoted.toString();
            } else {
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                term = text.substring(start, i);
                if (!BARE_TERM.matcher(term).matches()) {
                    throw LogsErrors.invalid("Invalid character(s) in term '" + text.substring(start, i) + "'");
                }
            }
            into.add(term);
        }
        return message -> required.stream().allMatch(message::contains)
                && excluded.stream().noneMatch(message::contains)
                && (anyOf.isEmpty() || anyOf.stream().anyMatch(message::contains));
    }

    /** {@code %…%}: the docs' operators mean what they mean in Java; subpatterns in parentheses are not supported. */
    private static Pattern regex(String body) {
        if (body.isEmpty() || body.indexOf('(') >= 0 || body.indexOf(')') >= 0
                || body.codePoints().anyMatch(c -> c > 0x7f)) {
            throw LogsErrors.invalid("Invalid regex pattern: %" + body + "%");
        }
        try {
            return Pattern.compile(body);
        } catch (PatternSyntaxException e) {
            throw LogsErrors.invalid("Invalid regex pattern: %" + body + "%");
        }
    }

    /** A value of a JSON or space-delimited condition: {@code *} is a wildcard in strings. */
    private static boolean wildcardEquals(String pattern, String value) {
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(value);
        }
        List<String> parts = new ArrayList<>();
        for (String part : pattern.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts), Pattern.DOTALL).matcher(value).matches();
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean compare(String operator, BigDecimal left, BigDecimal right) {
        int order = left.compareTo(right);
        return switch (operator) {
            case "=" -> order == 0;
            case "!=" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> throw new IllegalStateException(operator);
        };
    }

    /** A literal on the right of a condition: a number, a string with wildcards, or a %regex%. */
    private record Literal(String text, BigDecimal number, Pattern regex) {
        static Literal of(String token, boolean quoted) {
            if (!quoted && token.length() > 1 && token.startsWith("%") && token.endsWith("%")) {
                return new Literal(token, null, FilterPattern.regex(token.substring(1, token.length() - 1)));
            }
            return new Literal(token, quoted ? null : FilterPattern.number(token), null);
        }

        boolean equalsText(String value) {
            return regex != null ? regex.matcher(value).find() : wildcardEquals(text, value);
        }
    }

    /**
     * {@code { SELECTOR OP VALUE && … || … }}: selectors such as {@code $.a.b[0]}; operators
     * {@code = != < <= > >=}; {@code IS TRUE|FALSE|NULL}, {@code NOT EXISTS}; parentheses.
     * A message that is not a JSON object matches nothing.
     */
    private static final class JsonPattern {
        private final List<String> tokens = new ArrayList<>();
        private final List<Boolean> quoted = new ArrayList<>();
        private int position;

        JsonPattern(String body) {
            int i = 0;
            while (i < body.length()) {
                char c = body.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '(' || c == ')') {
                    add(String.valueOf(c), false);
                    i++;
                } else if (body.startsWith("&&", i) || body.startsWith("||", i) || body.startsWith("!=", i)
                        || body.startsWith("<=", i) || body.startsWith(">=", i)) {
                    add(body.substring(i, i + 2), false);
                    i += 2;
                } else if (c == '=' || c == '<' || c == '>') {
                    add(String.valueOf(c), false);
                    i++;
                } else if (c == '"') {
                    StringBuilder text = new StringBuilder();
                    i++;
                    while (i < body.length() && body.charAt(i) != '"') {
                        if (body.charAt(i) == '\\' && i + 1 < body.length()) {
                            i++;
                        }
                        text.append(body.charAt(i++));
                    }
                    if (i >= body.length()) {
                        throw LogsErrors.invalid("Invalid filter pattern");
                    }
                    i++;
                    add(text.toString(), true);
                } else {
                    int start = i;
                    while (i < body.length() && !Character.isWhitespace(body.charAt(i)) && "()=!<>&|\"".indexOf(body.charAt(i)) < 0) {
                        i++;
                    }
                    if (start == i) {
                        throw LogsErrors.invalid("Invalid filter pattern");
                    }
                    add(body.substring(start, i), false);
                }
            }
        }

        private void add(String token, boolean isQuoted) {
            tokens.add(token);
            quoted.add(isQuoted);
        }

        Predicate<String> parse() {
            Predicate<JsonNode> expression = or();
            if (position != tokens.size()) {
                throw LogsErrors.invalid("Invalid filter pattern");
            }
            return message -> {
                JsonNode document = document(message);
                return document != null && expression.test(document);
            };
        }

        private static JsonNode document(String message) {
            try {
                JsonNode node = JSON.readTree(message);
                return node != null && node.isContainerNode() ? node : null;
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        private Predicate<JsonNode> or() {
            Predicate<JsonNode> left = and();
            while (accept("||")) {
                left = left.or(and());
            }
            return left;
        }

        private Predicate<JsonNode> and() {
            Predicate<JsonNode> left = primary();
            while (accept("&&")) {
                left = left.and(primary());
            }
            return left;
        }

        private Predicate<JsonNode> primary() {
            if (accept("(")) {
                Predicate<JsonNode> inner = or();
                expect(")");
                return inner;
            }
            List<Object> path = selector(next());
            if (accept("IS")) {
                String what = next();
                return switch (what) {
                    case "TRUE" -> node -> select(node, path).isBoolean() && select(node, path).booleanValue();
                    case "FALSE" -> node -> select(node, path).isBoolean() && !select(node, path).booleanValue();
                    case "NULL" -> node -> select(node, path).isNull();
                    default -> throw LogsErrors.invalid("Invalid filter pattern");
                };
            }
            if (accept("NOT")) {
                expect("EXISTS");
                return node -> select(node, path).isMissingNode();
            }
            String operator = next();
            if (!List.of("=", "!=", "<", "<=", ">", ">=").contains(operator)) {
                throw LogsErrors.invalid("Invalid filter pattern");
            }
            boolean isQuoted = quoted.get(position);
            Literal value = Literal.of(next(), isQuoted);
            if (!operator.equals("=") && !operator.equals("!=") && value.number() == null) {
                throw LogsErrors.invalid("Invalid filter pattern");
            }
            return node -> {
                JsonNode field = select(node, path);
                if (field.isMissingNode() || field.isContainerNode()) {
                    return false;
                }
                if (value.number() != null && field.isNumber()) {
                    return compare(operator, field.decimalValue(), value.number());
                }
                if (value.number() != null && !operator.equals("=") && !operator.equals("!=")) {
                    return false;
                }
                boolean equal = value.equalsText(field.isNull() ? "null" : field.asText());
                return operator.equals("=") == equal;
            };
        }

        /** {@code $.a.b[0]} as field names and indexes. */
        private static List<Object> selector(String token) {
            if (!token.startsWith("$")) {
                throw LogsErrors.invalid("Invalid filter pattern");
            }
            List<Object> path = new ArrayList<>();
            int i = 1;
            while (i < token.length()) {
                if (token.charAt(i) == '.') {
                    int start = ++i;
                    while (i < token.length() && token.charAt(i) != '.' && token.charAt(i) != '[') {
                        i++;
                    }
                    if (start == i) {
                        throw LogsErrors.invalid("Invalid filter pattern");
                    }
                    path.add(token.substring(start, i));
                } else if (token.charAt(i) == '[') {
                    int end = token.indexOf(']', i);
                    if (end < 0) {
                        throw LogsErrors.invalid("Invalid filter pattern");
                    }
                    try {
                        path.add(Integer.parseInt(token.substring(i + 1, end)));
                    } catch (NumberFormatException e) {
                        throw LogsErrors.invalid("Invalid filter pattern");
                    }
                    i = end + 1;
                } else {
                    throw LogsErrors.invalid("Invalid filter pattern");
                }
            }
            return path;
        }

        private static JsonNode select(JsonNode node, List<Object> path) {
            JsonNode current = node;
            for (Object step : path) {
                current = step instanceof Integer index ? current.path(index) : current.path((String) step);
            }
            return current;
        }

        private boolean accept(String token) {
            if (position < tokens.size() && !quoted.get(position) && tokens.get(position).equals(token)) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw LogsErrors.invalid("Invalid filter pattern");
            }
        }

        private String next() {
            if (position >= tokens.size()) {
                throw LogsErrors.invalid("Invalid filter pattern");
            }
            return tokens.get(position++);
        }
    }

    /**
     * {@code [name, name = value, name != 4*, name > 10 && name < 20, ...]}: one spec per field of the
     * message, fields split on spaces except inside {@code "…"} or {@code […]}; {@code ...} stands for
     * any number of fields; without it the message must have exactly as many fields as specs.
     */
    private static final class DelimitedPattern {
        private static final Pattern CONDITION = Pattern.compile("\\s*([A-Za-z0-9_]+)\\s*(?:(=|!=|<=|>=|<|>)\\s*(.+?))?\\s*");

        static Predicate<String> parse(String body) {
            // null stands for "...": any number of fields
            List<Predicate<String>> specs = new ArrayList<>();
            for (String spec : splitOutsideQuotes(body, ",")) {
                specs.add(spec.strip().equals("...") ? null : field(spec));
            }
            return message -> matches(specs, 0, fields(message), 0);
        }

        private static Predicate<String> field(String spec) {
            Predicate<String> any = null;
            for (String alternative : splitOutsideQuotes(spec, "||")) {
                Predicate<String> all = null;
                for (String part : splitOutsideQuotes(alternative, "&&")) {
                    Predicate<String> condition = condition(part);
                    all = all == null ? condition : all.and(condition);
                }
                any = any == null ? all : any.or(all);
            }
            return any;
        }

        private static Predicate<String> condition(String text) {
            java.util.regex.Matcher matcher = CONDITION.matcher(text);
            if (!matcher.matches()) {
                throw LogsErrors.invalid("Invalid filter pattern");
            }
            if (matcher.group(2) == null) {
                return field -> true;
            }
            String operator = matcher.group(2);
            String raw = matcher.group(3).strip();
            boolean isQuoted = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"");
            Literal value = Literal.of(isQuoted ? raw.substring(1, raw.length() - 1) : raw, isQuoted);
            if (!operator.equals("=") && !operator.equals("!=") && value.number() == null) {
                throw LogsErrors.invalid("Invalid filter pattern");
            }
            return field -> {
                BigDecimal number = value.number() == null ? null : number(field);
                if (number != null) {
                    return compare(operator, number, value.number());
                }
                if (value.number() != null && !operator.equals("=") && !operator.equals("!=")) {
                    return false;
                }
                return operator.equals("=") == value.equalsText(field);
            };
        }

        private static boolean matches(List<Predicate<String>> specs, int spec, List<String> fields, int field) {
            if (spec == specs.size()) {
                return field == fields.size();
            }
            if (specs.get(spec) == null) {
                for (int skip = field; skip <= fields.size(); skip++) {
                    if (matches(specs, spec + 1, fields, skip)) {
                        return true;
                    }
                }
                return false;
            }
            return field < fields.size() && specs.get(spec).test(fields.get(field))
                    && matches(specs, spec + 1, fields, field + 1);
        }

        /** The message's fields: split on spaces; {@code "…"} and {@code […]} are one field, without their delimiters. */
        private static List<String> fields(String message) {
            List<String> fields = new ArrayList<>();
            int i = 0;
            while (i < message.length()) {
                char c = message.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"' || c == '[') {
                    int end = message.indexOf(c == '"' ? '"' : ']', i + 1);
                    end = end < 0 ? message.length() : end;
                    fields.add(message.substring(i + 1, end));
                    i = end + 1;
                } else {
                    int start = i;
                    while (i < message.length() && !Character.isWhitespace(message.charAt(i))) {
                        i++;
                    }
                    fields.add(message.substring(start, i));
                }
            }
            return fields;
        }

        private static List<String> splitOutsideQuotes(String text, String separator) {
            List<String> parts = new ArrayList<>();
            boolean inQuotes = false;
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '"') {
                    inQuotes = !inQuotes;
                } else if (!inQuotes && text.startsWith(separator, i)) {
                    parts.add(text.substring(start, i));
                    start = i + separator.length();
                    i = start - 1;
                }
            }
            parts.add(text.substring(start));
            if (parts.stream().anyMatch(String::isBlank)) {
                throw LogsErrors.invalid("Invalid filter pattern");
            }
            return parts;
        }
    }
}
