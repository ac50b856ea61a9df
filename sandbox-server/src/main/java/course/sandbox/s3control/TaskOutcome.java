package course.sandbox.s3control;

/**
 * One task's result, as a completion report row records it.
 *
 * @param httpStatus the HTTP status S3 (or Lambda) answered
 * @param errorCode  the error code of a failed task, null when it succeeded
 * @param message    "Successful", or the error's message
 */
public record TaskOutcome(boolean succeeded, int httpStatus, String errorCode, String message) {

    public static TaskOutcome success(int httpStatus) {
        return new TaskOutcome(true, httpStatus, null, "Successful");
    }

    public static TaskOutcome failure(int httpStatus, String errorCode, String message) {
        return new TaskOutcome(false, httpStatus, errorCode, message);
    }
}
