package course.sandbox.iam.policy;

/**
 * Which kind of policy settled the decision: for an allow, the policy that granted it; for an
 * explicit deny, the policy with the Deny; for an implicit deny, the policy that failed to allow
 * (NONE when no policy allowed anything).
 */
public enum DecidedBy {
    IDENTITY, PERMISSIONS_BOUNDARY, SESSION, RESOURCE,
    /** The account root user, which needs no policy to be allowed. */
    ROOT_USER,
    NONE
}
