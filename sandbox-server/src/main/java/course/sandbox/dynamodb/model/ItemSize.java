package course.sandbox.dynamodb.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An item's size as DynamoDB meters it: the UTF-8 bytes of every attribute name plus the size
 * of its value; lists and maps take 3 bytes plus 1 per element.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
public final class ItemSize {
    /** 400 KB, names and values included. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {
    }

    public static int of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8Length(attribute.getKey()) + of(attribute.getValue());
        }
        return (int) Math.min(size, Integer.MAX_VALUE);
    }

    public static int of(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return utf8Length(s.value());
        }
        if (value instanceof AttributeValue.N n) {
            return Numbers.size(n.value());
        }
        if (value instanceof AttributeValue.B b) {
            return b.value().length();
        }
        if (value instanceof AttributeValue.Bool || value instanceof AttributeValue.Null) {
            return 1;
        }
        if (value instanceof AttributeValue.L l) {
            int size = 3;
            for (AttributeValue element : l.values()) {
                size += 1 + of(element);
            }
            return size;
        }
        if (value instanceof AttributeValue.M m) {
            int size = 3;
            for (Map.Entry<String, AttributeValue> entry : m.values().entrySet()) {
                size += 1 + utf8Length(entry.getKey()) + of(entry.getValue());
            }
            return size;
        }
        if (value instanceof AttributeValue.SS ss) {
            int size = 0;
            for (String element : ss.values()) {
                size += utf8Length(element);
            }
            return size;
        }
        if (value instanceof AttributeValue.NS ns) {
            int size = 0;
            for (BigDecimal element : ns.values()) {
                size += Numbers.size(element);
            }
            return size;
        }
        int size = 0;
        for (Binary element : ((AttributeValue.BS) value).values()) {
            size += element.length();
        }
        return size;
    }

    static int utf8Length(String text) {
        int length = text.length();
        // Most names and values are ASCII: count without encoding.
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return length;
    }
}
