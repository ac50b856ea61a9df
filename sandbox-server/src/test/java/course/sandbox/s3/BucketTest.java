package course.sandbox.s3;

import course.sandbox.iam.policy.PolicyValidator;
import course.sandbox.service.ServiceException;
import course.sandbox.service.Tag;

import static course.sandbox.s3.S3Assertions.ALICE;
import static course.sandbox.s3.S3Assertions.BOB;
import static course.sandbox.s3.S3Assertions.expectError;
import static course.sandbox.s3.S3Assertions.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketTest {
    private final S3Store store = new S3Store();

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-bucket", "my.bucket.name", "a1-2.b", "123"})
    void acceptsValidNames(String name) {
        assertTrue(BucketNames.isValid(name));
        assertEquals(name, store.createBucket(ALICE, name, null).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "MyBucket", "my_bucket", "-bucket", "bucket-", ".bucket", "bucket.",
            "my..bucket", "192.168.5.4", "xn--bucket", "sthree-bucket", "bucket-s3alias", "bucket--ol-s3",
            "amzn-s3-demo-bucket", "bucket.mrap", "bucket--x-s3", "bucket--table-s3", "bücket", "has space"})
    void rejectsInvalidNames(String name) {
        assertFalse(BucketNames.isValid(name));
        ServiceException error = expectError("InvalidBucketName", 400, () -> store.createBucket(ALICE, name, null));
        assertEquals("The specified bucket is not valid.", error.getMessage());
        assertEquals(name, error.details().get("BucketName"));
    }

    @Test
    void nameLengthLimitsAreThreeAndSixtyThree() {
        assertTrue(BucketNames.isValid("a".repeat(63)));
        assertFalse(BucketNames.isValid("a".repeat(64)));
        assertFalse(BucketNames.isValid(null));
    }

    @Test
    void existingBucketOfAnotherAccountIsAlreadyExists() {
        store.createBucket(ALICE, "shared-name", "eu-west-1");
        ServiceException error = expectError("BucketAlreadyExists", 409, () -> store.createBucket(BOB, "shared-name", null));
        assertTrue(error.getMessage().startsWith("The requested bucket name is not available."));
        assertEquals("/shared-name", error.resource());
    }

    @Test
    void recreatingOwnBucketOutsideUsEast1IsAlreadyOwnedByYou() {
        store.createBucket(ALICE, "mine", "eu-west-1");
        ServiceException error = expectError("BucketAlreadyOwnedByYou", 409,
                () -> store.createBucket(ALICE, "mine", "eu-west-1"));
        assertEquals("Your previous request to create the named bucket succeeded and you already own it.",
                error.getMessage());
    }

    @Test
    void recreatingOwnBucketInUsEast1SucceedsAndKeepsContents() {
        BucketInfo first = store.createBucket(ALICE, "mine", null);
        put(store, "mine", "k", "v");
        BucketInfo again = store.createBucket(ALICE, "mine", "us-east-1");
        assertEquals(first, again);
        assertEquals("v", S3Assertions.get(store, "mine", "k"));
    }

    @Test
    void listsOnlyTheAccountsBucketsWithCreationDates() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        store.createBucket(ALICE, "zeta", null);
        store.createBucket(BOB, "bob-bucket", null);
        store.createBucket(ALICE, "alpha", "eu-central-1");
        List<BucketInfo> buckets = store.listBuckets(ALICE);
        assertEquals(List.of("alpha", "zeta"), buckets.stream().map(BucketInfo::name).toList());
        assertFalse(buckets.get(0).creationDate().isBefore(before));
        assertFalse(buckets.get(0).creationDate().isAfter(Instant.now()));
        assertEquals(ALICE, buckets.get(0).owner());
        assertEquals(List.of("bob-bucket"), store.listBuckets(BOB).stream().map(BucketInfo::name).toList());
    }

    @Test
    void headAndLocation() {
        store.createBucket(ALICE, "bkt1", "eu-west-2");
        store.createBucket(ALICE, "bkt2", null);
        assertEquals("eu-west-2", store.headBucket("bkt1").region());
        assertEquals("eu-west-2", store.getBucketLocation("bkt1"));
        assertEquals("us-east-1", store.getBucketLocation("bkt2"));
        ServiceException error = expectError("NoSuchBucket", 404, () -> store.headBucket("nope"));
        assertEquals("The specified bucket does not exist", error.getMessage());
        assertEquals("nope", error.details().get("BucketName"));
    }

    @Test
    void deleteBucketRequiresItToBeEmpty() {
        store.createBucket(ALICE, "bkt", null);
        put(store, "bkt", "k", "v");
        ServiceException error = expectError("BucketNotEmpty", 409, () -> store.deleteBucket("bkt"));
        assertEquals("The bucket you tried to delete is not empty", error.getMessage());
        store.deleteObject("bkt", "k", null);
        store.deleteBucket("bkt");
        expectError("NoSuchBucket", 404, () -> store.headBucket("bkt"));
        expectError("NoSuchBucket", 404, () -> store.deleteBucket("bkt"));
    }

    @Test
    void deleteMarkersAndOldVersionsKeepABucketNonEmpty() {
        store.createBucket(ALICE, "bkt", null);
        store.putBucketVersioning("bkt", VersioningStatus.ENABLED);
        String version = put(store, "bkt", "k", "v").versionId();
        String marker = store.deleteObject("bkt", "k", null).versionId();
        ServiceException error = expectError("BucketNotEmpty", 409, () -> store.deleteBucket("bkt"));
        assertEquals("The bucket you tried to delete is not empty. You must delete all versions in the bucket.",
                error.getMessage());
        store.deleteObject("bkt", "k", version);
        expectError("BucketNotEmpty", 409, () -> store.deleteBucket("bkt"));
        store.deleteObject("bkt", "k", marker);
        store.deleteBucket("bkt");
        assertTrue(store.listBuckets(ALICE).isEmpty());
    }

    @Test
    void inProgressMultipartUploadsDoNotBlockDeleteBucket() {
        store.createBucket(ALICE, "bkt", null);
        UploadInfo upload = store.createMultipartUpload(ALICE, "bkt", "big", ObjectWrite.empty());
        store.uploadPart("bkt", "big", upload.uploadId(), 1, ObjectWrite.of(S3Assertions.bytes("part")));
        store.deleteBucket("bkt");
        store.createBucket(ALICE, "bkt", null);
        assertTrue(store.listMultipartUploads("bkt", null, null, null, null, 1000).uploads().isEmpty());
    }

    @Test
    void bucketNameIsGlobalAgainAfterDeletion() {
        store.createBucket(ALICE, "recycled", null);
        store.deleteBucket("recycled");
        assertEquals(BOB, store.createBucket(BOB, "recycled", null).owner());
    }

    @Test
    void bucketTaggingRoundTripAndLimits() {
        store.createBucket(ALICE, "bkt", null);
        ServiceException none = expectError("NoSuchTagSet", 404, () -> store.getBucketTagging("bkt"));
        assertEquals("The TagSet does not exist", none.getMessage());
        List<Tag> tags = List.of(new Tag("env", "dev"), new Tag("team", "course"));
        store.putBucketTagging("bkt", tags);
        assertEquals(tags, store.getBucketTagging("bkt"));

        List<Tag> fifty = java.util.stream.IntStream.range(0, 50).mapToObj(i -> new Tag("k" + i, "v")).toList();
        store.putBucketTagging("bkt", fifty);
        assertEquals(50, store.getBucketTagging("bkt").size());
        List<Tag> fiftyOne = java.util.stream.IntStream.range(0, 51).mapToObj(i -> new Tag("k" + i, "v")).toList();
        ServiceException tooMany = expectError("InvalidTag", 400, () -> store.putBucketTagging("bkt", fiftyOne));
        assertEquals("Bucket tag count cannot be greater than 50", tooMany.getMessage());
        ServiceException duplicate = expectError("InvalidTag", 400,
                () -> store.putBucketTagging("bkt", List.of(new Tag("a", "1"), new Tag("a", "2"))));
        assertEquals("Cannot provide multiple Tags with the same key", duplicate.getMessage());

        store.deleteBucketTagging("bkt");
        expectError("NoSuchTagSet", 404, () -> store.getBucketTagging("bkt"));
    }

    @Test
    void bucketPolicyStorageUsesTheValidator() {
        store.createBucket(ALICE, "bkt", null);
        ServiceException none = expectError("NoSuchBucketPolicy", 404, () -> store.getBucketPolicy("bkt"));
        assertEquals("The bucket policy does not exist", none.getMessage());
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        store.putBucketPolicy("bkt", policy, PolicyValidator.ACCEPT_ALL);
        assertEquals(policy, store.getBucketPolicy("bkt"));

        PolicyValidator strict = (json, kind) -> {
            if (!json.contains("Statement")) {
                throw S3Errors.error("MalformedPolicy", 400, "Missing required field Statement", "/bkt");
            }
        };
        expectError("MalformedPolicy", 400, () -> store.putBucketPolicy("bkt", "{}", strict));
        assertEquals(policy, store.getBucketPolicy("bkt"));

        store.deleteBucketPolicy("bkt");
        expectError("NoSuchBucketPolicy", 404, () -> store.getBucketPolicy("bkt"));
        expectError("NoSuchBucket", 404, () -> store.putBucketPolicy("nope", policy, PolicyValidator.ACCEPT_ALL));
    }

    @Test
    void versioningStatusTransitions() {
        store.createBucket(ALICE, "bkt", null);
        assertEquals(VersioningStatus.UNVERSIONED, store.getBucketVersioning("bkt"));
        assertEquals(null, VersioningStatus.UNVERSIONED.wireName());
        store.putBucketVersioning("bkt", VersioningStatus.ENABLED);
        assertEquals("Enabled", store.getBucketVersioning("bkt").wireName());
        store.putBucketVersioning("bkt", VersioningStatus.SUSPENDED);
        assertEquals(VersioningStatus.SUSPENDED, store.getBucketVersioning("bkt"));
        expectError("MalformedXML", 400, () -> store.putBucketVersioning("bkt", VersioningStatus.UNVERSIONED));
    }

    @Test
    void resetDropsEverything() {
        store.createBucket(ALICE, "bkt", null);
        put(store, "bkt", "k", "v");
        store.reset();
        assertTrue(store.listBuckets(ALICE).isEmpty());
        expectError("NoSuchBucket", 404, () -> store.headBucket("bkt"));
    }
}
