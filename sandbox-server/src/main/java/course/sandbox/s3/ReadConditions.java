package course.sandbox.s3;

import java.time.Instant;

/**
 * The conditions of a read (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since, or
 * their x-amz-copy-source-if-* forms), already parsed; any of them may be null.
 */
public record ReadConditions(EtagList ifMatch, EtagList ifNoneMatch, Instant ifModifiedSince,
                             Instant ifUnmodifiedSince) {
    public static final ReadConditions NONE = new ReadConditions(null, null, null, null);
}
