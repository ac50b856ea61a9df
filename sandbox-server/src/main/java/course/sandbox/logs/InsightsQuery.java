package course.sandbox.logs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The course's subset of CloudWatch Logs Insights' query language, parsed and run over events:
 * {@code fields}, {@code filter} (comparisons, {@code like}, {@code in}, {@code and/or/not},
 * {@code ispresent}), {@code parse} (glob and regex), {@code stats} (count, sum, avg, min, max, pct
 * by fields and {@code bin(5m)}), {@code sort}, {@code limit} and {@code display}. Fields are
 * discovered as Insights discovers them: {@code @timestamp}, {@code @message}, {@code @logStream},
 * {@code @log}, the members of JSON messages, and from Lambda's REPORT lines {@code @type},
 * {@code @requestId}, {@code @duration}, {@code @billedDuration}, {@code @memorySize},
 * {@code @maxMemoryUsed} and {@code @initDuration}.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html">Query syntax</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData-discoverable-fields.html">Discovered fields</a>
 */
public final class InsightsQuery {
    /** StartQuery returns at most this many rows unless the query or the request limits it. */
    public static final int DEFAULT_LIMIT = 10_000;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final Pattern REPORT = Pattern.compile("REPORT RequestId: (\\S+)\\s+Duration: ([0-9.]+) ms\\s+"
            + "Billed Duration: ([0-9.]+) ms\\s+Memory Size: ([0-9]+) MB\\s+Max Memory Used: ([0-9]+) MB"
            + "(?:\\s+Init Duration: ([0-9.]+) ms)?");
    private static final Pattern PLATFORM = Pattern.compile("(START|END) RequestId: (\\S+).*", Pattern.DOTALL);

    /** One event as the query sees it. */
    public record Event(String log, String logStream, long timestamp, String message) {
    }

    private final List<Command> commands;

    private InsightsQuery(List<Command> commands) {
        this.commands = commands;
    }

    /** Parses a query string; a mistake is a MalformedQueryException with where and why. */
    public static InsightsQuery parse(String query) {
        if (query == null || query.isBlank()) {
            throw new MalformedQueryException("The query is empty.");
        }
        return new Parser(query).query();
    }

    /** The rows (each its fields in order, named as the results name them) and how many events matched. */
    public record Result(List<Map<String, Object>> rows, long matched) {
    }

