package course.sandbox.sts;

import java.util.List;

/**
 * AssumeRole's parameters.
 *
 * @param durationSeconds null for the default (3600)
 * @param policy          inline session policy JSON, or null
 * @param policyArns      managed session policy ARNs (at most 10)
 * @param externalId      or null
 */
public record AssumeRoleRequest(String roleArn, String roleSessionName, Integer durationSeconds,
                                String policy, List<String> policyArns, String externalId) {
    public AssumeRoleRequest {
        policyArns = List.copyOf(policyArns);
    }
}
