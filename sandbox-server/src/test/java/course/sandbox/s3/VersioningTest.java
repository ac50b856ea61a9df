package course.sandbox.s3;

import course.sandbox.service.ServiceException;
import course.sandbox.service.Tag;

import static course.sandbox.s3.S3Assertions.ALICE;
import static course.sandbox.s3.S3Assertions.MAY_DELETE_ANY;
import static course.sandbox.s3.S3Assertions.bytes;
import static course.sandbox.s3.S3Assertions.expectError;
import static course.sandbox.s3.S3Assertions.get;
import static course.sandbox.s3.S3Assertions.put;
import static course.sandbox.s3.S3Assertions.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VersioningTest {
    private static final String BUCKET = "versioned";
    private final S3Store store = new S3Store();

    @BeforeEach
    void createBucket() {
        store.createBucket(ALICE, BUCKET, null);
        store.putBucketVersioning(BUCKET, VersioningStatus.ENABLED);
    }

    private String getVersion(String key, String versionId) {
        return text(store.getObject(BUCKET, key, versionId, null, ReadConditions.NONE).body());
    }

    @Test
    void everyPutCreatesAUniqueUrlSafeVersion() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String id = put(store, BUCKET, "k", "v" + i).versionId();
            assertTrue(id.matches("[A-Za-z0-9_-]{32}"), id);
            ids.add(id);
        }
        assertEquals(50, ids.size());
        assertEquals("v49", get(store, BUCKET, "k"));
    }

    @Test
    void getAndHeadBySpecificVersion() {
        String v1 = put(store, BUCKET, "k", "first").versionId();
        String v2 = put(store, BUCKET, "k", "second").versionId();
        assertEquals("first", getVersion("k", v1));
        assertEquals("second", getVersion("k", v2));
        assertEquals(v1, store.headObject(BUCKET, "k", v1, null, ReadConditions.NONE).info().versionId());
        assertEquals(v2, store.getObject(BUCKET, "k", null, null, ReadConditions.NONE).info().versionId());
    }

    @Test
    void unknownAndMalformedVersionIds() {
        put(store, BUCKET, "k", "v");
        String wellFormed = "A".repeat(32);
        ServiceException missing = expectError("NoSuchVersion", 404, () -> getVersion("k", wellFormed));
        assertEquals("The specified version does not exist.", missing.getMessage());
        ServiceException malformed = expectError("InvalidArgument", 400, () -> getVersion("k", "bad id!"));
        assertEquals("Invalid version id specified", malformed.getMessage());
        assertEquals("versionId", malformed.details().get("ArgumentName"));
        expectError("InvalidArgument", 400, () -> store.deleteObject(BUCKET, "k", "bad id!"));
    }

    @Test
    void deleteCreatesADeleteMarker() {
        String v1 = put(store, BUCKET, "k", "v").versionId();
        DeleteResult deleted = store.deleteObject(BUCKET, "k", null);
        assertTrue(deleted.deleteMarker());
        assertNotEquals(v1, deleted.versionId());

        ServiceException noKey = expectError("NoSuchKey", 404, () -> get(store, BUCKET, "k"));
        assertTrue(noKey.headers().contains("x-amz-delete-marker"));
        assertEquals(deleted.versionId(), noKey.headers().first("x-amz-version-id").orElse(null));
        ServiceException byMarker = expectError("MethodNotAllowed", 405, () -> getVersion("k", deleted.versionId()));
        assertEquals("The specified method is not allowed against this resource.", byMarker.getMessage());
        assertTrue(byMarker.headers().contains("x-amz-delete-marker"));
        assertEquals(deleted.versionId(), byMarker.headers().first("x-amz-version-id").orElse(null));
        expectError("MethodNotAllowed", 405,
                () -> store.headObject(BUCKET, "k", deleted.versionId(), null, ReadConditions.NONE));
        assertEquals("v", getVersion("k", v1));
        assertTrue(store.listObjects(BUCKET, null, null, null, 1000).contents().isEmpty());
    }

    @Test
    void deletingTheDeleteMarkerRestoresThePreviousVersion() {
        String v1 = put(store, BUCKET, "k", "restored").versionId();
        String marker = store.deleteObject(BUCKET, "k", null).versionId();
        DeleteResult removed = store.deleteObject(BUCKET, "k", marker);
        assertEquals(new DeleteResult(true, marker), removed);
        assertEquals("restored", get(store, BUCKET, "k"));
        assertEquals(v1, store.headObject(BUCKET, "k", null, null, ReadConditions.NONE).info().versionId());
    }

    @Test
    void deletingASpecificVersionPermanentlyRemovesIt() {
        String v1 = put(store, BUCKET, "k", "one").versionId();
        String v2 = put(store, BUCKET, "k", "two").versionId();
        assertEquals(new DeleteResult(false, v2), store.deleteObject(BUCKET, "k", v2));
        assertEquals("one", get(store, BUCKET, "k"));
        expectError("NoSuchVersion", 404, () -> getVersion("k", v2));
        store.deleteObject(BUCKET, "k", v1);
        expectError("NoSuchKey", 404, () -> get(store, BUCKET, "k"));
        assertTrue(store.listObjectVersions(BUCKET, null, null, null, null, 1000).entries().isEmpty());
    }

    @Test
    void preExistingObjectsBecomeTheNullVersion() {
        store.createBucket(ALICE, "late", null);
        assertEquals(null, put(store, "late", "k", "old").versionId());
        store.putBucketVersioning("late", VersioningStatus.ENABLED);
        String v2 = put(store, "late", "k", "new").versionId();
        assertEquals("old", text(store.getObject("late", "k", "null", null, ReadConditions.NONE).body()));
        assertEquals("null", store.headObject("late", "k", "null", null, ReadConditions.NONE).info().versionId());
        assertEquals(v2, store.headObject("late", "k", null, null, ReadConditions.NONE).info().versionId());
    }

    @Test
    void suspendedVersioningOverwritesTheNullVersion() {
        String v1 = put(store, BUCKET, "k", "kept").versionId();
        store.putBucketVersioning(BUCKET, VersioningStatus.SUSPENDED);
        assertEquals("null", put(store, BUCKET, "k", "first null").versionId());
        assertEquals("null", put(store, BUCKET, "k", "second null").versionId());
        VersionListing listing = store.listObjectVersions(BUCKET, null, null, null, null, 1000);
        assertEquals(List.of("null", v1), listing.entries().stream().map(e -> e.info().versionId()).toList());
        assertEquals("second null", get(store, BUCKET, "k"));
        assertEquals("kept", getVersion("k", v1));

        DeleteResult deleted = store.deleteObject(BUCKET, "k", null);
        assertEquals(new DeleteResult(true, "null"), deleted);
        VersionListing afterDelete = store.listObjectVersions(BUCKET, null, null, null, null, 1000);
        assertEquals(2, afterDelete.entries().size());
        assertTrue(afterDelete.entries().get(0).info().deleteMarker());
        assertTrue(afterDelete.entries().get(0).latest());
        assertFalse(afterDelete.entries().get(1).latest());
    }

    @Test
    void deleteManyCreatesAndRemovesMarkers() {
        String v1 = put(store, BUCKET, "a", "1").versionId();
        DeleteObjectsResult result = store.deleteObjects(BUCKET,
                List.of(new ObjectIdentifier("a", null), new ObjectIdentifier("never", null)), false, MAY_DELETE_ANY);
        DeleteObjectsResult.Deleted first = result.deleted().get(0);
        assertTrue(first.deleteMarker());
        assertTrue(first.deleteMarkerVersionId().matches("[A-Za-z0-9_-]{32}"));
        assertTrue(result.deleted().get(1).deleteMarker());

        DeleteObjectsResult removeMarker = store.deleteObjects(BUCKET,
                List.of(new ObjectIdentifier("a", first.deleteMarkerVersionId())), false, MAY_DELETE_ANY);
        assertEquals(List.of(new DeleteObjectsResult.Deleted("a", first.deleteMarkerVersionId(), true,
                first.deleteMarkerVersionId())), removeMarker.deleted());
        assertEquals("1", get(store, BUCKET, "a"));
        assertEquals(v1, store.headObject(BUCKET, "a", null, null, ReadConditions.NONE).info().versionId());
    }

    @Test
    void copyReportsSourceVersionAndCopiesOldVersions() {
        String v1 = put(store, BUCKET, "src", "old").versionId();
        put(store, BUCKET, "src", "new");
        CopyResult result = store.copyObject(ALICE, CopyObject.of(BUCKET, "src", v1, BUCKET, "dst"));
        assertEquals(v1, result.sourceVersionId());
        assertTrue(result.versionId().matches("[A-Za-z0-9_-]{32}"));
        assertEquals("old", get(store, BUCKET, "dst"));

        String marker = store.deleteObject(BUCKET, "src", null).versionId();
        ServiceException byMarker = expectError("InvalidRequest", 400,
                () -> store.copyObject(ALICE, CopyObject.of(BUCKET, "src", marker, BUCKET, "x")));
        assertEquals("The source of a copy request may not specifically refer to a delete marker by version id.",
                byMarker.getMessage());
        expectError("NoSuchKey", 404, () -> store.copyObject(ALICE, CopyObject.of(BUCKET, "src", null, BUCKET, "x")));
    }

    @Test
    void taggingAppliesToTheAddressedVersion() {
        String v1 = put(store, BUCKET, "k", "one").versionId();
        String v2 = put(store, BUCKET, "k", "two").versionId();
        assertEquals(v1, store.putObjectTagging(BUCKET, "k", v1, List.of(new Tag("old", "yes"))));
        assertEquals(List.of(new Tag("old", "yes")), store.getObjectTagging(BUCKET, "k", v1).tags());
        ObjectTagging latest = store.getObjectTagging(BUCKET, "k", null);
        assertEquals(v2, latest.versionId());
        assertTrue(latest.tags().isEmpty());
        String marker = store.deleteObject(BUCKET, "k", null).versionId();
        expectError("MethodNotAllowed", 405, () -> store.getObjectTagging(BUCKET, "k", marker));
        expectError("NoSuchKey", 404, () -> store.getObjectTagging(BUCKET, "k", null));
    }

    @Test
    void putConditionsSeeADeleteMarkerAsAbsent() {
        put(store, BUCKET, "k", "v");
        store.deleteObject(BUCKET, "k", null);
        store.putObject(ALICE, BUCKET, "k", ObjectWrite.of(bytes("again")).ifNoneMatch(EtagList.ANY));
        assertEquals("again", get(store, BUCKET, "k"));
    }
}
