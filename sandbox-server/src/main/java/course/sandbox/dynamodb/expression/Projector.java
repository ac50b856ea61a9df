package course.sandbox.dynamodb.expression;

import course.sandbox.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps only the attributes a projection expression names: nested map keys keep their map
 * around them, list elements are gathered in index order; paths that lead nowhere are left out.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html
 */
public final class Projector {

    private Projector() {
    }

    public static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<DocumentPath> paths) {
        Node root = new Node();
        for (DocumentPath path : paths) {
            Node node = root;
            for (Object element : path.elements()) {
                node = node.children.computeIfAbsent(element, e -> new Node());
            }
            node.whole = true;
        }
        Map<String, AttributeValue> projected = new LinkedHashMap<>();
        for (Map.Entry<Object, Node> child : root.children.entrySet()) {
            AttributeValue value = item.get((String) child.getKey());
            AttributeValue kept = value == null ? null : child.getValue().extract(value);
            if (kept != null) {
                projected.put((String) child.getKey(), kept);
            }
        }
        return projected;
    }

    /** The requested paths as a tree: a node asks for its whole value, or for some of its children. */
    private static final class Node {
        final Map<Object, Node> children = new TreeMap<>((a, b) -> {
            if (a instanceof Integer x && b instanceof Integer y) {
                return Integer.compare(x, y);
            }
            if (a instanceof String x && b instanceof String y) {
                return x.compareTo(y);
            }
            return a instanceof Integer ? -1 : 1;
        });
        boolean whole;

        AttributeValue extract(AttributeValue value) {
            if (whole) {
                return value;
            }
            if (value instanceof AttributeValue.M map) {
                Map<String, AttributeValue> kept = new LinkedHashMap<>();
                children.forEach((key, node) -> {
                    if (key instanceof String name && map.values().containsKey(name)) {
                        AttributeValue child = node.extract(map.values().get(name));
                        if (child != null) {
                            kept.put(name, child);
                        }
                    }
                });
                return kept.isEmpty() ? null : new AttributeValue.M(kept);
            }
            if (value instanceof AttributeValue.L list) {
                List<AttributeValue> kept = new ArrayList<>();
                children.forEach((key, node) -> {
                    if (key instanceof Integer index && index < list.values().size()) {
                        AttributeValue child = node.extract(list.values().get(index));
                        if (child != null) {
                            kept.add(child);
                        }
                    }
                });
                return kept.isEmpty() ? null : new AttributeValue.L(kept);
            }
            return null;
        }
    }
}
