package course.sandbox.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The flexible checksums S3 accepts in {@code x-amz-checksum-*} headers and aws-chunked
 * trailers. Values travel base64-encoded, big-endian for the CRCs.
 */
public enum ChecksumAlgorithm {
    CRC32("crc32"),
    CRC32C("crc32c"),
    CRC64NVME("crc64nvme"),
    SHA1("sha1"),
    SHA256("sha256");

    /** Reflected form of the CRC-64/NVME polynomial 0xAD93D23594C93659. */
    private static final long CRC64_NVME_REFLECTED_POLY = 0x9A6C9329AC4BC9B5L;
    private static final long[] CRC64_NVME_TABLE = crc64Table();

    private final String suffix;

    ChecksumAlgorithm(String suffix) {
        this.suffix = suffix;
    }

    /** e.g. {@code x-amz-checksum-crc32}. */
    public String headerName() {
        return "x-amz-checksum-" + suffix;
    }

    /** The algorithm whose header (or trailer) name this is, case-insensitively. */
    public static Optional<ChecksumAlgorithm> ofHeaderName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.headerName().equals(lower)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The checksum of {@code data}, base64-encoded as in the header. */
    public String compute(byte[] data) {
        byte[] raw = switch (this) {
            case CRC32 -> {
                CRC32 crc = new CRC32();
                crc.update(data);
                yield ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
            }
            case CRC32C -> {
                CRC32C crc = new CRC32C();
                crc.update(data);
                yield ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
            }
            case CRC64NVME -> ByteBuffer.allocate(8).putLong(crc64Nvme(data)).array();
            case SHA1 -> digest("SHA-1", data);
            case SHA256 -> digest("SHA-256", data);
        };
        return Base64.getEncoder().encodeToString(raw);
    }

    static long crc64Nvme(byte[] data) {
        long crc = ~0L;
        for (byte b : data) {
            crc = CRC64_NVME_TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
        }
        return ~crc;
    }

    private static long[] crc64Table() {
        long[] table = new long[256];
        for (int n = 0; n < 256; n++) {
            long crc = n;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ CRC64_NVME_REFLECTED_POLY : crc >>> 1;
            }
            table[n] = crc;
        }
        return table;
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
