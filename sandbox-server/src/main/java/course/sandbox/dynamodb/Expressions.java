package course.sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of DynamoDB's expression syntax for authorization: which top-level attributes a
 * projection or update expression names, and which value a key condition gives the partition key.
 */
final class Expressions {
    private static final Set<String> KEYWORDS = Set.of("SET", "REMOVE", "ADD", "DELETE", "AND", "OR", "NOT",
            "BETWEEN", "IN");
    private static final Pattern NAME_EQUALS_VALUE = Pattern.compile("(#?[A-Za-z_][\\w]*)\\s*=\\s*(:[\\w]+)");
    private static final Pattern VALUE_EQUALS_NAME = Pattern.compile("(:[\\w]+)\\s*=\\s*(#?[A-Za-z_][\\w]*)");

    private Expressions() {
    }

    /**
     * The top-level attribute names an expression refers to: {@code a.b[1], #n} names {@code a}
     * and whatever {@code #n} stands for. Function names, keywords and {@code :values} are skipped.
     */
    static Set<String> topLevelNames(String expression, JsonNode names) {
        Set<String> found = new LinkedHashSet<>();
        int i = 0;
        int length = expression.length();
        while (i < length) {
            char c = expression.charAt(i);
            if (c == ':') {
                i = endOfWord(expression, i + 1);
            } else if (c == '#' || Character.isLetter(c) || c == '_') {
                int end = endOfWord(expression, i + 1);
                String word = expression.substring(i, end);
                boolean nested = previousNonSpace(expression, i) == '.';
                boolean function = nextNonSpace(expression, end) == '(';
                if (!nested && !function && !KEYWORDS.contains(word.toUpperCase(Locale.ROOT))) {
                    found.add(resolve(word, names));
                }
                i = end;
            } else {
                i++;
            }
        }
        return found;
    }

    /** The placeholder ({@code :v}) compared with equals to the partition key in a key condition. */
    static Optional<String> partitionKeyPlaceholder(String keyCondition, JsonNode names, String partitionKey) {
        Matcher forward = NAME_EQUALS_VALUE.matcher(keyCondition);
        while (forward.find()) {
            if (resolve(forward.group(1), names).equals(partitionKey)) {
                return Optional.of(forward.group(2));
            }
        }
        Matcher backward = VALUE_EQUALS_NAME.matcher(keyCondition);
        while (backward.find()) {
            if (resolve(backward.group(2), names).equals(partitionKey)) {
                return Optional.of(backward.group(1));
            }
        }
        return Optional.empty();
    }

    static String resolve(String word, JsonNode names) {
        return word.startsWith("#") && names.has(word) ? names.get(word).asText() : word;
    }

    private static int endOfWord(String text, int from) {
        int i = from;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    private static char previousNonSpace(String text, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return 0;
    }

    private static char nextNonSpace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return 0;
    }
}
