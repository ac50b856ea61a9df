package course.sandbox.service;

import course.sandbox.iam.policy.ContextValue;
import course.sandbox.iam.policy.ResourcePolicy;

import java.util.Map;
import java.util.Optional;

/**
 * One IAM authorization a request needs: an action on a resource, with the condition keys
 * only this request can supply (e.g. s3:prefix, sts:ExternalId) and the resource's own policy
 * (a bucket policy, a role's trust policy) when it has one.
 *
 * @param resourcePolicyMustAllow true where the resource policy itself must grant, whatever
 *                                identity policies say (a role's trust policy for AssumeRole)
 */
public record Permission(String action, String resource, Map<String, ContextValue> context,
                         Optional<ResourcePolicy> resourcePolicy, boolean resourcePolicyMustAllow) {

    public static Permission of(String action, String resource) {
        return new Permission(action, resource, Map.of(), Optional.empty(), false);
    }

    public Permission withContext(Map<String, ContextValue> keys) {
        return new Permission(action, resource, keys, resourcePolicy, resourcePolicyMustAllow);
    }

    public Permission withResourcePolicy(Optional<ResourcePolicy> policy) {
        return new Permission(action, resource, context, policy, resourcePolicyMustAllow);
    }

    public Permission requiringResourcePolicyAllow() {
        return new Permission(action, resource, context, resourcePolicy, true);
    }
}
