package course.sandbox.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.Checksum;

/**
 * The additional checksums S3 validates and stores, in {@code x-amz-checksum-*} headers and
 * aws-chunked trailers; values travel base64-encoded, big-endian for the CRCs.
 */
public enum ChecksumAlgorithm {
    CRC32(4), CRC32C(4), SHA1(20), SHA256(32), CRC64NVME(8);

    private final int length;

    ChecksumAlgorithm(int length) {
        this.length = length;
    }

    /** Length of the raw (decoded) checksum in bytes. */
    public int length() {
        return length;
    }

    /** The request/response header carrying this checksum, e.g. {@code x-amz-checksum-crc32}. */
    public String headerName() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** The algorithm whose header (or trailer) name this is, case-insensitively. */
    public static Optional<ChecksumAlgorithm> ofHeaderName(String name) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.headerName().equalsIgnoreCase(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** Parses the {@code x-amz-checksum-algorithm} value (case-insensitive), or returns null. */
    public static ChecksumAlgorithm fromName(String name) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.name().equalsIgnoreCase(name)) {
                return algorithm;
            }
        }
        return null;
    }

    public byte[] digest(byte[] data) {
        return start().update(data, 0, data.length).digest();
    }

    public String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(digest(data));
    }

    /**
     * The CRC64NVME of the concatenation of {@code pieces}: each piece checksummed on its own,
     * in parallel, and the results combined, as S3 does for a multipart object's full-object
     * checksum.
     */
    public static byte[] crc64NvmeOfConcatenation(List<byte[]> pieces) {
        long[] crcs = pieces.parallelStream().mapToLong(piece -> {
            Crc64Nvme crc = new Crc64Nvme();
            crc.update(piece, 0, piece.length);
            return ~crc.crc;
        }).toArray();
        long combined = 0; // the CRC of no bytes: the initial value and the final XOR cancel
        for (int i = 0; i < crcs.length; i++) {
            combined = Crc64Nvme.combine(combined, crcs[i], pieces.get(i).length);
        }
        return ByteBuffer.allocate(8).putLong(combined).array();
    }

    /** A checksum computed piece by piece, e.g. over the chunks of a body as they arrive. */
    public interface Running {
        Running update(byte[] data, int offset, int length);

        /** The raw checksum of everything given so far. */
        byte[] digest();

        default String base64() {
            return Base64.getEncoder().encodeToString(digest());
        }
    }

    public Running start() {
        return switch (this) {
            case CRC32 -> new RunningCrc(new java.util.zip.CRC32(), 4);
            case CRC32C -> new RunningCrc(new java.util.zip.CRC32C(), 4);
            case SHA1 -> new RunningDigest(messageDigest("SHA-1"));
            case SHA256 -> new RunningDigest(messageDigest("SHA-256"));
            case CRC64NVME -> new Crc64Nvme();
        };
    }

    private static MessageDigest messageDigest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is required by every Java runtime", e);
        }
    }

    private record RunningCrc(Checksum checksum, int length) implements Running {
        @Override
        public Running update(byte[] data, int offset, int count) {
            checksum.update(data, offset, count);
            return this;
        }

        @Override
        public byte[] digest() {
            return ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array();
        }
    }

    private record RunningDigest(MessageDigest messageDigest) implements Running {
        @Override
        public Running update(byte[] data, int offset, int count) {
            messageDigest.update(data, offset, count);
            return this;
        }

        @Override
        public byte[] digest() {
            return messageDigest.digest();
        }
    }

    /**
     * CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, initial and final XOR all ones.
     * Eight bytes a step with eight tables ("slicing-by-8"): S3 computes it over whole objects.
     */
    static final class Crc64Nvme implements Running {
        private static final long POLYNOMIAL = 0x9A6C9329AC4BC9B5L;
        private static final long[] T0 = new long[256];
        private static final long[] T1 = new long[256];
        private static final long[] T2 = new long[256];
        private static final long[] T3 = new long[256];
        private static final long[] T4 = new long[256];
        private static final long[] T5 = new long[256];
        private static final long[] T6 = new long[256];
        private static final long[] T7 = new long[256];
        private static final VarHandle LITTLE_ENDIAN_LONG =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

        static {
            long[][] tables = {T0, T1, T2, T3, T4, T5, T6, T7};
            for (int i = 0; i < 256; i++) {
                long crc = i;
                for (int bit = 0; bit < 8; bit++) {
                    crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
                }
                T0[i] = crc;
            }
            for (int table = 1; table < 8; table++) {
                for (int i = 0; i < 256; i++) {
                    long previous = tables[table - 1][i];
                    tables[table][i] = (previous >>> 8) ^ T0[(int) (previous & 0xFF)];
                }
            }
        }

        private long crc = -1L;

        @Override
        public Running update(byte[] data, int offset, int length) {
            long value = crc;
            int i = offset;
            int end = offset + length;
            for (; i + 8 <= end; i += 8) {
                value ^= (long) LITTLE_ENDIAN_LONG.get(data, i);
                value = T7[(int) value & 0xFF] ^ T6[(int) (value >>> 8) & 0xFF]
                        ^ T5[(int) (value >>> 16) & 0xFF] ^ T4[(int) (value >>> 24) & 0xFF]
                        ^ T3[(int) (value >>> 32) & 0xFF] ^ T2[(int) (value >>> 40) & 0xFF]
                        ^ T1[(int) (value >>> 48) & 0xFF] ^ T0[(int) (value >>> 56)];
            }
            for (; i < end; i++) {
                value = T0[(int) (value ^ data[i]) & 0xFF] ^ (value >>> 8);
            }
            crc = value;
            return this;
        }

        @Override
        public byte[] digest() {
            return ByteBuffer.allocate(8).putLong(~crc).array();
        }

        /**
         * crc(A ‖ B) from crc(A), crc(B) and B's length: crc(A) is advanced over |B| zero bytes
         * (multiplied by x^(8|B|) modulo the polynomial, by repeated squaring of the one-zero-bit
         * operator) and XORed with crc(B); the initial and final XORs cancel out.
         */
        static long combine(long crcA, long crcB, long lengthB) {
            if (lengthB == 0) {
                return crcA;
            }
            long[] odd = new long[64];
            long[] even = new long[64];
            odd[0] = POLYNOMIAL; // one zero bit
            for (int bit = 1; bit < 64; bit++) {
                odd[bit] = 1L << (bit - 1);
            }
            square(even, odd); // two zero bits
            square(odd, even); // four zero bits
            long crc = crcA;
            long remaining = lengthB;
            while (true) {
                square(even, odd); // first pass: one zero byte
                if ((remaining & 1) != 0) {
                    crc = times(even, crc);
                }
                remaining >>>= 1;
                if (remaining == 0) {
                    break;
                }
                square(odd, even);
                if ((remaining & 1) != 0) {
                    crc = times(odd, crc);
                }
                remaining >>>= 1;
                if (remaining == 0) {
                    break;
                }
            }
            return crc ^ crcB;
        }

        private static long times(long[] matrix, long vector) {
            long sum = 0;
            for (int row = 0; vector != 0; row++, vector >>>= 1) {
                if ((vector & 1) != 0) {
                    sum ^= matrix[row];
                }
            }
            return sum;
        }

        private static void square(long[] square, long[] matrix) {
            for (int row = 0; row < 64; row++) {
                square[row] = times(matrix, matrix[row]);
            }
        }
    }
}
