package course.sandbox.iam.policy;

import java.util.Objects;

/**
 * A resource-based policy (bucket policy, role trust policy, ...) and the account owning the
 * resource, which decides whether a request is same-account or cross-account.
 */
public record ResourcePolicy(String sourceId, String ownerAccountId, PolicyDocument document) {

    public ResourcePolicy {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(ownerAccountId, "ownerAccountId");
        Objects.requireNonNull(document, "document");
    }
}
