package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.AccessPoint;
import software.amazon.awssdk.services.s3control.model.CreateAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.GetAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.ListAccessPointsResponse;
import software.amazon.awssdk.services.s3control.model.NetworkOrigin;
import software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3control.model.S3ControlException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3 Control's access points and account Block Public Access through SDK v2's S3ControlClient,
 * which addresses {account}.s3-control.{region}.amazonaws.com: reached through the /_host/ prefix.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/creating-access-points.html
 */
class S3ControlEndToEndTest {
    private static final String ACCOUNT = RunningSandbox.ACCOUNT;
    private static RunningSandbox sandbox;
    private static S3ControlClient control;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.startExplaining();
        control = HostAddressedClients.s3Control(sandbox, RunningSandbox.ROOT);
        s3 = HostAddressedClients.s3(sandbox, RunningSandbox.ROOT);
    }

    @AfterAll
    static void stop() {
        control.close();
        s3.close();
        sandbox.close();
    }

    @Test
    void accessPointsAreCreatedReadListedAndDeleted() {
        s3.createBucket(r -> r.bucket("ap-lifecycle"));
        CreateAccessPointResponse created = control.createAccessPoint(r -> r.accountId(ACCOUNT).name("team-a").bucket("ap-lifecycle"));
        assertEquals("arn:aws:s3:us-east-1:" + ACCOUNT + ":accesspoint/team-a", created.accessPointArn());
        assertTrue(created.alias().matches("team-a-[a-z0-9]{34}-s3alias"), created.alias());
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name("team-b").bucket("ap-lifecycle").vpcConfiguration(v -> v.vpcId("vpc-1a2b3c4d"))
                .publicAccessBlockConfiguration(p -> p.blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(false)
                        .restrictPublicBuckets(false)));

        GetAccessPointResponse teamA = control.getAccessPoint(r -> r.accountId(ACCOUNT).name("team-a"));
        assertEquals("ap-lifecycle", teamA.bucket());
        assertEquals(NetworkOrigin.INTERNET, teamA.networkOrigin());
        assertEquals(created.alias(), teamA.alias());
        assertEquals(created.accessPointArn(), teamA.accessPointArn());
        assertEquals(PublicAccessBlockConfiguration.builder().blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true)
                .restrictPublicBuckets(true).build(), teamA.publicAccessBlockConfiguration());
        assertEquals("team-a-" + ACCOUNT + ".s3-accesspoint.us-east-1.amazonaws.com", teamA.endpoints().get("ipv4"));
        assertEquals(ACCOUNT, teamA.bucketAccountId());
        assertTrue(teamA.creationDate() != null);
        GetAccessPointResponse teamB = control.getAccessPoint(r -> r.accountId(ACCOUNT).name("team-b"));
        assertEquals(NetworkOrigin.VPC, teamB.networkOrigin());
        assertEquals("vpc-1a2b3c4d", teamB.vpcConfiguration().vpcId());

        ListAccessPointsResponse first = control.listAccessPoints(r -> r.accountId(ACCOUNT).bucket("ap-lifecycle").maxResults(1));
        assertEquals(List.of("team-a"), first.accessPointList().stream().map(AccessPoint::name).toList());
        ListAccessPointsResponse second = control.listAccessPoints(r -> r.accountId(ACCOUNT).bucket("ap-lifecycle")
                .nextToken(first.nextToken()));
        assertEquals(List.of("team-b"), second.accessPointList().stream().map(AccessPoint::name).toList());
        assertEquals(null, second.nextToken());
        assertEquals(2, control.listAccessPointsPaginator(r -> r.accountId(ACCOUNT).bucket("ap-lifecycle").maxResults(1)).stream()
                .mapToLong(page -> page.accessPointList().size()).sum());

        control.deleteAccessPoint(r -> r.accountId(ACCOUNT).name("team-b"));
        S3ControlException gone = assertThrows(S3ControlException.class, () -> control.getAccessPoint(r -> r.accountId(ACCOUNT).name("team-b")));
        assertEquals("NoSuchAccessPoint", gone.awsErrorDetails().errorCode());
        assertEquals(404, gone.statusCode());
        control.deleteAccessPoint(r -> r.accountId(ACCOUNT).name("team-a"));
        String log = sandbox.log();
        assertTrue(log.contains("route: s3control in REST_XML: effective host " + ACCOUNT + ".s3-control.us-east-1.amazonaws.com"), log);
    }

    /** Names: 3–50 characters, lower-case letters, digits and hyphens, not ending in -s3alias; unique per account and Region. */
    @Test
    void namesAndBucketsAreChecked() {
        s3.createBucket(r -> r.bucket("ap-names"));
        for (String name : List.of("Upper", "ab", "-leading", "trailing-", "under_score", "dotted.name", "x".repeat(51), "my-s3alias")) {
            S3ControlException bad = assertThrows(S3ControlException.class,
                    () -> control.createAccessPoint(r -> r.accountId(ACCOUNT).name(name).bucket("ap-names")), name);
            assertEquals("InvalidURI", bad.awsErrorDetails().errorCode(), name);
        }
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name("x".repeat(50)).bucket("ap-names"));
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name("twice").bucket("ap-names"));
        S3ControlException twice = assertThrows(S3ControlException.class,
                () -> control.createAccessPoint(r -> r.accountId(ACCOUNT).name("twice").bucket("ap-names")));
        assertEquals("AccessPointAlreadyOwnedByYou", twice.awsErrorDetails().errorCode());
        assertEquals(409, twice.statusCode());
        S3ControlException noBucket = assertThrows(S3ControlException.class,
                () -> control.createAccessPoint(r -> r.accountId(ACCOUNT).name("orphan").bucket("no-such-bucket-here")));
        assertEquals("NoSuchBucket", noBucket.awsErrorDetails().errorCode());
        String alias = control.getAccessPoint(r -> r.accountId(ACCOUNT).name("x".repeat(50))).alias();
        assertTrue(alias.length() <= 63 && alias.startsWith("x".repeat(20) + "-") && alias.endsWith("-s3alias"), alias);
    }

    /**
     * An access point's own BlockPublicPolicy (on by default) refuses a public policy; with it off
     * the policy is stored and reported public.
     * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-bpa-settings.html
     */
    @Test
    void accessPointPoliciesAndTheirPublicStatus() {
        s3.createBucket(r -> r.bucket("ap-policies"));
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name("guarded").bucket("ap-policies"));
        String arn = "arn:aws:s3:us-east-1:" + ACCOUNT + ":accesspoint/guarded";
        String publicPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"" + arn + "/object/*\"}]}";
        S3ControlException blocked = assertThrows(S3ControlException.class,
                () -> control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name("guarded").policy(publicPolicy)));
        assertEquals("AccessDenied", blocked.awsErrorDetails().errorCode());
        assertTrue(blocked.awsErrorDetails().errorMessage().contains("BlockPublicPolicy"), blocked.toString());
        S3ControlException none = assertThrows(S3ControlException.class,
                () -> control.getAccessPointPolicy(r -> r.accountId(ACCOUNT).name("guarded")));
        assertEquals("NoSuchAccessPointPolicy", none.awsErrorDetails().errorCode());

        String privatePolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + ACCOUNT + ":root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"" + arn + "/object/*\"}]}";
        control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name("guarded").policy(privatePolicy));
        assertEquals(privatePolicy, control.getAccessPointPolicy(r -> r.accountId(ACCOUNT).name("guarded")).policy());
        assertFalse(control.getAccessPointPolicyStatus(r -> r.accountId(ACCOUNT).name("guarded")).policyStatus().isPublic());
        String otherResource = privatePolicy.replace(arn + "/object/*", "arn:aws:s3:::ap-policies/*");
        S3ControlException invalid = assertThrows(S3ControlException.class,
                () -> control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name("guarded").policy(otherResource)));
        assertEquals("MalformedPolicy", invalid.awsErrorDetails().errorCode());

        control.createAccessPoint(r -> r.accountId(ACCOUNT).name("open").bucket("ap-policies")
                .publicAccessBlockConfiguration(p -> p.blockPublicPolicy(false).restrictPublicBuckets(false)));
        String openPolicy = publicPolicy.replace("guarded", "open");
        control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name("open").policy(openPolicy));
        assertTrue(control.getAccessPointPolicyStatus(r -> r.accountId(ACCOUNT).name("open")).policyStatus().isPublic());
        control.deleteAccessPointPolicy(r -> r.accountId(ACCOUNT).name("open"));
        assertEquals("NoSuchAccessPointPolicy", assertThrows(S3ControlException.class,
                () -> control.getAccessPointPolicy(r -> r.accountId(ACCOUNT).name("open"))).awsErrorDetails().errorCode());
    }

    @Test
    void accountLevelPublicAccessBlock() {
        control.deletePublicAccessBlock(r -> r.accountId(ACCOUNT));
        S3ControlException none = assertThrows(S3ControlException.class, () -> control.getPublicAccessBlock(r -> r.accountId(ACCOUNT)));
        assertEquals("NoSuchPublicAccessBlockConfiguration", none.awsErrorDetails().errorCode());
        assertEquals(404, none.statusCode());
        control.putPublicAccessBlock(r -> r.accountId(ACCOUNT).publicAccessBlockConfiguration(p -> p.blockPublicPolicy(true)));
        PublicAccessBlockConfiguration block = control.getPublicAccessBlock(r -> r.accountId(ACCOUNT)).publicAccessBlockConfiguration();
        assertTrue(block.blockPublicPolicy());
        assertFalse(block.blockPublicAcls());
        // The account's BlockPublicPolicy refuses a public access point policy even where the access point's is off.
        s3.createBucket(r -> r.bucket("ap-account-block"));
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name("lax").bucket("ap-account-block")
                .publicAccessBlockConfiguration(p -> p.blockPublicPolicy(false)));
        String publicPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:us-east-1:" + ACCOUNT + ":accesspoint/lax/object/*\"}]}";
        assertEquals("AccessDenied", assertThrows(S3ControlException.class, () -> control.putAccessPointPolicy(
                r -> r.accountId(ACCOUNT).name("lax").policy(publicPolicy))).awsErrorDetails().errorCode());
        control.deletePublicAccessBlock(r -> r.accountId(ACCOUNT));
        control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name("lax").policy(publicPolicy));
    }

    /** x-amz-account-id must be the caller's account; permissions are S3's IAM actions. */
    @Test
    void accountAndPermissionsAreChecked() {
        S3ControlException otherAccount = assertThrows(S3ControlException.class,
                () -> control.listAccessPoints(r -> r.accountId("111122223333")));
        assertEquals("AccessDenied", otherAccount.awsErrorDetails().errorCode());
        assertEquals(403, otherAccount.statusCode());

        AwsCredentials nobody = sandbox.newUser("control-nobody");
        try (S3ControlClient denied = HostAddressedClients.s3Control(sandbox, nobody)) {
            S3ControlException error = assertThrows(S3ControlException.class,
                    () -> denied.createAccessPoint(r -> r.accountId(ACCOUNT).name("nope").bucket("whatever")));
            assertEquals("AccessDenied", error.awsErrorDetails().errorCode());
            assertEquals("User: arn:aws:iam::" + ACCOUNT + ":user/control-nobody is not authorized to perform: s3:CreateAccessPoint"
                    + " on resource: \"arn:aws:s3:us-east-1:" + ACCOUNT + ":accesspoint/nope\" because no identity-based policy"
                    + " allows the s3:CreateAccessPoint action", error.awsErrorDetails().errorMessage());
            try (IamClient iam = sandbox.iam(RunningSandbox.ROOT)) {
                iam.putUserPolicy(r -> r.userName("control-nobody").policyName("list").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListAccessPoints\",\"Resource\":\"*\"}]}"));
            }
            denied.listAccessPoints(r -> r.accountId(ACCOUNT));
        }
    }
}
