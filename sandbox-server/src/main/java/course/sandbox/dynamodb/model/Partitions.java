package course.sandbox.dynamodb.model;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Items by partition (in hash order) and, within a partition, by sort key: a table's or an index's. */
final class Partitions {
    private final TreeMap<PartitionToken, TreeMap<RowKey, StoredItem>> partitions = new TreeMap<>();
    private long count;
    private long bytes;

    StoredItem get(AttributeValue partition, RowKey row) {
        TreeMap<RowKey, StoredItem> rows = partitions.get(PartitionToken.of(partition));
        return rows == null ? null : rows.get(row);
    }

    void put(AttributeValue partition, RowKey row, StoredItem item) {
        StoredItem previous = partitions.computeIfAbsent(PartitionToken.of(partition), token -> new TreeMap<>()).put(row, item);
        count += previous == null ? 1 : 0;
        bytes += item.size() - (previous == null ? 0 : previous.size());
    }

    void remove(AttributeValue partition, RowKey row) {
        PartitionToken token = PartitionToken.of(partition);
        TreeMap<RowKey, StoredItem> rows = partitions.get(token);
        if (rows == null) {
            return;
        }
        StoredItem removed = rows.remove(row);
        if (removed != null) {
            count--;
            bytes -= removed.size();
        }
        if (rows.isEmpty()) {
            partitions.remove(token);
        }
    }

    NavigableMap<RowKey, StoredItem> partition(AttributeValue partition) {
        TreeMap<RowKey, StoredItem> rows = partitions.get(PartitionToken.of(partition));
        return rows == null ? Collections.emptyNavigableMap() : rows;
    }

    NavigableMap<PartitionToken, TreeMap<RowKey, StoredItem>> all() {
        return partitions;
    }

    long count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    void clear() {
        partitions.clear();
        count = 0;
        bytes = 0;
    }
}
