package course.sandbox.iam;

/** Thrown by a {@link PolicyValidator}; the message becomes the MalformedPolicyDocument message. */
public class InvalidPolicyException extends Exception {
    public InvalidPolicyException(String message) {
        super(message);
    }
}
