package course.sandbox.s3;

import course.sandbox.service.ServiceException;

import course.sandbox.protocol.ChecksumAlgorithm;
import static course.sandbox.s3.S3Assertions.ALICE;
import static course.sandbox.s3.S3Assertions.MAY_DELETE_ANY;
import static course.sandbox.s3.S3Assertions.bytes;
import static course.sandbox.s3.S3Assertions.expectError;
import static course.sandbox.s3.S3Assertions.get;
import static course.sandbox.s3.S3Assertions.put;
import static course.sandbox.s3.S3Assertions.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObjectTest {
    private static final String BUCKET = "objects";
    private final S3Store store = new S3Store();

    @BeforeEach
    void createBucket() {
        store.createBucket(ALICE, BUCKET, null);
    }

    private ObjectContent range(String header) {
        return store.getObject(BUCKET, "digits", null, header, ReadConditions.NONE);
    }

    @Test
    void putThenGetReturnsBodyMetadataAndHeaders() {
        PutResult result = store.putObject(ALICE, BUCKET, "docs/readme.txt", ObjectWrite.of(bytes("hello"))
                .contentType("text/plain")
                .metadata("Author", "ada")
                .header("Content-Encoding", "identity")
                .header("Content-Disposition", "attachment; filename=readme.txt")
                .header("Cache-Control", "max-age=60"));
        assertEquals("\"5d41402abc4b2a76b9719d911017c592\"", result.etag());
        assertNull(result.versionId());

        ObjectContent content = store.getObject(BUCKET, "docs/readme.txt", null, null, ReadConditions.NONE);
        assertEquals("hello", text(content.body()));
        assertNull(content.range());
        ObjectInfo info = content.info();
        assertEquals("text/plain", info.contentType());
        assertEquals(Map.of("author", "ada"), info.userMetadata());
        assertEquals("identity", info.headers().get("Content-Encoding"));
        assertEquals("attachment; filename=readme.txt", info.headers().get("Content-Disposition"));
        assertEquals("max-age=60", info.headers().get("Cache-Control"));
        assertEquals(5, info.size());
        assertEquals(result.etag(), info.etag());
        assertEquals(ALICE, info.owner());
        assertNull(info.versionId());
        assertEquals(0, info.lastModified().getNano());
    }

    @Test
    void contentTypeDefaultsToBinaryOctetStreamAndDefaultChecksumIsCrc64Nvme() {
        PutResult result = put(store, BUCKET, "k", "123456789");
        assertEquals(Map.of(ChecksumAlgorithm.CRC64NVME, ChecksumAlgorithm.CRC64NVME.base64(bytes("123456789"))),
                result.checksums());
        assertEquals("binary/octet-stream",
                store.headObject(BUCKET, "k", null, null, ReadConditions.NONE).info().contentType());
    }

    @Test
    void headReturnsInfoWithoutBody() {
        put(store, BUCKET, "k", "abcdef");
        ObjectContent head = store.headObject(BUCKET, "k", null, null, ReadConditions.NONE);
        assertEquals(0, head.body().length);
        assertEquals(6, head.info().size());
        ObjectContent rangedHead = store.headObject(BUCKET, "k", null, "bytes=1-2", ReadConditions.NONE);
        assertEquals("bytes 1-2/6", rangedHead.range().contentRange());
    }

    @Test
    void missingKeyAndBucket() {
        ServiceException noKey = expectError("NoSuchKey", 404, () -> get(store, BUCKET, "absent"));
        assertEquals("The specified key does not exist.", noKey.getMessage());
        assertEquals("/objects/absent", noKey.resource());
        assertFalse(noKey.headers().contains("x-amz-delete-marker"));
        expectError("NoSuchBucket", 404, () -> get(store, "no-bucket", "k"));
        expectError("NoSuchBucket", 404, () -> put(store, "no-bucket", "k", "v"));
    }

    @Test
    void overwriteReplacesBodyInUnversionedBucket() {
        put(store, BUCKET, "k", "one");
        put(store, BUCKET, "k", "two");
        assertEquals("two", get(store, BUCKET, "k"));
        assertEquals(1, store.listObjectVersions(BUCKET, null, null, null, null, 1000).entries().size());
    }

    @Test
    void keysLongerThan1024Utf8BytesAreRejected() {
        put(store, BUCKET, "k".repeat(1024), "ok");
        ServiceException error = expectError("KeyTooLongError", 400, () -> put(store, BUCKET, "é".repeat(513), "x"));
        assertEquals("Your key is too long", error.getMessage());
    }

    @Test
    void singleRanges() {
        put(store, BUCKET, "digits", "0123456789");
        ObjectContent middle = range("bytes=2-5");
        assertEquals("2345", text(middle.body()));
        assertEquals(new ByteRange(2, 5, 10), middle.range());
        assertEquals("bytes 2-5/10", middle.range().contentRange());
        assertEquals("789", text(range("bytes=7-").body()));
        assertEquals("89", text(range("bytes=-2").body()));
        assertEquals("0123456789", text(range("bytes=-50").body()));
        assertEquals(new ByteRange(0, 9, 10), range("bytes=-50").range());
        assertEquals("56789", text(range("bytes=5-100").body()));
        assertEquals(new ByteRange(5, 9, 10), range("bytes=5-100").range());
        assertEquals("9", text(range("bytes=9-9").body()));
    }

    @Test
    void multipleOrInvalidRangesReturnTheWholeObject() {
        put(store, BUCKET, "digits", "0123456789");
        for (String header : List.of("bytes=0-1,3-4", "bytes=5-2", "bytes=abc", "items=0-3", "bytes=-")) {
            ObjectContent content = range(header);
            assertNull(content.range(), header);
            assertEquals("0123456789", text(content.body()), header);
        }
    }

    @Test
    void unsatisfiableRangesAreInvalidRange() {
        put(store, BUCKET, "digits", "0123456789");
        ServiceException error = expectError("InvalidRange", 416, () -> range("bytes=10-20"));
        assertEquals("The requested range is not satisfiable", error.getMessage());
        assertEquals("10", error.details().get("ActualObjectSize"));
        assertEquals("bytes=10-20", error.details().get("RangeRequested"));
        expectError("InvalidRange", 416, () -> range("bytes=-0"));
        expectError("InvalidRange", 416, () -> range("bytes=10-"));
        expectError("InvalidRange", 416, () -> range("bytes=20-"));
        put(store, BUCKET, "empty", "");
        expectError("InvalidRange", 416, () -> store.getObject(BUCKET, "empty", null, "bytes=0-0", ReadConditions.NONE));
    }

    @Test
    void ifMatchAndIfNoneMatch() {
        String etag = put(store, BUCKET, "k", "v").etag();
        ReadConditions match = new ReadConditions(etag, null, null, null);
        assertEquals("v", text(store.getObject(BUCKET, "k", null, null, match).body()));
        ReadConditions unquotedInList = new ReadConditions("\"other\", " + etag.replace("\"", ""), null, null, null);
        assertEquals("v", text(store.getObject(BUCKET, "k", null, null, unquotedInList).body()));
        assertEquals("v", text(store.getObject(BUCKET, "k", null, null, new ReadConditions("*", null, null, null)).body()));

        ServiceException failed = expectError("PreconditionFailed", 412,
                () -> store.getObject(BUCKET, "k", null, null, new ReadConditions("\"nope\"", null, null, null)));
        assertEquals("At least one of the pre-conditions you specified did not hold", failed.getMessage());
        assertEquals("If-Match", failed.details().get("Condition"));

        ServiceException notModified = expectError("NotModified", 304,
                () -> store.getObject(BUCKET, "k", null, null, new ReadConditions(null, etag, null, null)));
        assertEquals(etag, notModified.headers().first("ETag").orElse(null));
        assertTrue(notModified.headers().contains("Last-Modified"));
        assertEquals("v", text(store.getObject(BUCKET, "k", null, null,
                new ReadConditions(null, "\"other\"", null, null)).body()));
        expectError("NotModified", 304,
                () -> store.headObject(BUCKET, "k", null, null, new ReadConditions(null, "*", null, null)));
    }

    @Test
    void modifiedSinceConditions() {
        put(store, BUCKET, "k", "v");
        Instant lastModified = store.headObject(BUCKET, "k", null, null, ReadConditions.NONE).info().lastModified();
        Instant earlier = lastModified.minusSeconds(60);
        Instant later = lastModified.plusSeconds(60);
        store.getObject(BUCKET, "k", null, null, new ReadConditions(null, null, earlier, null));
        expectError("NotModified", 304, () -> store.getObject(BUCKET, "k", null, null,
                new ReadConditions(null, null, lastModified, null)));
        expectError("NotModified", 304, () -> store.getObject(BUCKET, "k", null, null,
                new ReadConditions(null, null, later, null)));
        store.getObject(BUCKET, "k", null, null, new ReadConditions(null, null, null, lastModified));
        ServiceException failed = expectError("PreconditionFailed", 412, () -> store.getObject(BUCKET, "k", null, null,
                new ReadConditions(null, null, null, earlier)));
        assertEquals("If-Unmodified-Since", failed.details().get("Condition"));
    }

    @Test
    void awsPrecedenceOfCombinedConditions() {
        String etag = put(store, BUCKET, "k", "v").etag();
        Instant lastModified = store.headObject(BUCKET, "k", null, null, ReadConditions.NONE).info().lastModified();
        Instant earlier = lastModified.minusSeconds(60);
        Instant later = lastModified.plusSeconds(60);
        // If-Match true + If-Unmodified-Since false -> 200
        assertEquals("v", text(store.getObject(BUCKET, "k", null, null,
                new ReadConditions(etag, null, null, earlier)).body()));
        // If-None-Match false + If-Modified-Since true -> 304
        expectError("NotModified", 304, () -> store.getObject(BUCKET, "k", null, null,
                new ReadConditions(null, etag, earlier, null)));
        // If-None-Match true + If-Modified-Since false -> 200
        assertEquals("v", text(store.getObject(BUCKET, "k", null, null,
                new ReadConditions(null, "\"other\"", later, null)).body()));
        // If-Match false wins over If-None-Match false: 412, not 304
        expectError("PreconditionFailed", 412, () -> store.getObject(BUCKET, "k", null, null,
                new ReadConditions("\"other\"", etag, null, null)));
    }

    @Test
    void putIfNoneMatchStarOnlyWhenKeyIsAbsent() {
        PutResult first = store.putObject(ALICE, BUCKET, "k", ObjectWrite.of(bytes("one")).ifNoneMatch("*"));
        ServiceException error = expectError("PreconditionFailed", 412,
                () -> store.putObject(ALICE, BUCKET, "k", ObjectWrite.of(bytes("two")).ifNoneMatch("*")));
        assertEquals("If-None-Match", error.details().get("Condition"));
        assertEquals("one", get(store, BUCKET, "k"));
        expectError("NotImplemented", 501,
                () -> store.putObject(ALICE, BUCKET, "k", ObjectWrite.of(bytes("two")).ifNoneMatch(first.etag())));
    }

    @Test
    void putIfMatchRequiresTheCurrentEtag() {
        expectError("NoSuchKey", 404,
                () -> store.putObject(ALICE, BUCKET, "k", ObjectWrite.of(bytes("x")).ifMatch("\"abc\"")));
        String etag = put(store, BUCKET, "k", "one").etag();
        expectError("PreconditionFailed", 412,
                () -> store.putObject(ALICE, BUCKET, "k", ObjectWrite.of(bytes("x")).ifMatch("\"abc\"")));
        store.putObject(ALICE, BUCKET, "k", ObjectWrite.of(bytes("two")).ifMatch(etag));
        assertEquals("two", get(store, BUCKET, "k"));
    }

    @Test
    void contentMd5IsVerified() {
        String md5 = Base64.getEncoder().encodeToString(Digests.md5(bytes("body")));
        store.putObject(ALICE, BUCKET, "ok", ObjectWrite.of(bytes("body")).contentMd5(md5));
        ServiceException bad = expectError("BadDigest", 400,
                () -> store.putObject(ALICE, BUCKET, "bad", ObjectWrite.of(bytes("other")).contentMd5(md5)));
        assertEquals("The Content-MD5 you specified did not match what we received.", bad.getMessage());
        ServiceException invalid = expectError("InvalidDigest", 400,
                () -> store.putObject(ALICE, BUCKET, "bad", ObjectWrite.of(bytes("x")).contentMd5("not base64!")));
        assertEquals("The Content-MD5 you specified is not valid.", invalid.getMessage());
        expectError("InvalidDigest", 400, () -> store.putObject(ALICE, BUCKET, "bad",
                ObjectWrite.of(bytes("x")).contentMd5(Base64.getEncoder().encodeToString(new byte[5]))));
        expectError("NoSuchKey", 404, () -> get(store, BUCKET, "bad"));
    }

    @Test
    void additionalChecksumsAreValidatedStoredAndReturned() {
        byte[] body = bytes("checksummed");
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            String key = "k-" + algorithm;
            PutResult result = store.putObject(ALICE, BUCKET, key,
                    ObjectWrite.of(body).checksum(algorithm, algorithm.base64(body)));
            assertEquals(Map.of(algorithm, algorithm.base64(body)), result.checksums());
            assertEquals(algorithm.base64(body),
                    store.headObject(BUCKET, key, null, null, ReadConditions.NONE).info().checksums().get(algorithm));
            ServiceException mismatch = expectError("BadDigest", 400, () -> store.putObject(ALICE, BUCKET, key,
                    ObjectWrite.of(bytes("tampered")).checksum(algorithm, algorithm.base64(body))));
            assertEquals("The " + algorithm.name() + " you specified did not match the calculated checksum.",
                    mismatch.getMessage());
        }
        assertEquals("checksummed", get(store, BUCKET, "k-CRC32"));
    }

    @Test
    void malformedOrMultipleChecksumsAreInvalidRequest() {
        ServiceException malformed = expectError("InvalidRequest", 400, () -> store.putObject(ALICE, BUCKET, "k",
                ObjectWrite.of(bytes("x")).checksum(ChecksumAlgorithm.CRC32, "AAAAAAAA")));
        assertEquals("Value for x-amz-checksum-crc32 header is invalid.", malformed.getMessage());
        byte[] body = bytes("x");
        ServiceException multiple = expectError("InvalidRequest", 400, () -> store.putObject(ALICE, BUCKET, "k",
                ObjectWrite.of(body).checksum(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32.base64(body))
                        .checksum(ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA1.base64(body))));
        assertEquals("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
                multiple.getMessage());
    }

    @Test
    void checksumAlgorithmWithoutValueIsComputed() {
        PutResult result = store.putObject(ALICE, BUCKET, "k",
                ObjectWrite.of(bytes("abc")).checksumAlgorithm(ChecksumAlgorithm.SHA256));
        assertEquals(Map.of(ChecksumAlgorithm.SHA256, ChecksumAlgorithm.SHA256.base64(bytes("abc"))), result.checksums());
    }

    @Test
    void deleteIsIdempotentInUnversionedBucket() {
        put(store, BUCKET, "k", "v");
        assertEquals(new DeleteResult(false, null), store.deleteObject(BUCKET, "k", null));
        expectError("NoSuchKey", 404, () -> get(store, BUCKET, "k"));
        assertEquals(new DeleteResult(false, null), store.deleteObject(BUCKET, "k", null));
    }

    @Test
    void deleteManyReportsPerKey() {
        put(store, BUCKET, "a", "1");
        put(store, BUCKET, "b", "2");
        DeleteObjectsResult result = store.deleteObjects(BUCKET, List.of(new ObjectIdentifier("a", null),
                new ObjectIdentifier("missing", null), new ObjectIdentifier("b", "not-a-version-id")), false, MAY_DELETE_ANY);
        assertEquals(List.of(new DeleteObjectsResult.Deleted("a", null, false, null),
                new DeleteObjectsResult.Deleted("missing", null, false, null)), result.deleted());
        assertEquals(List.of(new DeleteObjectsResult.Error("b", "not-a-version-id", "InvalidArgument",
                "Invalid version id specified")), result.errors());
        expectError("NoSuchKey", 404, () -> get(store, BUCKET, "a"));
        assertEquals("2", get(store, BUCKET, "b"));

        DeleteObjectsResult quiet = store.deleteObjects(BUCKET, List.of(new ObjectIdentifier("b", null)), true, MAY_DELETE_ANY);
        assertTrue(quiet.deleted().isEmpty());
        assertTrue(quiet.errors().isEmpty());
        expectError("NoSuchKey", 404, () -> get(store, BUCKET, "b"));
        expectError("MalformedXML", 400, () -> store.deleteObjects(BUCKET, List.of(), false, MAY_DELETE_ANY));
        List<ObjectIdentifier> tooMany = java.util.stream.IntStream.range(0, 1001)
                .mapToObj(i -> new ObjectIdentifier("k" + i, null)).toList();
        expectError("MalformedXML", 400, () -> store.deleteObjects(BUCKET, tooMany, false, MAY_DELETE_ANY));
    }

    @Test
    void deleteManyKeepsAndReportsTheKeysTheCallerMayNotDelete() {
        for (String key : List.of("mine/a", "theirs/b", "mine/c")) {
            put(store, BUCKET, key, key);
        }
        List<ObjectIdentifier> batch = List.of(new ObjectIdentifier("mine/a", null), new ObjectIdentifier("theirs/b", null),
                new ObjectIdentifier("mine/c", null));
        DeleteObjectsResult result = store.deleteObjects(BUCKET, batch, false, object -> object.key().startsWith("mine/"));
        assertEquals(List.of("mine/a", "mine/c"), result.deleted().stream().map(DeleteObjectsResult.Deleted::key).toList());
        assertEquals(List.of(new DeleteObjectsResult.Error("theirs/b", null, "AccessDenied", "Access Denied")), result.errors());
        assertEquals("theirs/b", get(store, BUCKET, "theirs/b"));

        DeleteObjectsResult quiet = store.deleteObjects(BUCKET, List.of(new ObjectIdentifier("theirs/b", null)), true,
                object -> false);
        assertEquals(List.of(new DeleteObjectsResult.Error("theirs/b", null, "AccessDenied", "Access Denied")), quiet.errors());
        assertEquals("theirs/b", get(store, BUCKET, "theirs/b"));
    }

    @Test
    void copyWithMetadataDirectiveCopy() {
        store.createBucket(ALICE, "target", null);
        store.putObject(ALICE, BUCKET, "src", ObjectWrite.of(bytes("payload")).contentType("text/csv")
                .metadata("origin", "test").header("Content-Encoding", "gzip").tags(List.of(new Tag("t", "1"))));
        CopyResult result = store.copyObject(ALICE, CopyObject.of(BUCKET, "src", null, "target", "dst"));
        assertEquals(Digests.etag(bytes("payload")), result.etag());
        assertNull(result.versionId());
        ObjectInfo copy = store.headObject("target", "dst", null, null, ReadConditions.NONE).info();
        assertEquals("text/csv", copy.contentType());
        assertEquals(Map.of("origin", "test"), copy.userMetadata());
        assertEquals("gzip", copy.headers().get("Content-Encoding"));
        assertEquals(1, copy.tagCount());
        assertEquals("payload", get(store, "target", "dst"));
    }

    @Test
    void copyWithMetadataDirectiveReplace() {
        store.putObject(ALICE, BUCKET, "src", ObjectWrite.of(bytes("payload")).contentType("text/csv")
                .metadata("origin", "test").tags(List.of(new Tag("t", "1"))));
        store.copyObject(ALICE, CopyObject.of(BUCKET, "src", null, BUCKET, "dst")
                .metadataDirective(CopyObject.Directive.REPLACE)
                .taggingDirective(CopyObject.Directive.REPLACE)
                .replacement(ObjectWrite.empty().contentType("text/plain").metadata("fresh", "yes")
                        .tags(List.of(new Tag("a", "1"), new Tag("b", "2")))));
        ObjectInfo copy = store.headObject(BUCKET, "dst", null, null, ReadConditions.NONE).info();
        assertEquals("text/plain", copy.contentType());
        assertEquals(Map.of("fresh", "yes"), copy.userMetadata());
        assertEquals(2, copy.tagCount());
        assertEquals("payload", get(store, BUCKET, "dst"));
    }

    @Test
    void copyOntoItselfNeedsAChange() {
        put(store, BUCKET, "self", "data");
        ServiceException error = expectError("InvalidRequest", 400,
                () -> store.copyObject(ALICE, CopyObject.of(BUCKET, "self", null, BUCKET, "self")));
        assertEquals("This copy request is illegal because it is trying to copy an object to itself without changing"
                + " the object's metadata, storage class, website redirect location or encryption attributes.",
                error.getMessage());
        store.copyObject(ALICE, CopyObject.of(BUCKET, "self", null, BUCKET, "self")
                .metadataDirective(CopyObject.Directive.REPLACE)
                .replacement(ObjectWrite.empty().metadata("changed", "1")));
        assertEquals(Map.of("changed", "1"),
                store.headObject(BUCKET, "self", null, null, ReadConditions.NONE).info().userMetadata());
    }

    @Test
    void copySourceConditionsFailWith412() {
        String etag = put(store, BUCKET, "src", "data").etag();
        ServiceException error = expectError("PreconditionFailed", 412, () -> store.copyObject(ALICE,
                CopyObject.of(BUCKET, "src", null, BUCKET, "dst")
                        .sourceConditions(new ReadConditions(null, etag, null, null))));
        assertEquals("x-amz-copy-source-If-None-Match", error.details().get("Condition"));
        expectError("PreconditionFailed", 412, () -> store.copyObject(ALICE,
                CopyObject.of(BUCKET, "src", null, BUCKET, "dst")
                        .sourceConditions(new ReadConditions("\"other\"", null, null, null))));
        store.copyObject(ALICE, CopyObject.of(BUCKET, "src", null, BUCKET, "dst")
                .sourceConditions(new ReadConditions(etag, null, null, null)));
        assertEquals("data", get(store, BUCKET, "dst"));
        expectError("NoSuchKey", 404, () -> store.copyObject(ALICE, CopyObject.of(BUCKET, "absent", null, BUCKET, "x")));
        expectError("NoSuchBucket", 404, () -> store.copyObject(ALICE, CopyObject.of(BUCKET, "src", null, "nobucket", "x")));
    }

    @Test
    void objectTaggingRoundTripAndLimits() {
        put(store, BUCKET, "k", "v");
        assertEquals(new ObjectTagging(null, List.of()), store.getObjectTagging(BUCKET, "k", null));
        List<Tag> tags = List.of(new Tag("project", "course"), new Tag("ünïcödé", "välue"));
        assertNull(store.putObjectTagging(BUCKET, "k", null, tags));
        assertEquals(tags, store.getObjectTagging(BUCKET, "k", null).tags());
        assertEquals(2, store.headObject(BUCKET, "k", null, null, ReadConditions.NONE).info().tagCount());

        List<Tag> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> new Tag("k" + i, "v")).toList();
        // AWS answers BadRequest here, not InvalidTag: https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html
        ServiceException tooMany = expectError("BadRequest", 400, () -> store.putObjectTagging(BUCKET, "k", null, eleven));
        assertEquals("Object tags cannot be greater than 10", tooMany.getMessage());
        // 128 characters outside the BMP are 256 UTF-16 units but still a valid key.
        String longUnicodeKey = new String(Character.toChars(0x1F600)).repeat(128);
        store.putObjectTagging(BUCKET, "k", null, List.of(new Tag(longUnicodeKey, "x".repeat(256))));
        ServiceException longKey = expectError("InvalidTag", 400,
                () -> store.putObjectTagging(BUCKET, "k", null, List.of(new Tag("k".repeat(129), "v"))));
        assertEquals("The TagKey you have provided is invalid", longKey.getMessage());
        ServiceException longValue = expectError("InvalidTag", 400,
                () -> store.putObjectTagging(BUCKET, "k", null, List.of(new Tag("k", "v".repeat(257)))));
        assertEquals("The TagValue you have provided is invalid", longValue.getMessage());
        ServiceException duplicate = expectError("InvalidTag", 400, () -> store.putObjectTagging(BUCKET, "k", null,
                List.of(new Tag("same", "1"), new Tag("same", "2"))));
        assertEquals("Cannot provide multiple Tags with the same key", duplicate.getMessage());
        expectError("BadRequest", 400, () -> store.putObject(ALICE, BUCKET, "k2",
                ObjectWrite.of(bytes("v")).tags(eleven)));

        store.deleteObjectTagging(BUCKET, "k", null);
        assertTrue(store.getObjectTagging(BUCKET, "k", null).tags().isEmpty());
        expectError("NoSuchKey", 404, () -> store.getObjectTagging(BUCKET, "absent", null));
    }

    @Test
    void returnedBodiesAreCopies() {
        put(store, BUCKET, "k", "abc");
        byte[] first = store.getObject(BUCKET, "k", null, null, ReadConditions.NONE).body();
        first[0] = 'X';
        assertArrayEquals(bytes("abc"), store.getObject(BUCKET, "k", null, null, ReadConditions.NONE).body());
    }
}
