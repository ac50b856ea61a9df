package course.sandbox.iam;

/**
 * An error that IAM or STS reports to the caller, with AWS's error code, message and HTTP status.
 * The Query protocol renders it as {@code <ErrorResponse>}; {@link #type()} is "Sender" for
 * client errors and "Receiver" for server faults, as in AWS's XML.
 */
public class AwsApiException extends RuntimeException {
    private final String code;
    private final int status;

    public AwsApiException(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String type() {
        return status >= 500 ? "Receiver" : "Sender";
    }

    public static AwsApiException noSuchEntity(String message) {
        return new AwsApiException("NoSuchEntity", message, 404);
    }

    public static AwsApiException entityAlreadyExists(String message) {
        return new AwsApiException("EntityAlreadyExists", message, 409);
    }

    public static AwsApiException validation(String message) {
        return new AwsApiException("ValidationError", message, 400);
    }

    public static AwsApiException invalidInput(String message) {
        return new AwsApiException("InvalidInput", message, 400);
    }

    public static AwsApiException malformedPolicy(String message) {
        return new AwsApiException("MalformedPolicyDocument", message, 400);
    }

    public static AwsApiException limitExceeded(String message) {
        return new AwsApiException("LimitExceeded", message, 409);
    }

    public static AwsApiException deleteConflict(String message) {
        return new AwsApiException("DeleteConflict", message, 409);
    }

    public static AwsApiException accessDenied(String message) {
        return new AwsApiException("AccessDenied", message, 403);
    }

    /** AWS's wording for a required parameter that is absent. */
    public static AwsApiException missing(String member) {
        return validation("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }

    /** AWS's wording for a value that breaks a constraint of the API model. */
    public static AwsApiException constraint(Object value, String member, String constraint) {
        return validation("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
