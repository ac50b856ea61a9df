package course.sandbox.s3;

import course.sandbox.protocol.ChecksumAlgorithm;
import java.util.Map;

/** Result of PutObject / CompleteMultipartUpload; versionId is null in unversioned buckets. */
public record PutResult(String etag, String versionId, Map<ChecksumAlgorithm, String> checksums) {}
