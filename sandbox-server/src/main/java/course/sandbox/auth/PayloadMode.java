package course.sandbox.auth;

import java.util.Optional;

/** How the body was covered by the signature, as announced in {@code x-amz-content-sha256}. */
public enum PayloadMode {
    /** The hex SHA-256 of the body is in the canonical request (sent or, outside S3, computed). */
    SIGNED_PAYLOAD(null, false, false, false),
    UNSIGNED_PAYLOAD("UNSIGNED-PAYLOAD", false, false, false),
    /** aws-chunked body, every chunk signed in a chain starting at the request's signature. */
    STREAMING_SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", true, true, false),
    /** aws-chunked body without chunk signatures, followed by trailing checksum headers. */
    STREAMING_UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER", true, false, true),
    /** aws-chunked body with chunk signatures, followed by signed trailing headers. */
    STREAMING_SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", true, true, true);

    private final String headerValue;
    private final boolean streaming;
    private final boolean signedChunks;
    private final boolean trailer;

    PayloadMode(String headerValue, boolean streaming, boolean signedChunks, boolean trailer) {
        this.headerValue = headerValue;
        this.streaming = streaming;
        this.signedChunks = signedChunks;
        this.trailer = trailer;
    }

    /** The fixed {@code x-amz-content-sha256} value; empty for {@link #SIGNED_PAYLOAD} (a hash). */
    public Optional<String> headerValue() {
        return Optional.ofNullable(headerValue);
    }

    /** Whether the body is aws-chunked and must be decoded. */
    public boolean streaming() {
        return streaming;
    }

    public boolean signedChunks() {
        return signedChunks;
    }

    public boolean trailer() {
        return trailer;
    }

    /** The mode named by a fixed {@code x-amz-content-sha256} value (not a hash). */
    static Optional<PayloadMode> ofHeaderValue(String value) {
        for (PayloadMode mode : values()) {
            if (value.equals(mode.headerValue)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
