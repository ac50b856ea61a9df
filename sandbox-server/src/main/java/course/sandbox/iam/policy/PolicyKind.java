package course.sandbox.iam.policy;

/** Where a policy document is used; decides which elements are required or forbidden. */
public enum PolicyKind {
    /** Attached to a user, group or role, or used as a boundary or session policy: no Principal. */
    IDENTITY,
    /** Attached to a resource, such as a bucket policy: Principal or NotPrincipal required. */
    RESOURCE,
    /** A role's trust policy (assume-role policy): Principal required, no Resource. */
    TRUST
}
