package course.sandbox.sts;

import course.sandbox.iam.Principal;

import java.util.Optional;

/**
 * AssumeRole's answer.
 *
 * @param packedPolicySize percentage of the packed-policy allotment used; present only when
 *                         session policies were passed, as in AWS's response
 */
public record AssumeRoleResult(SessionCredentials credentials, Principal.AssumedRole assumedRoleUser,
                               Optional<Integer> packedPolicySize) {}
