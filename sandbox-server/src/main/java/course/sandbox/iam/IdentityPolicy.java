package course.sandbox.iam;

import course.sandbox.iam.policy.PolicySourceType;

/**
 * One identity policy that applies to a principal.
 *
 * @param sourceType where it comes from
 * @param sourceId   the managed policy ARN, or for an inline policy
 *                   {@code <owner ARN>#<policy name>} (unique within the account)
 * @param policyName the inline policy's name or the managed policy's name
 * @param document   the policy JSON (for managed policies: the default version)
 */
public record IdentityPolicy(PolicySourceType sourceType, String sourceId, String policyName, String document) {}
