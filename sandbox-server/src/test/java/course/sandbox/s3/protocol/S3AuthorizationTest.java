package course.sandbox.s3.protocol;

import course.sandbox.e2e.RunningSandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * S3's own authorization rules, through the SDK against a real sandbox with real IAM users: each
 * key of a DeleteObjects batch is authorized on its own, and a bucket policy can never lock the
 * owner account's root out of the policy itself.
 */
class S3AuthorizationTest {
    private static RunningSandbox sandbox;
    private static S3Client root;
    private static S3Client deleter;
    private static S3Client s3Admin;

    private String bucket;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.startExplaining();
        root = s3(RunningSandbox.ROOT);
        AwsCredentials deleterKey = sandbox.newUser("deleter");
        AwsCredentials adminKey = sandbox.newUser("s3-admin");
        try (IamClient iam = sandbox.iam(RunningSandbox.ROOT)) {
            iam.putUserPolicy(p -> p.userName("deleter").policyName("delete-under-prefix").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:DeleteObject",
                     "Resource":"arn:aws:s3:::*/prefix/*"}]}"""));
            iam.putUserPolicy(p -> p.userName("s3-admin").policyName("all-of-s3").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"""));
        }
        deleter = s3(deleterKey);
        s3Admin = s3(adminKey);
    }

    @AfterAll
    static void stop() {
        deleter.close();
        s3Admin.close();
        root.close();
        sandbox.close();
    }

    @BeforeEach
    void createBucket() {
        bucket = "authz-" + UUID.randomUUID().toString().substring(0, 8);
        root.createBucket(b -> b.bucket(bucket));
        for (String key : List.of("prefix/one", "prefix/two", "other/three", "prefix/versioned")) {
            root.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(key));
        }
    }

    @Test
    void deleteObjectsDeletesTheAllowedKeysAndReportsEachDeniedOne() {
        DeleteObjectsResponse response = deleter.deleteObjects(d -> d.bucket(bucket).delete(batch(false)));

        assertEquals(List.of("prefix/one", "prefix/two"), response.deleted().stream().map(DeletedObject::key).toList());
        assertEquals(List.of("other/three AccessDenied Access Denied",
                        "prefix/versioned@null AccessDenied Access Denied"),
                response.errors().stream().map(S3AuthorizationTest::describe).toList());
        assertGone("prefix/one", "prefix/two");
        assertKept("other/three", "prefix/versioned");
        String log = sandbox.log();
        assertTrue(log.contains("authorize: s3:DeleteObject on arn:aws:s3:::" + bucket + "/prefix/one: allowed by IDENTITY"), log);
        assertTrue(log.contains("authorize: s3:DeleteObject on arn:aws:s3:::" + bucket + "/other/three: DENIED, "), log);
        assertTrue(log.contains("authorize: s3:DeleteObjectVersion on arn:aws:s3:::" + bucket + "/prefix/versioned: DENIED, "), log);
    }

    @Test
    void quietDeleteObjectsListsOnlyTheDeniedKeys() {
        DeleteObjectsResponse response = deleter.deleteObjects(d -> d.bucket(bucket).delete(batch(true)));

        assertEquals(List.of(), response.deleted());
        assertEquals(List.of("other/three AccessDenied Access Denied",
                        "prefix/versioned@null AccessDenied Access Denied"),
                response.errors().stream().map(S3AuthorizationTest::describe).toList());
        assertGone("prefix/one", "prefix/two");
        assertKept("other/three", "prefix/versioned");
    }

    @Test
    void theOwnersRootCanAlwaysManageThePolicyThatDeniesIt() {
        String denyEveryone = """
                {"Version":"2012-10-17","Statement":[{"Sid":"DenyEveryone","Effect":"Deny","Principal":"*","Action":"s3:*",
                 "Resource":["arn:aws:s3:::%1$s","arn:aws:s3:::%1$s/*"]}]}""".formatted(bucket);
        root.putBucketPolicy(p -> p.bucket(bucket).policy(denyEveryone));

        SdkScenarios.expectError(403, "AccessDenied", () -> root.getObjectAsBytes(g -> g.bucket(bucket).key("prefix/one")));
        GetBucketPolicyResponse policy = root.getBucketPolicy(g -> g.bucket(bucket));
        assertEquals(200, policy.sdkHttpResponse().statusCode());
        assertEquals(denyEveryone, policy.policy());
        assertEquals(204, root.putBucketPolicy(p -> p.bucket(bucket).policy(denyEveryone)).sdkHttpResponse().statusCode());
        // Only root is exempt: a user of the same account whose own policy allows all of S3 stays denied.
        SdkScenarios.expectError(403, "AccessDenied", () -> s3Admin.deleteBucketPolicy(d -> d.bucket(bucket)));
        SdkScenarios.expectError(403, "AccessDenied", () -> s3Admin.getBucketPolicy(g -> g.bucket(bucket)));

        assertEquals(204, root.deleteBucketPolicy(d -> d.bucket(bucket)).sdkHttpResponse().statusCode());
        assertEquals("prefix/one", root.getObjectAsBytes(g -> g.bucket(bucket).key("prefix/one")).asUtf8String());
        assertEquals("prefix/one", s3Admin.getObjectAsBytes(g -> g.bucket(bucket).key("prefix/one")).asUtf8String());
    }

    /** Two keys the policy allows, one outside the prefix, one by version (s3:DeleteObjectVersion, not granted). */
    private static Delete batch(boolean quiet) {
        return Delete.builder().quiet(quiet).objects(
                ObjectIdentifier.builder().key("prefix/one").build(),
                ObjectIdentifier.builder().key("other/three").build(),
                ObjectIdentifier.builder().key("prefix/two").build(),
                // An unversioned bucket's objects have the version "null".
                ObjectIdentifier.builder().key("prefix/versioned").versionId("null").build()).build();
    }

    private void assertGone(String... keys) {
        for (String key : keys) {
            SdkScenarios.expectError(404, null, () -> root.headObject(h -> h.bucket(bucket).key(key)));
        }
    }

    private void assertKept(String... keys) {
        for (String key : keys) {
            assertEquals(key.length(), root.headObject(h -> h.bucket(bucket).key(key)).contentLength(), key);
        }
    }

    private static String describe(S3Error error) {
        return error.key() + (error.versionId() == null ? "" : "@" + error.versionId()) + " " + error.code() + " "
                + error.message();
    }

    private static S3Client s3(AwsCredentials credentials) {
        return S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(ApacheHttpClient.create())
                .build();
    }
}
