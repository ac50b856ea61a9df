package course.sandbox.iam;

/**
 * Checks a policy document's grammar before IAM stores it. The policy engine implements this;
 * the IAM model only relays its verdict as MalformedPolicyDocument.
 */
@FunctionalInterface
public interface PolicyValidator {
    /**
     * @param json the document exactly as the caller sent it (already URL-decoded)
     * @param kind how the document will be used
     * @throws InvalidPolicyException with AWS's message, e.g. "Syntax errors in policy."
     */
    void validate(String json, PolicyKind kind) throws InvalidPolicyException;
}
