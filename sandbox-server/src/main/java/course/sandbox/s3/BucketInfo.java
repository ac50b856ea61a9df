package course.sandbox.s3;

import java.time.Instant;

/** A bucket as ListBuckets/HeadBucket report it; {@code owner} is the owning account id. */
public record BucketInfo(String name, String owner, Instant creationDate, String region) {}
