package course.sandbox.iam.policy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static course.sandbox.iam.policy.PolicyFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ContextKeysTest {

    @Test
    void conditionKeysAndVariablesDeduplicatedInFirstSeenOrder() {
        PolicyDocument first = PolicyDocument.parse(document(
                allow("Home", "s3:*", "arn:aws:s3:::home/${aws:username}/*",
                        "{`IpAddress`:{`aws:SourceIp`:`10.0.0.0/8`},`StringLike`:{`s3:prefix`:`${aws:username}/*`}}"),
                allow("Tag", "ec2:*", "*", "{`StringEquals`:{`AWS:SOURCEIP`:`x`,`aws:ResourceTag/team`:`${aws:PrincipalTag/team, 'none'}`}}")));
        PolicyDocument second = PolicyDocument.parse(document(
                allow("Star", "s3:*", "arn:aws:s3:::b/${*}", "{`Null`:{`aws:MultiFactorAuthAge`:`true`}}")));
        assertEquals(List.of("aws:username", "aws:SourceIp", "s3:prefix", "aws:ResourceTag/team", "aws:PrincipalTag/team",
                "aws:MultiFactorAuthAge"), ContextKeys.of(first, second));
    }

    @Test
    void legacyVersionHasNoVariables() {
        PolicyDocument legacy = PolicyDocument.parse(json(
                "{`Version`:`2008-10-17`,`Statement`:{`Effect`:`Allow`,`Action`:`s3:*`,`Resource`:`arn:aws:s3:::${aws:username}`}}"));
        assertEquals(List.of(), ContextKeys.of(legacy));
    }
}
