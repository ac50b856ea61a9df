package course.sandbox.dynamodb.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Where a partition key value falls in the hash ring: DynamoDB spreads items by a hash of their
 * partition key, which is why a Scan returns them in no useful order and why parallel Scan
 * segments are ranges of that hash. The value itself breaks ties between equal hashes.
 */
record PartitionToken(long hash, AttributeValue value) implements Comparable<PartitionToken> {

    static PartitionToken of(AttributeValue value) {
        return new PartitionToken(hash(value), value);
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static long hash(AttributeValue value) {
        MessageDigest md5 = MD5.get();
        md5.update((byte) value.type().charAt(0));
        byte[] digest = md5.digest(AttributeValue.keyBytes(value));
        long hash = 0;
        for (int i = 0; i < 8; i++) {
            hash = (hash << 8) | (digest[i] & 0xff);
        }
        return hash;
    }

    @Override
    public int compareTo(PartitionToken other) {
        int byHash = Long.compareUnsigned(hash, other.hash);
        if (byHash != 0) {
            return byHash;
        }
        // A probe without a value (a segment boundary) comes before every partition of its hash.
        if (value == null || other.value == null) {
            return value == null ? (other.value == null ? 0 : -1) : 1;
        }
        return AttributeValue.compareKeys(value, other.value);
    }

    /** The first hash of a parallel Scan segment: segment i of n starts at i/n of the ring. */
    static long segmentStart(int segment, int totalSegments) {
        return java.math.BigInteger.ONE.shiftLeft(64).multiply(java.math.BigInteger.valueOf(segment))
                .divide(java.math.BigInteger.valueOf(totalSegments)).longValue();
    }
}
