package course.sandbox.iam.policy;

/**
 * Checks a policy document before a service stores it: IAM's identity and trust policies, STS's
 * session policies, S3's bucket policies. The sandbox checks with the engine's own parser
 * ({@link #ENGINE}), so a document is stored only if it can be evaluated; a service may add its
 * own rules (S3: every Resource in the bucket) and answer in its own error.
 */
@FunctionalInterface
public interface PolicyValidator {
    /** The policy engine's grammar, with IAM's reasons ("Syntax errors in policy."). */
    PolicyValidator ENGINE = PolicyDocument::parse;
    PolicyValidator ACCEPT_ALL = (json, kind) -> { };

    /**
     * @param json the document exactly as the caller sent it (already URL-decoded)
     * @param kind how the document will be used
     * @throws MalformedPolicyException with IAM's reason, or a service's own error
     */
    void validate(String json, PolicyKind kind);
}
