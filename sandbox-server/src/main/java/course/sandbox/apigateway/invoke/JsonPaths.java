package course.sandbox.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The JSONPath API Gateway's {@code $input.json()} and {@code $input.path()} take, as mapping
 * templates use it: {@code $}, member names ({@code $.a.b}, {@code $['a']}) and array indexes
 * ({@code $.items[0]}).
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html">$input variables</a>
 */
final class JsonPaths {
    private JsonPaths() {
    }

    static JsonNode select(JsonNode root, String path) {
        String expression = path == null ? "$" : path.strip();
        if (!expression.startsWith("$")) {
            return MissingNode.getInstance();
        }
        JsonNode node = root;
        int i = 1;
        while (i < expression.length() && node != null && !node.isMissingNode()) {
            char c = expression.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < expression.length() && expression.charAt(end) != '.' && expression.charAt(end) != '[') {
                    end++;
                }
                node = node.path(expression.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = expression.indexOf(']', i);
                if (close < 0) {
                    return MissingNode.getInstance();
                }
                String key = expression.substring(i + 1, close).strip();
                if (key.startsWith("'") || key.startsWith("\"")) {
                    node = node.path(key.substring(1, key.length() - 1));
                } else {
                    try {
                        node = node.path(Integer.parseInt(key));
                    } catch (NumberFormatException e) {
                        return MissingNode.getInstance();
                    }
                }
                i = close + 1;
            } else {
                return MissingNode.getInstance();
            }
        }
        return node == null ? MissingNode.getInstance() : node;
    }
}
