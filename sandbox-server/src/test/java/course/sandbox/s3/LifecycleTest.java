package course.sandbox.s3;

import course.sandbox.service.ServiceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static course.sandbox.s3.S3Assertions.ALICE;
import static course.sandbox.s3.S3Assertions.bytes;
import static course.sandbox.s3.S3Assertions.expectError;
import static course.sandbox.s3.S3Assertions.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lifecycle rules carried out against the store's clock, as S3 applies them: an object expires
 * at the first midnight UTC after its age reaches the rule's days, a noncurrent version counts
 * from when it became noncurrent.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html
 */
class LifecycleTest {
    private static final String BUCKET = "lifecycle";
    /** 10:30 UTC, so the rounding to midnight shows. */
    private static final Instant START = Instant.parse("2025-01-15T10:30:00Z");
    private final MovableClock clock = new MovableClock(START);
    private final S3Store store = new S3Store(5, clock);

    @BeforeEach
    void createBucket() {
        store.createBucket(ALICE, BUCKET, null);
    }

    private void rules(LifecycleRule... rules) {
        store.configure(BUCKET, configuration -> configuration.withLifecycle(LifecycleConfiguration.validated(List.of(rules), BUCKET)));
    }

    private static LifecycleRule.Filter prefix(String prefix) {
        return new LifecycleRule.Filter(prefix, List.of(), null, null, false, false);
    }

    private static LifecycleRule expireAfter(String id, LifecycleRule.Filter filter, int days) {
        return new LifecycleRule(id, true, filter, new LifecycleRule.Expiration(days, null, false), null, null, null);
    }

    private boolean exists(String key) {
        store.applyLifecycle(BUCKET);
        try {
            store.headObject(BUCKET, key, null, null, ReadConditions.NONE);
            return true;
        } catch (ServiceException e) {
            return false;
        }
    }

    @Test
    void anObjectExpiresAtTheFirstMidnightAfterItsDays() {
        put(store, BUCKET, "tmp/a.txt", "a");
        put(store, BUCKET, "keep/b.txt", "b");
        rules(expireAfter("tmp", prefix("tmp/"), 3));
        // 2025-01-15 10:30 + 3 days = 2025-01-18 10:30, rounded up to 2025-01-19 00:00 UTC.
        assertEquals(new LifecycleConfiguration.Expiry(Instant.parse("2025-01-19T00:00:00Z"), "tmp"),
                store.expiryOf(BUCKET, "tmp/a.txt"));
        assertNull(store.expiryOf(BUCKET, "keep/b.txt"));
        clock.set(Instant.parse("2025-01-18T23:59:59Z"));
        assertTrue(exists("tmp/a.txt"));
        clock.set(Instant.parse("2025-01-19T00:00:00Z"));
        assertTrue(!exists("tmp/a.txt"));
        assertTrue(exists("keep/b.txt"));
    }

    @Test
    void disabledRulesTagAndSizeFiltersAreHonoured() {
        store.putObject(ALICE, BUCKET, "small", ObjectWrite.of(bytes("x")).tags(List.of(new Tag("class", "temp"))));
        store.putObject(ALICE, BUCKET, "big", ObjectWrite.of(bytes("x".repeat(100))).tags(List.of(new Tag("class", "temp"))));
        store.putObject(ALICE, BUCKET, "untagged", ObjectWrite.of(bytes("x")));
        rules(new LifecycleRule("off", false, prefix(""), new LifecycleRule.Expiration(1, null, false), null, null, null),
                new LifecycleRule("temp-small", true,
                        new LifecycleRule.Filter("", List.of(new Tag("class", "temp")), null, 50L, true, false),
                        new LifecycleRule.Expiration(1, null, false), null, null, null));
        clock.advance(Duration.ofDays(2));
        assertTrue(!exists("small"));
        assertTrue(exists("big"));
        assertTrue(exists("untagged"));
    }

    @Test
    void inAVersionedBucketExpiringAddsADeleteMarkerAndNoncurrentVersionsGoLater() {
        store.putBucketVersioning(BUCKET, VersioningStatus.ENABLED);
        String v1 = put(store, BUCKET, "doc", "v1").versionId();
        clock.advance(Duration.ofDays(1));
        String v2 = put(store, BUCKET, "doc", "v2").versionId();
        clock.advance(Duration.ofDays(1));
        String v3 = put(store, BUCKET, "doc", "v3").versionId();
        // v2 became noncurrent on the 17th, v1 on the 16th; keep one newer noncurrent version.
        rules(new LifecycleRule("versions", true, prefix(""), null, 2, 1, null));
        clock.set(Instant.parse("2025-01-19T00:00:00Z"));
        store.applyLifecycle(BUCKET);
        assertEquals(List.of(v3, v2), versionIds("doc"));
        // Without NewerNoncurrentVersions, v2 goes at midnight after the 17th + 2 days.
        rules(new LifecycleRule("versions", true, prefix(""), null, 2, null, null));
        clock.set(Instant.parse("2025-01-19T23:00:00Z"));
        store.applyLifecycle(BUCKET);
        assertEquals(List.of(v3, v2), versionIds("doc"));
        clock.set(Instant.parse("2025-01-20T00:00:00Z"));
        store.applyLifecycle(BUCKET);
        assertEquals(List.of(v3), versionIds("doc"));
        assertTrue(!v1.equals(v3));

        // Expiring the current version hides it behind a delete marker; the version stays, noncurrent.
        rules(expireAfter("current", prefix(""), 1));
        store.applyLifecycle(BUCKET);
        expectError("NoSuchKey", 404, () -> store.getObject(BUCKET, "doc", null, null, ReadConditions.NONE));
        VersionListing listing = store.listObjectVersions(BUCKET, null, null, null, null, 1000);
        assertTrue(listing.entries().get(0).info().deleteMarker());
        assertEquals(v3, listing.entries().get(1).info().versionId());
    }

