package course.sandbox.logs;

import course.sandbox.service.ServiceException;

/**
 * CloudWatch Logs' errors, with the codes and messages AWS answers (all HTTP 400): the codes are
 * those the API reference lists per operation; the messages are the ones AWS's SDKs report.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/CommonErrors.html">Common errors</a>
 */
public final class LogsErrors {
    private LogsErrors() {
    }

    public static ServiceException groupNotFound() {
        return new ServiceException(400, "ResourceNotFoundException", "The specified log group does not exist.");
    }

    public static ServiceException streamNotFound() {
        return new ServiceException(400, "ResourceNotFoundException", "The specified log stream does not exist.");
    }

    public static ServiceException groupExists() {
        return new ServiceException(400, "ResourceAlreadyExistsException", "The specified log group already exists");
    }

    public static ServiceException streamExists() {
        return new ServiceException(400, "ResourceAlreadyExistsException", "The specified log stream already exists");
    }

    public static ServiceException invalid(String message) {
        return new ServiceException(400, "InvalidParameterException", message);
    }

    /** A parameter outside its modelled constraint, worded as AWS's request validation words it. */
    public static ServiceException validation(String member, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return invalid("1 validation error detected: Value " + shown + " at '" + member
                + "' failed to satisfy constraint: Member must " + constraint);
    }

    public static ServiceException missing(String member) {
        return validation(member, null, "not be null");
    }

    public static ServiceException tooManyTags(String resourceArn) {
        return new ServiceException(400, "TooManyTagsException", "A resource can have no more than 50 tags.")
                .detail("resourceName", resourceArn);
    }
}
