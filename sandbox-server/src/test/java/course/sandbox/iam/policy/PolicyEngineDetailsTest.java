package course.sandbox.iam.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static course.sandbox.iam.policy.PolicyFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The simulator-facing details of a result: matched statements, missing keys, boundary detail. */
class PolicyEngineDetailsTest {

    private static final PolicyEngine ENGINE = new PolicyEngine();

    @Test
    void matchedStatementCarriesSourceAndPosition() {
        AttachedPolicy policy = new AttachedPolicy("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", PolicySourceType.AWS_MANAGED,
                PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[\n"
                        + "{\"Sid\":\"Other\",\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"*\"},\n"
                        + "{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}"));
        EvaluationResult result = ENGINE.evaluate(EvaluationRequest.builder(ALICE, "s3:GetObject", "arn:aws:s3:::b/k")
                .identityPolicy(policy).build());
        assertEquals(List.of(new MatchedStatement("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", PolicySourceType.AWS_MANAGED,
                PolicyRole.IDENTITY, 1, "Read", Effect.ALLOW, new Position(3, 1), new Position(3, 66))), result.matchedStatements());
        assertEquals("allowed", result.decision().wireName());
        assertEquals("aws-managed", result.matchedStatements().get(0).sourceType().wireName());
    }

    @Test
    void explicitDenyListsDenyStatementsOnly() {
        EvaluationResult result = ENGINE.evaluate(EvaluationRequest.builder(ALICE, "s3:DeleteObject", "arn:aws:s3:::b/k")
                .identityPolicy(inline(allow("A", "s3:*", "*"), deny("D1", "s3:Delete*", "*")))
                .identityPolicy(managed("Guard", deny("D2", "*", "*")))
                .build());
        assertEquals("explicitDeny", result.decision().wireName());
        assertEquals(List.of("D1", "D2"), result.matchedStatements().stream().map(MatchedStatement::sid).toList());
        assertEquals(DenialReason.EXPLICIT_DENY_IDENTITY, result.denialReason());
    }

    @Test
    void missingContextValuesComeFromApplicableStatementsOnly() {
        EvaluationResult result = ENGINE.evaluate(EvaluationRequest.builder(SESSION, "s3:GetObject", "arn:aws:s3:::b/k")
                .identityPolicy(inline(
                        allow("Ip", "s3:GetObject", "*", "{`IpAddress`:{`aws:SourceIp`:`10.0.0.0/8`},`Bool`:{`aws:SecureTransport`:`true`}}"),
                        allow("Home", "s3:GetObject", "arn:aws:s3:::b/${aws:username}/*"),
                        allow("Other", "sqs:SendMessage", "*", "{`StringEquals`:{`sqs:Queue`:`q`}}"),
                        allow("Tag", "s3:*", "*", "{`StringEquals`:{`aws:ResourceTag/team`:`${aws:PrincipalTag/team}`}}")))
                .context(context("aws:securetransport", "true"))
                .build());
        assertEquals("implicitDeny", result.decision().wireName());
        assertEquals(List.of("aws:SourceIp", "aws:username", "aws:ResourceTag/team", "aws:PrincipalTag/team"),
                result.missingContextValues());
    }

    @Test
    void principalDerivedKeysAreNotMissing() {
        EvaluationResult result = ENGINE.evaluate(EvaluationRequest.builder(ALICE, "s3:GetObject", "arn:aws:s3:::home/alice/k")
                .identityPolicy(inline(allow("Home", "s3:GetObject", "arn:aws:s3:::home/${aws:username}/*",
                        "{`StringEquals`:{`aws:PrincipalAccount`:`111122223333`}}")))
                .build());
        assertEquals(Decision.ALLOWED, result.decision());
        assertEquals(List.of(), result.missingContextValues());
    }

    @Test
    void boundaryDecisionDetail() {
        AttachedPolicy boundary = managed("Boundary", allow("B", "s3:*", "*"));
        EvaluationRequest.Builder base = EvaluationRequest.builder(ALICE, "s3:GetObject", "arn:aws:s3:::b/k")
                .identityPolicy(inline(allow("A", "*", "*")));
        assertEquals(Optional.empty(), ENGINE.evaluate(base.build()).allowedByPermissionsBoundary());
        assertEquals(Optional.of(true), ENGINE.evaluate(base.permissionsBoundary(boundary).build()).allowedByPermissionsBoundary());
        EvaluationResult denied = ENGINE.evaluate(EvaluationRequest.builder(ALICE, "iam:CreateUser", "*")
                .identityPolicy(inline(allow("A", "*", "*"))).permissionsBoundary(boundary).build());
        assertEquals(Optional.of(false), denied.allowedByPermissionsBoundary());
        assertEquals(DenialReason.NO_PERMISSIONS_BOUNDARY_ALLOW, denied.denialReason());
    }

    @Test
    void allowedResultsCarryNoDenialReason() {
        EvaluationResult result = ENGINE.evaluate(EvaluationRequest.builder(ROOT, "s3:GetObject", "arn:aws:s3:::b/k").build());
        assertNull(result.denialReason());
        assertEquals(DecidedBy.ROOT_USER, result.decidedBy());
    }

    @Test
    void callerSuppliedPrincipalKeysWin() {
        EvaluationResult result = ENGINE.evaluate(EvaluationRequest.builder(ALICE, "s3:GetObject", "arn:aws:s3:::b/k")
                .identityPolicy(inline(allow("A", "s3:*", "*", "{`StringEquals`:{`aws:username`:`mallory`}}")))
                .context(context("aws:username", "mallory"))
                .build());
        assertEquals(Decision.ALLOWED, result.decision());
    }
}
