package course.sandbox.dynamodb.model;

import java.util.Map;

/** An item as stored, immutable, with its size computed once. */
public record StoredItem(Map<String, AttributeValue> attributes, int size) {

    public static StoredItem of(Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> copy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        return new StoredItem(copy, ItemSize.of(copy));
    }
}
