package course.sandbox.s3;

import course.sandbox.iam.policy.PolicyValidator;
import course.sandbox.protocol.ChecksumAlgorithm;
import course.sandbox.service.Tag;
import static course.sandbox.s3.S3Assertions.ALICE;
import static course.sandbox.s3.S3Assertions.bytes;
import static course.sandbox.s3.S3Assertions.expectError;
import static course.sandbox.s3.S3Assertions.get;
import static course.sandbox.s3.S3Assertions.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
    private static final String BUCKET = "durable";

    @TempDir
    Path dir;

    private long blobCount() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("blobs"))) {
            return files.count();
        }
    }

    @Test
    void reopeningShowsBucketsObjectsVersionsMetadataTagsAndUploads() {
        S3Store first = new S3Store(dir, 4);
        first.createBucket(ALICE, BUCKET, "eu-west-1");
        first.putBucketVersioning(BUCKET, VersioningStatus.ENABLED);
        first.putBucketTagging(BUCKET, List.of(new Tag("env", "test")));
        first.putBucketPolicy(BUCKET, "{\"Statement\":[]}", PolicyValidator.ACCEPT_ALL);
        String v1 = first.putObject(ALICE, BUCKET, "docs/a.txt", ObjectWrite.of(bytes("version one"))
                .contentType("text/plain").metadata("k", "v").header("Cache-Control", "no-cache")
                .tags(List.of(new Tag("t", "1")))).versionId();
        String v2 = put(first, BUCKET, "docs/a.txt", "version two").versionId();
        String marker = first.deleteObject(BUCKET, "gone", null).versionId();
        String uploadId = first.createMultipartUpload(ALICE, BUCKET, "mp", ObjectWrite.empty()).uploadId();
        PartInfo part = first.uploadPart(BUCKET, "mp", uploadId, 1, ObjectWrite.of(bytes("part-one")));

        S3Store reopened = new S3Store(dir, 4);
        assertEquals("eu-west-1", reopened.getBucketLocation(BUCKET));
        assertEquals(first.headBucket(BUCKET), reopened.headBucket(BUCKET));
        assertEquals(VersioningStatus.ENABLED, reopened.getBucketVersioning(BUCKET));
        assertEquals(List.of(new Tag("env", "test")), reopened.getBucketTagging(BUCKET));
        assertEquals("{\"Statement\":[]}", reopened.getBucketPolicy(BUCKET));
        assertEquals("version two", get(reopened, BUCKET, "docs/a.txt"));
        ObjectContent old = reopened.getObject(BUCKET, "docs/a.txt", v1, null, ReadConditions.NONE);
        assertEquals("version one", S3Assertions.text(old.body()));
        assertEquals("text/plain", old.info().contentType());
        assertEquals(Map.of("k", "v"), old.info().userMetadata());
        assertEquals("no-cache", old.info().headers().get("Cache-Control"));
        assertEquals(List.of(new Tag("t", "1")), reopened.getObjectTagging(BUCKET, "docs/a.txt", v1).tags());
        assertEquals(first.headObject(BUCKET, "docs/a.txt", v2, null, ReadConditions.NONE).info(),
                reopened.headObject(BUCKET, "docs/a.txt", v2, null, ReadConditions.NONE).info());
        assertTrue(expectError("NoSuchKey", 404, () -> get(reopened, BUCKET, "gone")).headers().contains("x-amz-delete-marker"));
        assertEquals(marker, reopened.listObjectVersions(BUCKET, "gone", null, null, null, 10)
                .entries().get(0).info().versionId());

        PartListing parts = reopened.listParts(BUCKET, "mp", uploadId, 0, 1000);
        assertEquals(List.of(part), parts.parts());
        PutResult completed = reopened.completeMultipartUpload(BUCKET, "mp", uploadId,
                List.of(new CompletedPart(1, part.etag())));
        assertTrue(completed.etag().endsWith("-1\""));
        S3Store again = new S3Store(dir, 4);
        assertEquals("part-one", get(again, BUCKET, "mp"));
        ObjectContent onlyPart = again.headObjectPart(BUCKET, "mp", null, 1, ReadConditions.NONE);
        assertEquals(1, onlyPart.info().partsCount());
        assertEquals(new ByteRange(0, 7, 8), onlyPart.range());
    }

    @Test
    void keysNeverBecomeFileNames() throws IOException {
        S3Store store = new S3Store(dir);
        store.createBucket(ALICE, BUCKET, null);
        List<String> hostile = List.of("../../etc/passwd", "/absolute", "..", "a/../../b", "nul\u0000byte", "CON");
        for (String key : hostile) {
            put(store, BUCKET, key, "content of " + key);
        }
        for (String key : hostile) {
            assertEquals("content of " + key, get(new S3Store(dir), BUCKET, key));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            for (Path file : all) {
                assertTrue(file.normalize().startsWith(dir), file.toString());
                String name = file.getFileName().toString();
                assertTrue(name.equals("state.json") || name.matches("[0-9a-f-]{36}"), name);
            }
            assertEquals(hostile.size() + 1, all.size());
        }
        assertFalse(Files.exists(dir.resolve("etc")));
    }

    @Test
    void deletedAndOverwrittenBodiesAreRemovedFromDisk() throws IOException {
        S3Store store = new S3Store(dir);
        store.createBucket(ALICE, BUCKET, null);
        put(store, BUCKET, "k", "one");
        put(store, BUCKET, "k", "two");
        assertEquals(1, blobCount());
        store.deleteObject(BUCKET, "k", null);
        assertEquals(0, blobCount());
        expectError("BadDigest", 400, () -> store.putObject(ALICE, BUCKET, "k",
                ObjectWrite.of(bytes("x")).checksum(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32.base64(bytes("y")))));
        expectError("PreconditionFailed", 412, () -> {
            put(store, BUCKET, "exists", "1");
            store.putObject(ALICE, BUCKET, "exists", ObjectWrite.of(bytes("2")).ifNoneMatch(EtagList.ANY));
        });
        assertEquals(1, blobCount());
    }

    @Test
    void leftoversOfACrashAreInvisibleAndCleanedUp() throws IOException {
        S3Store store = new S3Store(dir);
        store.createBucket(ALICE, BUCKET, null);
        put(store, BUCKET, "k", "committed");
        // A crash mid-write leaves a temp file; a crash before the state save leaves an orphan body.
        Files.writeString(dir.resolve("tmp").resolve("half-written.tmp"), "partial");
        Files.writeString(dir.resolve("blobs").resolve("00000000-0000-0000-0000-000000000000"), "orphan");
        Files.writeString(dir.resolve("tmp").resolve("state.json.tmp"), "{ not json");

        S3Store reopened = new S3Store(dir);
        assertEquals("committed", get(reopened, BUCKET, "k"));
        assertEquals(List.of("k"), reopened.listObjectsV2(BUCKET, null, null, null, null, 1000, false)
                .contents().stream().map(ObjectInfo::key).toList());
        assertEquals(1, blobCount());
        try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, tmp.count());
        }
    }

    @Test
    void resetEmptiesTheDirectory() throws IOException {
        S3Store store = new S3Store(dir);
        store.createBucket(ALICE, BUCKET, null);
        put(store, BUCKET, "k", "v");
        store.reset();
        assertEquals(0, blobCount());
        assertTrue(new S3Store(dir).listBuckets(ALICE).isEmpty());
        store.createBucket(ALICE, BUCKET, null);
        assertEquals(1, new S3Store(dir).listBuckets(ALICE).size());
    }
}
