package course.sandbox.s3control;

import course.sandbox.service.ServiceException;

/**
 * S3 Control's errors, with AWS's codes and statuses. Access point errors are S3's
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html); Batch Operations
 * answers with its own exception names (BadRequestException, NotFoundException,
 * JobStatusException, IdempotencyException) as the S3 Control API reference lists them.
 */
public final class S3ControlErrors {
    private S3ControlErrors() {
    }

    public static ServiceException noSuchAccessPoint(String name) {
        return new ServiceException(404, "NoSuchAccessPoint", "The specified accesspoint does not exist")
                .detail("AccessPointName", name);
    }

    public static ServiceException accessPointAlreadyOwnedByYou(String name) {
        return new ServiceException(409, "AccessPointAlreadyOwnedByYou",
                "Your previous request to create the named accesspoint succeeded and you already own it.")
                .detail("AccessPointName", name);
    }

    public static ServiceException noSuchAccessPointPolicy(String name) {
        return new ServiceException(404, "NoSuchAccessPointPolicy", "The specified accesspoint policy does not exist")
                .detail("AccessPointName", name);
    }

    public static ServiceException noSuchPublicAccessBlockConfiguration(String account) {
        return new ServiceException(404, "NoSuchPublicAccessBlockConfiguration",
                "The public access block configuration was not found").detail("AccountId", account);
    }

    /** A name that breaks the naming rules cannot even be part of a valid URI for S3 Control. */
    public static ServiceException invalidName() {
        return new ServiceException(400, "InvalidURI", "Couldn't parse the specified URI.");
    }

    public static ServiceException invalidRequest(String message) {
        return new ServiceException(400, "InvalidRequest", message);
    }

    public static ServiceException malformedXml() {
        return new ServiceException(400, "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    public static ServiceException malformedPolicy(String reason) {
        return new ServiceException(400, "MalformedPolicy", reason);
    }

    public static ServiceException accessDenied(String message) {
        return new ServiceException(403, "AccessDenied", message);
    }

    public static ServiceException badRequest(String message) {
        return new ServiceException(400, "BadRequestException", message);
    }

    public static ServiceException noSuchJob(String jobId) {
        return new ServiceException(404, "NotFoundException", "The specified job does not exist: " + jobId);
    }

    public static ServiceException jobStatus(String message) {
        return new ServiceException(400, "JobStatusException", message);
    }

    public static ServiceException idempotency(String token) {
        return new ServiceException(409, "IdempotencyException", "A job with client request token " + token
                + " already exists with different parameters.");
    }

    public static ServiceException notImplemented(String what) {
        return new ServiceException(501, "NotImplemented", "The sandbox does not serve " + what + " yet.");
    }
}
