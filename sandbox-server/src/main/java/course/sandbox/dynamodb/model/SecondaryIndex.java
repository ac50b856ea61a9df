package course.sandbox.dynamodb.model;

import java.util.Map;
import java.util.Optional;

/** A global or local secondary index and the items it holds (projected, keyed by the index key). */
public final class SecondaryIndex {
    private final String name;
    private final boolean global;
    private final KeyDefinition key;
    private final Projection projection;
    private Optional<Throughput> throughput;
    private String status = "ACTIVE";
    final Partitions items = new Partitions();

    SecondaryIndex(String name, boolean global, KeyDefinition key, Projection projection, Optional<Throughput> throughput) {
        this.name = name;
        this.global = global;
        this.key = key;
        this.projection = projection;
        this.throughput = throughput;
    }

    public String name() {
        return name;
    }

    public boolean global() {
        return global;
    }

    public KeyDefinition key() {
        return key;
    }

    public Projection projection() {
        return projection;
    }

    public Optional<Throughput> throughput() {
        return throughput;
    }

    void throughput(Optional<Throughput> throughput) {
        this.throughput = throughput;
    }

    public String status() {
        return status;
    }

    public long itemCount() {
        return items.count();
    }

    public long sizeBytes() {
        return items.bytes();
    }

    /** Where an item goes in this index; null when it lacks the index key (a sparse index leaves it out). */
    RowKey rowOf(Map<String, AttributeValue> item, KeyDefinition table) {
        if (!key.presentIn(item)) {
            return null;
        }
        return new RowKey(key.sortKey().map(item::get).orElse(null), item.get(table.partitionKey()),
                table.sortKey().map(item::get).orElse(null));
    }
}