    /** Runs the query over the events of its time range. */
    public Result run(List<Event> events, int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Event event : events) {
            rows.add(discover(event));
        }
        List<String> shown = null;
        long matched = -1;
        boolean sorted = false;
        boolean aggregated = false;
        int take = limit;
        for (Command command : commands) {
            if (command instanceof Fields fields) {
                for (Map<String, Object> row : rows) {
                    for (Named named : fields.fields()) {
                        row.put(named.name(), named.expression().value(row));
                    }
                }
                shown = shown == null ? new ArrayList<>() : shown;
                for (Named named : fields.fields()) {
                    if (!shown.contains(named.name())) {
                        shown.add(named.name());
                    }
                }
            } else if (command instanceof Filter filter) {
                rows.removeIf(row -> !truthy(filter.condition().value(row)));
            } else if (command instanceof Parse parse) {
                for (Map<String, Object> row : rows) {
                    Object source = parse.source().value(row);
                    if (source == null) {
                        continue;
                    }
                    Matcher matcher = parse.pattern().matcher(source.toString());
                    if (matcher.find()) {
                        for (int i = 0; i < parse.names().size(); i++) {
                            row.put(parse.names().get(i), matcher.group(i + 1));
                        }
                    }
                }
            } else if (command instanceof Stats stats) {
                matched = rows.size();
                rows = aggregate(stats, rows);
                shown = new ArrayList<>();
                for (Named group : stats.groups()) {
                    shown.add(group.name());
                }
                for (Aggregation aggregation : stats.aggregations()) {
                    shown.add(aggregation.name());
                }
                aggregated = true;
            } else if (command instanceof Sort sort) {
                rows.sort(sort.comparator());
                sorted = true;
            } else if (command instanceof Limit l) {
                take = Math.min(take, l.count());
            } else if (command instanceof Display display) {
                shown = display.fields();
            }
        }
        if (!sorted && !aggregated) {
            rows.sort(Comparator.comparing((Map<String, Object> row) -> (Long) row.get("@timestamp")).reversed());
        }
        List<String> columns = shown == null ? List.of("@timestamp", "@message") : shown;
        List<Map<String, Object>> results = new ArrayList<>();
        for (Map<String, Object> row : rows.subList(0, Math.min(take, rows.size()))) {
            Map<String, Object> result = new LinkedHashMap<>();
            for (String column : columns) {
                Object value = row.get(column);
                if (value != null) {
                    result.put(column, column.equals("@timestamp") || value instanceof Bin ? format(value) : value);
                }
            }
            results.add(result);
        }
        return new Result(results, matched >= 0 ? matched : rows.size());
    }

    /** A value as GetQueryResults writes it: timestamps as "yyyy-MM-dd HH:mm:ss.SSS", numbers without ".0". */
    public static String text(Object value) {
        if (value instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number)) {
            return String.valueOf(number.longValue());
        }
        return String.valueOf(value);
    }

    private static String format(Object value) {
        long millis = value instanceof Bin bin ? bin.start() : ((Number) value).longValue();
        return TIMESTAMP.format(Instant.ofEpochMilli(millis));
    }

    /** The fields Insights discovers in an event. */
    static Map<String, Object> discover(Event event) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("@timestamp", event.timestamp());
        row.put("@message", event.message());
        row.put("@logStream", event.logStream());
        row.put("@log", event.log());
        String message = event.message().strip();
        Matcher report = REPORT.matcher(message);
        if (report.find() && report.start() == 0) {
            row.put("@type", "REPORT");
            row.put("@requestId", report.group(1));
            row.put("@duration", Double.parseDouble(report.group(2)));
            row.put("@billedDuration", Double.parseDouble(report.group(3)));
            row.put("@memorySize", Double.parseDouble(report.group(4)) * 1_000_000);
            row.put("@maxMemoryUsed", Double.parseDouble(report.group(5)) * 1_000_000);
            if (report.group(6) != null) {
                row.put("@initDuration", Double.parseDouble(report.group(6)));
            }
        } else {
            Matcher platform = PLATFORM.matcher(message);
            if (platform.matches()) {
                row.put("@type", platform.group(1));
                row.put("@requestId", platform.group(2));
            } else if (message.startsWith("{")) {
                JsonFields.flatten(message, row);
            }
        }
        return row;
    }

    // ---- aggregation

    private record Bin(long start) implements Comparable<Bin> {
        @Override
        public int compareTo(Bin other) {
            return Long.compare(start, other.start);
        }
    }

    private static List<Map<String, Object>> aggregate(Stats stats, List<Map<String, Object>> rows) {
        Map<List<Object>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            List<Object> key = new ArrayList<>();
            for (Named group : stats.groups()) {
                key.add(group.expression().value(row));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Map<String, Object>>> group : groups.entrySet()) {
            Map<String, Object> result = new LinkedHashMap<>();
            for (int i = 0; i < stats.groups().size(); i++) {
                Object value = group.getKey().get(i);
                result.put(stats.groups().get(i).name(), value);
                if (value instanceof Bin bin) {
                    result.put("@timestamp", bin.start());
                }
            }
            for (Aggregation aggregation : stats.aggregations()) {
                Object value = aggregation.apply(group.getValue());
                if (value != null) {
                    result.put(aggregation.name(), value);
                }
            }
            results.add(result);
        }
        if (stats.groups().stream().anyMatch(group -> group.expression() instanceof BinOf)) {
            results.sort(Comparator.comparing((Map<String, Object> row) -> (Long) row.getOrDefault("@timestamp", 0L)).reversed());
        }
        return results;
    }

    private record Aggregation(String name, String function, Expression argument, double percentile) {
        Object apply(List<Map<String, Object>> rows) {
            if (function.equals("count")) {
                return (double) (argument == null ? rows.size()
                        : rows.stream().filter(row -> argument.value(row) != null).count());
            }
            List<Double> values = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                Double number = number(argument.value(row));
                if (number != null) {
                    values.add(number);
                }
            }
            if (values.isEmpty()) {
                return null;
            }
            return switch (function) {
                case "sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
                case "avg" -> values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                case "min" -> values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
                case "max" -> values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                default -> {
                    values.sort(Double::compare);
                    int index = (int) Math.ceil(percentile / 100 * values.size()) - 1;
                    yield values.get(Math.max(0, Math.min(values.size() - 1, index)));
                }
            };
        }
    }

    // ---- the syntax tree

    private sealed interface Command permits Fields, Filter, Parse, Stats, Sort, Limit, Display {
    }

    private record Named(String name, Expression expression) {
    }

    private record Fields(List<Named> fields) implements Command {
    }

    private record Filter(Expression condition) implements Command {
    }

    private record Parse(Expression source, Pattern pattern, List<String> names) implements Command {
    }

    private record Stats(List<Aggregation> aggregations, List<Named> groups) implements Command {
    }

    private record Sort(Comparator<Map<String, Object>> comparator) implements Command {
    }

    private record Limit(int count) implements Command {
    }

    private record Display(List<String> fields) implements Command {
    }

    @FunctionalInterface
    private interface Expression {
        Object value(Map<String, Object> row);
    }

    private record BinOf(long periodMillis) implements Expression {
        @Override
        public Object value(Map<String, Object> row) {
            long timestamp = (Long) row.get("@timestamp");
            return new Bin(timestamp - Math.floorMod(timestamp, periodMillis));
        }
    }

    static boolean truthy(Object value) {
        return value instanceof Boolean bool ? bool : value != null;
    }

    static Double number(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    static int compare(Object left, Object right) {
        Double a = number(left);
        Double b = number(right);
        if (a != null && b != null && !(left instanceof String && right instanceof String)) {
            return Double.compare(a, b);
        }
        return String.valueOf(left).compareTo(String.valueOf(right));
    }

    // ---- the parser

    /** A query Insights would refuse: StartQuery answers MalformedQueryException. */
    public static final class MalformedQueryException extends RuntimeException {
        public MalformedQueryException(String message) {
            super(message);
        }
    }

    private static final class Parser {
        private static final Pattern TOKEN = Pattern.compile(
                "\\s*(?:(?<string>'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")|(?<regex>/(?:[^/\\\\]|\\\\.)*/)"
                        + "|(?<number>\\d+(?:\\.\\d+)?(?:[smhd]\\b)?)|(?<name>`[^`]+`|@?[A-Za-z_][A-Za-z0-9_.@-]*)"
                        + "|(?<op><=|>=|!=|=~|[=<>|,()\\[\\]*+\\-/]))");

        private final String text;
        private final List<String> tokens = new ArrayList<>();
        /** Where each token starts and ends in the query, for column names written as in the query. */
        private final List<int[]> spans = new ArrayList<>();
        private int position;

        Parser(String text) {
            this.text = text;
            int at = 0;
            Matcher matcher = TOKEN.matcher(text);
            while (at < text.length()) {
                if (text.substring(at).isBlank()) {
                    break;
                }
                if (!matcher.find(at) || matcher.start() != at) {
                    throw new MalformedQueryException("unexpected symbol at line 1, position " + (at + 1) + ": "
                            + text.substring(at).strip().split("\\s")[0]);
                }
                String token = matcher.group().strip();
                tokens.add(token);
                spans.add(new int[] {matcher.end() - token.length(), matcher.end()});
                at = matcher.end();
            }
        }

        InsightsQuery query() {
            List<Command> commands = new ArrayList<>();
            do {
                commands.add(command());
            } while (accept("|"));
            if (position < tokens.size()) {
                throw error("unexpected symbol: " + peek());
            }
            return new InsightsQuery(commands);
        }

        private Command command() {
            String keyword = next().toLowerCase(Locale.ROOT);
            return switch (keyword) {
                case "fields" -> new Fields(namedList());
                case "filter" -> new Filter(or());
                case "parse" -> parse();
                case "stats" -> stats();
                case "sort" -> sort();
                case "limit" -> new Limit(positive(next()));
                case "display" -> new Display(namedList().stream().map(Named::name).toList());
                default -> throw error("unknown command: " + keyword);
            };
        }

        private Parse parse() {
            Expression source = primary();
            String pattern = next();
            if (pattern.startsWith("/")) {
                Pattern regex = regex(pattern);
                List<String> names = new ArrayList<>();
                Matcher named = Pattern.compile("\\(\\?<([A-Za-z][A-Za-z0-9]*)>").matcher(regex.pattern());
                while (named.find()) {
                    names.add(named.group(1));
                }
                if (names.isEmpty()) {
                    throw error("a parse regular expression needs named groups such as (?<name>...)");
                }
                return new Parse(source, regex, names);
            }
            if (!pattern.startsWith("'") && !pattern.startsWith("\"")) {
                throw error("parse needs a glob in quotes or a regular expression in slashes");
            }
            String glob = unquote(pattern);
            expect("as");
            List<String> names = namedList().stream().map(Named::name).toList();
            String[] parts = glob.split("\\*", -1);
            if (parts.length - 1 != names.size()) {
                throw error("the glob has " + (parts.length - 1) + " wildcards but " + names.size() + " fields follow 'as'");
            }
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].isEmpty()) {
                    regex.append(Pattern.quote(parts[i]));
                }
                if (i < parts.length - 1) {
                    // A wildcard at the very end takes the rest of the message.
                    regex.append(i == parts.length - 2 && parts[i + 1].isEmpty() ? "(.*)" : "(.*?)");
                }
            }
            // Wildcards stop at a line end: the newline Lambda ends each event with is not part of a field.
            return new Parse(source, Pattern.compile(regex.toString()), names);
        }

        private Stats stats() {
            List<Aggregation> aggregations = new ArrayList<>();
            do {
                String function = next().toLowerCase(Locale.ROOT);
                if (!List.of("count", "sum", "avg", "min", "max", "pct").contains(function)) {
                    throw error("unsupported stats function: " + function);
                }
                expect("(");
                Expression argument = null;
                double percentile = 0;
                int from = position;
                if (function.equals("count") && accept("*")) {
                    argument = null;
                } else if (!(function.equals("count") && peekIs(")"))) {
                    argument = additive();
                }
                if (function.equals("pct")) {
                    expect(",");
                    percentile = Double.parseDouble(next());
                }
                expect(")");
                String name = text.substring(spans.get(from - 2)[0], spans.get(position - 1)[1]);
                if (accept("as")) {
                    name = fieldName(next());
                }
                aggregations.add(new Aggregation(name, function, argument, percentile));
            } while (accept(","));
            List<Named> groups = new ArrayList<>();
            if (accept("by")) {
                groups = namedList();
            }
            return new Stats(aggregations, groups);
        }

        private Sort sort() {
            Comparator<Map<String, Object>> comparator = null;
            do {
                Expression key = additive();
                boolean descending = false;
                if (accept("desc")) {
                    descending = true;
                } else {
                    accept("asc");
                }
                Comparator<Map<String, Object>> one = (a, b) -> {
                    Object x = key.value(a);
                    Object y = key.value(b);
                    if (x == null || y == null) {
                        return x == null ? (y == null ? 0 : 1) : -1;
                    }
                    return compare(x, y);
                };
                Comparator<Map<String, Object>> directed = descending ? (a, b) -> {
                    Object x = key.value(a);
                    Object y = key.value(b);
                    if (x == null || y == null) {
                        return x == null ? (y == null ? 0 : 1) : -1;
                    }
                    return compare(y, x);
                } : one;
                comparator = comparator == null ? directed : comparator.thenComparing(directed);
            } while (accept(","));
            return new Sort(comparator);
        }

        private List<Named> namedList() {
            List<Named> list = new ArrayList<>();
            do {
                int from = position;
                Expression expression = additive();
                String name = text.substring(spans.get(from)[0], spans.get(position - 1)[1]);
                if (position - from == 1) {
                    name = fieldName(tokens.get(from));
                }
                if (accept("as")) {
                    name = fieldName(next());
                }
                list.add(new Named(name, expression));
            } while (accept(","));
            return list;
        }

        // expressions: or > and > not > comparison > additive > multiplicative > primary

        private Expression or() {
            Expression left = and();
            while (acceptWord("or")) {
                Expression a = left;
                Expression b = and();
                left = row -> truthy(a.value(row)) || truthy(b.value(row));
            }
            return left;
        }

        private Expression and() {
            Expression left = not();
            while (acceptWord("and")) {
                Expression a = left;
                Expression b = not();
                left = row -> truthy(a.value(row)) && truthy(b.value(row));
            }
            return left;
        }

        private Expression not() {
            if (acceptWord("not")) {
                Expression inner = not();
                return row -> !truthy(inner.value(row));
            }
            return comparison();
        }

        private Expression comparison() {
            Expression left = additive();
            if (acceptWord("not")) {
                if (acceptWord("like")) {
                    Expression like = like(left);
                    return row -> !truthy(like.value(row));
                }
                expect("in");
                Expression in = in(left);
                return row -> !truthy(in.value(row));
            }
            if (acceptWord("like") || accept("=~")) {
                return like(left);
            }
            if (acceptWord("in")) {
                return in(left);
            }
            for (String operator : List.of("=", "!=", "<=", ">=", "<", ">")) {
                if (accept(operator)) {
                    Expression right = additive();
                    return row -> {
                        Object a = left.value(row);
                        Object b = right.value(row);
                        if (a == null || b == null) {
                            return false;
                        }
                        int order = compare(a, b);
                        return switch (operator) {
                            case "=" -> order == 0;
                            case "!=" -> order != 0;
                            case "<=" -> order <= 0;
                            case ">=" -> order >= 0;
                            case "<" -> order < 0;
                            default -> order > 0;
                        };
                    };
                }
            }
            return left;
        }

        private Expression like(Expression left) {
            String pattern = next();
            Pattern compiled = pattern.startsWith("/") ? regex(pattern) : Pattern.compile(Pattern.quote(unquote(pattern)));
            return row -> {
                Object value = left.value(row);
                return value != null && compiled.matcher(value.toString()).find();
            };
        }

        private Expression in(Expression left) {
            expect("[");
            List<Object> values = new ArrayList<>();
            if (!peekIs("]")) {
                do {
                    values.add(literal(next()));
                } while (accept(","));
            }
            expect("]");
            return row -> {
                Object value = left.value(row);
                return value != null && values.stream().anyMatch(candidate -> compare(value, candidate) == 0);
            };
        }

        private Expression additive() {
            Expression left = multiplicative();
            while (peekIs("+") || peekIs("-")) {
                String operator = next();
                Expression a = left;
                Expression b = multiplicative();
                left = row -> arithmetic(operator, a.value(row), b.value(row));
            }
            return left;
        }

        private Expression multiplicative() {
            Expression left = primary();
            while (peekIs("*") || peekIs("/")) {
                String operator = next();
                Expression a = left;
                Expression b = primary();
                left = row -> arithmetic(operator, a.value(row), b.value(row));
            }
            return left;
        }

        private Expression primary() {
            String token = next();
            if (token.equals("(")) {
                Expression inner = or();
                expect(")");
                return inner;
            }
            String lower = token.toLowerCase(Locale.ROOT);
            if (lower.equals("ispresent") && peekIs("(")) {
                expect("(");
                String field = fieldName(next());
                expect(")");
                return row -> row.get(field) != null;
            }
            if (lower.equals("bin") && peekIs("(")) {
                expect("(");
                String period = next();
                expect(")");
                return new BinOf(period(period));
            }
            if (token.startsWith("'") || token.startsWith("\"") || Character.isDigit(token.charAt(0))) {
                Object value = literal(token);
                return row -> value;
            }
            if (token.startsWith("`") || Character.isLetter(token.charAt(0)) || token.startsWith("@") || token.startsWith("_")) {
                String field = fieldName(token);
                return row -> row.get(field);
            }
            throw error("unexpected symbol: " + token);
        }

        private static Object arithmetic(String operator, Object left, Object right) {
            Double a = number(left);
            Double b = number(right);
            if (a == null || b == null) {
                return null;
            }
            return switch (operator) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                default -> b == 0 ? null : a / b;
            };
        }

        private Object literal(String token) {
            if (token.startsWith("'") || token.startsWith("\"")) {
                return unquote(token);
            }
            try {
                return Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw error("expected a string or number but found " + token);
            }
        }

        private long period(String token) {
            Matcher matcher = Pattern.compile("(\\d+)([smhd]?)").matcher(token);
            if (!matcher.matches()) {
                throw error("bin() needs a period such as 5m, 1h or 30s, not " + token);
            }
            long amount = Long.parseLong(matcher.group(1));
            long unit = switch (matcher.group(2)) {
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                case "d" -> 86_400_000;
                default -> 1_000;
            };
            if (amount <= 0) {
                throw error("bin() needs a positive period");
            }
            return amount * unit;
        }

        private Pattern regex(String token) {
            String body = token.substring(1, token.length() - 1);
            try {
                return Pattern.compile(body, Pattern.DOTALL);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw error("invalid regular expression /" + body + "/: " + e.getDescription());
            }
        }

        private static String unquote(String token) {
            return token.substring(1, token.length() - 1).replaceAll("\\\\(.)", "$1");
        }

        private static String fieldName(String token) {
            return token.startsWith("`") ? token.substring(1, token.length() - 1) : token;
        }

        private int positive(String token) {
            try {
                int value = Integer.parseInt(token);
                if (value > 0 && value <= DEFAULT_LIMIT) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw error("limit needs a number from 1 to " + DEFAULT_LIMIT + ", not " + token);
        }

        private boolean accept(String token) {
            if (peekIs(token)) {
                position++;
                return true;
            }
            return false;
        }

        private boolean acceptWord(String word) {
            if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(word)) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token) && !acceptWord(token)) {
                throw error("expected '" + token + "' but found " + (position < tokens.size() ? "'" + peek() + "'" : "the end"));
            }
        }

        private boolean peekIs(String token) {
            return position < tokens.size() && Objects.equals(tokens.get(position).toLowerCase(Locale.ROOT), token);
        }

        private String peek() {
            return tokens.get(position);
        }

        private String next() {
            if (position >= tokens.size()) {
                throw error("the query ends too early");
            }
            return tokens.get(position++);
        }

        private MalformedQueryException error(String message) {
            return new MalformedQueryException("Query parse error: " + message + " (in: " + text.strip() + ")");
        }
    }
}
