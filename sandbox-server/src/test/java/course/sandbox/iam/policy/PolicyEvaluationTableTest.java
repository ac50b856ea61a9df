package course.sandbox.iam.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static course.sandbox.iam.policy.Decision.ALLOWED;
import static course.sandbox.iam.policy.Decision.EXPLICIT_DENY;
import static course.sandbox.iam.policy.Decision.IMPLICIT_DENY;
import static course.sandbox.iam.policy.PolicyFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cases from AWS's documentation of policy evaluation logic, permissions boundaries, session
 * policies, condition operators, multivalued keys and policy variables. Each row names the
 * expected decision, which kind of policy decided, and the Sid of the deciding statement (null
 * when no statement decided).
 */
class PolicyEvaluationTableTest {

    private static final PolicyEngine ENGINE = new PolicyEngine();
    private static final String OBJECT = "arn:aws:s3:::b/k";

    private static EvaluationRequest.Builder request(RequestPrincipal principal, String action, String resource) {
        return EvaluationRequest.builder(principal, action, resource);
    }

    private static EvaluationRequest.Builder alice(String action, String resource) {
        return request(ALICE, action, resource);
    }

    private static EvaluationRequest.Builder aliceWith(String condition, RequestContext context) {
        return alice("s3:GetObject", OBJECT).identityPolicy(inline(allow("C", "s3:GetObject", "*", condition))).context(context);
    }

    private static Arguments row(String name, EvaluationRequest.Builder request, Decision decision, DecidedBy decidedBy,
                                 String sid) {
        return Arguments.of(name, request.build(), decision, decidedBy, sid);
    }

    static Stream<Arguments> cases() {
        List<Arguments> rows = new ArrayList<>();
        // --- Basics: default deny, allow, explicit deny wins -------------------------------------
        rows.add(row("no policy: implicit deny", alice("s3:GetObject", OBJECT), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("exact action and resource", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:GetObject", OBJECT))), ALLOWED, DecidedBy.IDENTITY, "A"));
        rows.add(row("action match ignores case", alice("S3:getobject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:GetObject", "*"))), ALLOWED, DecidedBy.IDENTITY, "A"));
        rows.add(row("action * wildcard", alice("s3:GetObjectTagging", OBJECT)
                .identityPolicy(inline(allow("A", "s3:Get*", "*"))), ALLOWED, DecidedBy.IDENTITY, "A"));
        rows.add(row("action wildcard does not cover other verbs", alice("s3:PutObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:Get*", "*"))), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("action ? wildcard", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:GetObjec?", "*"))), ALLOWED, DecidedBy.IDENTITY, "A"));
        rows.add(row("service prefix must match", alice("sqs:SendMessage", "*")
                .identityPolicy(inline(allow("A", "s3:*", "*"))), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("wildcard does not cross the service colon", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s*:Get*", "*"))), ALLOWED, DecidedBy.IDENTITY, "A"));
        rows.add(row("Action * allows everything", alice("iam:CreateUser", "arn:aws:iam::111122223333:user/x")
                .identityPolicy(inline(allow("All", "*", "*"))), ALLOWED, DecidedBy.IDENTITY, "All"));
        rows.add(row("resource match is case-sensitive", alice("s3:GetObject", "arn:aws:s3:::b/K")
                .identityPolicy(inline(allow("A", "s3:GetObject", OBJECT))), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("resource * wildcard", alice("s3:GetObject", "arn:aws:s3:::b/dir/k")
                .identityPolicy(inline(allow("A", "s3:GetObject", "arn:aws:s3:::b/*"))), ALLOWED, DecidedBy.IDENTITY, "A"));
        rows.add(row("resource ? wildcard", alice("s3:GetObject", "arn:aws:s3:::b/k1")
                .identityPolicy(inline(allow("A", "s3:GetObject", "arn:aws:s3:::b/k?"))), ALLOWED, DecidedBy.IDENTITY, "A"));
        rows.add(row("bucket ARN does not cover its objects", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:*", "arn:aws:s3:::b"))), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("explicit deny overrides allow in the same policy", alice("s3:DeleteObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:*", "*"), deny("D", "s3:DeleteObject", "*"))),
                EXPLICIT_DENY, DecidedBy.IDENTITY, "D"));
        rows.add(row("explicit deny in another policy wins", alice("s3:DeleteObject", OBJECT)
                .identityPolicy(managed("Admin", allow("A", "*", "*")))
                .identityPolicy(managed("NoDelete", deny("D", "s3:Delete*", "arn:aws:s3:::b/*"))),
                EXPLICIT_DENY, DecidedBy.IDENTITY, "D"));
        rows.add(row("deny for another resource does not apply", alice("s3:DeleteObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:*", "*"), deny("D", "s3:*", "arn:aws:s3:::other/*"))),
                ALLOWED, DecidedBy.IDENTITY, "A"));

        // --- NotAction / NotResource ---------------------------------------------------------------
        rows.add(row("Allow NotAction covers other services", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(statement("Allow", "NA", "`NotAction`:`iam:*`", "`Resource`:`*`", null))),
                ALLOWED, DecidedBy.IDENTITY, "NA"));
        rows.add(row("Allow NotAction excludes the listed actions", alice("iam:CreateUser", "*")
                .identityPolicy(inline(statement("Allow", "NA", "`NotAction`:`iam:*`", "`Resource`:`*`", null))),
                IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("Deny NotAction denies everything else", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "*", "*"),
                        statement("Deny", "OnlyPassword", "`NotAction`:`iam:ChangePassword`", "`Resource`:`*`", null))),
                EXPLICIT_DENY, DecidedBy.IDENTITY, "OnlyPassword"));
        rows.add(row("Deny NotResource denies resources outside the list", alice("s3:GetObject", "arn:aws:s3:::other/k")
                .identityPolicy(inline(allow("A", "s3:*", "*"),
                        statement("Deny", "OnlyB", "`Action`:`s3:*`", "`NotResource`:[`arn:aws:s3:::b`,`arn:aws:s3:::b/*`]", null))),
                EXPLICIT_DENY, DecidedBy.IDENTITY, "OnlyB"));
        rows.add(row("Deny NotResource leaves listed resources alone", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:*", "*"),
                        statement("Deny", "OnlyB", "`Action`:`s3:*`", "`NotResource`:[`arn:aws:s3:::b`,`arn:aws:s3:::b/*`]", null))),
                ALLOWED, DecidedBy.IDENTITY, "A"));

