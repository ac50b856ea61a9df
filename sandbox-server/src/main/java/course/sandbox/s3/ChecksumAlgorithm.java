package course.sandbox.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The additional checksums S3 validates and stores; values travel base64-encoded, big-endian. */
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

    /** CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, initial and final XOR all ones. */
    static final class Crc64Nvme {
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < 256; i++) {
                long crc = i;
                for (int bit = 0; bit < 8; bit++) {
                    crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
                }
                TABLE[i] = crc;
            }
        }

        private Crc64Nvme() {}

        static long compute(byte[] data) {
            long crc = -1L;
            for (byte b : data) {
                crc = TABLE[(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
            }
            return ~crc;
        }
    }
}
