package course.sandbox.s3;

import course.sandbox.service.ServiceException;

/**
 * The errors of bucket configuration rules (CORS, website, lifecycle), with AWS's codes,
 * statuses and messages, about the bucket.
 */
final class ConfigErrors {
    private ConfigErrors() {
    }

    static ServiceException malformedXml(String bucket) {
        return S3Errors.malformedXml("/" + bucket);
    }

    static ServiceException invalidArgument(String message, String bucket) {
        return S3Errors.error("InvalidArgument", 400, message, "/" + bucket);
    }

    static ServiceException invalidRequest(String message, String bucket) {
        return S3Errors.invalidRequest(message, "/" + bucket);
    }
}
