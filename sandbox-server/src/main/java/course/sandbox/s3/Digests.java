package course.sandbox.s3;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** MD5 and the ETags S3 derives from it. */
public final class Digests {
    private Digests() {}

    public static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java runtime", e);
        }
    }

    /** ETag of a single-request upload: the quoted hex MD5 of the body. */
    public static String etag(byte[] body) {
        return etagOf(md5(body));
    }

    /** ETag of a single-request upload whose MD5 is already known. */
    static String etagOf(byte[] md5) {
        return quote(HexFormat.of().formatHex(md5));
    }

    /**
     * ETag of a multipart object: the hex MD5 of the concatenated binary MD5s of the parts,
     * followed by "-" and the number of parts, quoted.
     */
    public static String multipartEtag(List<byte[]> partMd5s) {
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        partMd5s.forEach(concatenated::writeBytes);
        return quote(HexFormat.of().formatHex(md5(concatenated.toByteArray())) + "-" + partMd5s.size());
    }

    static String quote(String value) {
        return "\"" + value + "\"";
    }

    /** An ETag without surrounding quotes, as clients may send it either way. */
    static String unquote(String etag) {
        String trimmed = etag.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** Raw MD5 bytes from a quoted single-part ETag. */
    static byte[] md5FromEtag(String etag) {
        return HexFormat.of().parseHex(unquote(etag));
    }
}
