package course.sandbox.auth;

import course.sandbox.http.Headers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pure arithmetic of AWS Signature Version 4: canonical request, string to sign, signing key
 * and signature. No I/O, no clock, no credentials store; {@link SigV4Verifier} builds on it.
 *
 * <p>Every method is deterministic and works on the request exactly as it arrived on the wire
 * (raw, still percent-encoded path and query).
 */
public final class SigV4 {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String CHUNK_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";
    public static final String TRAILER_ALGORITHM = "AWS4-HMAC-SHA256-TRAILER";
    public static final String TERMINATOR = "aws4_request";
    /** SHA-256 of the empty string, the hashed payload of every bodiless request. */
    public static final String EMPTY_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private SigV4() {
    }

    // ---- canonical URI -------------------------------------------------------------------

    /**
     * The canonical URI of a raw (as sent) path.
     *
     * @param rawPath       path as sent, still percent-encoded; empty means "/"
     * @param normalizePath {@code false} for S3: the path is used as sent, existing escapes kept
     *                      verbatim (no double encoding), only characters that may not appear
     *                      unescaped are escaped. {@code true} for every other service: dot
     *                      segments and empty segments are removed and each segment is
     *                      URI-encoded again, so {@code %20} becomes {@code %2520}.
     */
    public static String canonicalUri(String rawPath, boolean normalizePath) {
        String path = rawPath.isEmpty() ? "/" : rawPath;
        return normalizePath ? normalizedAndEncodedAgain(path) : escapedAsSent(path);
    }

