package course.sandbox.s3;

import course.sandbox.service.ServiceException;

import static course.sandbox.s3.S3Assertions.ALICE;
import static course.sandbox.s3.S3Assertions.expectError;
import static course.sandbox.s3.S3Assertions.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListingTest {
    private static final String BUCKET = "listing";
    private final S3Store store = new S3Store();

    @BeforeEach
    void fill() {
        store.createBucket(ALICE, BUCKET, null);
        for (String key : List.of("b.txt", "a/1.txt", "a/2.txt", "a/sub/3.txt", "c/4.txt", "d.txt")) {
            put(store, BUCKET, key, key);
        }
    }

    private static List<String> keys(List<ObjectInfo> contents) {
        return contents.stream().map(ObjectInfo::key).toList();
    }

    @Test
    void v1ListsAllKeysSorted() {
        ObjectListing listing = store.listObjects(BUCKET, null, null, null, 1000);
        assertEquals(List.of("a/1.txt", "a/2.txt", "a/sub/3.txt", "b.txt", "c/4.txt", "d.txt"), keys(listing.contents()));
        assertFalse(listing.truncated());
        assertNull(listing.nextMarker());
        assertEquals(ALICE, listing.contents().get(0).owner());
        assertEquals(Digests.etag(S3Assertions.bytes("a/1.txt")), listing.contents().get(0).etag());
    }

    @Test
    void v1DelimiterAndPrefix() {
        ObjectListing top = store.listObjects(BUCKET, null, "/", null, 1000);
        assertEquals(List.of("b.txt", "d.txt"), keys(top.contents()));
        assertEquals(List.of("a/", "c/"), top.commonPrefixes());
        ObjectListing underA = store.listObjects(BUCKET, "a/", "/", null, 1000);
        assertEquals(List.of("a/1.txt", "a/2.txt"), keys(underA.contents()));
        assertEquals(List.of("a/sub/"), underA.commonPrefixes());
    }

    @Test
    void v1MarkerAndNextMarkerOnlyWithDelimiter() {
        ObjectListing page = store.listObjects(BUCKET, null, null, null, 2);
        assertTrue(page.truncated());
        assertNull(page.nextMarker());
        ObjectListing next = store.listObjects(BUCKET, null, null, "a/2.txt", 2);
        assertEquals(List.of("a/sub/3.txt", "b.txt"), keys(next.contents()));

        ObjectListing delimited = store.listObjects(BUCKET, null, "/", null, 2);
        assertEquals(List.of("a/"), delimited.commonPrefixes());
        assertEquals(List.of("b.txt"), keys(delimited.contents()));
        assertEquals("b.txt", delimited.nextMarker());
        ObjectListing rest = store.listObjects(BUCKET, null, "/", delimited.nextMarker(), 2);
        assertEquals(List.of("c/"), rest.commonPrefixes());
        assertEquals(List.of("d.txt"), keys(rest.contents()));
        assertFalse(rest.truncated());
    }

    @Test
    void nextMarkerThatIsACommonPrefixSkipsItsKeys() {
        ObjectListing first = store.listObjects(BUCKET, null, "/", null, 1);
        assertEquals("a/", first.nextMarker());
        ObjectListing second = store.listObjects(BUCKET, null, "/", first.nextMarker(), 1);
        assertEquals(List.of("b.txt"), keys(second.contents()));
        assertTrue(second.commonPrefixes().isEmpty());
    }

    @Test
    void v2PaginatesWithOpaqueTokenAcrossCommonPrefixes() {
        List<String> seenKeys = new ArrayList<>();
        List<String> seenPrefixes = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ObjectListingV2 page = store.listObjectsV2(BUCKET, null, "/", token, null, 1, false);
            assertEquals(1, page.keyCount());
            seenKeys.addAll(keys(page.contents()));
            seenPrefixes.addAll(page.commonPrefixes());
            token = page.nextContinuationToken();
            assertEquals(page.truncated(), token != null);
            if (token != null) {
                assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
                assertFalse(token.contains("/"));
            }
            pages++;
        } while (token != null);
        assertEquals(4, pages);
        assertEquals(List.of("b.txt", "d.txt"), seenKeys);
        assertEquals(List.of("a/", "c/"), seenPrefixes);
    }

    @Test
    void v2StartAfterFetchOwnerAndMaxKeys() {
        ObjectListingV2 after = store.listObjectsV2(BUCKET, null, null, null, "b.txt", 1000, false);
        assertEquals(List.of("c/4.txt", "d.txt"), keys(after.contents()));
        assertNull(after.contents().get(0).owner());
        assertEquals(ALICE, store.listObjectsV2(BUCKET, null, null, null, null, 1000, true).contents().get(0).owner());

        ObjectListingV2 none = store.listObjectsV2(BUCKET, null, null, null, null, 0, false);
        assertEquals(0, none.keyCount());
        assertFalse(none.truncated());
        assertNull(none.nextContinuationToken());

        ObjectListingV2 two = store.listObjectsV2(BUCKET, "a/", null, null, null, 2, false);
        assertEquals(List.of("a/1.txt", "a/2.txt"), keys(two.contents()));
        assertTrue(two.truncated());
        ObjectListingV2 rest = store.listObjectsV2(BUCKET, "a/", null, two.nextContinuationToken(), "zzz", 2, false);
        assertEquals(List.of("a/sub/3.txt"), keys(rest.contents()));
        assertFalse(rest.truncated());
        expectError("InvalidArgument", 400, () -> store.listObjectsV2(BUCKET, null, null, "not-a-token!", null, 10, false));
        expectError("InvalidArgument", 400, () -> store.listObjectsV2(BUCKET, null, null, null, null, -1, false));
        expectError("NoSuchBucket", 404, () -> store.listObjectsV2("missing-bucket", null, null, null, null, 10, false));
    }

    @Test
    void maxKeysAboveOneThousandIsCapped() {
        store.createBucket(ALICE, "many", null);
        for (int i = 0; i < 1005; i++) {
            put(store, "many", String.format("k%04d", i), "");
        }
        ObjectListingV2 page = store.listObjectsV2("many", null, null, null, null, 5000, false);
        assertEquals(1000, page.keyCount());
        assertTrue(page.truncated());
        assertEquals(5, store.listObjectsV2("many", null, null, page.nextContinuationToken(), null, 1000, false).keyCount());
    }

    @Test
    void keysAreSortedInUtf8BinaryOrder() {
        store.createBucket(ALICE, "unicode", null);
        String emoji = new String(Character.toChars(0x1F600));
        for (String key : List.of(emoji, "\uFF5E", "Z", "a", "é")) {
            put(store, "unicode", key, "x");
        }
        assertEquals(List.of("Z", "a", "é", "\uFF5E", emoji),
                keys(store.listObjects("unicode", null, null, null, 1000).contents()));
    }

    @Test
    void deleteMarkersHideKeysFromObjectListings() {
        store.createBucket(ALICE, "vlist", null);
        store.putBucketVersioning("vlist", VersioningStatus.ENABLED);
        put(store, "vlist", "kept", "1");
        put(store, "vlist", "gone", "1");
        store.deleteObject("vlist", "gone", null);
        assertEquals(List.of("kept"), keys(store.listObjectsV2("vlist", null, null, null, null, 1000, false).contents()));
    }

    @Test
    void objectVersionsListingWithMarkers() {
        store.createBucket(ALICE, "vlist", null);
        store.putBucketVersioning("vlist", VersioningStatus.ENABLED);
        String a1 = put(store, "vlist", "a", "1").versionId();
        String a2 = put(store, "vlist", "a", "2").versionId();
        String aMarker = store.deleteObject("vlist", "a", null).versionId();
        String b1 = put(store, "vlist", "b", "1").versionId();

        VersionListing all = store.listObjectVersions("vlist", null, null, null, null, 1000);
        assertEquals(List.of(aMarker, a2, a1, b1), all.entries().stream().map(e -> e.info().versionId()).toList());
        assertEquals(List.of(true, false, false, true), all.entries().stream().map(VersionListing.Entry::latest).toList());
        assertTrue(all.entries().get(0).info().deleteMarker());
        assertNull(all.entries().get(0).info().etag());
        assertNotNull(all.entries().get(1).info().etag());

        VersionListing page = store.listObjectVersions("vlist", null, null, null, null, 2);
        assertTrue(page.truncated());
        assertEquals("a", page.nextKeyMarker());
        assertEquals(a2, page.nextVersionIdMarker());
        VersionListing rest = store.listObjectVersions("vlist", null, null, page.nextKeyMarker(),
                page.nextVersionIdMarker(), 2);
        assertEquals(List.of(a1, b1), rest.entries().stream().map(e -> e.info().versionId()).toList());
        assertFalse(rest.truncated());
        assertNull(rest.nextKeyMarker());

        VersionListing afterKey = store.listObjectVersions("vlist", null, null, "a", null, 1000);
        assertEquals(List.of(b1), afterKey.entries().stream().map(e -> e.info().versionId()).toList());

        ServiceException noKeyMarker = expectError("InvalidArgument", 400,
                () -> store.listObjectVersions("vlist", null, null, null, a1, 1000));
        assertEquals("A version-id marker cannot be specified without a key marker.", noKeyMarker.getMessage());
        expectError("InvalidArgument", 400, () -> store.listObjectVersions("vlist", null, null, "a", "bad!", 1000));
    }

    @Test
    void objectVersionsInUnversionedBucketAreNullVersionsAndRollUp() {
        VersionListing listing = store.listObjectVersions(BUCKET, null, "/", null, null, 1000);
        assertEquals(List.of("a/", "c/"), listing.commonPrefixes());
        assertEquals(List.of("b.txt", "d.txt"), listing.entries().stream().map(e -> e.info().key()).toList());
        assertEquals("null", listing.entries().get(0).info().versionId());
        assertTrue(listing.entries().get(0).latest());
    }
}
