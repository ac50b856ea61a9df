package course.sandbox.s3control;

import course.sandbox.s3.AccessPoint;
import course.sandbox.s3.BucketConfiguration;
import course.sandbox.s3.PublicAccessBlock;
import course.sandbox.s3.PublicPolicies;
import course.sandbox.s3.S3Store;
import course.sandbox.service.ServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access point model alone: naming rules, aliases, Region, listing, policies and Block Public Access.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/creating-access-points.html#access-points-names
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-naming.html#access-points-alias
 */
class S3ControlModelTest {
    private static final String ACCOUNT = "000000000000";
    private final S3Store store = new S3Store();
    private final S3ControlModel model = new S3ControlModel(store, Clock.systemUTC(), PublicPolicies::isPublic);

    private void bucket(String name, String region) {
        store.createBucket(ACCOUNT, name, region.equals("us-east-1") ? null : region, BucketConfiguration.newBucket());
    }

    @Test
    void namesFollowTheRulesAndAliasesAreBucketNames() {
        bucket("data", "us-east-1");
        for (String bad : List.of("AB", "ab", "-ab", "ab-", "a_b", "a.b", "x".repeat(51), "abc-s3alias")) {
            assertEquals("InvalidURI", assertThrows(ServiceException.class,
                    () -> model.createAccessPoint(ACCOUNT, "us-east-1", bad, "data", null, null)).code(), bad);
        }
        AccessPoint point = model.createAccessPoint(ACCOUNT, "us-east-1", "analytics-team-west-2025", "data", null, null);
        assertTrue(point.alias().matches("analytics-team-west--[a-z0-9]{34}-s3alias"), point.alias());
        assertTrue(point.alias().length() <= 63);
        assertEquals(PublicAccessBlock.ALL_ON, point.publicAccessBlock());
        assertEquals(point, model.byAlias(point.alias()).orElseThrow());
        assertEquals("analytics-team-west-2025-000000000000.s3-accesspoint.us-east-1.amazonaws.com", point.host());
        assertEquals("AccessPointAlreadyOwnedByYou", assertThrows(ServiceException.class,
                () -> model.createAccessPoint(ACCOUNT, "us-east-1", "analytics-team-west-2025", "data", null, null)).code());
        model.deleteAccessPoint(ACCOUNT, "us-east-1", "analytics-team-west-2025");
        assertTrue(model.byAlias(point.alias()).isEmpty());
    }

    @Test
    void anAccessPointLivesInItsBucketsRegion() {
        bucket("west", "eu-west-1");
        assertEquals("InvalidRequest", assertThrows(ServiceException.class,
                () -> model.createAccessPoint(ACCOUNT, "us-east-1", "wrong-region", "west", null, null)).code());
        assertEquals("NoSuchBucket", assertThrows(ServiceException.class,
                () -> model.createAccessPoint(ACCOUNT, "us-east-1", "nothing", "missing", null, null)).code());
        assertEquals("VPC", model.createAccessPoint(ACCOUNT, "eu-west-1", "private", "west", "vpc-1", null).networkOrigin());
    }

    @Test
    void listingPagesByName() {
        bucket("one", "us-east-1");
        bucket("two", "us-east-1");
        for (String name : List.of("ccc", "aaa", "bbb")) {
            model.createAccessPoint(ACCOUNT, "us-east-1", name, "one", null, null);
        }
        model.createAccessPoint(ACCOUNT, "us-east-1", "ddd", "two", null, null);
        S3ControlModel.Page first = model.listAccessPoints(ACCOUNT, "us-east-1", "one", null, 2);
        assertEquals(List.of("aaa", "bbb"), first.accessPoints().stream().map(AccessPoint::name).toList());
        S3ControlModel.Page second = model.listAccessPoints(ACCOUNT, "us-east-1", "one", first.nextAfter(), 2);
        assertEquals(List.of("ccc"), second.accessPoints().stream().map(AccessPoint::name).toList());
        assertEquals(null, second.nextAfter());
        assertEquals(4, model.listAccessPoints(ACCOUNT, "us-east-1", null, null, 0).accessPoints().size());
        assertEquals(0, model.listAccessPoints(ACCOUNT, "eu-west-1", null, null, 0).accessPoints().size());
    }

