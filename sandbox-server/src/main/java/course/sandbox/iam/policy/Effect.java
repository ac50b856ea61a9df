package course.sandbox.iam.policy;

/** A statement's Effect element. */
public enum Effect {
    ALLOW, DENY
}
