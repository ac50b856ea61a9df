package course.sandbox.dynamodb;

import java.util.Map;
import java.util.Optional;

/**
 * What authorization needs to know of a table: the name of its partition key, and of each
 * index's, so that {@code dynamodb:LeadingKeys} can be read from a request's keys and items.
 */
public record KeySchema(String partitionKey, Map<String, String> indexPartitionKeys) {

    public KeySchema {
        indexPartitionKeys = Map.copyOf(indexPartitionKeys);
    }

    public static KeySchema of(String partitionKey) {
        return new KeySchema(partitionKey, Map.of());
    }

    /** The partition key of the table, or of the named index (empty when the index is unknown). */
    public Optional<String> partitionKey(Optional<String> index) {
        return index.isEmpty() ? Optional.of(partitionKey) : Optional.ofNullable(indexPartitionKeys.get(index.get()));
    }

    /** Looks up the key schema of a table by name; empty when the table does not exist. */
    @FunctionalInterface
    public interface Lookup {
        Optional<KeySchema> of(String tableName);
    }
}
