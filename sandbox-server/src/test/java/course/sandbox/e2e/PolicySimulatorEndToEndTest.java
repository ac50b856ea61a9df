package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IAM's policy simulator through the SDK, and the proof that it and enforcement cannot disagree. */
class PolicySimulatorEndToEndTest {
    private static final String ACCOUNT = RunningSandbox.ACCOUNT;
    private static final String USER_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "ReadIam",
                  "Effect": "Allow",
                  "Action": ["iam:Get*", "iam:List*"],
                  "Resource": "*"
                },
                {
                  "Sid": "NoRoleListing",
                  "Effect": "Deny",
                  "Action": "iam:ListRoles",
                  "Resource": "*"
                },
                {
                  "Sid": "CreateUsersFromTheClassroom",
                  "Effect": "Allow",
                  "Action": "iam:CreateUser",
                  "Resource": "*",
                  "Condition": {"IpAddress": {"aws:SourceIp": "127.0.0.0/8"}}
                }
              ]
            }""";
    private static RunningSandbox sandbox;
    private static IamClient root;
    private static AwsCredentials grace;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        root = sandbox.iam(RunningSandbox.ROOT);
        grace = sandbox.newUser("grace");
        root.putUserPolicy(r -> r.userName("grace").policyName("classroom").policyDocument(USER_POLICY));
    }

    @AfterAll
    static void stop() {
        root.close();
        sandbox.close();
    }

    @Test
    void theSimulatorAndEnforcementGiveTheSameAnswers() {
        Map<String, Runnable> calls;
        try (IamClient asGrace = sandbox.iam(grace)) {
            calls = Map.of(
                    "iam:ListUsers", asGrace::listUsers,
                    "iam:ListRoles", asGrace::listRoles,
                    "iam:CreateGroup", () -> asGrace.createGroup(r -> r.groupName("g")),
                    "iam:CreateUser", () -> asGrace.createUser(r -> r.userName("student-1")));
            SimulatePrincipalPolicyResponse simulated = root.simulatePrincipalPolicy(r -> r
                    .policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/grace")
                    .actionNames(List.copyOf(calls.keySet()))
                    .contextEntries(ContextEntry.builder().contextKeyName("aws:SourceIp").contextKeyType(ContextKeyTypeEnum.IP)
                            .contextKeyValues("127.0.0.1").build()));
            for (EvaluationResult result : simulated.evaluationResults()) {
                boolean allowedBySimulator = result.evalDecision() == PolicyEvaluationDecisionType.ALLOWED;
                boolean allowedForReal;
                try {
                    calls.get(result.evalActionName()).run();
                    allowedForReal = true;
                } catch (IamException denied) {
                    assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
                    allowedForReal = false;
                }
                assertEquals(allowedBySimulator, allowedForReal, result.evalActionName() + ": " + result);
            }
        }
    }

    @Test
    void principalSimulationReportsDecisionsAndTheDecidingStatement() {
        SimulatePrincipalPolicyResponse simulated = root.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/grace")
                .actionNames("iam:GetUser", "iam:ListRoles", "iam:DeleteUser", "iam:CreateUser"));
        Map<String, EvaluationResult> byAction = new java.util.HashMap<>();
        simulated.evaluationResults().forEach(result -> byAction.put(result.evalActionName(), result));
        assertEquals(PolicyEvaluationDecisionType.ALLOWED, byAction.get("iam:GetUser").evalDecision());
        assertEquals("classroom", byAction.get("iam:GetUser").matchedStatements().get(0).sourcePolicyId());
        assertEquals("user", byAction.get("iam:GetUser").matchedStatements().get(0).sourcePolicyTypeAsString());
        assertEquals(PolicyEvaluationDecisionType.EXPLICIT_DENY, byAction.get("iam:ListRoles").evalDecision());
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, byAction.get("iam:DeleteUser").evalDecision());
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, byAction.get("iam:CreateUser").evalDecision());
        assertEquals(List.of("aws:SourceIp"), byAction.get("iam:CreateUser").missingContextValues());
        assertFalse(simulated.isTruncated());
    }

    @Test
    void customPolicySimulationWithConditionsAndABoundary() {
        String mfaOnly = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}";
        SimulateCustomPolicyResponse withoutMfa = root.simulateCustomPolicy(r -> r.policyInputList(mfaOnly)
                .actionNames("s3:GetObject").resourceArns("arn:aws:s3:::course-bucket/notes.txt"));
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, withoutMfa.evaluationResults().get(0).evalDecision());
        assertEquals(List.of("aws:MultiFactorAuthPresent"), withoutMfa.evaluationResults().get(0).missingContextValues());

        SimulateCustomPolicyResponse withMfa = root.simulateCustomPolicy(r -> r.policyInputList(mfaOnly)
                .actionNames("s3:GetObject").resourceArns("arn:aws:s3:::course-bucket/notes.txt")
                .contextEntries(ContextEntry.builder().contextKeyName("aws:MultiFactorAuthPresent")
                        .contextKeyType(ContextKeyTypeEnum.BOOLEAN).contextKeyValues("true").build()));
        EvaluationResult allowed = withMfa.evaluationResults().get(0);
        assertEquals(PolicyEvaluationDecisionType.ALLOWED, allowed.evalDecision());
        assertEquals("PolicyInputList.1", allowed.matchedStatements().get(0).sourcePolicyId());
        assertEquals("arn:aws:s3:::course-bucket/notes.txt", allowed.evalResourceName());

        String onlyReads = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}";
        SimulateCustomPolicyResponse bounded = root.simulateCustomPolicy(r -> r.policyInputList(mfaOnly)
                .permissionsBoundaryPolicyInputList(onlyReads).actionNames("s3:PutObject")
                .contextEntries(ContextEntry.builder().contextKeyName("aws:MultiFactorAuthPresent")
                        .contextKeyType(ContextKeyTypeEnum.BOOLEAN).contextKeyValues("true").build()));
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, bounded.evaluationResults().get(0).evalDecision());
        assertFalse(bounded.evaluationResults().get(0).permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary());
    }

    @Test
    void contextKeysAndMalformedPolicies() {
        assertEquals(List.of("aws:SourceIp"), root.getContextKeysForPrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/grace")).contextKeyNames().stream().toList());
        assertTrue(root.getContextKeysForCustomPolicy(r -> r.policyInputList(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringLike\":{\"s3:prefix\":\"home/${aws:username}/*\"}}}]}"))
                .contextKeyNames().containsAll(List.of("s3:prefix", "aws:username")));
        IamException malformed = assertThrows(IamException.class, () -> root.simulateCustomPolicy(r -> r
                .policyInputList("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}")
                .actionNames("s3:GetObject")));
        assertEquals("MalformedPolicyDocument", malformed.awsErrorDetails().errorCode());
        assertEquals(400, malformed.statusCode());
    }
}
