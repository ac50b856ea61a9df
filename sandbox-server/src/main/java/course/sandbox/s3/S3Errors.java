package course.sandbox.s3;

/** Factories for the AWS S3 errors the model raises, with AWS's codes, statuses and messages. */
final class S3Errors {
    private S3Errors() {}

    static String resource(String bucket, String key) {
        return key == null ? "/" + bucket : "/" + bucket + "/" + key;
    }

    static S3Exception noSuchBucket(String bucket) {
        return new S3Exception("NoSuchBucket", 404, "The specified bucket does not exist", resource(bucket, null))
                .detail("BucketName", bucket);
    }

    static S3Exception noSuchKey(String bucket, String key) {
        return new S3Exception("NoSuchKey", 404, "The specified key does not exist.", resource(bucket, key))
                .detail("Key", key);
    }

    static S3Exception noSuchVersion(String bucket, String key, String versionId) {
        return new S3Exception("NoSuchVersion", 404, "The specified version does not exist.", resource(bucket, key))
                .detail("Key", key).detail("VersionId", versionId);
    }

    static S3Exception invalidVersionId(String bucket, String key, String versionId) {
        return invalidArgument("Invalid version id specified", "versionId", versionId, resource(bucket, key));
    }

    static S3Exception methodNotAllowed(String bucket, String key, String method, String resourceType) {
        return new S3Exception("MethodNotAllowed", 405, "The specified method is not allowed against this resource.",
                resource(bucket, key)).detail("Method", method).detail("ResourceType", resourceType);
    }

    static S3Exception invalidArgument(String message, String argumentName, String argumentValue, String resource) {
        S3Exception error = new S3Exception("InvalidArgument", 400, message, resource);
        if (argumentName != null) {
            error.detail("ArgumentName", argumentName).detail("ArgumentValue", String.valueOf(argumentValue));
        }
        return error;
    }

    static S3Exception invalidRequest(String message, String resource) {
        return new S3Exception("InvalidRequest", 400, message, resource);
    }

    /** A key of a DeleteObjects batch the caller may not delete; S3 says no more than this, per key. */
    static S3Exception accessDenied(String bucket, String key) {
        return new S3Exception("AccessDenied", 403, "Access Denied", resource(bucket, key));
    }

    static S3Exception malformedXml(String resource) {
        return new S3Exception("MalformedXML", 400,
                "The XML you provided was not well-formed or did not validate against our published schema", resource);
    }

    static S3Exception preconditionFailed(String condition, String resource) {
        return new S3Exception("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold",
                resource).detail("Condition", condition);
    }

    static S3Exception notModified(String resource, String etag, java.time.Instant lastModified) {
        return new S3Exception("NotModified", 304, "Not Modified", resource).validators(etag, lastModified);
    }

    static S3Exception noSuchUpload(String bucket, String key, String uploadId) {
        return new S3Exception("NoSuchUpload", 404,
                "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
                resource(bucket, key)).detail("UploadId", uploadId);
    }

    static S3Exception invalidTag(String message, String resource) {
        return new S3Exception("InvalidTag", 400, message, resource);
    }
}
