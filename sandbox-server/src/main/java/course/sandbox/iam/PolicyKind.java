package course.sandbox.iam;

/** Where a policy document is used; the validator applies the grammar rules of each kind. */
public enum PolicyKind {
    /** Inline or managed policy attached to a user, group or role. */
    IDENTITY,
    /** A role's AssumeRolePolicyDocument (a resource policy: Principal is required). */
    TRUST,
    /** A managed policy used as a permissions boundary. */
    PERMISSIONS_BOUNDARY,
    /** The Policy parameter of AssumeRole / GetFederationToken. */
    SESSION
}
