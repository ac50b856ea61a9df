package course.sandbox.iam.policy;

/** Kinds of request principal, with the value IAM puts in {@code aws:PrincipalType}. */
public enum PrincipalType {
    ROOT("Account"),
    IAM_USER("User"),
    ASSUMED_ROLE("AssumedRole"),
    ANONYMOUS("Anonymous"),
    SERVICE(null);

    private final String contextValue;

    PrincipalType(String contextValue) {
        this.contextValue = contextValue;
    }

    /** The {@code aws:PrincipalType} value, or null when IAM sets none (service principals). */
    public String contextValue() {
        return contextValue;
    }
}
