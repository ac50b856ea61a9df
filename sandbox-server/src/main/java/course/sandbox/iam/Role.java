package course.sandbox.iam;

import java.time.Instant;
import java.util.Optional;

/** An IAM role with its trust policy. */
public final class Role extends TaggedEntity {
    String assumeRolePolicyDocument;
    String description;
    int maxSessionDuration;

    Role(String name, String path, String id, String arn, Instant createDate) {
        super(name, path, id, arn, createDate);
    }

    /** The trust policy exactly as the caller sent it. */
    public String assumeRolePolicyDocument() {
        return assumeRolePolicyDocument;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public int maxSessionDuration() {
        return maxSessionDuration;
    }
}
