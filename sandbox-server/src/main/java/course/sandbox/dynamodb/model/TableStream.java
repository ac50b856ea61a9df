package course.sandbox.dynamodb.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A table's DynamoDB stream: one shard of change records (INSERT, MODIFY, REMOVE) with the
 * images its view type asks for, kept 24 hours. TTL deletions carry DynamoDB's service identity.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html
 */
public final class TableStream {
    static final Duration RETENTION = Duration.ofHours(24);
    /** Bounds memory: the oldest records go first, as if 24 hours had passed for them. */
    static final int MAX_RECORDS = 100_000;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final String arn;
    private final String label;
    private final String tableName;
    private final String region;
    private final KeyDefinition key;
    private final String viewType;
    private final Instant created;
    private final String shardId;
    private final Deque<Record> records = new ArrayDeque<>();
    private String status = "ENABLED";
    private long nextSequence = 100_000_000_000_000_000L;

    TableStream(String tableArn, String tableName, KeyDefinition key, String viewType, Instant created) {
        this.label = LABEL.format(created);
        this.arn = tableArn + "/stream/" + label;
        this.tableName = tableName;
        this.region = tableArn.split(":")[3];
        this.key = key;
        this.viewType = viewType;
        this.created = created;
        // Derived from the stream, so a sandbox restarted on its data directory names the same shard.
        this.shardId = "shardId-" + String.format("%020d", created.toEpochMilli()) + "-"
                + String.format("%08x", arn.hashCode());
    }

    /** One change, as GetRecords returns it. */
    public record Record(String eventId, String eventName, String sequenceNumber, Instant created,
                         Map<String, AttributeValue> keys, Optional<Map<String, AttributeValue>> oldImage,
                         Optional<Map<String, AttributeValue>> newImage, int sizeBytes, boolean byTtl) {
    }

    public String arn() {
        return arn;
    }

    public String label() {
        return label;
    }

    public String tableName() {
        return tableName;
    }

    public String region() {
        return region;
    }

    public KeyDefinition key() {
        return key;
    }

    public String viewType() {
        return viewType;
    }

    public Instant created() {
        return created;
    }

    public String shardId() {
        return shardId;
    }

    public String status() {
        return status;
    }

    /** The first sequence number of the shard. */
    public String startingSequenceNumber() {
        return String.valueOf(100_000_000_000_000_000L);
    }

    void disable() {
        status = "DISABLED";
    }

    void record(String eventName, StoredItem before, StoredItem after, boolean byTtl, Instant now) {
        if (!status.equals("ENABLED")) {
            return;
        }
        Map<String, AttributeValue> keys = key.keyOf((after != null ? after : before).attributes());
        boolean oldImage = viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
        boolean newImage = viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
        Optional<Map<String, AttributeValue>> old = oldImage && before != null ? Optional.of(before.attributes()) : Optional.empty();
        Optional<Map<String, AttributeValue>> fresh = newImage && after != null ? Optional.of(after.attributes()) : Optional.empty();
        int size = ItemSize.of(keys) + old.map(ItemSize::of).orElse(0) + fresh.map(ItemSize::of).orElse(0);
        records.addLast(new Record(UUID.randomUUID().toString().replace("-", ""), eventName, String.valueOf(nextSequence++), now,
                keys, old, fresh, size, byTtl));
        if (records.size() > MAX_RECORDS) {
            records.removeFirst();
        }
    }

    /** Records from {@code sequence} on (inclusive), at most {@code limit}, dropping those past retention. */
    public List<Record> read(long sequence, int limit, Instant now) {
        while (!records.isEmpty() && records.peekFirst().created().isBefore(now.minus(RETENTION))) {
            records.removeFirst();
        }
        List<Record> found = new ArrayList<>();
        for (Record record : records) {
            if (Long.parseLong(record.sequenceNumber()) >= sequence) {
                found.add(record);
                if (found.size() == limit) {
                    break;
                }
            }
        }
        return found;
    }

    /** The sequence number the next record will get. */
    public long nextSequence() {
        return nextSequence;
    }
}
