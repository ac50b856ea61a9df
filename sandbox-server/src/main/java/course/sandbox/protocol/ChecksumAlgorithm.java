package course.sandbox.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
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
        return switch (this) {
            case CRC32 -> intBytes(update(new CRC32(), data));
            case CRC32C -> intBytes(update(new CRC32C(), data));
            case SHA1 -> messageDigest("SHA-1", data);
            case SHA256 -> messageDigest("SHA-256", data);
            case CRC64NVME -> ByteBuffer.allocate(8).putLong(Crc64Nvme.compute(data)).array();
        };
    }

    public String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(digest(data));
    }

    private static long update(Checksum checksum, byte[] data) {
        checksum.update(data, 0, data.length);
        return checksum.getValue();
    }

    private static byte[] intBytes(long value) {
        return ByteBuffer.allocate(4).putInt((int) value).array();
    }

    private static byte[] messageDigest(String name, byte[] data) {
        try {
            return MessageDigest.getInstance(name).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is required by every Java runtime", e);
        }
    }

    /**
     * CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, initial and final XOR all ones.
     * Eight bytes a step with eight tables ("slicing-by-8"): S3 computes it over whole objects.
     */
    static final class Crc64Nvme {
        private static final long[][] TABLES = new long[8][256];
        private static final VarHandle LITTLE_ENDIAN_LONG =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

        static {
            for (int i = 0; i < 256; i++) {
                long crc = i;
                for (int bit = 0; bit < 8; bit++) {
                    crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
                }
                TABLES[0][i] = crc;
            }
            for (int table = 1; table < 8; table++) {
                for (int i = 0; i < 256; i++) {
                    long previous = TABLES[table - 1][i];
                    TABLES[table][i] = (previous >>> 8) ^ TABLES[0][(int) (previous & 0xFF)];
                }
            }
        }

        private Crc64Nvme() {}

        static long compute(byte[] data) {
            long crc = -1L;
            int i = 0;
            for (; i + 8 <= data.length; i += 8) {
                crc ^= (long) LITTLE_ENDIAN_LONG.get(data, i);
                crc = TABLES[7][(int) (crc & 0xFF)] ^ TABLES[6][(int) ((crc >>> 8) & 0xFF)]
                        ^ TABLES[5][(int) ((crc >>> 16) & 0xFF)] ^ TABLES[4][(int) ((crc >>> 24) & 0xFF)]
                        ^ TABLES[3][(int) ((crc >>> 32) & 0xFF)] ^ TABLES[2][(int) ((crc >>> 40) & 0xFF)]
                        ^ TABLES[1][(int) ((crc >>> 48) & 0xFF)] ^ TABLES[0][(int) (crc >>> 56)];
            }
            for (; i < data.length; i++) {
                crc = TABLES[0][(int) ((crc ^ data[i]) & 0xFF)] ^ (crc >>> 8);
            }
            return ~crc;
        }
    }
}
