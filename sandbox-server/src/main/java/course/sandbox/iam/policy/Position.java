package course.sandbox.iam.policy;

/**
 * A place in a policy document's JSON text, both numbers 1-based, as IAM's simulator reports
 * {@code StartPosition} and {@code EndPosition}.
 */
public record Position(int line, int column) {
}
