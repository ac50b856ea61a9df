package course.sandbox.s3;

/** One Part element of a CompleteMultipartUpload request; the ETag may be quoted or not. */
public record CompletedPart(int partNumber, String etag) {}
