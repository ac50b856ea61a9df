package course.sandbox.dynamodb.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One table: its definition (keys, indexes, billing, stream, TTL, tags) and its items, kept in
 * the table's partitions and in every secondary index. Not thread-safe: its {@link Database}
 * serializes access.
 */
public final class Table {
    /** TTL leaves alone items whose expiry is more than five years in the past. */
    static final Duration TTL_HORIZON = Duration.ofDays(5 * 365);
    static final int MAX_PARTITION_KEY_BYTES = 2048;
    static final int MAX_SORT_KEY_BYTES = 1024;

    private final String name;
    private final String arn;
    private final String id;
    private final Instant created;
    private final KeyDefinition key;
    private final Map<String, ScalarType> attributeDefinitions;
    private final Map<String, SecondaryIndex> globalIndexes = new LinkedHashMap<>();
    private final Map<String, SecondaryIndex> localIndexes = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final List<TableStream> streams = new ArrayList<>();
    private String billingMode;
    private Instant billingModeChanged;
    private Throughput throughput;
    private Optional<String> ttlAttribute = Optional.empty();
    private boolean deletionProtection;
    private String tableClass;
    private final Partitions items = new Partitions();
    private final TreeSet<Expiry> expiries = new TreeSet<>();

    Table(String name, String arn, String id, Instant created, KeyDefinition key, Map<String, ScalarType> attributeDefinitions,
          String billingMode, Throughput throughput, String tableClass, boolean deletionProtection) {
        this.name = name;
        this.arn = arn;
        this.id = id;
        this.created = created;
        this.key = key;
        this.attributeDefinitions = new LinkedHashMap<>(attributeDefinitions);
        this.billingMode = billingMode;
        this.billingModeChanged = created;
        this.throughput = throughput;
        this.tableClass = tableClass;
        this.deletionProtection = deletionProtection;
    }

    // ---- definition

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    public String id() {
        return id;
    }

    public Instant created() {
        return created;
    }

    public KeyDefinition key() {
        return key;
    }

    public Map<String, ScalarType> attributeDefinitions() {
        return attributeDefinitions;
    }

    public Collection<SecondaryIndex> globalIndexes() {
        return globalIndexes.values();
    }

    public Collection<SecondaryIndex> localIndexes() {
        return localIndexes.values();
    }

    public Optional<SecondaryIndex> index(String indexName) {
        return Optional.ofNullable(globalIndexes.get(indexName)).or(() -> Optional.ofNullable(localIndexes.get(indexName)));
    }

    public Map<String, String> tags() {
        return tags;
    }

    public String billingMode() {
        return billingMode;
    }

    public Instant billingModeChanged() {
        return billingModeChanged;
    }

    public Throughput throughput() {
        return throughput;
    }

    public Optional<String> ttlAttribute() {
        return ttlAttribute;
    }

    public boolean deletionProtection() {
        return deletionProtection;
    }

    public String tableClass() {
        return tableClass;
    }

    public Optional<TableStream> latestStream() {
        return streams.isEmpty() ? Optional.empty() : Optional.of(streams.get(streams.size() - 1));
    }

    public List<TableStream> streams() {
        return streams;
    }

    public long itemCount() {
        return items.count();
    }

    public long sizeBytes() {
        return items.bytes();
    }

    void billing(String mode, Throughput newThroughput, Instant now) {
        if (!mode.equals(billingMode)) {
            billingModeChanged = now;
        }
        billingMode = mode;
        throughput = newThroughput;
    }

    void deletionProtection(boolean enabled) {
        deletionProtection = enabled;
    }

    void tableClass(String newClass) {
        tableClass = newClass;
    }

    void defineAttribute(String attribute, ScalarType type) {
        attributeDefinitions.put(attribute, type);
    }

    void enableStream(String viewType, Instant now) {
        streams.add(new TableStream(arn, name, key, viewType, now));
    }

    void disableStream() {
        latestStream().ifPresent(TableStream::disable);
    }

    /** Adds an index and fills it from the table's items (DynamoDB's backfill). */
    void addIndex(SecondaryIndex index) {
        (index.global() ? globalIndexes : localIndexes).put(index.name(), index);
        for (NavigableMap<RowKey, StoredItem> partition : items.all().values()) {
            for (StoredItem item : partition.values()) {
                indexPut(index, item);
            }
        }
    }

    void removeGlobalIndex(String indexName) {
        globalIndexes.remove(indexName);
    }

    void ttl(Optional<String> attribute) {
        ttlAttribute = attribute;
        expiries.clear();
        if (attribute.isPresent()) {
            forEachItem(item -> trackExpiry(item, true));
        }
    }

    // ---- keys and items

    /** The key of a Key parameter, checked against the schema as DynamoDB checks it. */
    public Map<String, AttributeValue> checkKey(Map<String, AttributeValue> candidate) {
        if (candidate.size() != key.names().size()) {
            throw DynamoDbError.validation("The provided key element does not match the schema");
        }
        checkKeyPart(candidate, key.partitionKey(), key.partitionType(), true);
        key.sortKey().ifPresent(sort -> checkKeyPart(candidate, sort, key.sortType().orElseThrow(), false));
        return candidate;
    }

