package course.sandbox.s3;

import course.sandbox.protocol.ChecksumAlgorithm;
import java.time.Instant;

/** An in-progress multipart upload. {@code checksumAlgorithm} may be null. */
public record UploadInfo(String key, String uploadId, Instant initiated, String owner,
                         ChecksumAlgorithm checksumAlgorithm) {}
