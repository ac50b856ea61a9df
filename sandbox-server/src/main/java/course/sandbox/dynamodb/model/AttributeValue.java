package course.sandbox.dynamodb.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One DynamoDB value, immutable: a scalar (S, N, B, BOOL, NULL), a document (L, M) or a set
 * (SS, NS, BS). Numbers are kept normalized, as DynamoDB stores them: no leading or trailing
 * zeros, so equal numbers are equal values.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
 */
public sealed interface AttributeValue {

    /** The type descriptor as it appears on the wire: S, N, B, BOOL, NULL, M, L, SS, NS, BS. */
    String type();

    record S(String value) implements AttributeValue {
        public String type() {
            return "S";
        }
    }

    /** A number, normalized (see {@link Numbers}). */
    record N(BigDecimal value) implements AttributeValue {
        public String type() {
            return "N";
        }

        /** As DynamoDB returns numbers: plain digits, no exponent, no trailing zeros. */
        public String text() {
            return Numbers.text(value);
        }
    }

    record B(Binary value) implements AttributeValue {
        public String type() {
            return "B";
        }
    }

    record Bool(boolean value) implements AttributeValue {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public String type() {
            return "BOOL";
        }
    }

    record Null() implements AttributeValue {
        public static final Null INSTANCE = new Null();

        public String type() {
            return "NULL";
        }
    }

    record L(List<AttributeValue> values) implements AttributeValue {
        public L {
            values = List.copyOf(values);
        }

        public String type() {
            return "L";
        }
    }

    record M(Map<String, AttributeValue> values) implements AttributeValue {
        public M {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public String type() {
            return "M";
        }
    }

    record SS(Set<String> values) implements AttributeValue {
        public SS {
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }

        public String type() {
            return "SS";
        }
    }

    record NS(Set<BigDecimal> values) implements AttributeValue {
        public NS {
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }

        public String type() {
            return "NS";
        }
    }

    record BS(Set<Binary> values) implements AttributeValue {
        public BS {
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }

        public String type() {
            return "BS";
        }
    }

    static AttributeValue s(String value) {
        return new S(value);
    }

    static AttributeValue n(String text) {
        return new N(Numbers.parse(text));
    }

    static AttributeValue n(long value) {
        return new N(Numbers.normalize(BigDecimal.valueOf(value)));
    }

    default boolean isSet() {
        return this instanceof SS || this instanceof NS || this instanceof BS;
    }

    /** Whether this value may be a key: S, N or B. */
    default boolean isScalarKeyType() {
        return this instanceof S || this instanceof N || this instanceof B;
    }

    /**
     * Orders two key values of the same type as DynamoDB orders sort keys: numbers by value,
     * strings by their UTF-8 bytes (the same as by code points), binaries by unsigned bytes.
     */
    static int compareKeys(AttributeValue a, AttributeValue b) {
        if (a instanceof N x && b instanceof N y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof S x && b instanceof S y) {
            return compareUtf8(x.value(), y.value());
        }
        if (a instanceof B x && b instanceof B y) {
            return x.value().compareTo(y.value());
        }
        return a.type().compareTo(b.type());
    }

    /** Compares strings by code point, which is the order of their UTF-8 bytes. */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The bytes a key value is hashed and sized by. */
    static byte[] keyBytes(AttributeValue value) {
        if (value instanceof S s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof N n) {
            return n.text().getBytes(StandardCharsets.US_ASCII);
        }
        if (value instanceof B b) {
            return b.value().bytes();
        }
        throw new IllegalArgumentException("not a key value: " + value.type());
    }

    /** Short text for error messages, as AWS writes values in them: {@code {S:abc}}. */
    static String describe(AttributeValue value) {
        if (value instanceof S s) {
            return s.value();
        }
        if (value instanceof N n) {
            return n.text();
        }
        if (value instanceof B b) {
            return b.value().base64();
        }
        if (value instanceof Bool b) {
            return String.valueOf(b.value());
        }
        return value.type();
    }
}