    private static String escapedAsSent(String path) {
        StringBuilder out = new StringBuilder(path.length());
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2))) {
                out.append(path, i, i + 3);
                i += 3;
            } else if (c == '/' || isUnreserved(c)) {
                out.append(c);
                i++;
            } else {
                int end = i + Character.charCount(path.codePointAt(i));
                appendEscaped(out, path.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return out.toString();
    }

    private static String normalizedAndEncodedAgain(String path) {
        List<String> segments = new ArrayList<>();
        String[] parts = path.split("/", -1);
        boolean trailingSlash = false;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (part.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                trailingSlash = last;
            } else if (part.isEmpty() || part.equals(".")) {
                trailingSlash = last;
            } else {
                segments.add(part);
                trailingSlash = false;
            }
        }
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/').append(uriEncode(segment, true));
        }
        if (trailingSlash) {
            out.append('/');
        }
        return out.toString();
    }

    // ---- canonical query -----------------------------------------------------------------

    /**
     * The canonical query string: every parameter percent-decoded and re-encoded the SigV4 way,
     * sorted by encoded name then encoded value, a missing value written as {@code name=}.
     *
     * @param rawQuery  query as sent, without '?'
     * @param presigned when true, {@code X-Amz-Signature} is left out (it cannot sign itself)
     */
    public static String canonicalQuery(String rawQuery, boolean presigned) {
        List<String[]> pairs = new ArrayList<>();
        for (QueryParameters.Parameter parameter : QueryParameters.parse(rawQuery)) {
            String name = uriEncode(percentDecodeBytes(parameter.rawName()), true);
            if (presigned && name.equals("X-Amz-Signature")) {
                continue;
            }
            pairs.add(new String[] {name, uriEncode(percentDecodeBytes(parameter.rawValue()), true)});
        }
        pairs.sort(Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]));
        return pairs.stream().map(pair -> pair[0] + "=" + pair[1]).collect(Collectors.joining("&"));
    }

    // ---- canonical headers ---------------------------------------------------------------

    /**
     * The canonical headers block: one {@code name:value\n} line per signed header, values
     * trimmed with inner runs of whitespace collapsed, repeated headers joined with ','.
     *
     * @param signedHeaders lower-case names in the order they were signed (sorted by the client)
     */
    public static String canonicalHeaders(Headers headers, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
            String value = headers.all(name).stream()
                    .map(SigV4::canonicalHeaderValue)
                    .collect(Collectors.joining(","));
            out.append(name).append(':').append(value).append('\n');
        }
        return out.toString();
    }

    /** A header value trimmed, with every inner run of spaces or tabs collapsed to one space. */
    public static String canonicalHeaderValue(String value) {
        return value.strip().replaceAll("[ \\t]+", " ");
    }

    // ---- request, string to sign, key, signature -----------------------------------------

    public static String canonicalRequest(String method, String canonicalUri, String canonicalQuery,
            String canonicalHeaders, List<String> signedHeaders, String hashedPayload) {
        return method + "\n" + canonicalUri + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n"
                + String.join(";", signedHeaders) + "\n" + hashedPayload;
    }

    /** {@code date/region/service/aws4_request}; {@code date} is yyyyMMdd. */
    public static String scope(String date, String region, String service) {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }

    /** @param amzDate the request time as yyyyMMdd'T'HHmmss'Z' */
    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
    }

    /**
     * The string to sign of one aws-chunked chunk, chained to the previous signature; the chunk
     * is {@code length} bytes of {@code body} from {@code offset}.
     */
    public static String chunkStringToSign(String amzDate, String scope, String previousSignature, byte[] body,
                                           int offset, int length) {
        return CHUNK_ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + previousSignature + "\n"
                + EMPTY_SHA256 + "\n" + hex(sha256(body, offset, length));
    }

    /**
     * The string to sign of the trailing headers of an aws-chunked body.
     *
     * @param canonicalTrailers the trailing headers as {@code name:value\n} lines
     */
    public static String trailerStringToSign(String amzDate, String scope, String previousSignature,
            String canonicalTrailers) {
        return TRAILER_ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + previousSignature + "\n"
                + sha256Hex(canonicalTrailers);
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    public static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] kDate = hmacSha256(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = hmacSha256(kDate, region);
        byte[] kService = hmacSha256(kRegion, service);
        return hmacSha256(kService, TERMINATOR);
    }

    /** The lower-case hex signature of a string to sign. */
    public static String signature(byte[] signingKey, String stringToSign) {
        return hex(hmacSha256(signingKey, stringToSign));
    }

    // ---- primitives ----------------------------------------------------------------------

    public static byte[] hmacSha256(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        return sha256(data, 0, data.length);
    }

    private static byte[] sha256(byte[] data, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, offset, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static String sha256Hex(byte[] data) {
        return hex(sha256(data));
    }

    public static String sha256Hex(String data) {
        return sha256Hex(data.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex, as SigV4 writes hashes and signatures. */
    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Whether {@code value} is 64 lower- or upper-case hex digits, the shape of a SHA-256. */
    public static boolean isSha256Hex(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isHex(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * SigV4's URI encoding of a decoded string: UTF-8 bytes, every byte except the unreserved
     * characters {@code A-Z a-z 0-9 - _ . ~} written as {@code %XX} (upper-case hex).
     *
     * @param encodeSlash false keeps '/' as is (for paths)
     */
    public static String uriEncode(String value, boolean encodeSlash) {
        return uriEncode(value.getBytes(StandardCharsets.UTF_8), encodeSlash);
    }

    /** {@link #uriEncode(String, boolean)} of raw bytes (a decoded query may not be UTF-8). */
    public static String uriEncode(byte[] value, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(value.length);
        for (byte b : value) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c) || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                appendEscaped(out, new byte[] {b});
            }
        }
        return out.toString();
    }

    /** Percent-decoding that never fails: a '%' not followed by two hex digits stays literal. */
    public static String percentDecode(String value) {
        return new String(percentDecodeBytes(value), StandardCharsets.UTF_8);
    }

    /** {@link #percentDecode(String)} to raw bytes. */
    public static byte[] percentDecodeBytes(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int end = i + Character.charCount(value.codePointAt(i));
                bytes.writeBytes(value.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return bytes.toByteArray();
    }

    private static void appendEscaped(StringBuilder out, byte[] bytes) {
        for (byte b : bytes) {
            out.append('%').append(HEX_UPPER[(b >> 4) & 0xf]).append(HEX_UPPER[b & 0xf]);
        }
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