    @Test
    void expiredDeleteMarkersAreRemoved() {
        store.putBucketVersioning(BUCKET, VersioningStatus.ENABLED);
        String version = put(store, BUCKET, "gone", "x").versionId();
        store.deleteObject(BUCKET, "gone", null);
        store.deleteObject(BUCKET, "gone", version);
        assertEquals(1, versionIds("gone").size());
        rules(new LifecycleRule("markers", true, prefix(""), new LifecycleRule.Expiration(null, null, true), null, null, null));
        store.applyLifecycle(BUCKET);
        assertTrue(store.listObjectVersions(BUCKET, null, null, null, null, 1000).entries().isEmpty());
    }

    @Test
    void incompleteMultipartUploadsAreAborted() {
        UploadInfo upload = store.createMultipartUpload(ALICE, BUCKET, "big/file", ObjectWrite.empty());
        store.createMultipartUpload(ALICE, BUCKET, "other/file", ObjectWrite.empty());
        rules(new LifecycleRule("uploads", true, prefix("big/"), null, null, null, 1));
        clock.set(Instant.parse("2025-01-17T00:00:00Z"));
        store.applyLifecycle(BUCKET);
        List<String> left = store.listMultipartUploads(BUCKET, "", null, "", "", 1000).uploads().stream()
                .map(UploadInfo::key).toList();
        assertEquals(List.of("other/file"), left);
        expectError("NoSuchUpload", 404, () -> store.listParts(BUCKET, "big/file", upload.uploadId(), 0, 1000));
    }

    @Test
    void aDateInThePastExpiresWhatMatchesAtOnce() {
        put(store, BUCKET, "report.csv", "r");
        rules(new LifecycleRule("date", true, prefix("report"), new LifecycleRule.Expiration(null, "2025-01-01T00:00:00Z", false),
                null, null, null));
        assertTrue(!exists("report.csv"));
        // Written after the date, a new object matching the rule goes too, at the next run.
        put(store, BUCKET, "report.csv", "again");
        assertTrue(!exists("report.csv"));
    }

    @Test
    void rulesAreValidatedAsAwsValidatesThem() {
        // https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
        ServiceException noAction = expectError("InvalidRequest", 400, () -> LifecycleConfiguration.validated(List.of(
                new LifecycleRule("x", true, prefix(""), null, null, null, null)), BUCKET));
        assertEquals("At least one action needs to be specified in a rule", noAction.getMessage());
        expectError("InvalidArgument", 400, () -> LifecycleConfiguration.validated(List.of(expireAfter("zero", prefix(""), 0)), BUCKET));
        ServiceException duplicate = expectError("InvalidArgument", 400, () -> LifecycleConfiguration.validated(List.of(
                expireAfter("same", prefix("a"), 1), expireAfter("same", prefix("b"), 1)), BUCKET));
        assertEquals("Rule ID must be unique. Found same ID for more than one rule", duplicate.getMessage());
        ServiceException notMidnight = expectError("InvalidArgument", 400, () -> LifecycleConfiguration.validated(List.of(
                new LifecycleRule("d", true, prefix(""), new LifecycleRule.Expiration(null, "2030-01-01T10:00:00Z", false),
                        null, null, null)), BUCKET));
        assertEquals("'Date' must be at midnight GMT", notMidnight.getMessage());
        ServiceException abortWithTags = expectError("InvalidRequest", 400, () -> LifecycleConfiguration.validated(List.of(
                new LifecycleRule("t", true, new LifecycleRule.Filter("", List.of(new Tag("a", "b")), null, null, false, false),
                        null, null, null, 1)), BUCKET));
        assertEquals("AbortIncompleteMultipartUpload cannot be specified with Tags.", abortWithTags.getMessage());
        expectError("InvalidArgument", 400, () -> LifecycleConfiguration.validated(List.of(
                new LifecycleRule("n", true, prefix(""), null, 1, 101, null)), BUCKET));
    }

    @Test
    void theConfigurationSurvivesARestartWithItsData(@TempDir Path dir) {
        S3Store first = new S3Store(dir, 5);
        first.createBucket(ALICE, BUCKET, null);
        first.configure(BUCKET, configuration -> configuration
                .withLifecycle(LifecycleConfiguration.validated(List.of(expireAfter("tmp", prefix("tmp/"), 3)), BUCKET))
                .withCors(CorsConfiguration.validated(List.of(new CorsRule("web", List.of("GET"), List.of("*"), List.of(),
                        List.of("ETag"), 60)), BUCKET))
                .withWebsite(WebsiteConfiguration.validated("index.html", "404.html", null, List.of(), BUCKET))
                .withPublicAccessBlock(null)
                .withOwnership(ObjectOwnership.ObjectWriter));
        BucketConfiguration saved = first.configuration(BUCKET);
        S3Store reopened = new S3Store(dir, 5);
        assertEquals(saved, reopened.configuration(BUCKET));
        assertEquals("index.html", reopened.configuration(BUCKET).website().indexSuffix());
        assertNull(reopened.configuration(BUCKET).publicAccessBlock());
    }

    private List<String> versionIds(String key) {
        return store.listObjectVersions(BUCKET, key, null, null, null, 1000).entries().stream()
                .map(entry -> entry.info().versionId()).toList();
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
