package course.sandbox.iam.policy;

/** The outcome of an evaluation, with IAM's EvalDecision wire value. */
public enum Decision {
    ALLOWED("allowed"), EXPLICIT_DENY("explicitDeny"), IMPLICIT_DENY("implicitDeny");

    private final String wireName;

    Decision(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
