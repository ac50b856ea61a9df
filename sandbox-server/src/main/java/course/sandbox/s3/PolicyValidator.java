package course.sandbox.s3;

import course.sandbox.service.ServiceException;

/**
 * Validates a bucket policy document before it is stored. Implementations throw an
 * {@link ServiceException} (normally {@code MalformedPolicy}, 400) to reject it.
 */
@FunctionalInterface
public interface PolicyValidator {
    PolicyValidator ACCEPT_ALL = (bucket, policyJson) -> { };

    void validate(String bucket, String policyJson);
}
