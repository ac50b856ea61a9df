package course.sandbox.sts;

import course.sandbox.iam.Principal;
import course.sandbox.iam.Role;

/**
 * Decides whether a caller may assume a role: the role's trust policy must allow
 * sts:AssumeRole for the caller, and (for an IAM principal of this account) the caller's own
 * identity policies must allow it too. The integrator implements it with the policy engine,
 * reading the caller's policies from {@code IamModel.principalPolicies}.
 */
@FunctionalInterface
public interface AssumeRoleDecider {
    /**
     * @param caller  who calls AssumeRole (never root: STS refuses root before asking)
     * @param role    the role, with its trust policy
     * @param request the parameters, e.g. ExternalId for the {@code sts:ExternalId} condition key
     */
    boolean mayAssume(Principal caller, Role role, AssumeRoleRequest request);
}