    private static void checkKeyPart(Map<String, AttributeValue> key, String attribute, ScalarType type, boolean partition) {
        AttributeValue value = key.get(attribute);
        if (value == null || !type.matches(value)) {
            throw DynamoDbError.validation("The provided key element does not match the schema");
        }
        checkKeyValue(attribute, value, partition);
    }

    private static void checkKeyValue(String attribute, AttributeValue value, boolean partition) {
        int length = AttributeValue.keyBytes(value).length;
        if (length == 0) {
            throw DynamoDbError.validation("One or more parameter values were invalid: The AttributeValue for a key attribute "
                    + "cannot contain an empty " + (value instanceof AttributeValue.S ? "string" : "binary") + " value. Key: " + attribute);
        }
        if (value instanceof AttributeValue.N) {
            return;
        }
        if (partition && length > MAX_PARTITION_KEY_BYTES) {
            throw DynamoDbError.validation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
        }
        if (!partition && length > MAX_SORT_KEY_BYTES) {
            throw DynamoDbError.validation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
    }

    /** Checks an item about to be stored: its key attributes, index key types and size. */
    public void checkItem(Map<String, AttributeValue> item, boolean update) {
        for (String attribute : key.names()) {
            AttributeValue value = item.get(attribute);
            ScalarType type = attributeDefinitions.get(attribute);
            if (value == null) {
                throw DynamoDbError.validation("One or more parameter values were invalid: Missing the key " + attribute + " in the item");
            }
            if (!type.matches(value)) {
                throw DynamoDbError.validation("One or more parameter values were invalid: Type mismatch for key " + attribute
                        + " expected: " + type + " actual: " + value.type());
            }
            checkKeyValue(attribute, value, attribute.equals(key.partitionKey()));
        }
        for (SecondaryIndex index : allIndexes()) {
            for (String attribute : index.key().names()) {
                AttributeValue value = item.get(attribute);
                ScalarType type = attributeDefinitions.get(attribute);
                if (value != null && !type.matches(value)) {
                    throw DynamoDbError.validation("One or more parameter values were invalid: Type mismatch for Index Key "
                            + attribute + " Expected: " + type + " Actual: " + value.type() + " IndexName: " + index.name());
                }
                if (value != null && !key.isKey(attribute)) {
                    checkKeyValue(attribute, value, attribute.equals(index.key().partitionKey()));
                }
            }
        }
        if (ItemSize.of(item) > ItemSize.MAX_ITEM_BYTES) {
            throw DynamoDbError.validation(update ? "Item size to update has exceeded the maximum allowed size"
                    : "Item size has exceeded the maximum allowed size");
        }
    }

    public StoredItem get(Map<String, AttributeValue> itemKey) {
        return items.get(itemKey.get(key.partitionKey()), rowOf(itemKey));
    }

    private RowKey rowOf(Map<String, AttributeValue> item) {
        return RowKey.of(key.sortKey().map(item::get).orElse(null));
    }

    /**
     * Stores an item in place of {@code previous} (null when new) and keeps the indexes, TTL and
     * stream in step. Returns the write capacity it consumed on the table and its indexes.
     */
    Capacity store(StoredItem previous, StoredItem item, boolean transactional, Instant now) {
        Capacity capacity = new Capacity(name, true);
        capacity.addTable(Capacity.writeUnits(Math.max(item.size(), previous == null ? 0 : previous.size()), transactional));
        for (SecondaryIndex index : allIndexes()) {
            indexChange(index, previous, item, capacity, transactional);
        }
        if (previous != null) {
            trackExpiry(previous, false);
        }
        items.put(item.attributes().get(key.partitionKey()), rowOf(item.attributes()), item);
        trackExpiry(item, true);
        latestStream().ifPresent(stream -> stream.record(previous == null ? "INSERT" : "MODIFY", previous, item, false, now));
        return capacity;
    }

    /** Deletes an item; {@code byTtl} marks deletions the TTL process made (their stream records say so). */
    Capacity remove(StoredItem previous, boolean transactional, boolean byTtl, Instant now) {
        Capacity capacity = new Capacity(name, true);
        capacity.addTable(Capacity.writeUnits(previous.size(), transactional));
        for (SecondaryIndex index : allIndexes()) {
            indexChange(index, previous, null, capacity, transactional);
        }
        trackExpiry(previous, false);
        items.remove(previous.attributes().get(key.partitionKey()), rowOf(previous.attributes()));
        latestStream().ifPresent(stream -> stream.record("REMOVE", previous, null, byTtl, now));
        return capacity;
    }

    /** Puts back an item read from disk: indexes and TTL follow, the stream records nothing. */
    void load(StoredItem item) {
        StoredItem previous = get(item.attributes());
        for (SecondaryIndex index : allIndexes()) {
            indexChange(index, previous, item, new Capacity(name, true), false);
        }
        if (previous != null) {
            trackExpiry(previous, false);
        }
        items.put(item.attributes().get(key.partitionKey()), rowOf(item.attributes()), item);
        trackExpiry(item, true);
    }

    void unload(Map<String, AttributeValue> itemKey) {
        StoredItem previous = get(itemKey);
        if (previous == null) {
            return;
        }
        for (SecondaryIndex index : allIndexes()) {
            indexChange(index, previous, null, new Capacity(name, true), false);
        }
        trackExpiry(previous, false);
        items.remove(previous.attributes().get(key.partitionKey()), rowOf(previous.attributes()));
    }

    /** An index write per entry removed or added: changing an item's index key costs two. */
    private void indexChange(SecondaryIndex index, StoredItem before, StoredItem after, Capacity capacity, boolean transactional) {
        RowKey oldRow = before == null ? null : index.rowOf(before.attributes(), key);
        RowKey newRow = after == null ? null : index.rowOf(after.attributes(), key);
        AttributeValue oldPartition = oldRow == null ? null : before.attributes().get(index.key().partitionKey());
        AttributeValue newPartition = newRow == null ? null : after.attributes().get(index.key().partitionKey());
        StoredItem projected = newRow == null ? null : project(index, after);
        if (oldRow != null) {
            int oldSize = index.items.get(oldPartition, oldRow).size();
            boolean sameKey = newRow != null && oldPartition.equals(newPartition) && oldRow.equals(newRow);
            index.items.remove(oldPartition, oldRow);
            if (sameKey) {
                capacity.addIndex(index, Capacity.writeUnits(Math.max(oldSize, projected.size()), transactional));
            } else {
                capacity.addIndex(index, Capacity.writeUnits(oldSize, transactional));
                if (projected != null) {
                    capacity.addIndex(index, Capacity.writeUnits(projected.size(), transactional));
                }
            }
        } else if (projected != null) {
            capacity.addIndex(index, Capacity.writeUnits(projected.size(), transactional));
        }
        if (projected != null) {
            index.items.put(newPartition, newRow, projected);
        }
    }

    private void indexPut(SecondaryIndex index, StoredItem item) {
        RowKey row = index.rowOf(item.attributes(), key);
        if (row != null) {
            index.items.put(item.attributes().get(index.key().partitionKey()), row, project(index, item));
        }
    }

    private StoredItem project(SecondaryIndex index, StoredItem item) {
        return index.projection().type().equals("ALL") ? item
                : StoredItem.of(index.projection().project(item.attributes(), key, index.key()));
    }

    List<SecondaryIndex> allIndexes() {
        List<SecondaryIndex> all = new ArrayList<>(globalIndexes.values());
        all.addAll(localIndexes.values());
        return all;
    }

    Partitions partitions(Optional<SecondaryIndex> index) {
        return index.map(i -> i.items).orElse(items);
    }

    void forEachItem(java.util.function.Consumer<StoredItem> action) {
        for (NavigableMap<RowKey, StoredItem> partition : items.all().values()) {
            partition.values().forEach(action);
        }
    }

    void clearItems() {
        items.clear();
        expiries.clear();
        allIndexes().forEach(index -> index.items.clear());
    }

    // ---- time to live

    private void trackExpiry(StoredItem item, boolean add) {
        if (ttlAttribute.isEmpty()) {
            return;
        }
        // Only numbers are expiry times (epoch seconds); other types never expire.
        if (item.attributes().get(ttlAttribute.get()) instanceof AttributeValue.N at && at.value().signum() > 0
                && at.value().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            Expiry expiry = new Expiry(at.value().longValue(), item.attributes().get(key.partitionKey()), rowOf(item.attributes()));
            if (add) {
                expiries.add(expiry);
            } else {
                expiries.remove(expiry);
            }
        }
    }

    /** Deletes the items whose TTL has passed at {@code now}, as DynamoDB's TTL process does; returns their keys. */
    List<Map<String, AttributeValue>> expire(Instant now) {
        List<Map<String, AttributeValue>> removed = new ArrayList<>();
        if (expiries.isEmpty()) {
            return removed;
        }
        long nowSeconds = now.getEpochSecond();
        long horizon = now.minus(TTL_HORIZON).getEpochSecond();
        List<Expiry> due = new ArrayList<>(expiries.subSet(new Expiry(horizon, null, null), true,
                new Expiry(nowSeconds + 1, null, null), false));
        for (Expiry expiry : due) {
            StoredItem item = items.get(expiry.partition, expiry.row);
            if (item != null) {
                remove(item, false, true, now);
                removed.add(key.keyOf(item.attributes()));
            }
        }
        return removed;
    }

    private record Expiry(long at, AttributeValue partition, RowKey row) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry other) {
            int byTime = Long.compare(at, other.at);
            if (byTime != 0) {
                return byTime;
            }
            // A probe (no partition) sorts before every entry of its second.
            if (partition == null || other.partition == null) {
                return partition == null ? (other.partition == null ? 0 : -1) : 1;
            }
            int byPartition = PartitionToken.of(partition).compareTo(PartitionToken.of(other.partition));
            return byPartition != 0 ? byPartition : row.compareTo(other.row);
        }
    }
}
