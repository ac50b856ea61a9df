package course.sandbox.s3;

/**
 * The errors of bucket configuration rules (CORS, website, lifecycle, ACLs, public access,
 * encryption), with AWS's codes, statuses and messages.
 */
final class ConfigErrors {
    private ConfigErrors() {
    }

    static S3Exception malformedXml(String bucket) {
        return S3Errors.malformedXml("/" + bucket);
    }

    static S3Exception invalidArgument(String message, String bucket) {
        return new S3Exception("InvalidArgument", 400, message, "/" + bucket);
    }

    static S3Exception invalidArgument(String message, String name, String value, String resource) {
        return S3Errors.invalidArgument(message, name, value, resource);
    }

    static S3Exception invalidRequest(String message, String bucket) {
        return S3Errors.invalidRequest(message, "/" + bucket);
    }

    /** The 404 a Get answers for a configuration the bucket does not have. */
    static S3Exception notFound(String code, String message, String bucket) {
        return new S3Exception(code, 404, message, "/" + bucket).detail("BucketName", bucket);
    }

    /** Functionality S3 has and the sandbox does not run: never a silent success. */
    static S3Exception notImplemented(String message, String resource) {
        return new S3Exception("NotImplemented", 501, message, resource);
    }

    static S3Exception accessDenied(String message, String resource) {
        return new S3Exception("AccessDenied", 403, message, resource);
    }

    /** An ACL on a bucket whose Object Ownership is BucketOwnerEnforced (ACLs disabled). */
    static S3Exception aclNotSupported(String resource) {
        return new S3Exception("AccessControlListNotSupported", 400, "The bucket does not allow ACLs", resource);
    }
}
