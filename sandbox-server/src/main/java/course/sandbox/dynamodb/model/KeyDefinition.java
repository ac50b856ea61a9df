package course.sandbox.dynamodb.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key of a table or index: a partition (HASH) attribute and an optional sort (RANGE)
 * attribute, each with its scalar type from AttributeDefinitions.
 */
public record KeyDefinition(String partitionKey, ScalarType partitionType, Optional<String> sortKey,
                            Optional<ScalarType> sortType) {

    public static KeyDefinition of(String partitionKey, ScalarType partitionType) {
        return new KeyDefinition(partitionKey, partitionType, Optional.empty(), Optional.empty());
    }

    public static KeyDefinition of(String partitionKey, ScalarType partitionType, String sortKey, ScalarType sortType) {
        return new KeyDefinition(partitionKey, partitionType, Optional.of(sortKey), Optional.of(sortType));
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(List.of(partitionKey));
        sortKey.ifPresent(names::add);
        return names;
    }

    public boolean isKey(String attribute) {
        return partitionKey.equals(attribute) || sortKey.filter(attribute::equals).isPresent();
    }

    /** The key attributes of an item, in key order (partition, then sort). */
    public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new java.util.LinkedHashMap<>();
        key.put(partitionKey, item.get(partitionKey));
        sortKey.ifPresent(sort -> key.put(sort, item.get(sort)));
        return key;
    }

    /** Whether the item carries this key with the right types: index keys are optional in items. */
    public boolean presentIn(Map<String, AttributeValue> item) {
        AttributeValue partition = item.get(partitionKey);
        if (partition == null || !partitionType.matches(partition)) {
            return false;
        }
        if (sortKey.isEmpty()) {
            return true;
        }
        AttributeValue sort = item.get(sortKey.get());
        return sort != null && sortType.orElseThrow().matches(sort);
    }
}
