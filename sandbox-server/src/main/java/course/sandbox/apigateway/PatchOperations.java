package course.sandbox.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * API Gateway's PATCH: a list of {@code {op, path, value, from}} applied in order to a resource's
 * JSON form. Paths are JSON-pointer-like ({@code /variables/color}, {@code /canarySettings/percentTraffic});
 * a {@code /} inside a key is written {@code ~1}. Values are strings; the shape they land in
 * converts them ("true" becomes a boolean, "10.5" a number).
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html">PATCH operations</a>
 */
public final class PatchOperations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One operation as the request carries it. */
    public record Operation(String op, String path, String value, String from) {
    }

    private PatchOperations() {
    }

    public static List<Operation> read(JsonNode input) {
        List<Operation> operations = new ArrayList<>();
        for (JsonNode node : input.path("patchOperations")) {
            operations.add(new Operation(text(node, "op"), text(node, "path"), text(node, "value"), text(node, "from")));
        }
        return operations;
    }

    /**
     * Applies the operations to {@code target}; {@code patchable} names the top-level members they
     * may touch (anything else is "Invalid patch path").
     */
    public static void apply(ObjectNode target, List<Operation> operations, Set<String> patchable) {
        for (Operation operation : operations) {
            if (operation.op() == null) {
                throw ApiGatewayErrors.badRequest("Invalid patch operation specified. Must be one of: [add, remove, move, test, replace, copy]");
            }
            List<String> path = segments(operation.path());
            if (path.isEmpty() || !patchable.contains(path.get(0))) {
                throw ApiGatewayErrors.badRequest("Invalid patch path '" + operation.path() + "' specified for op '"
                        + operation.op() + "'. Must be one of: " + patchable.stream().sorted().map(p -> "/" + p).toList());
            }
            switch (operation.op()) {
                case "add", "replace" -> set(target, path, operation.value() == null ? NODES.nullNode() : new TextNode(operation.value()),
                        operation.op().equals("add"));
                case "remove" -> remove(target, path);
                case "copy", "move" -> {
                    List<String> from = segments(operation.from());
                    JsonNode value = get(target, from);
                    if (value == null || value.isMissingNode()) {
                        throw ApiGatewayErrors.badRequest("Invalid patch path '" + operation.from() + "' specified for op '"
                                + operation.op() + "'.");
                    }
                    set(target, path, value.deepCopy(), false);
                    if (operation.op().equals("move")) {
                        remove(target, from);
                    }
                }
                case "test" -> {
                    JsonNode value = get(target, path);
                    if (value == null || !value.asText().equals(operation.value())) {
                        throw ApiGatewayErrors.badRequest("Test operation failed for path '" + operation.path() + "'.");
                    }
                }
                default -> throw ApiGatewayErrors.badRequest("Invalid patch operation specified. Must be one of: "
                        + "[add, remove, move, test, replace, copy]");
            }
        }
    }

    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        if (path == null || !path.startsWith("/")) {
            return segments;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            segments.add(segment.replace("~1", "/").replace("~0", "~"));
        }
        return segments;
    }

    private static void set(ObjectNode target, List<String> path, JsonNode value, boolean add) {
        JsonNode parent = target;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode child = parent.get(path.get(i));
            if (child == null || child.isNull()) {
                child = NODES.objectNode();
                ((ObjectNode) parent).set(path.get(i), child);
            }
            if (!child.isContainerNode()) {
                throw ApiGatewayErrors.badRequest("Invalid patch path '/" + String.join("/", path) + "'.");
            }
            parent = child;
        }
        String last = path.get(path.size() - 1);
        if (parent instanceof ArrayNode list) {
            list.add(last);
        } else if (add && parent.get(last) instanceof ArrayNode list) {
            // add /binaryMediaTypes/image~1png: the key is the element.
            list.add(value);
        } else if (parent.get(last) instanceof ArrayNode && value.isTextual() && path.size() == 1) {
            ArrayNode list = NODES.arrayNode();
            for (String element : value.asText().split(",")) {
                list.add(element.strip());
            }
            ((ObjectNode) parent).set(last, list);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static void remove(ObjectNode target, List<String> path) {
        JsonNode parent = get(target, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode list) {
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i).asText().equals(last)) {
                    list.remove(i);
                }
            }
        }
    }

    private static JsonNode get(JsonNode target, List<String> path) {
        JsonNode node = target;
        for (String segment : path) {
            if (node == null) {
                return null;
            }
            node = node.get(segment);
        }
        return node;
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }
}
