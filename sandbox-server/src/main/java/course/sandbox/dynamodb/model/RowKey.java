package course.sandbox.dynamodb.model;

import java.util.Comparator;

/**
 * Orders the items of one partition: by the sort key of the table or index, then (in an index,
 * where many items may share index keys) by the table's own key.
 *
 * @param sort       the sort key value, or null when the table or index has none
 * @param tableHash  in an index: the item's table partition key; null in the table itself
 * @param tableSort  in an index: the item's table sort key, if any; null in the table itself
 */
record RowKey(AttributeValue sort, AttributeValue tableHash, AttributeValue tableSort) implements Comparable<RowKey> {
    private static final Comparator<AttributeValue> KEYS = Comparator.nullsFirst(AttributeValue::compareKeys);
    private static final Comparator<RowKey> ORDER = Comparator.comparing(RowKey::sort, KEYS)
            .thenComparing(RowKey::tableHash, KEYS)
            .thenComparing(RowKey::tableSort, KEYS);

    static RowKey of(AttributeValue sort) {
        return new RowKey(sort, null, null);
    }

    @Override
    public int compareTo(RowKey other) {
        return ORDER.compare(this, other);
    }
}
