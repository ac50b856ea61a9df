package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IAM and STS through real SDK v2 clients over HTTP: identities, AccessDenied messages as AWS
 * words them, boundaries, AssumeRole's trust rules, session policies and expiry.
 */
class IamStsEndToEndTest {
    private static final String ACCOUNT = RunningSandbox.ACCOUNT;
    private static final String TRUST_ACCOUNT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String ALLOW_ASSUME = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}";
    private static RunningSandbox sandbox;
    private static IamClient rootIam;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        rootIam = sandbox.iam(RunningSandbox.ROOT);
    }

    @AfterAll
    static void stop() {
        rootIam.close();
        sandbox.close();
    }

    @Test
    void getCallerIdentityAsRootOnBothHttpClients() {
        try (StsClient apache = sandbox.sts(RunningSandbox.ROOT);
             StsClient urlConnection = sandbox.sts(RunningSandbox.ROOT, UrlConnectionHttpClient.create())) {
            for (StsClient sts : new StsClient[] {apache, urlConnection}) {
                GetCallerIdentityResponse identity = sts.getCallerIdentity();
                assertEquals(ACCOUNT, identity.account());
                assertEquals("arn:aws:iam::" + ACCOUNT + ":root", identity.arn());
                assertEquals(ACCOUNT, identity.userId());
            }
        }
    }

    @Test
    void aNewUserIsDeniedUntilAPolicyAllows() {
        AwsCredentials alice = sandbox.newUser("alice");
        try (IamClient iam = sandbox.iam(alice); StsClient sts = sandbox.sts(alice)) {
            assertEquals("arn:aws:iam::" + ACCOUNT + ":user/alice", sts.getCallerIdentity().arn());
            IamException denied = assertThrows(IamException.class, () -> iam.getGroup(r -> r.groupName("admins")));
            assertEquals(403, denied.statusCode());
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            assertEquals("User: arn:aws:iam::" + ACCOUNT + ":user/alice is not authorized to perform: iam:GetGroup on resource: "
                    + "arn:aws:iam::" + ACCOUNT + ":group/admins because no identity-based policy allows the iam:GetGroup action",
                    denied.awsErrorDetails().errorMessage());

            rootIam.attachUserPolicy(r -> r.userName("alice").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
            assertTrue(iam.listUsers().users().stream().anyMatch(user -> user.userName().equals("alice")));
            IamException write = assertThrows(IamException.class, () -> iam.createUser(r -> r.userName("mallory")));
            assertTrue(write.awsErrorDetails().errorMessage().endsWith("because no identity-based policy allows the iam:CreateUser action"));
        }
    }

    @Test
    void aPermissionsBoundaryCapsAnAdministrator() {
        rootIam.createPolicy(r -> r.policyName("OnlyReadIam").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":[\"iam:Get*\",\"iam:List*\"],\"Resource\":\"*\"}]}"));
        AwsCredentials bob = sandbox.newUser("bob");
        rootIam.attachUserPolicy(r -> r.userName("bob").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        rootIam.putUserPermissionsBoundary(r -> r.userName("bob").permissionsBoundary("arn:aws:iam::" + ACCOUNT + ":policy/OnlyReadIam"));
        try (IamClient iam = sandbox.iam(bob)) {
            iam.listRoles();
            IamException denied = assertThrows(IamException.class, () -> iam.createRole(r -> r.roleName("escape")
                    .assumeRolePolicyDocument(TRUST_ACCOUNT)));
            assertEquals("User: arn:aws:iam::" + ACCOUNT + ":user/bob is not authorized to perform: iam:CreateRole on resource: "
                    + "arn:aws:iam::" + ACCOUNT + ":role/escape because no permissions boundary allows the iam:CreateRole action",
                    denied.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void assumeRoleNeedsTheTrustPolicyAndForAnAccountTrustAnIdentityPolicyToo() {
        rootIam.createRole(r -> r.roleName("reader").assumeRolePolicyDocument(TRUST_ACCOUNT));
        rootIam.attachRolePolicy(r -> r.roleName("reader").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/reader";
        AwsCredentials carol = sandbox.newUser("carol");
        try (StsClient sts = sandbox.sts(carol)) {
            StsException denied = assertThrows(StsException.class, () -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1")));
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            assertEquals("User: arn:aws:iam::" + ACCOUNT + ":user/carol is not authorized to perform: sts:AssumeRole on resource: "
                    + roleArn + " because no identity-based policy allows the sts:AssumeRole action", denied.awsErrorDetails().errorMessage());

            rootIam.putUserPolicy(r -> r.userName("carol").policyName("assume").policyDocument(ALLOW_ASSUME));
            AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("class-demo").durationSeconds(900));
            assertTrue(assumed.credentials().accessKeyId().startsWith("ASIA"), assumed.credentials().accessKeyId());
            assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/reader/class-demo", assumed.assumedRoleUser().arn());

            AwsCredentials session = RunningSandbox.session(assumed.credentials());
            try (StsClient asRole = sandbox.sts(session); IamClient iamAsRole = sandbox.iam(session)) {
                assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/reader/class-demo", asRole.getCallerIdentity().arn());
                iamAsRole.listUsers();
                IamException write = assertThrows(IamException.class, () -> iamAsRole.createUser(r -> r.userName("x")));
                assertTrue(write.awsErrorDetails().errorMessage().startsWith(
                        "User: arn:aws:sts::" + ACCOUNT + ":assumed-role/reader/class-demo is not authorized to perform: iam:CreateUser"),
                        write.awsErrorDetails().errorMessage());
            }
        }
        // An identity policy alone is not enough: this trust policy names nobody who asks.
        rootIam.createRole(r -> r.roleName("closed").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
        try (StsClient sts = sandbox.sts(carol)) {
            StsException denied = assertThrows(StsException.class, () -> sts.assumeRole(r -> r
                    .roleArn("arn:aws:iam::" + ACCOUNT + ":role/closed").roleSessionName("s2")));
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        }
    }

    @Test
    void aTrustPolicyNamingTheUserNeedsNoIdentityPolicyAndRootMayNotAssume() {
        AwsCredentials dave = sandbox.newUser("dave");
        rootIam.createRole(r -> r.roleName("for-dave").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":user/dave\"},"
                + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"class-42\"}}}]}"));
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/for-dave";
        try (StsClient sts = sandbox.sts(dave); StsClient root = sandbox.sts(RunningSandbox.ROOT)) {
            assertThrows(StsException.class, () -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("no-external-id")));
            assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/for-dave/with-id",
                    sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("with-id").externalId("class-42")).assumedRoleUser().arn());
            StsException rootDenied = assertThrows(StsException.class, () -> root.assumeRole(r -> r.roleArn(roleArn)
                    .roleSessionName("root").externalId("class-42")));
            assertEquals("Roles may not be assumed by root accounts.", rootDenied.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void aSessionPolicyNarrowsTheRole() {
        rootIam.createRole(r -> r.roleName("wide").assumeRolePolicyDocument(TRUST_ACCOUNT));
        rootIam.attachRolePolicy(r -> r.roleName("wide").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
        AwsCredentials erin = sandbox.newUser("erin");
        rootIam.putUserPolicy(r -> r.userName("erin").policyName("assume").policyDocument(ALLOW_ASSUME));
        try (StsClient sts = sandbox.sts(erin)) {
            AssumeRoleResponse narrowed = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/wide")
                    .roleSessionName("narrow").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Action\":\"iam:ListRoles\",\"Resource\":\"*\"}]}"));
            try (IamClient iam = sandbox.iam(RunningSandbox.session(narrowed.credentials()))) {
                iam.listRoles();
                IamException denied = assertThrows(IamException.class, iam::listUsers);
                assertTrue(denied.awsErrorDetails().errorMessage().endsWith("because no session policy allows the iam:ListUsers action"),
                        denied.awsErrorDetails().errorMessage());
            }
        }
    }

    @Test
    void expiredSessionCredentialsAreRefusedWithExpiredToken() {
        rootIam.createRole(r -> r.roleName("short").assumeRolePolicyDocument(TRUST_ACCOUNT));
        AwsCredentials frank = sandbox.newUser("frank");
        rootIam.putUserPolicy(r -> r.userName("frank").policyName("assume").policyDocument(ALLOW_ASSUME));
        AwsCredentials session;
        try (StsClient sts = sandbox.sts(frank)) {
            session = RunningSandbox.session(sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/short")
                    .roleSessionName("brief").durationSeconds(900)).credentials());
        }
        try (StsClient asRole = sandbox.sts(session)) {
            asRole.getCallerIdentity();
        }
        // 16 minutes later the session is over, though the request is signed correctly for that moment.
        sandbox.shiftClock(Duration.ofMinutes(16));
        try {
            SignedQuery answer = SignedQuery.send(sandbox.endpoint(), session, "sts", Instant.now().plus(Duration.ofMinutes(16)),
                    "Action=GetCallerIdentity&Version=2011-06-15");
            assertEquals(403, answer.status(), answer.body());
            assertTrue(answer.body().contains("<Code>ExpiredToken</Code>"), answer.body());
        } finally {
            sandbox.shiftClock(Duration.ZERO);
        }
    }

    @Test
    void unknownKeysAndWrongSecretsAreRefused() {
        try (StsClient unknown = sandbox.sts(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                "AKIAUNKNOWNKEY000000", "x".repeat(40)));
             StsClient wrongSecret = sandbox.sts(software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                     RunningSandbox.ROOT.accessKeyId(), "not-the-secret"))) {
            StsException notFound = assertThrows(StsException.class, unknown::getCallerIdentity);
            assertEquals(403, notFound.statusCode());
            assertEquals("InvalidClientTokenId", notFound.awsErrorDetails().errorCode());
            StsException mismatch = assertThrows(StsException.class, wrongSecret::getCallerIdentity);
            assertEquals("SignatureDoesNotMatch", mismatch.awsErrorDetails().errorCode());
        }
    }
}
