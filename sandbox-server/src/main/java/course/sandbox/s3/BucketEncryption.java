package course.sandbox.s3;

/**
 * A bucket's default encryption. Every bucket has one: SSE-S3 (AES256) unless configured
 * otherwise, and deleting the configuration returns to it (AWS, since January 2023).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
 */
public record BucketEncryption(String sseAlgorithm, boolean bucketKeyEnabled) {
    public static final String AES256 = "AES256";
    public static final BucketEncryption SSE_S3 = new BucketEncryption(AES256, false);
}
