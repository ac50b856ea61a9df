package course.sandbox.lambda;

import course.sandbox.service.ServiceException;

/**
 * Lambda's errors with the codes, statuses and messages AWS answers. Every Lambda error body
 * carries {@code "Type": "User"} (or "Service") next to its message, as the API reference shows.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html">Common errors</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors">Invoke errors</a>
 */
public final class LambdaErrors {
    private LambdaErrors() {
    }

    private static ServiceException user(int status, String code, String message) {
        return new ServiceException(status, code, message).detail("Type", "User");
    }

    public static ServiceException functionNotFound(String arn) {
        return user(404, "ResourceNotFoundException", "Function not found: " + arn);
    }

    public static ServiceException notFound(String message) {
        return user(404, "ResourceNotFoundException", message);
    }

    public static ServiceException conflict(String message) {
        return user(409, "ResourceConflictException", message);
    }

    public static ServiceException invalid(String message) {
        return user(400, "InvalidParameterValueException", message);
    }

    public static ServiceException invalidRequestContent(String message) {
        return user(400, "InvalidRequestContentException", message);
    }

    /** A member outside its modelled constraint, as AWS's request validation words it (400 ValidationException). */
    public static ServiceException validation(String member, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return new ServiceException(400, "ValidationException", "1 validation error detected: Value " + shown + " at '"
                + member + "' failed to satisfy constraint: Member must " + constraint);
    }

    public static ServiceException missing(String member) {
        return validation(member, null, "not be null");
    }

    public static ServiceException tooLarge(long limit, String operation) {
        return user(413, "RequestTooLargeException", "Request must be smaller than " + limit + " bytes for the "
                + operation + " operation");
    }

    /** Throttled: reason is one of AWS's ThrottleReason values, e.g. ReservedFunctionConcurrentInvocationLimitExceeded. */
    public static ServiceException throttled(String reason, String message) {
        return user(429, "TooManyRequestsException", message).detail("Reason", reason)
                .header("Retry-After", "1");
    }

    public static ServiceException preconditionFailed(String message) {
        return user(412, "PreconditionFailedException", message);
    }

    public static ServiceException provisionedNotReady(String message) {
        return user(409, "ProvisionedConcurrencyConfigNotFoundException", message);
    }
}
