package course.sandbox.s3.protocol;

import course.sandbox.s3.S3Exception;
import course.sandbox.service.ServiceException;

/**
 * S3's errors as the pipeline carries them: the model's {@link S3Exception}s converted, plus the
 * errors only the protocol layer can raise (unsupported subresources, bad parameters, XML).
 * The resource travels as the "Resource" detail, rendered after the other details.
 */
final class S3ProtocolErrors {
    static final String RESOURCE = "Resource";

    private S3ProtocolErrors() {
    }

    static ServiceException from(S3Exception error) {
        ServiceException converted = new ServiceException(error.httpStatus(), error.code(), error.getMessage());
        error.details().forEach(converted::detail);
        converted.detail(RESOURCE, error.resource());
        if (error.deleteMarker()) {
            converted.header("x-amz-delete-marker", "true");
        }
        if (error.versionId() != null) {
            converted.header("x-amz-version-id", error.versionId());
        }
        if (error.etag() != null) {
            converted.header("ETag", error.etag());
        }
        if (error.lastModified() != null) {
            converted.header("Last-Modified", HttpDates.format(error.lastModified()));
        }
        return converted;
    }

    /** What S3 answers for functionality the sandbox does not offer: never a silent success. */
    static ServiceException notImplemented(String resource) {
        return new ServiceException(501, "NotImplemented",
                "A header you provided implies functionality that is not implemented").detail(RESOURCE, resource);
    }

    static ServiceException notImplementedHeader(String header, String resource) {
        return notImplemented(resource).detail("Header", header);
    }

    static ServiceException methodNotAllowed(String method, String resourceType, String resource) {
        return new ServiceException(405, "MethodNotAllowed", "The specified method is not allowed against this resource.")
                .detail("Method", method).detail("ResourceType", resourceType).detail(RESOURCE, resource);
    }

    static ServiceException invalidArgument(String message, String name, String value, String resource) {
        return new ServiceException(400, "InvalidArgument", message)
                .detail("ArgumentName", name).detail("ArgumentValue", value).detail(RESOURCE, resource);
    }

    static ServiceException invalidRequest(String message, String resource) {
        return new ServiceException(400, "InvalidRequest", message).detail(RESOURCE, resource);
    }

    /** A URI whose path does not decode to UTF-8, among others: https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html */
    static ServiceException invalidUri(String resource) {
        return new ServiceException(400, "InvalidURI", "Couldn't parse the specified URI.").detail(RESOURCE, resource);
    }

    static ServiceException malformedXml(String resource) {
        return new ServiceException(400, "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema")
                .detail(RESOURCE, resource);
    }

    static ServiceException malformedPolicy(String reason, String resource) {
        return new ServiceException(400, "MalformedPolicy", reason).detail(RESOURCE, resource);
    }

    static ServiceException noSuchBucket(String bucket) {
        return new ServiceException(404, "NoSuchBucket", "The specified bucket does not exist")
                .detail("BucketName", bucket).detail(RESOURCE, "/" + bucket);
    }
}