        // --- Policy variables ---------------------------------------------------------------------
        String home = "arn:aws:s3:::home/${aws:username}/*";
        rows.add(row("${aws:username} in Resource", alice("s3:GetObject", "arn:aws:s3:::home/alice/notes.txt")
                .identityPolicy(inline(allow("Home", "s3:GetObject", home))), ALLOWED, DecidedBy.IDENTITY, "Home"));
        rows.add(row("${aws:username} does not reach another user's folder", alice("s3:GetObject", "arn:aws:s3:::home/bob/notes.txt")
                .identityPolicy(inline(allow("Home", "s3:GetObject", home))), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("unresolved variable without default does not match", request(SESSION, "s3:GetObject", "arn:aws:s3:::home/s1/x")
                .identityPolicy(inline(allow("Home", "s3:GetObject", home))), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("variable default value", request(SESSION, "s3:GetObject", "arn:aws:s3:::team/none/x")
                .identityPolicy(inline(allow("Team", "s3:GetObject", "arn:aws:s3:::team/${aws:PrincipalTag/team, 'none'}/*"))),
                ALLOWED, DecidedBy.IDENTITY, "Team"));
        rows.add(row("variable value takes precedence over default", request(SESSION, "s3:GetObject", "arn:aws:s3:::team/red/x")
                .identityPolicy(inline(allow("Team", "s3:GetObject", "arn:aws:s3:::team/${aws:PrincipalTag/team, 'none'}/*")))
                .context(context("aws:PrincipalTag/team", "red")), ALLOWED, DecidedBy.IDENTITY, "Team"));
        rows.add(row("${*} is a literal asterisk", alice("s3:GetObject", "arn:aws:s3:::b/*")
                .identityPolicy(inline(allow("Star", "s3:GetObject", "arn:aws:s3:::b/${*}"))), ALLOWED, DecidedBy.IDENTITY, "Star"));
        rows.add(row("${*} is not a wildcard", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("Star", "s3:GetObject", "arn:aws:s3:::b/${*}"))), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("variable values are literal, not wildcards", alice("s3:GetObject", "arn:aws:s3:::home/xyz/k")
                .identityPolicy(inline(allow("Home", "s3:GetObject", "arn:aws:s3:::home/${aws:PrincipalTag/dir}/k")))
                .context(context("aws:PrincipalTag/dir", "*")), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("2008-10-17 policies do not substitute variables", alice("s3:GetObject", "arn:aws:s3:::home/alice/x")
                .identityPolicy(new AttachedPolicy("old", PolicySourceType.USER_INLINE, PolicyDocument.parse(json(
                        "{`Version`:`2008-10-17`,`Statement`:" + allow("Home", "s3:GetObject", home) + "}")))),
                IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("variable in StringLike condition value", alice("s3:ListBucket", "arn:aws:s3:::b")
                .identityPolicy(inline(allow("List", "s3:ListBucket", "arn:aws:s3:::b",
                        "{`StringLike`:{`s3:prefix`:[``,`home/${aws:username}/*`]}}")))
                .context(context("s3:prefix", "home/alice/docs")), ALLOWED, DecidedBy.IDENTITY, "List"));
        rows.add(row("variable in StringEquals on resource tag", alice("ec2:StopInstances", "*")
                .identityPolicy(inline(allow("Own", "ec2:StopInstances", "*",
                        "{`StringEquals`:{`aws:ResourceTag/owner`:`${aws:username}`}}")))
                .context(context("aws:ResourceTag/owner", "bob")), IMPLICIT_DENY, DecidedBy.NONE, null));

        // --- String operators -----------------------------------------------------------------------
        rows.add(row("StringEquals matches", aliceWith("{`StringEquals`:{`aws:RequestedRegion`:`eu-west-1`}}",
                context("aws:RequestedRegion", "eu-west-1")), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("StringEquals is case-sensitive", aliceWith("{`StringEquals`:{`aws:RequestedRegion`:`EU-WEST-1`}}",
                context("aws:RequestedRegion", "eu-west-1")), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("StringEqualsIgnoreCase", aliceWith("{`StringEqualsIgnoreCase`:{`aws:RequestedRegion`:`EU-WEST-1`}}",
                context("aws:RequestedRegion", "eu-west-1")), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("multiple values are OR-ed", aliceWith("{`StringEquals`:{`aws:RequestedRegion`:[`us-east-1`,`eu-west-1`]}}",
                context("aws:RequestedRegion", "eu-west-1")), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("absent key makes a condition false", aliceWith("{`StringEquals`:{`aws:RequestedRegion`:`eu-west-1`}}",
                RequestContext.empty()), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("condition key names ignore case", aliceWith("{`StringEquals`:{`AWS:REQUESTEDREGION`:`eu-west-1`}}",
                context("aws:requestedregion", "eu-west-1")), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("StringLike wildcard", aliceWith("{`StringLike`:{`s3:prefix`:`home/*`}}",
                context("s3:prefix", "home/alice")), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("StringNotLike", aliceWith("{`StringNotLike`:{`s3:prefix`:`tmp/*`}}",
                context("s3:prefix", "tmp/x")), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("negated operator is true when the key is absent", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "*", "*"),
                        deny("Region", "*", "*", "{`StringNotEquals`:{`aws:RequestedRegion`:`eu-west-1`}}"))),
                EXPLICIT_DENY, DecidedBy.IDENTITY, "Region"));
        rows.add(row("negated operator with several values is a NOR", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "*", "*"),
                        deny("Region", "*", "*", "{`StringNotEquals`:{`aws:RequestedRegion`:[`eu-west-1`,`us-east-1`]}}")))
                .context(context("aws:RequestedRegion", "us-east-1")), ALLOWED, DecidedBy.IDENTITY, "A"));
        rows.add(row("StringNotEqualsIgnoreCase", aliceWith("{`StringNotEqualsIgnoreCase`:{`aws:RequestedRegion`:`EU-WEST-1`}}",
                context("aws:RequestedRegion", "eu-west-1")), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("IfExists is true when the key is absent", aliceWith("{`StringEqualsIfExists`:{`ec2:InstanceType`:`t3.micro`}}",
                RequestContext.empty()), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("IfExists still checks a present key", aliceWith("{`StringEqualsIfExists`:{`ec2:InstanceType`:`t3.micro`}}",
                context("ec2:InstanceType", "m5.large")), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("several keys are AND-ed", aliceWith("{`StringEquals`:{`aws:RequestedRegion`:`eu-west-1`,`s3:prefix`:`a`}}",
                context("aws:RequestedRegion", "eu-west-1", "s3:prefix", "b")), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("several operators are AND-ed", aliceWith(
                "{`StringEquals`:{`aws:RequestedRegion`:`eu-west-1`},`Bool`:{`aws:SecureTransport`:`true`}}",
                context("aws:RequestedRegion", "eu-west-1", "aws:SecureTransport", "true")), ALLOWED, DecidedBy.IDENTITY, "C"));

        // --- Null, Bool, Numeric, Date, Binary, IP, Arn ----------------------------------------------
        rows.add(row("Null true: key absent", aliceWith("{`Null`:{`aws:TokenIssueTime`:`true`}}",
                RequestContext.empty()), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("Null true: key present", aliceWith("{`Null`:{`aws:TokenIssueTime`:`true`}}",
                context("aws:TokenIssueTime", "2024-01-01T00:00:00Z")), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("Null false: key present", aliceWith("{`Null`:{`aws:ResourceTag/env`:`false`}}",
                context("aws:ResourceTag/env", "prod")), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("Bool deny without TLS", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:*", "*")))
                .resourcePolicy(bucketPolicy(statement("Deny", "TLS", "`Principal`:`*`,`Action`:`s3:*`", "`Resource`:`arn:aws:s3:::b/*`",
                        "`Condition`:{`Bool`:{`aws:SecureTransport`:`false`}}")))
                .context(context("aws:SecureTransport", "false")), EXPLICIT_DENY, DecidedBy.RESOURCE, "TLS"));
        rows.add(row("BoolIfExists MFA deny applies to long-term keys", alice("ec2:StopInstances", "*")
                .identityPolicy(inline(allow("A", "ec2:*", "*"),
                        deny("MFA", "ec2:StopInstances", "*", "{`BoolIfExists`:{`aws:MultiFactorAuthPresent`:`false`}}"))),
                EXPLICIT_DENY, DecidedBy.IDENTITY, "MFA"));
        rows.add(row("NumericLessThanEquals within limit", aliceWith("{`NumericLessThanEquals`:{`s3:max-keys`:`10`}}",
                context("s3:max-keys", "10")), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("NumericLessThan over limit", aliceWith("{`NumericLessThan`:{`s3:max-keys`:10}}",
                context("s3:max-keys", "20")), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("NumericGreaterThan with decimals", aliceWith("{`NumericGreaterThan`:{`aws:MultiFactorAuthAge`:`3600.5`}}",
                context("aws:MultiFactorAuthAge", "3601")), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("NumericNotEquals", aliceWith("{`NumericNotEquals`:{`s3:max-keys`:`5`}}",
                context("s3:max-keys", "5.0")), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("DateGreaterThan ISO 8601", aliceWith("{`DateGreaterThan`:{`aws:CurrentTime`:`2020-01-01T00:00:00Z`}}",
                context("aws:CurrentTime", "2024-06-01T12:00:00Z")), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("DateLessThan epoch seconds", aliceWith("{`DateLessThan`:{`aws:EpochTime`:`1577836800`}}",
                context("aws:EpochTime", "1717243200")), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("DateEquals across formats", aliceWith("{`DateEquals`:{`aws:CurrentTime`:`2020-01-01`}}",
                context("aws:CurrentTime", "1577836800")), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("BinaryEquals compares decoded bytes", aliceWith("{`BinaryEquals`:{`kms:Binary`:`QmluYXJ5VmFsdWU=`}}",
                context("kms:Binary", ContextValue.of(ContextKeyType.BINARY, "QmluYXJ5VmFsdWU="))), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("IpAddress IPv4 CIDR", aliceWith("{`IpAddress`:{`aws:SourceIp`:`203.0.113.0/24`}}",
                context("aws:SourceIp", "203.0.113.77")), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("IpAddress outside the block", aliceWith("{`IpAddress`:{`aws:SourceIp`:`203.0.113.0/24`}}",
                context("aws:SourceIp", "198.51.100.1")), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("IpAddress IPv6 CIDR", aliceWith("{`IpAddress`:{`aws:SourceIp`:[`203.0.113.0/24`,`2001:db8::/32`]}}",
                context("aws:SourceIp", "2001:db8:1234::1")), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("NotIpAddress deny from outside", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "*", "*"),
                        deny("Office", "*", "*", "{`NotIpAddress`:{`aws:SourceIp`:[`192.0.2.0/24`,`203.0.113.0/24`]}}")))
                .context(context("aws:SourceIp", "198.51.100.9")), EXPLICIT_DENY, DecidedBy.IDENTITY, "Office"));
        rows.add(row("ArnLike on aws:SourceArn", aliceWith("{`ArnLike`:{`aws:SourceArn`:`arn:aws:sns:*:111122223333:topic-*`}}",
                context("aws:SourceArn", "arn:aws:sns:eu-west-1:111122223333:topic-a")), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("ArnEquals matches per ARN part", aliceWith("{`ArnEquals`:{`aws:SourceArn`:`arn:aws:sns:*:111122223333:topic`}}",
                context("aws:SourceArn", "arn:aws:sns:eu-west-1:444455556666:topic")), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("ArnNotEquals", aliceWith("{`ArnNotEquals`:{`aws:PrincipalArn`:`arn:aws:iam::111122223333:user/alice`}}",
                RequestContext.empty()), IMPLICIT_DENY, DecidedBy.NONE, null));

        // --- Multivalued keys -------------------------------------------------------------------------
        String allowedTags = "{`ForAllValues:StringEquals`:{`aws:TagKeys`:[`env`,`team`]}}";
        rows.add(row("ForAllValues: every request value allowed", aliceWith(allowedTags,
                context("aws:TagKeys", new String[] {"env", "team"})), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("ForAllValues: one value outside the set", aliceWith(allowedTags,
                context("aws:TagKeys", new String[] {"env", "cost"})), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("ForAllValues: absent key is true", aliceWith(allowedTags, RequestContext.empty()),
                ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("ForAllValues: empty list is true", aliceWith(allowedTags, context("aws:TagKeys", new String[0])),
                ALLOWED, DecidedBy.IDENTITY, "C"));
        String anyTag = "{`ForAnyValue:StringEquals`:{`aws:TagKeys`:[`env`,`team`]}}";
        rows.add(row("ForAnyValue: one value in the set", aliceWith(anyTag,
                context("aws:TagKeys", new String[] {"cost", "team"})), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("ForAnyValue: absent key is false", aliceWith(anyTag, RequestContext.empty()),
                IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("ForAnyValue: empty list is false", aliceWith(anyTag, context("aws:TagKeys", new String[0])),
                IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("ForAnyValue deny on a forbidden tag key", alice("ec2:CreateTags", "*")
                .identityPolicy(inline(allow("A", "ec2:*", "*"),
                        deny("NoSecret", "ec2:CreateTags", "*", "{`ForAnyValue:StringEquals`:{`aws:TagKeys`:[`secret`]}}")))
                .context(context("aws:TagKeys", new String[] {"env", "secret"})), EXPLICIT_DENY, DecidedBy.IDENTITY, "NoSecret"));
        rows.add(row("ForAllValues:StringNotEquals rejects a listed value", aliceWith(
                "{`ForAllValues:StringNotEquals`:{`aws:TagKeys`:[`secret`]}}",
                context("aws:TagKeys", new String[] {"env", "secret"})), IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("ForAnyValue:StringNotLike finds an unlisted value", aliceWith(
                "{`ForAnyValue:StringNotLike`:{`aws:TagKeys`:[`env*`]}}",
                context("aws:TagKeys", new String[] {"env", "team"})), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("ForAllValues:StringLike", aliceWith("{`ForAllValues:StringLike`:{`aws:TagKeys`:[`app-*`]}}",
                context("aws:TagKeys", new String[] {"app-a", "app-b"})), ALLOWED, DecidedBy.IDENTITY, "C"));
        rows.add(row("single-valued operator on a list matches any value", aliceWith(
                "{`StringEquals`:{`aws:TagKeys`:`team`}}", context("aws:TagKeys", new String[] {"env", "team"})),
                ALLOWED, DecidedBy.IDENTITY, "C"));

        // --- Permissions boundaries ------------------------------------------------------------------
        AttachedPolicy s3Boundary = managed("S3Boundary", allow("B", "s3:*", "*"));
        rows.add(row("boundary and identity both allow", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:GetObject", "*"))).permissionsBoundary(s3Boundary),
                ALLOWED, DecidedBy.IDENTITY, "A"));
        rows.add(row("boundary does not allow the action", alice("iam:CreateUser", "*")
                .identityPolicy(inline(allow("A", "*", "*"))).permissionsBoundary(s3Boundary),
                IMPLICIT_DENY, DecidedBy.PERMISSIONS_BOUNDARY, null));
        rows.add(row("boundary alone grants nothing", alice("s3:GetObject", OBJECT).permissionsBoundary(s3Boundary),
                IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("explicit deny in boundary", alice("s3:DeleteObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:*", "*")))
                .permissionsBoundary(managed("B", allow("B", "s3:*", "*"), deny("BD", "s3:Delete*", "*"))),
                EXPLICIT_DENY, DecidedBy.PERMISSIONS_BOUNDARY, "BD"));
        rows.add(row("resource policy naming the user ARN is not limited by the boundary", alice("sqs:SendMessage", "arn:aws:s3:::b")
                .permissionsBoundary(s3Boundary)
                .resourcePolicy(bucketPolicy(grant("Allow", "U", "{`AWS`:`" + ALICE_ARN + "`}", "sqs:SendMessage", "*"))),
                ALLOWED, DecidedBy.RESOURCE, "U"));
        rows.add(row("resource policy naming the role ARN is limited by the boundary", request(SESSION, "sqs:SendMessage", "arn:aws:s3:::b")
                .permissionsBoundary(s3Boundary)
                .resourcePolicy(bucketPolicy(grant("Allow", "R", "{`AWS`:`" + ROLE_ARN + "`}", "sqs:SendMessage", "*"))),
                IMPLICIT_DENY, DecidedBy.PERMISSIONS_BOUNDARY, null));
        rows.add(row("resource policy naming the session ARN is not limited by the boundary",
                request(SESSION, "sqs:SendMessage", "arn:aws:s3:::b").permissionsBoundary(s3Boundary)
                .resourcePolicy(bucketPolicy(grant("Allow", "S", "{`AWS`:`" + SESSION_ARN + "`}", "sqs:SendMessage", "*"))),
                ALLOWED, DecidedBy.RESOURCE, "S"));

        // --- Session policies ----------------------------------------------------------------------
        AttachedPolicy roleS3 = new AttachedPolicy("role/AppRole/inline/S3", PolicySourceType.ROLE_INLINE,
                PolicyDocument.parse(document(allow("Role", "s3:*", "*"))));
        rows.add(row("identity and session policy both allow", request(SESSION, "s3:GetObject", OBJECT)
                .identityPolicy(roleS3).sessionPolicy(session(allow("Sess", "s3:GetObject", "*"))),
                ALLOWED, DecidedBy.IDENTITY, "Role"));
        rows.add(row("session policy does not allow", request(SESSION, "s3:PutObject", OBJECT)
                .identityPolicy(roleS3).sessionPolicy(session(allow("Sess", "s3:GetObject", "*"))),
                IMPLICIT_DENY, DecidedBy.SESSION, null));
        rows.add(row("session policy cannot grant beyond identity", request(SESSION, "sqs:SendMessage", "*")
                .identityPolicy(roleS3).sessionPolicy(session(allow("Sess", "*", "*"))),
                IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("explicit deny in session policy", request(SESSION, "s3:DeleteObject", OBJECT)
                .identityPolicy(roleS3).sessionPolicy(session(allow("Sess", "*", "*"), deny("SD", "s3:DeleteObject", "*"))),
                EXPLICIT_DENY, DecidedBy.SESSION, "SD"));
        rows.add(row("resource policy naming the role ARN is limited by session policy", request(SESSION, "s3:PutObject", OBJECT)
                .sessionPolicy(session(allow("Sess", "s3:GetObject", "*")))
                .resourcePolicy(bucketPolicy(grant("Allow", "R", "{`AWS`:`" + ROLE_ARN + "`}", "s3:PutObject", "arn:aws:s3:::b/*"))),
                IMPLICIT_DENY, DecidedBy.SESSION, null));
        rows.add(row("resource policy naming the session ARN bypasses the session policy", request(SESSION, "s3:PutObject", OBJECT)
                .sessionPolicy(session(allow("Sess", "s3:GetObject", "*")))
                .resourcePolicy(bucketPolicy(grant("Allow", "S", "{`AWS`:`" + SESSION_ARN + "`}", "s3:PutObject", "arn:aws:s3:::b/*"))),
                ALLOWED, DecidedBy.RESOURCE, "S"));
        rows.add(row("resource policy naming the role ARN grants without identity policy", request(SESSION, "s3:PutObject", OBJECT)
                .resourcePolicy(bucketPolicy(grant("Allow", "R", "{`AWS`:`" + ROLE_ARN + "`}", "s3:PutObject", "arn:aws:s3:::b/*"))),
                ALLOWED, DecidedBy.RESOURCE, "R"));

        // --- Resource-based policies, principals ------------------------------------------------------
        rows.add(row("public bucket allows anonymous reads", request(RequestPrincipal.anonymous(), "s3:GetObject", OBJECT)
                .resourcePolicy(bucketPolicy(grant("Allow", "Public", "`*`", "s3:GetObject", "arn:aws:s3:::b/*"))),
                ALLOWED, DecidedBy.RESOURCE, "Public"));
        rows.add(row("anonymous without resource policy", request(RequestPrincipal.anonymous(), "s3:GetObject", OBJECT),
                IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("resource policy naming another user does not grant", alice("s3:GetObject", OBJECT)
                .resourcePolicy(bucketPolicy(grant("Allow", "Bob", "{`AWS`:[`" + BOB_ARN + "`]}", "s3:GetObject", "arn:aws:s3:::b/*"))),
                IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("resource policy deny overrides identity allow", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:*", "*")))
                .resourcePolicy(bucketPolicy(grant("Deny", "NoAlice", "{`AWS`:`" + ALICE_ARN + "`}", "s3:*", "arn:aws:s3:::b/*"))),
                EXPLICIT_DENY, DecidedBy.RESOURCE, "NoAlice"));
        rows.add(row("account principal delegates: user still needs identity allow", alice("s3:GetObject", OBJECT)
                .resourcePolicy(bucketPolicy(grant("Allow", "Acct", "{`AWS`:`arn:aws:iam::111122223333:root`}", "s3:*", "arn:aws:s3:::b/*"))),
                IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("account principal plus identity allow", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:GetObject", "*")))
                .resourcePolicy(bucketPolicy(grant("Allow", "Acct", "{`AWS`:`111122223333`}", "s3:*", "arn:aws:s3:::b/*"))),
                ALLOWED, DecidedBy.IDENTITY, "A"));
        rows.add(row("Deny naming the account applies to its users", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:GetObject", "*")))
                .resourcePolicy(bucketPolicy(grant("Deny", "Acct", "{`AWS`:`111122223333`}", "s3:*", "arn:aws:s3:::b/*"))),
                EXPLICIT_DENY, DecidedBy.RESOURCE, "Acct"));
        String notAlice = statement("Deny", "NotAlice", "`NotPrincipal`:{`AWS`:[`" + ALICE_ARN + "`,`arn:aws:iam::111122223333:root`]},`Action`:`s3:*`",
                "`Resource`:`arn:aws:s3:::b/*`", null);
        rows.add(row("NotPrincipal Deny exempts the listed user", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:*", "*"))).resourcePolicy(bucketPolicy(notAlice)),
                ALLOWED, DecidedBy.IDENTITY, "A"));
        rows.add(row("NotPrincipal Deny applies to everyone else", request(BOB, "s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:*", "*"))).resourcePolicy(bucketPolicy(notAlice)),
                EXPLICIT_DENY, DecidedBy.RESOURCE, "NotAlice"));
        rows.add(row("NotPrincipal without the account does not exempt the user", alice("s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:*", "*")))
                .resourcePolicy(bucketPolicy(statement("Deny", "NotAlice", "`NotPrincipal`:{`AWS`:`" + ALICE_ARN + "`},`Action`:`s3:*`",
                        "`Resource`:`arn:aws:s3:::b/*`", null))),
                EXPLICIT_DENY, DecidedBy.RESOURCE, "NotAlice"));

        // --- Root user and cross-account --------------------------------------------------------------
        rows.add(row("root user needs no policy", request(ROOT, "iam:DeleteAccountPasswordPolicy", "*"),
                ALLOWED, DecidedBy.ROOT_USER, null));
        rows.add(row("root user stopped by a resource policy deny", request(ROOT, "s3:DeleteBucket", "arn:aws:s3:::b")
                .resourcePolicy(bucketPolicy(grant("Deny", "NoDelete", "`*`", "s3:DeleteBucket", "arn:aws:s3:::b"))),
                EXPLICIT_DENY, DecidedBy.RESOURCE, "NoDelete"));
        rows.add(row("root bypass switched off", request(ROOT, "s3:GetObject", OBJECT).rootBypass(false),
                IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("cross-account: identity allow alone is not enough", request(OUTSIDER, "s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:*", "*")))
                .resourcePolicy(bucketPolicy(grant("Allow", "Bob", "{`AWS`:`" + BOB_ARN + "`}", "s3:GetObject", "arn:aws:s3:::b/*"))),
                IMPLICIT_DENY, DecidedBy.RESOURCE, null));
        rows.add(row("cross-account: both sides allow", request(OUTSIDER, "s3:GetObject", OBJECT)
                .identityPolicy(inline(allow("A", "s3:GetObject", "*")))
                .resourcePolicy(bucketPolicy(grant("Allow", "Partner", "{`AWS`:`444455556666`}", "s3:GetObject", "arn:aws:s3:::b/*"))),
                ALLOWED, DecidedBy.IDENTITY, "A"));
        rows.add(row("cross-account: resource allow alone is not enough", request(OUTSIDER, "s3:GetObject", OBJECT)
                .resourcePolicy(bucketPolicy(grant("Allow", "Partner", "{`AWS`:`444455556666`}", "s3:GetObject", "arn:aws:s3:::b/*"))),
                IMPLICIT_DENY, DecidedBy.NONE, null));

        // --- Trust policies ---------------------------------------------------------------------------
        rows.add(row("trust policy naming the user allows AssumeRole", alice("sts:AssumeRole", ROLE_ARN)
                .resourcePolicy(trustPolicy("{`Version`:`2012-10-17`,`Statement`:[{`Sid`:`Trust`,`Effect`:`Allow`,"
                        + "`Principal`:{`AWS`:`" + ALICE_ARN + "`},`Action`:`sts:AssumeRole`}]}")),
                ALLOWED, DecidedBy.RESOURCE, "Trust"));
        rows.add(row("trust policy for a service principal", request(RequestPrincipal.service("lambda.amazonaws.com"), "sts:AssumeRole", ROLE_ARN)
                .resourcePolicy(trustPolicy("{`Version`:`2012-10-17`,`Statement`:{`Sid`:`Lambda`,`Effect`:`Allow`,"
                        + "`Principal`:{`Service`:[`lambda.amazonaws.com`]},`Action`:`sts:AssumeRole`}}")),
                ALLOWED, DecidedBy.RESOURCE, "Lambda"));
        rows.add(row("trust policy for another service", request(RequestPrincipal.service("ec2.amazonaws.com"), "sts:AssumeRole", ROLE_ARN)
                .resourcePolicy(trustPolicy("{`Version`:`2012-10-17`,`Statement`:{`Sid`:`Lambda`,`Effect`:`Allow`,"
                        + "`Principal`:{`Service`:`lambda.amazonaws.com`},`Action`:`sts:AssumeRole`}}")),
                IMPLICIT_DENY, DecidedBy.NONE, null));
        rows.add(row("principal keys are derived: aws:PrincipalArn of a session is the role ARN", request(SESSION, "s3:GetObject", OBJECT)
                .identityPolicy(roleS3)
                .resourcePolicy(bucketPolicy(statement("Deny", "OnlyRole", "`Principal`:`*`,`Action`:`s3:*`", "`Resource`:`arn:aws:s3:::b/*`",
                        "`Condition`:{`ArnNotEquals`:{`aws:PrincipalArn`:`" + ROLE_ARN + "`}}"))),
                ALLOWED, DecidedBy.IDENTITY, "Role"));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(String name, EvaluationRequest request, Decision decision, DecidedBy decidedBy, String sid) {
        EvaluationResult result = ENGINE.evaluate(request);
        assertEquals(decision, result.decision(), "decision");
        assertEquals(decidedBy, result.decidedBy(), "decided by");
        if (sid == null) {
            assertTrue(result.decidingStatement().isEmpty(), () -> "no deciding statement, got " + result.decidingStatement());
        } else {
            assertEquals(sid, result.decidingStatement().orElseThrow().sid(), "deciding statement");
        }
        assertEquals(decision == ALLOWED, result.denialReason() == null, "denial reason only for denials");
    }

    @org.junit.jupiter.api.Test
    void tableHasAtLeastSixtyCases() {
        assertTrue(cases().count() >= 60, "cases: " + cases().count());
    }
}
