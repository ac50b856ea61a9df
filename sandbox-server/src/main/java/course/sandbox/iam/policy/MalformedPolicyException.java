package course.sandbox.iam.policy;

/**
 * A policy document that IAM would reject. The message is IAM's own reason text (for example
 * {@code "Syntax errors in policy."}); the protocol layer returns it with {@link #errorCode()}.
 */
public final class MalformedPolicyException extends RuntimeException {

    public MalformedPolicyException(String reason) {
        super(reason);
    }

    /** The AWS error code IAM uses for invalid policy documents. */
    public String errorCode() {
        return "MalformedPolicyDocument";
    }
}
