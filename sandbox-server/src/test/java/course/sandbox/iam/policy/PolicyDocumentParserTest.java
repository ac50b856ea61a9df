package course.sandbox.iam.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static course.sandbox.iam.policy.PolicyFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyDocumentParserTest {

    private static final String S3 = "`Action`:`s3:GetObject`,`Resource`:`*`";

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(PolicyKind.IDENTITY, "", "Syntax errors in policy."),
                Arguments.of(PolicyKind.IDENTITY, "{", "Syntax errors in policy."),
                Arguments.of(PolicyKind.IDENTITY, "[]", "Syntax errors in policy."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:[]} trailing", "Syntax errors in policy."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`," + S3 + "},`Statement`:[]}", "Syntax errors in policy."),
                Arguments.of(PolicyKind.IDENTITY, "{`Version`:`2012-10-17`}", "Missing required field Statement"),
                Arguments.of(PolicyKind.IDENTITY, "{`Version`:`2012-10-18`,`Statement`:[]}", "The policy failed legacy parsing"),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:`x`}", "Syntax errors in policy."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:[`x`]}", "Syntax errors in policy."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:[],`Comment`:`x`}", "Unknown field Comment"),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{" + S3 + "}}", "Missing required field Effect"),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`allow`," + S3 + "}}", "Invalid effect: allow"),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`,`Resource`:`*`}}", "Policy statement must contain actions."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`,`Action`:[],`Resource`:`*`}}", "Policy statement must contain actions."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`,`Action`:`s3:Get`}}", "Policy statement must contain resources."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`,`Action`:`s3:Get:Object`,`Resource`:`*`}}",
                        "Actions/Condition can contain only one colon."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`,`Action`:`GetObject`,`Resource`:`*`}}",
                        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`,`Action`:`s 3:Get`,`Resource`:`*`}}", "Vendor s 3 is not valid"),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`,`Action`:`s3:Get`,`Resource`:`bucket`}}",
                        "Resource bucket must be in ARN format or \"*\"."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`,`Action`:`s3:Get`,`NotAction`:`s3:Put`,`Resource`:`*`}}",
                        "Syntax errors in policy."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`,`Action`:5,`Resource`:`*`}}", "Syntax errors in policy."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`,`Principal`:`*`," + S3 + "}}",
                        "Policy document should not specify a principal."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`,`NotPrincipal`:{`AWS`:`*`}," + S3 + "}}",
                        "Policy document should not specify a principal."),
                Arguments.of(PolicyKind.RESOURCE, "{`Statement`:{`Effect`:`Allow`," + S3 + "}}", "Missing required field Principal"),
                Arguments.of(PolicyKind.RESOURCE, "{`Statement`:{`Effect`:`Allow`,`Principal`:{`AWS`:`bob`}," + S3 + "}}",
                        "Invalid principal in policy: \"AWS\":\"bob\""),
                Arguments.of(PolicyKind.RESOURCE, "{`Statement`:{`Effect`:`Allow`,`Principal`:{`Group`:`x`}," + S3 + "}}",
                        "Invalid principal in policy"),
                Arguments.of(PolicyKind.RESOURCE, "{`Statement`:{`Effect`:`Allow`,`Principal`:`someone`," + S3 + "}}",
                        "Invalid principal in policy: someone"),
                Arguments.of(PolicyKind.TRUST, "{`Statement`:{`Effect`:`Allow`,`Principal`:{`Service`:`ec2.amazonaws.com`},"
                        + "`Action`:`sts:AssumeRole`,`Resource`:`*`}}", "Has prohibited field Resource"),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`," + S3 + ",`Condition`:{`StringEqualz`:{`aws:x`:`y`}}}}",
                        "Invalid Condition type : StringEqualz"),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`," + S3 + ",`Condition`:{`NullIfExists`:{`aws:x`:`true`}}}}",
                        "Invalid Condition type : NullIfExists"),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`," + S3 + ",`Condition`:{`StringEquals`:{`aws:a:b`:`y`}}}}",
                        "Actions/Condition can contain only one colon."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`," + S3 + ",`Condition`:{`StringEquals`:{`aws:x`:{}}}}}",
                        "Syntax errors in policy."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Effect`:`Allow`," + S3 + ",`Condtion`:{}}}", "Unknown field Condtion"),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:[{`Sid`:`A`,`Effect`:`Allow`," + S3 + "},{`Sid`:`A`,`Effect`:`Deny`," + S3 + "}]}",
                        "Statement IDs (SID) in a single policy must be unique."),
                Arguments.of(PolicyKind.IDENTITY, "{`Statement`:{`Sid`:`no spaces`,`Effect`:`Allow`," + S3 + "}}",
                        "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"));
    }

    @ParameterizedTest(name = "{2} <- {1}")
    @MethodSource("malformed")
    void rejectsWithIamReason(PolicyKind kind, String text, String reason) {
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class, () -> PolicyDocument.parse(json(text), kind));
        assertEquals(reason, e.getMessage());
        assertEquals("MalformedPolicyDocument", e.errorCode());
    }

    @Test
    void parsesEveryElement() {
        PolicyDocument document = PolicyDocument.parse(json("""
                {`Version`:`2012-10-17`,`Id`:`P1`,`Statement`:[
                 {`Sid`:`Public`,`Effect`:`Allow`,`Principal`:{`AWS`:[`111122223333`,`arn:aws:iam::111122223333:user/a`],
                  `Service`:`s3.amazonaws.com`},`Action`:[`s3:GetObject`,`s3:List*`],`Resource`:`arn:aws:s3:::b/*`,
                  `Condition`:{`ForAnyValue:StringLikeIfExists`:{`aws:TagKeys`:[`a*`,`b`]},`NumericLessThan`:{`s3:max-keys`:10}}},
                 {`Effect`:`Deny`,`NotPrincipal`:`*`,`NotAction`:`s3:*`,`NotResource`:[`arn:aws:s3:::b`]}]}"""), PolicyKind.RESOURCE);
        assertEquals("2012-10-17", document.version());
        assertEquals("P1", document.id());
        assertEquals(2, document.statements().size());
        Statement first = document.statements().get(0);
        assertEquals("Public", first.sid());
        assertEquals(Effect.ALLOW, first.effect());
        assertEquals(List.of("111122223333", "arn:aws:iam::111122223333:user/a"), first.principal().values("AWS"));
        assertEquals(List.of("s3.amazonaws.com"), first.principal().values("Service"));
        assertEquals(List.of("s3:GetObject", "s3:List*"), first.actions());
        assertFalse(first.notAction());
        Condition tags = first.conditions().get(0);
        assertEquals(ConditionOperator.Comparison.STRING_LIKE, tags.operator().comparison());
        assertEquals(ConditionOperator.SetQualifier.FOR_ANY_VALUE, tags.operator().qualifier());
        assertTrue(tags.operator().ifExists());
        assertEquals(List.of("a*", "b"), tags.values());
        assertEquals(List.of("10"), first.conditions().get(1).values(), "numbers become text");
        Statement second = document.statements().get(1);
        assertNull(second.sid());
        assertTrue(second.notPrincipal() && second.principal().anyone());
        assertTrue(second.notAction());
        assertTrue(second.notResource());
        assertEquals(1, second.index());
    }

    @Test
    void singleStatementObjectAndMissingVersion() {
        PolicyDocument document = PolicyDocument.parse(json("{`Statement`:{`Effect`:`Allow`,`Action`:`*`,`Resource`:`*`}}"));
        assertNull(document.version());
        assertFalse(document.supportsVariables());
        assertEquals(1, document.statements().size());
    }

    @Test
    void trustPolicyNeedsNoResource() {
        PolicyDocument trust = PolicyDocument.parse(json("{`Version`:`2012-10-17`,`Statement`:{`Effect`:`Allow`,"
                + "`Principal`:{`Federated`:`cognito-identity.amazonaws.com`},`Action`:`sts:AssumeRoleWithWebIdentity`}}"),
                PolicyKind.TRUST);
        assertEquals(List.of(), trust.statements().get(0).resources());
    }

    @Test
    void tagKeysAfterSlashMayContainColons() {
        PolicyDocument document = PolicyDocument.parse(json("{`Statement`:{`Effect`:`Allow`,`Action`:`*`,`Resource`:`*`,"
                + "`Condition`:{`StringEquals`:{`aws:ResourceTag/aws:cloudformation:stack-name`:`s`}}}}"));
        assertEquals("aws:ResourceTag/aws:cloudformation:stack-name", document.statements().get(0).conditions().get(0).key());
    }

    @Test
    void recordsStatementPositions() {
        String text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},\n"
                + "    {\n      \"Effect\": \"Deny\",\n      \"Action\": \"s3:*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
        PolicyDocument document = PolicyDocument.parse(text);
        Statement first = document.statements().get(0);
        assertEquals(new Position(4, 5), first.start());
        assertEquals(new Position(4, 56), first.end());
        Statement second = document.statements().get(1);
        assertEquals(new Position(5, 5), second.start());
        assertEquals(new Position(9, 6), second.end());
    }
}
