package course.sandbox.dynamodb.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which attributes an index copies from the table: ALL, KEYS_ONLY (table and index keys), or
 * INCLUDE (the keys and the listed non-key attributes).
 */
public record Projection(String type, List<String> nonKeyAttributes) {
    public static final Projection ALL = new Projection("ALL", List.of());

    public Projection {
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }

    /** The item as the index stores it. */
    public Map<String, AttributeValue> project(Map<String, AttributeValue> item, KeyDefinition table, KeyDefinition index) {
        if (type.equals("ALL")) {
            return item;
        }
        Map<String, AttributeValue> projected = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            String name = attribute.getKey();
            if (table.isKey(name) || index.isKey(name) || nonKeyAttributes.contains(name)) {
                projected.put(name, attribute.getValue());
            }
        }
        return projected;
    }

    public boolean includes(String attribute, KeyDefinition table, KeyDefinition index) {
        return type.equals("ALL") || table.isKey(attribute) || index.isKey(attribute) || nonKeyAttributes.contains(attribute);
    }
}
