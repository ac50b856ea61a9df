package course.sandbox.s3;

import course.sandbox.service.ServiceException;

import course.sandbox.protocol.ChecksumAlgorithm;
import static course.sandbox.s3.S3Assertions.ALICE;
import static course.sandbox.s3.S3Assertions.bytes;
import static course.sandbox.s3.S3Assertions.expectError;
import static course.sandbox.s3.S3Assertions.get;
import static course.sandbox.s3.S3Assertions.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MultipartTest {
    private static final String BUCKET = "uploads";
    private static final int MIN = 16;
    private final S3Store store = new S3Store(MIN);

    @BeforeEach
    void createBucket() {
        store.createBucket(ALICE, BUCKET, null);
    }

    private String start(String key) {
        return store.createMultipartUpload(ALICE, BUCKET, key, ObjectWrite.empty()).uploadId();
    }

    private PartInfo part(String key, String uploadId, int number, byte[] data) {
        return store.uploadPart(BUCKET, key, uploadId, number, ObjectWrite.of(data));
    }

    private static byte[] filled(int size, char c) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) c);
        return data;
    }

    /** The multipart ETag computed here with MessageDigest only, independently of Digests. */
    private static String expectedMultipartEtag(byte[]... parts) throws Exception {
        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            md5s.writeBytes(MessageDigest.getInstance("MD5").digest(part));
        }
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(md5s.toByteArray()))
                + "-" + parts.length + "\"";
    }

    @Test
    void uploadIdsNeverStartWithADashThatTheAwsCliWouldTakeForAnOption() {
        // One random base64url id in 64 starts with '-'; 1,000 ids miss that with odds of about 1e-7.
        for (int i = 0; i < 1000; i++) {
            String uploadId = start("dash-" + i);
            assertFalse(uploadId.startsWith("-"), uploadId);
        }
    }

    @Test
    void completeAssemblesPartsWithAwsMultipartEtag() throws Exception {
        byte[] p1 = filled(MIN, 'a');
        byte[] p2 = filled(MIN + 3, 'b');
        byte[] p3 = bytes("tail");
        UploadInfo upload = store.createMultipartUpload(ALICE, BUCKET, "big.bin",
                ObjectWrite.empty().contentType("application/zip").metadata("m", "1"));
        assertTrue(upload.uploadId().matches("[A-Za-z0-9_-]+"));
        assertEquals(Digests.etag(p1), part("big.bin", upload.uploadId(), 1, p1).etag());
        part("big.bin", upload.uploadId(), 2, p2);
        part("big.bin", upload.uploadId(), 3, p3);
        PutResult result = store.completeMultipartUpload(BUCKET, "big.bin", upload.uploadId(), List.of(
                new CompletedPart(1, Digests.etag(p1)), new CompletedPart(2, Digests.etag(p2)),
                new CompletedPart(3, Digests.etag(p3).replace("\"", ""))));
        assertEquals(expectedMultipartEtag(p1, p2, p3), result.etag());
        assertTrue(result.etag().endsWith("-3\""));

        ObjectContent content = store.getObject(BUCKET, "big.bin", null, null, ReadConditions.NONE);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(p1);
        whole.writeBytes(p2);
        whole.writeBytes(p3);
        assertArrayEquals(whole.toByteArray(), content.body());
        assertEquals(3, content.info().partsCount());
        assertEquals("application/zip", content.info().contentType());
        assertEquals(Map.of("m", "1"), content.info().userMetadata());
        assertTrue(store.listMultipartUploads(BUCKET, null, null, null, null, 1000).uploads().isEmpty());
        expectError("NoSuchUpload", 404, () -> part("big.bin", upload.uploadId(), 4, p3));
    }

    @Test
    void knownVectorForTwoFiveMebibytePartsWithDefaultMinimum() throws Exception {
        S3Store realistic = new S3Store();
        assertEquals(5L * 1024 * 1024, realistic.minPartSize());
        realistic.createBucket(ALICE, BUCKET, null);
        byte[] p1 = filled(5 * 1024 * 1024, 'x');
        byte[] p2 = bytes("end");
        String uploadId = realistic.createMultipartUpload(ALICE, BUCKET, "k", ObjectWrite.empty()).uploadId();
        realistic.uploadPart(BUCKET, "k", uploadId, 1, ObjectWrite.of(p1));
        realistic.uploadPart(BUCKET, "k", uploadId, 2, ObjectWrite.of(p2));
        PutResult result = realistic.completeMultipartUpload(BUCKET, "k", uploadId,
                List.of(new CompletedPart(1, Digests.etag(p1)), new CompletedPart(2, Digests.etag(p2))));
        assertEquals(expectedMultipartEtag(p1, p2), result.etag());
    }

    @Test
    void partsAreReadBackAsTheyWereUploaded() {
        byte[] p1 = filled(MIN, 'a');
        byte[] p2 = filled(MIN + 3, 'b');
        String uploadId = start("big.bin");
        part("big.bin", uploadId, 1, p1);
        part("big.bin", uploadId, 2, p2);
        part("big.bin", uploadId, 3, bytes("tail"));
        store.completeMultipartUpload(BUCKET, "big.bin", uploadId, List.of(new CompletedPart(1, Digests.etag(p1)),
                new CompletedPart(2, Digests.etag(p2)), new CompletedPart(3, Digests.etag(bytes("tail")))));

        ObjectContent second = store.getObjectPart(BUCKET, "big.bin", null, 2, ReadConditions.NONE);
        assertArrayEquals(p2, second.body());
        assertEquals(new ByteRange(MIN, 2 * MIN + 2, 2 * MIN + 7), second.range());
        assertEquals(3, second.info().partsCount());
        ObjectContent last = store.headObjectPart(BUCKET, "big.bin", null, 3, ReadConditions.NONE);
        assertEquals(0, last.body().length);
        assertEquals("bytes 35-38/39", last.range().contentRange());
        ServiceException past = expectError("InvalidPartNumber", 416,
                () -> store.getObjectPart(BUCKET, "big.bin", null, 4, ReadConditions.NONE));
        assertEquals(Map.of("PartNumberRequested", "4", "ActualPartCount", "3"), past.details());
        expectError("InvalidArgument", 400, () -> store.getObjectPart(BUCKET, "big.bin", null, 0, ReadConditions.NONE));
    }

    @Test
    void anObjectWrittenInOnePieceIsItsOnlyPart() {
        put(store, BUCKET, "small", "whole");
        ObjectContent first = store.getObjectPart(BUCKET, "small", null, 1, ReadConditions.NONE);
        assertEquals("whole", new String(first.body(), StandardCharsets.UTF_8));
        assertEquals(new ByteRange(0, 4, 5), first.range());
        assertNull(first.info().partsCount());
        expectError("InvalidPartNumber", 416, () -> store.getObjectPart(BUCKET, "small", null, 2, ReadConditions.NONE));
        put(store, BUCKET, "empty", "");
        assertNull(store.getObjectPart(BUCKET, "empty", null, 1, ReadConditions.NONE).range());
    }

    @Test
    void partNumbersMustBeWithinOneToTenThousand() {
        String uploadId = start("k");
        for (int bad : new int[] {0, -1, 10_001}) {
            ServiceException error = expectError("InvalidArgument", 400, () -> part("k", uploadId, bad, bytes("x")));
            assertEquals("Part number must be an integer between 1 and 10000, inclusive", error.getMessage());
        }
        part("k", uploadId, 10_000, bytes("x"));
        assertEquals(10_000, store.listParts(BUCKET, "k", uploadId, 0, 1000).parts().get(0).partNumber());
    }

    @Test
    void uploadPartVerifiesDigests() {
        String uploadId = start("k");
        String md5 = Base64.getEncoder().encodeToString(Digests.md5(bytes("abc")));
        expectError("BadDigest", 400, () -> store.uploadPart(BUCKET, "k", uploadId, 1,
                ObjectWrite.of(bytes("abd")).contentMd5(md5)));
        expectError("BadDigest", 400, () -> store.uploadPart(BUCKET, "k", uploadId, 1,
                ObjectWrite.of(bytes("abd")).checksum(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC32C.base64(bytes("abc")))));
        assertTrue(store.listParts(BUCKET, "k", uploadId, 0, 1000).parts().isEmpty());
    }

    @Test
    void reuploadingAPartReplacesIt() {
        String uploadId = start("k");
        part("k", uploadId, 1, bytes("first"));
        PartInfo second = part("k", uploadId, 1, bytes("second"));
        List<PartInfo> parts = store.listParts(BUCKET, "k", uploadId, 0, 1000).parts();
        assertEquals(1, parts.size());
        assertEquals(second.etag(), parts.get(0).etag());
        assertEquals(6, parts.get(0).size());
    }

    @Test
    void completeRejectsEmptyUnorderedUnknownAndMismatchedParts() {
        String uploadId = start("k");
        PartInfo p1 = part("k", uploadId, 1, filled(MIN, 'a'));
        PartInfo p2 = part("k", uploadId, 2, bytes("b"));
        expectError("MalformedXML", 400, () -> store.completeMultipartUpload(BUCKET, "k", uploadId, List.of()));
        ServiceException order = expectError("InvalidPartOrder", 400, () -> store.completeMultipartUpload(BUCKET, "k",
                uploadId, List.of(new CompletedPart(2, p2.etag()), new CompletedPart(1, p1.etag()))));
        assertEquals("The list of parts was not in ascending order. Parts must be ordered by part number.",
                order.getMessage());
        expectError("InvalidPartOrder", 400, () -> store.completeMultipartUpload(BUCKET, "k", uploadId,
                List.of(new CompletedPart(1, p1.etag()), new CompletedPart(1, p1.etag()))));
        ServiceException unknown = expectError("InvalidPart", 400, () -> store.completeMultipartUpload(BUCKET, "k",
                uploadId, List.of(new CompletedPart(1, p1.etag()), new CompletedPart(3, p2.etag()))));
        assertTrue(unknown.getMessage().startsWith("One or more of the specified parts could not be found."));
        expectError("InvalidPart", 400, () -> store.completeMultipartUpload(BUCKET, "k", uploadId,
                List.of(new CompletedPart(1, p2.etag()))));
        // after all those failures the upload is intact
        PutResult done = store.completeMultipartUpload(BUCKET, "k", uploadId,
                List.of(new CompletedPart(1, p1.etag()), new CompletedPart(2, p2.etag())));
        assertTrue(done.etag().endsWith("-2\""));
    }

    @Test
    void everyPartButTheLastMustReachTheMinimumSize() {
        String uploadId = start("k");
        PartInfo small = part("k", uploadId, 1, filled(MIN - 1, 'a'));
        PartInfo last = part("k", uploadId, 2, filled(MIN, 'b'));
        ServiceException error = expectError("EntityTooSmall", 400, () -> store.completeMultipartUpload(BUCKET, "k",
                uploadId, List.of(new CompletedPart(1, small.etag()), new CompletedPart(2, last.etag()))));
        assertEquals("Your proposed upload is smaller than the minimum allowed object size.", error.getMessage());
        assertEquals(String.valueOf(MIN - 1), error.details().get("ProposedSize"));
        assertEquals(String.valueOf(MIN), error.details().get("MinSizeAllowed"));
        // a single small part (it is the last) is fine
        PutResult single = store.completeMultipartUpload(BUCKET, "k", uploadId, List.of(new CompletedPart(1, small.etag())));
        assertEquals(MIN - 1, store.headObject(BUCKET, "k", null, null, ReadConditions.NONE).info().size());
        assertTrue(single.etag().endsWith("-1\""));
    }

    @Test
    void abortThenEveryCallIsNoSuchUpload() {
        String uploadId = start("k");
        part("k", uploadId, 1, bytes("x"));
        store.abortMultipartUpload(BUCKET, "k", uploadId);
        ServiceException error = expectError("NoSuchUpload", 404, () -> store.abortMultipartUpload(BUCKET, "k", uploadId));
        assertTrue(error.getMessage().startsWith("The specified upload does not exist."));
        expectError("NoSuchUpload", 404, () -> store.listParts(BUCKET, "k", uploadId, 0, 1000));
        expectError("NoSuchUpload", 404, () -> store.completeMultipartUpload(BUCKET, "k", uploadId,
                List.of(new CompletedPart(1, Digests.etag(bytes("x"))))));
        expectError("NoSuchUpload", 404, () -> part("other-key", start("k"), 1, bytes("x")));
        expectError("NoSuchKey", 404, () -> get(store, BUCKET, "k"));
    }

    @Test
    void listPartsPaginates() {
        String uploadId = start("k");
        for (int i = 1; i <= 5; i++) {
            part("k", uploadId, i, bytes("p" + i));
        }
        PartListing first = store.listParts(BUCKET, "k", uploadId, 0, 2);
        assertEquals(List.of(1, 2), first.parts().stream().map(PartInfo::partNumber).toList());
        assertTrue(first.truncated());
        assertEquals(2, first.nextPartNumberMarker());
        PartListing last = store.listParts(BUCKET, "k", uploadId, 4, 2);
        assertEquals(List.of(5), last.parts().stream().map(PartInfo::partNumber).toList());
        assertFalse(last.truncated());
        assertEquals(Digests.etag(bytes("p5")), last.parts().get(0).etag());
        assertEquals("k", last.upload().key());
        assertEquals(ALICE, last.upload().owner());
    }

    @Test
    void listMultipartUploadsWithPrefixDelimiterAndMarkers() {
        String a1 = start("a/x");
        String a2 = start("a/x");
        String b = start("b");
        start("dir/one");
        start("dir/two");
        UploadListing all = store.listMultipartUploads(BUCKET, null, null, null, null, 1000);
        assertEquals(List.of("a/x", "a/x", "b", "dir/one", "dir/two"), all.uploads().stream().map(UploadInfo::key).toList());
        assertEquals(List.of(a1, a2, b), all.uploads().subList(0, 3).stream().map(UploadInfo::uploadId).toList());

        UploadListing delimited = store.listMultipartUploads(BUCKET, null, "/", null, null, 1000);
        assertEquals(List.of("a/", "dir/"), delimited.commonPrefixes());
        assertEquals(List.of("b"), delimited.uploads().stream().map(UploadInfo::key).toList());

        UploadListing prefixed = store.listMultipartUploads(BUCKET, "dir/", null, null, null, 1000);
        assertEquals(2, prefixed.uploads().size());

        UploadListing page = store.listMultipartUploads(BUCKET, null, null, null, null, 1);
        assertTrue(page.truncated());
        assertEquals("a/x", page.nextKeyMarker());
        assertEquals(a1, page.nextUploadIdMarker());
        UploadListing next = store.listMultipartUploads(BUCKET, null, null, page.nextKeyMarker(),
                page.nextUploadIdMarker(), 2);
        assertEquals(List.of(a2, b), next.uploads().stream().map(UploadInfo::uploadId).toList());
        UploadListing afterKey = store.listMultipartUploads(BUCKET, null, null, "a/x", null, 1000);
        assertEquals("b", afterKey.uploads().get(0).key());
    }

    @Test
    void uploadPartCopyWithRange() {
        put(store, BUCKET, "source", "0123456789abcdefghij");
        String uploadId = start("k");
        PartInfo copied = store.uploadPartCopy(BUCKET, "k", uploadId, 1, BUCKET, "source", null,
                RangeRequest.span(0, 15, "bytes=0-15"), ReadConditions.NONE);
        assertEquals(Digests.etag(bytes("0123456789abcdef")), copied.etag());
        PartInfo whole = store.uploadPartCopy(BUCKET, "k", uploadId, 2, BUCKET, "source", null, null, ReadConditions.NONE);
        assertEquals(20, whole.size());
        ServiceException outside = expectError("InvalidArgument", 400, () -> store.uploadPartCopy(BUCKET, "k", uploadId, 3,
                BUCKET, "source", null, RangeRequest.span(10, 20, "bytes=10-20"), ReadConditions.NONE));
        assertEquals("Range specified is not valid for source object of size: 20", outside.getMessage());
        expectError("PreconditionFailed", 412, () -> store.uploadPartCopy(BUCKET, "k", uploadId, 3,
                BUCKET, "source", null, null, new ReadConditions(EtagList.of("\"nope\""), null, null, null)));
        store.completeMultipartUpload(BUCKET, "k", uploadId,
                List.of(new CompletedPart(1, copied.etag()), new CompletedPart(2, whole.etag())));
        assertEquals("0123456789abcdef0123456789abcdefghij", get(store, BUCKET, "k"));
    }

    @Test
    void compositeChecksumForChosenAlgorithm() throws Exception {
        UploadInfo upload = store.createMultipartUpload(ALICE, BUCKET, "k",
                ObjectWrite.empty().checksumAlgorithm(ChecksumAlgorithm.SHA256));
        assertEquals(ChecksumAlgorithm.SHA256, upload.checksumAlgorithm());
        byte[] p1 = filled(MIN, 'q');
        byte[] p2 = bytes("r");
        PartInfo first = part("k", upload.uploadId(), 1, p1);
        assertEquals(ChecksumAlgorithm.SHA256.base64(p1), first.checksums().get(ChecksumAlgorithm.SHA256));
        PartInfo second = part("k", upload.uploadId(), 2, p2);
        PutResult result = store.completeMultipartUpload(BUCKET, "k", upload.uploadId(),
                List.of(new CompletedPart(1, first.etag()), new CompletedPart(2, second.etag())));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(MessageDigest.getInstance("SHA-256").digest(p1));
        sha.update(MessageDigest.getInstance("SHA-256").digest(p2));
        assertEquals(Base64.getEncoder().encodeToString(sha.digest()) + "-2",
                result.checksums().get(ChecksumAlgorithm.SHA256));
    }

    @Test
    void completingInAVersionedBucketCreatesAVersion() {
        store.putBucketVersioning(BUCKET, VersioningStatus.ENABLED);
        String old = put(store, BUCKET, "k", "old").versionId();
        String uploadId = start("k");
        PartInfo p = part("k", uploadId, 1, bytes("new"));
        PutResult result = store.completeMultipartUpload(BUCKET, "k", uploadId, List.of(new CompletedPart(1, p.etag())));
        assertNotEquals(old, result.versionId());
        assertEquals("new", get(store, BUCKET, "k"));
        assertEquals("old", S3Assertions.text(store.getObject(BUCKET, "k", old, null, ReadConditions.NONE).body()));
        assertNull(store.listMultipartUploads(BUCKET, null, null, null, null, 10).nextKeyMarker());
    }
}
