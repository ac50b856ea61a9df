package course.sandbox.iam;

/** Where an identity policy of a principal comes from. */
public enum PolicySourceType {
    USER_INLINE,
    GROUP_INLINE,
    ROLE_INLINE,
    AWS_MANAGED,
    CUSTOMER_MANAGED
}
