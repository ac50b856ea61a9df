package course.sandbox.s3;

import course.sandbox.protocol.ChecksumAlgorithm;
import java.time.Instant;
import java.util.Map;

/**
 * Result of CopyObject: {@code versionId} of the new object and {@code sourceVersionId} of the
 * copied version (x-amz-copy-source-version-id); each is null when its bucket is unversioned.
 */
public record CopyResult(String etag, Instant lastModified, String versionId, String sourceVersionId,
                         Map<ChecksumAlgorithm, String> checksums) {}
