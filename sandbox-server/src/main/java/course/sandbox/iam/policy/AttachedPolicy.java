package course.sandbox.iam.policy;

import java.util.Objects;

/**
 * A policy with where it came from.
 *
 * @param sourceId   what the simulator reports as SourcePolicyId, for example
 *                   {@code "user/alice/inline/AllowS3"} or a managed policy's ARN
 * @param sourceType the kind of source
 * @param document   the parsed policy
 */
public record AttachedPolicy(String sourceId, PolicySourceType sourceType, PolicyDocument document) {

    public AttachedPolicy {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(document, "document");
    }
}
