package course.sandbox.iam.policy;

/** The part a policy plays in an evaluation. */
public enum PolicyRole {
    IDENTITY, PERMISSIONS_BOUNDARY, SESSION, RESOURCE
}
