package course.sandbox.s3;

import course.sandbox.protocol.ChecksumAlgorithm;
import java.time.Instant;
import java.util.Map;

/** An uploaded part (UploadPart, UploadPartCopy, ListParts). */
public record PartInfo(int partNumber, String etag, long size, Instant lastModified,
                       Map<ChecksumAlgorithm, String> checksums) {}
