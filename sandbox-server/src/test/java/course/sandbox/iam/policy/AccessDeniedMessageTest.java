package course.sandbox.iam.policy;

import org.junit.jupiter.api.Test;

import static course.sandbox.iam.policy.PolicyFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AccessDeniedMessageTest {

    private static final String PREFIX = "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: s3:PutObject"
            + " on resource: \"arn:aws:s3:::b/k\" ";

    private static String message(DenialReason reason) {
        return AccessDeniedMessage.of("arn:aws:iam::123456789012:user/alice", "s3:PutObject", "arn:aws:s3:::b/k", reason);
    }

    @Test
    void implicitDenials() {
        assertEquals(PREFIX + "because no identity-based policy allows the s3:PutObject action", message(DenialReason.NO_IDENTITY_ALLOW));
        assertEquals(PREFIX + "because no permissions boundary allows the s3:PutObject action",
                message(DenialReason.NO_PERMISSIONS_BOUNDARY_ALLOW));
        assertEquals(PREFIX + "because no session policy allows the s3:PutObject action", message(DenialReason.NO_SESSION_ALLOW));
        assertEquals(PREFIX + "because no resource-based policy allows the s3:PutObject action", message(DenialReason.NO_RESOURCE_ALLOW));
    }

    @Test
    void explicitDenials() {
        assertEquals(PREFIX + "with an explicit deny in an identity-based policy", message(DenialReason.EXPLICIT_DENY_IDENTITY));
        assertEquals(PREFIX + "with an explicit deny in a resource-based policy", message(DenialReason.EXPLICIT_DENY_RESOURCE));
        assertEquals(PREFIX + "with an explicit deny in a permissions boundary", message(DenialReason.EXPLICIT_DENY_PERMISSIONS_BOUNDARY));
        assertEquals(PREFIX + "with an explicit deny in a session policy", message(DenialReason.EXPLICIT_DENY_SESSION));
    }

    @Test
    void unquotedAndResourceLessForms() {
        assertEquals("User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:CreateUser on resource: "
                        + "arn:aws:iam::123456789012:user/bob because no identity-based policy allows the iam:CreateUser action",
                AccessDeniedMessage.of("arn:aws:iam::123456789012:user/alice", "iam:CreateUser",
                        "arn:aws:iam::123456789012:user/bob", DenialReason.NO_IDENTITY_ALLOW, false));
        assertEquals("User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ListUsers"
                        + " because no identity-based policy allows the iam:ListUsers action",
                AccessDeniedMessage.of("arn:aws:iam::123456789012:user/alice", "iam:ListUsers", "*", DenialReason.NO_IDENTITY_ALLOW));
        assertEquals("Access Denied", AccessDeniedMessage.of(null, "s3:GetObject", "arn:aws:s3:::b/k", DenialReason.NO_IDENTITY_ALLOW));
    }

    @Test
    void fromAnEvaluation() {
        EvaluationRequest request = EvaluationRequest.builder(SESSION, "s3:PutObject", "arn:aws:s3:::b/k")
                .identityPolicy(inline(allow("A", "s3:*", "*")))
                .sessionPolicy(session(allow("S", "s3:GetObject", "*")))
                .build();
        EvaluationResult result = new PolicyEngine().evaluate(request);
        assertEquals("User: " + SESSION_ARN + " is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::b/k\""
                + " because no session policy allows the s3:PutObject action", AccessDeniedMessage.of(request, result));
        EvaluationRequest allowed = EvaluationRequest.builder(ROOT, "s3:PutObject", "arn:aws:s3:::b/k").build();
        assertThrows(IllegalArgumentException.class, () -> AccessDeniedMessage.of(allowed, new PolicyEngine().evaluate(allowed)));
    }
}
