package course.sandbox.s3;

import course.sandbox.s3.protocol.HttpDates;
import course.sandbox.service.ServiceException;

import java.time.Instant;

/**
 * S3's errors, with AWS's codes, statuses and messages: those the model raises and those only the
 * protocol layer can (unsupported subresources, bad parameters, XML). Each names the resource it is
 * about ("/bucket" or "/bucket/key"), which REST-XML renders as Resource; errors S3 answers with
 * headers (delete markers, 304) carry them.
 */
public final class S3Errors {
    private S3Errors() {}

    static String resource(String bucket, String key) {
        return key == null ? "/" + bucket : "/" + bucket + "/" + key;
    }

    /** Any S3 error: code, status, message and the resource it is about. */
    public static ServiceException error(String code, int status, String message, String resource) {
        return new ServiceException(status, code, message).resource(resource);
    }

    public static ServiceException noSuchBucket(String bucket) {
        return error("NoSuchBucket", 404, "The specified bucket does not exist", resource(bucket, null))
                .detail("BucketName", bucket);
    }

    static ServiceException noSuchKey(String bucket, String key) {
        return error("NoSuchKey", 404, "The specified key does not exist.", resource(bucket, key))
                .detail("Key", key);
    }

    static ServiceException noSuchVersion(String bucket, String key, String versionId) {
        return error("NoSuchVersion", 404, "The specified version does not exist.", resource(bucket, key))
                .detail("Key", key).detail("VersionId", versionId);
    }

    static ServiceException invalidVersionId(String bucket, String key, String versionId) {
        return invalidArgument("Invalid version id specified", "versionId", versionId, resource(bucket, key));
    }

    public static ServiceException methodNotAllowed(String method, String resourceType, String resource) {
        return error("MethodNotAllowed", 405, "The specified method is not allowed against this resource.", resource)
                .detail("Method", method).detail("ResourceType", resourceType);
    }

    public static ServiceException invalidArgument(String message, String argumentName, String argumentValue, String resource) {
        ServiceException error = error("InvalidArgument", 400, message, resource);
        if (argumentName != null) {
            error.detail("ArgumentName", argumentName).detail("ArgumentValue", String.valueOf(argumentValue));
        }
        return error;
    }

    public static ServiceException invalidRequest(String message, String resource) {
        return error("InvalidRequest", 400, message, resource);
    }

    /** A key of a DeleteObjects batch the caller may not delete; S3 says no more than this, per key. */
    static ServiceException accessDenied(String bucket, String key) {
        return error("AccessDenied", 403, "Access Denied", resource(bucket, key));
    }

    /** A URI whose path does not decode to UTF-8, among others: https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html */
    public static ServiceException invalidUri(String resource) {
        return error("InvalidURI", 400, "Couldn't parse the specified URI.", resource);
    }

    public static ServiceException malformedXml(String resource) {
        return error("MalformedXML", 400,
                "The XML you provided was not well-formed or did not validate against our published schema", resource);
    }

    public static ServiceException malformedPolicy(String reason, String resource) {
        return error("MalformedPolicy", 400, reason, resource);
    }

    static ServiceException preconditionFailed(String condition, String resource) {
        return error("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold",
                resource).detail("Condition", condition);
    }

    /** A 304: no body on the wire, the object's validators in its headers. */
    static ServiceException notModified(String resource, String etag, Instant lastModified) {
        return error("NotModified", 304, "Not Modified", resource)
                .header("ETag", etag).header("Last-Modified", HttpDates.format(lastModified));
    }

    /** What S3 answers about a delete marker: the headers say it is one, and which version. */
    static ServiceException atDeleteMarker(ServiceException error, String versionId, Instant lastModified) {
        error.header("x-amz-delete-marker", "true");
        if (versionId != null) {
            error.header("x-amz-version-id", versionId);
        }
        return error.header("Last-Modified", HttpDates.format(lastModified));
    }

    static ServiceException noSuchUpload(String bucket, String key, String uploadId) {
        return error("NoSuchUpload", 404,
                "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
                resource(bucket, key)).detail("UploadId", uploadId);
    }

    static ServiceException invalidTag(String message, String resource) {
        return error("InvalidTag", 400, message, resource);
    }

    /** What S3 answers for functionality the sandbox does not offer: never a silent success. */
    public static ServiceException notImplemented(String resource) {
        return error("NotImplemented", 501, "A header you provided implies functionality that is not implemented", resource);
    }

    public static ServiceException notImplementedHeader(String header, String resource) {
        return notImplemented(resource).detail("Header", header);
    }
}
