package course.sandbox.iam;

import course.sandbox.service.Tag;
import java.util.List;
import java.util.Optional;

/**
 * Everything the policy engine needs about a principal's own permissions.
 *
 * @param principal            the caller
 * @param identityPolicies     inline and attached policies; for a user also those of its groups;
 *                             empty for root
 * @param permissionsBoundary  default version of the boundary policy, if one is set
 * @param principalTags        tags of the user or role ({@code aws:PrincipalTag/...})
 */
public record PrincipalPolicies(
        Principal principal,
        List<IdentityPolicy> identityPolicies,
        Optional<String> permissionsBoundary,
        List<Tag> principalTags) {}
