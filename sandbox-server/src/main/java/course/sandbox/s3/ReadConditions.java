package course.sandbox.s3;

import java.time.Instant;

/**
 * Conditional request headers (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since,
 * or their x-amz-copy-source-if-* forms); any of them may be null. ETag lists may be
 * comma-separated, quoted or not, or "*".
 */
public record ReadConditions(String ifMatch, String ifNoneMatch, Instant ifModifiedSince, Instant ifUnmodifiedSince) {
    public static final ReadConditions NONE = new ReadConditions(null, null, null, null);
}
