package course.sandbox.s3;

/**
 * Validates a bucket policy document before it is stored. Implementations throw an
 * {@link S3Exception} (normally {@code MalformedPolicy}, 400) to reject it.
 */
@FunctionalInterface
public interface PolicyValidator {
    PolicyValidator ACCEPT_ALL = (bucket, policyJson) -> { };

    void validate(String bucket, String policyJson);
}
