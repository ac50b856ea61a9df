package course.sandbox.iam.policy;

/** Where a policy comes from, with the SourcePolicyType value IAM's simulator reports. */
public enum PolicySourceType {
    USER_INLINE("user"),
    GROUP_INLINE("group"),
    ROLE_INLINE("role"),
    AWS_MANAGED("aws-managed"),
    CUSTOMER_MANAGED("user-managed"),
    RESOURCE("resource"),
    /** A policy passed in directly, such as SimulateCustomPolicy input or a session policy. */
    NONE("none");

    private final String wireName;

    PolicySourceType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