    /** A public policy is refused while BlockPublicPolicy is on, for the access point or for the account. */
    @Test
    void policiesAndBlockPublicAccess() {
        bucket("data", "us-east-1");
        model.createAccessPoint(ACCOUNT, "us-east-1", "open", "data", null, PublicAccessBlock.NONE);
        String arn = "arn:aws:s3:us-east-1:" + ACCOUNT + ":accesspoint/open";
        String publicPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"" + arn + "/object/*\"}]}";
        model.putPublicAccessBlock(ACCOUNT, new PublicAccessBlock(false, false, true, false));
        assertEquals("AccessDenied", assertThrows(ServiceException.class,
                () -> model.putAccessPointPolicy(ACCOUNT, "us-east-1", "open", publicPolicy, "root")).code());
        model.deletePublicAccessBlock(ACCOUNT);
        assertEquals("NoSuchPublicAccessBlockConfiguration", assertThrows(ServiceException.class,
                () -> model.getPublicAccessBlock(ACCOUNT)).code());
        model.putAccessPointPolicy(ACCOUNT, "us-east-1", "open", publicPolicy, "root");
        assertTrue(model.isPolicyPublic(ACCOUNT, "us-east-1", "open"));
        String delegating = publicPolicy.replace("}]}", ",\"Condition\":{\"StringEquals\":{\"s3:DataAccessPointAccount\":\""
                + ACCOUNT + "\"}}}]}");
        model.putAccessPointPolicy(ACCOUNT, "us-east-1", "open", delegating, "root");
        assertFalse(model.isPolicyPublic(ACCOUNT, "us-east-1", "open"));
        assertEquals("MalformedPolicy", assertThrows(ServiceException.class, () -> model.putAccessPointPolicy(ACCOUNT, "us-east-1",
                "open", publicPolicy.replace(arn + "/object/*", "arn:aws:s3:::data/*"), "root")).code());
        assertEquals("MalformedPolicy", assertThrows(ServiceException.class,
                () -> model.putAccessPointPolicy(ACCOUNT, "us-east-1", "open", "{not json", "root")).code());
        model.deleteAccessPointPolicy(ACCOUNT, "us-east-1", "open");
        assertEquals("NoSuchAccessPointPolicy", assertThrows(ServiceException.class,
                () -> model.getAccessPointPolicy(ACCOUNT, "us-east-1", "open")).code());
    }

    /** Under --data, access points and the account's Block Public Access survive a restart; no name becomes a file. */
    @Test
    void accessPointsAreKeptUnderTheDataDirectory(@TempDir Path data) throws Exception {
        bucket("kept", "us-east-1");
        S3ControlModel first = new S3ControlModel(store, Clock.systemUTC(), PublicPolicies::isPublic, Optional.of(data));
        AccessPoint created = first.createAccessPoint(ACCOUNT, "us-east-1", "kept-point", "kept", "vpc-9", null);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + ACCOUNT + ":root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"" + created.arn() + "/object/*\"}]}";
        first.putAccessPointPolicy(ACCOUNT, "us-east-1", "kept-point", policy, "root");
        first.putPublicAccessBlock(ACCOUNT, PublicAccessBlock.ALL_ON);

        S3ControlModel restarted = new S3ControlModel(store, Clock.systemUTC(), PublicPolicies::isPublic, Optional.of(data));
        AccessPoint read = restarted.getAccessPoint(ACCOUNT, "us-east-1", "kept-point");
        assertEquals(created.withPolicy(policy).arn(), read.arn());
        assertEquals(policy, read.policy());
        assertEquals("vpc-9", read.vpcId());
        assertEquals(created.creationDate().toEpochMilli(), read.creationDate().toEpochMilli());
        assertEquals(read, restarted.byAlias(created.alias()).orElseThrow());
        assertEquals(PublicAccessBlock.ALL_ON, restarted.getPublicAccessBlock(ACCOUNT));
        try (var files = Files.list(data)) {
            assertEquals(List.of("state.json", "tmp"), files.map(file -> file.getFileName().toString()).sorted().toList());
        }
        restarted.deleteAccessPoint(ACCOUNT, "us-east-1", "kept-point");
        assertTrue(new S3ControlModel(store, Clock.systemUTC(), PublicPolicies::isPublic, Optional.of(data))
                .find(ACCOUNT, "us-east-1", "kept-point").isEmpty());
    }
}
