package course.sandbox.faults;

/** The error answer an injected fault gives: HTTP status, AWS error code and message. */
public record FaultError(int status, String code, String message) {
}
