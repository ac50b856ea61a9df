package course.sandbox.s3.protocol;

import course.sandbox.e2e.RunningSandbox;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 scenario suite through the AWS SDK for Java v2 against a real sandbox over HTTP. Each
 * subclass runs it on one HTTP client; every scenario uses its own bucket.
 */
abstract class SdkScenarios {
    static final int MIB = 1024 * 1024;
    private static RunningSandbox sandbox;
    private static S3Client s3;
    private static SdkHttpClient httpClient;
    private static final HttpClient PLAIN_HTTP = HttpClient.newHttpClient();

    private String bucket;

    /** Each subclass names the SDK HTTP client it tests. */
    static void startWith(SdkHttpClient client) {
        sandbox = RunningSandbox.start();
        httpClient = client;
        s3 = S3Client.builder()
                .endpointOverride(sandbox.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials())
                .httpClient(client)
                .build();
    }

    @AfterAll
    static void stop() {
        s3.close();
        httpClient.close();
        sandbox.close();
    }

    @BeforeEach
    void createBucket() {
        bucket = "scenario-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
    }

    // ------------------------------------------------------------------ buckets

    @Test
    void bucketsAreCreatedListedLocatedAndDeleted() {
        assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket)));
        assertEquals("us-east-1", s3.headBucket(b -> b.bucket(bucket)).bucketRegion());
        assertEquals("", s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString());
        // In us-east-1 S3 answers 200 to the owner creating the bucket again.
        s3.createBucket(b -> b.bucket(bucket));

        s3.putObject(b -> b.bucket(bucket).key("keep"), RequestBody.fromString("x"));
        expectError(409, "BucketNotEmpty", () -> s3.deleteBucket(b -> b.bucket(bucket)));
        s3.deleteObject(b -> b.bucket(bucket).key("keep"));
        s3.deleteBucket(b -> b.bucket(bucket));
        expectError(404, null, () -> s3.headBucket(b -> b.bucket(bucket)));
        expectError(404, "NoSuchBucket", () -> s3.listObjectsV2(b -> b.bucket(bucket)));
    }

    @Test
    void invalidBucketNamesAreRefused() {
        expectError(400, "InvalidBucketName", () -> s3.createBucket(b -> b.bucket("xn--reserved-prefix")));
    }

    // ------------------------------------------------------------------ objects

    @Test
    void objectsKeepBodyContentTypeAndMetadata() {
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("docs/read me.txt").contentType("text/plain")
                .metadata(Map.of("author", "ada")).contentDisposition("inline").cacheControl("max-age=60"),
                RequestBody.fromString("hello"));
        assertEquals("\"5d41402abc4b2a76b9719d911017c592\"", put.eTag());

        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(bucket).key("docs/read me.txt"));
        assertEquals("hello", object.asUtf8String());
        assertEquals("text/plain", object.response().contentType());
        assertEquals(Map.of("author", "ada"), object.response().metadata());
        assertEquals("inline", object.response().contentDisposition());
        assertEquals("max-age=60", object.response().cacheControl());
        assertEquals(put.eTag(), object.response().eTag());

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("docs/read me.txt"));
        assertEquals(5L, head.contentLength());
        assertEquals(put.eTag(), head.eTag());
        assertTrue(head.lastModified().isAfter(Instant.now().minusSeconds(60)));

        expectError(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("missing")));
        expectError(404, null, () -> s3.headObject(b -> b.bucket(bucket).key("missing")));
        s3.deleteObject(b -> b.bucket(bucket).key("docs/read me.txt"));
        expectError(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("docs/read me.txt")));
    }

    @Test
    void keysWithSpecialCharactersRoundTrip() {
        List<String> keys = List.of("a+b c", "ümlaut/ß", "q?x=1&y", "percent%20sign", "dots/../x", "tab\tkey");
        for (String key : keys) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
            assertEquals(key, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
        }
        List<String> listed = s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
        assertEquals(keys.stream().sorted(SdkScenarios::utf8Order).toList(), listed);
    }

    @Test
    void rangesAnswerPartialContentAndUnsatisfiableRangesAre416() {
        s3.putObject(b -> b.bucket(bucket).key("digits"), RequestBody.fromString("0123456789"));
        ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=2-4"));
        assertEquals("234", part.asUtf8String());
        assertEquals("bytes 2-4/10", part.response().contentRange());
        assertEquals("789", s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=-3")).asUtf8String());
        expectError(416, "InvalidRange", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=20-")));
    }

    @Test
    void conditionalReadsAnswer304And412() {
        String etag = s3.putObject(b -> b.bucket(bucket).key("c"), RequestBody.fromString("v1")).eTag();
        assertEquals("v1", s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifMatch(etag)).asUtf8String());
        expectError(412, "PreconditionFailed", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifMatch("\"0000\"")));
        expectError(304, null, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifNoneMatch(etag)));
        expectError(304, null, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("c")
                .ifModifiedSince(Instant.now().plusSeconds(3600))));
        expectError(412, "PreconditionFailed", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("c")
                .ifUnmodifiedSince(Instant.now().minusSeconds(3600))));
        expectError(412, "PreconditionFailed", () -> s3.putObject(b -> b.bucket(bucket).key("c").ifNoneMatch("*"),
                RequestBody.fromString("v2")));
        assertEquals("v1", s3.getObjectAsBytes(b -> b.bucket(bucket).key("c")).asUtf8String());
    }

    // ------------------------------------------------------------------ checksums

    @Test
    void checksumsAreValidatedStoredAndReturnedOnRequest() {
        byte[] body = "checksummed body".getBytes(StandardCharsets.UTF_8);
        for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C,
                ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256)) {
            String key = "sum-" + algorithm;
            s3.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(algorithm), RequestBody.fromBytes(body));
            GetObjectResponse withSums = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)).response();
            String returned = switch (algorithm) {
                case CRC32 -> withSums.checksumCRC32();
                case CRC32_C -> withSums.checksumCRC32C();
                case SHA1 -> withSums.checksumSHA1();
                default -> withSums.checksumSHA256();
            };
            assertTrue(returned != null && !returned.isEmpty(), "checksum returned for " + algorithm);
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        String expected = Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        assertEquals(expected, s3.headObject(b -> b.bucket(bucket).key("sum-CRC32").checksumMode(ChecksumMode.ENABLED)).checksumCRC32());
    }

    @Test
    void wrongContentMd5IsBadDigest() {
        String wrongMd5 = Base64.getEncoder().encodeToString(md5("something else".getBytes(StandardCharsets.UTF_8)));
        expectError(400, "BadDigest", () -> s3.putObject(b -> b.bucket(bucket).key("md5").contentMD5(wrongMd5),
                RequestBody.fromString("body")));
        String rightMd5 = Base64.getEncoder().encodeToString(md5("body".getBytes(StandardCharsets.UTF_8)));
        s3.putObject(b -> b.bucket(bucket).key("md5").contentMD5(rightMd5), RequestBody.fromString("body"));
        expectError(400, "BadDigest", () -> s3.putObject(b -> b.bucket(bucket).key("crc").checksumCRC32("AAAAAA=="),
                RequestBody.fromString("body")));
    }

    // ------------------------------------------------------------------ copy

    @Test
    void copyKeepsOrReplacesMetadataAndHonoursSourceConditions() {
        String etag = s3.putObject(b -> b.bucket(bucket).key("src").contentType("text/plain").metadata(Map.of("k", "v")),
                RequestBody.fromString("copy me")).eTag();
        CopyObjectResponse copied = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst/copy 1"));
        assertEquals(etag, copied.copyObjectResult().eTag());
        GetObjectResponse kept = s3.getObjectAsBytes(b -> b.bucket(bucket).key("dst/copy 1")).response();
        assertEquals(Map.of("k", "v"), kept.metadata());
        assertEquals("text/plain", kept.contentType());

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("dst2")
                .metadataDirective(MetadataDirective.REPLACE).contentType("application/json").metadata(Map.of("new", "1")));
        GetObjectResponse replaced = s3.getObjectAsBytes(b -> b.bucket(bucket).key("dst2")).response();
        assertEquals(Map.of("new", "1"), replaced.metadata());
        assertEquals("application/json", replaced.contentType());

        expectError(412, "PreconditionFailed", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst3").copySourceIfMatch("\"nope\"")));
        expectError(404, "NoSuchKey", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("absent")
                .destinationBucket(bucket).destinationKey("dst4")));
        expectError(400, "InvalidRequest", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("src")));
    }

    // ------------------------------------------------------------------ listing

    @Test
    void listingsPaginateAndRollUpCommonPrefixes() {
        List<String> keys = List.of("a/1", "a/2", "b/1", "c", "d", "e");
        keys.forEach(key -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key)));

        ListObjectsV2Response top = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
        assertEquals(List.of("a/", "b/"), top.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
        assertEquals(List.of("c", "d", "e"), top.contents().stream().map(S3Object::key).toList());
        assertEquals(5, top.keyCount());

        List<String> pagedV2 = new ArrayList<>();
        int pages = 0;
        for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(2))) {
            pages++;
            page.contents().forEach(o -> pagedV2.add(o.key()));
        }
        assertEquals(keys, pagedV2);
        assertEquals(3, pages);

        List<String> pagedV1 = new ArrayList<>();
        String marker = "";
        ListObjectsResponse page;
        do {
            String from = marker;
            page = s3.listObjects(b -> b.bucket(bucket).maxKeys(4).marker(from));
            page.contents().forEach(o -> pagedV1.add(o.key()));
            // Without a delimiter S3 sends no NextMarker: clients continue from the last key.
            marker = pagedV1.get(pagedV1.size() - 1);
        } while (page.isTruncated());
        assertEquals(keys, pagedV1);

        ListObjectsV2Response afterB = s3.listObjectsV2(b -> b.bucket(bucket).startAfter("b/1").prefix(""));
        assertEquals(List.of("c", "d", "e"), afterB.contents().stream().map(S3Object::key).toList());
        ListObjectsResponse v1 = s3.listObjects(b -> b.bucket(bucket).prefix("a/").maxKeys(1).delimiter("/"));
        assertTrue(v1.isTruncated());
        assertEquals("a/1", v1.nextMarker());
    }

    // ------------------------------------------------------------------ versioning

    @Test
    void versioningKeepsVersionsAndDeleteMarkers() {
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket(bucket)).status());
        String v1 = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("two")).versionId();
        assertFalse(v1.equals(v2));
        assertEquals("one", s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc").versionId(v1)).asUtf8String());

        DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket(bucket).key("doc"));
        assertTrue(deleted.deleteMarker());
        S3Exception gone = expectError(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")));
        assertEquals(List.of("true"), gone.awsErrorDetails().sdkHttpResponse().headers().get("x-amz-delete-marker"));

        ListObjectVersionsResponse versions = s3.listObjectVersions(b -> b.bucket(bucket));
        assertEquals(List.of(v2, v1), versions.versions().stream().map(ObjectVersion::versionId).toList());
        assertEquals(1, versions.deleteMarkers().size());
        assertTrue(versions.deleteMarkers().get(0).isLatest());

        s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(deleted.versionId()));
        assertEquals("two", s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).asUtf8String());

        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));
        assertEquals("null", s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("three")).versionId());
        expectError(404, "NoSuchVersion", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")
                .versionId("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));
    }

    @Test
    void versionListingPaginates() {
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        for (int i = 0; i < 3; i++) {
            for (String key : List.of("x", "y")) {
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
            }
        }
        List<String> seen = new ArrayList<>();
        for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).maxKeys(4))) {
            page.versions().forEach(v -> seen.add(v.key() + ":" + v.versionId()));
        }
        assertEquals(6, seen.size());
        assertEquals(6, seen.stream().distinct().count());
    }

    @Test
    void deleteObjectsDeletesInBatchesAndIsQuietWhenAsked() {
        for (String key : List.of("1", "2", "3")) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        DeleteObjectsResponse result = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("1").build(), ObjectIdentifier.builder().key("2").build())));
        assertEquals(List.of("1", "2"), result.deleted().stream().map(d -> d.key()).toList());
        DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.quiet(true)
                .objects(ObjectIdentifier.builder().key("3").build())));
        assertTrue(quiet.deleted().isEmpty());
        assertEquals(0, s3.listObjectsV2(b -> b.bucket(bucket)).keyCount());
    }

    // ------------------------------------------------------------------ multipart

    @Test
    void multipartUploadCompletesWithTheDashNEtag() {
        byte[] part1 = randomBytes(5 * MIB, 1);
        byte[] part2 = randomBytes(1234, 2);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("big").contentType("video/mp4")).uploadId();
        UploadPartResponse r1 = s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(part1));
        UploadPartResponse r2 = s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(part2));
        assertEquals("\"" + hex(md5(part1)) + "\"", r1.eTag());

        ListPartsResponse parts = s3.listParts(b -> b.bucket(bucket).key("big").uploadId(uploadId).maxParts(1));
        assertTrue(parts.isTruncated());
        assertEquals(1, parts.parts().size());
        assertEquals(1, parts.nextPartNumberMarker());
        assertEquals(List.of("big"), s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream()
                .map(u -> u.key()).toList());

        String etag = s3.completeMultipartUpload(b -> b.bucket(bucket).key("big").uploadId(uploadId)
                .multipartUpload(m -> m.parts(part(1, r1.eTag()), part(2, r2.eTag())))).eTag();
        byte[] md5s = new byte[32];
        System.arraycopy(md5(part1), 0, md5s, 0, 16);
        System.arraycopy(md5(part2), 0, md5s, 16, 16);
        assertEquals("\"" + hex(md5(md5s)) + "-2\"", etag);
        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big"));
        assertEquals(part1.length + part2.length, object.asByteArray().length);
        assertEquals("video/mp4", object.response().contentType());
        expectError(404, "NoSuchUpload", () -> s3.listParts(b -> b.bucket(bucket).key("big").uploadId(uploadId)));

        // A part read is a ranged read of the part as uploaded, and tells how many parts there are.
        ResponseBytes<GetObjectResponse> second = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big").partNumber(2));
        assertArrayEquals(part2, second.asByteArray());
        assertEquals(2, second.response().partsCount());
        assertEquals("bytes " + part1.length + "-" + (part1.length + part2.length - 1) + "/" + (part1.length + part2.length),
                second.response().contentRange());
        assertEquals(etag, second.response().eTag());
        HeadObjectResponse first = s3.headObject(b -> b.bucket(bucket).key("big").partNumber(1));
        assertEquals(part1.length, first.contentLength());
        assertEquals(2, first.partsCount());
        expectError(416, "InvalidPartNumber", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("big").partNumber(3)));
        expectError(400, "InvalidRequest", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("big").partNumber(1)
                .range("bytes=0-9")));
    }

    @Test
    void multipartRulesAreEnforced() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("m")).uploadId();
        String small1 = s3.uploadPart(b -> b.bucket(bucket).key("m").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("tiny")).eTag();
        String small2 = s3.uploadPart(b -> b.bucket(bucket).key("m").uploadId(uploadId).partNumber(2),
                RequestBody.fromString("tiny too")).eTag();
        expectError(400, "EntityTooSmall", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("m").uploadId(uploadId)
                .multipartUpload(m -> m.parts(part(1, small1), part(2, small2)))));
        expectError(400, "InvalidPart", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("m").uploadId(uploadId)
                .multipartUpload(m -> m.parts(part(1, "\"00000000000000000000000000000000\"")))));
        expectError(400, "InvalidPartOrder", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("m").uploadId(uploadId)
                .multipartUpload(m -> m.parts(part(2, small2), part(1, small1)))));
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("m").uploadId(uploadId));
        expectError(404, "NoSuchUpload", () -> s3.uploadPart(b -> b.bucket(bucket).key("m").uploadId(uploadId).partNumber(3),
                RequestBody.fromString("late")));
        expectError(404, "NoSuchUpload", () -> s3.abortMultipartUpload(b -> b.bucket(bucket).key("m").uploadId(uploadId)));
    }

    @Test
    void uploadPartCopyCopiesARange() {
        byte[] source = randomBytes(6 * MIB, 3);
        s3.putObject(b -> b.bucket(bucket).key("source"), RequestBody.fromBytes(source));
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("assembled")).uploadId();
        String e1 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket)
                .destinationKey("assembled").uploadId(uploadId).partNumber(1).copySourceRange("bytes=0-" + (5 * MIB - 1)))
                .copyPartResult().eTag();
        String e2 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket)
                .destinationKey("assembled").uploadId(uploadId).partNumber(2).copySourceRange("bytes=" + 5 * MIB + "-" + (6 * MIB - 1)))
                .copyPartResult().eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("assembled").uploadId(uploadId)
                .multipartUpload(m -> m.parts(part(1, e1), part(2, e2))));
        assertArrayEquals(source, s3.getObjectAsBytes(b -> b.bucket(bucket).key("assembled")).asByteArray());
    }

    // ------------------------------------------------------------------ tagging

    @Test
    void objectAndBucketTagsArePutReadAndDeleted() {
        s3.putObject(b -> b.bucket(bucket).key("t").tagging("team=blue&stage=dev"), RequestBody.fromString("t"));
        assertEquals(List.of("team=blue", "stage=dev"), s3.getObjectTagging(b -> b.bucket(bucket).key("t")).tagSet().stream()
                .map(tag -> tag.key() + "=" + tag.value()).toList());
        assertEquals(2, s3.getObjectAsBytes(b -> b.bucket(bucket).key("t")).response().tagCount());
        s3.putObjectTagging(b -> b.bucket(bucket).key("t").tagging(t -> t.tagSet(Tag.builder().key("only").value("one").build())));
        assertEquals(1, s3.getObjectTagging(b -> b.bucket(bucket).key("t")).tagSet().size());
        s3.deleteObjectTagging(b -> b.bucket(bucket).key("t"));
        assertTrue(s3.getObjectTagging(b -> b.bucket(bucket).key("t")).tagSet().isEmpty());

        expectError(404, "NoSuchTagSet", () -> s3.getBucketTagging(b -> b.bucket(bucket)));
        s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(Tag.builder().key("cost").value("course").build())));
        assertEquals("course", s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().get(0).value());
        s3.deleteBucketTagging(b -> b.bucket(bucket));
        expectError(404, "NoSuchTagSet", () -> s3.getBucketTagging(b -> b.bucket(bucket)));

        List<Tag> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(Tag.builder().key("k" + i).value("v").build());
        }
        expectError(400, "BadRequest", () -> s3.putObjectTagging(b -> b.bucket(bucket).key("t").tagging(t -> t.tagSet(eleven))));
    }

    // ------------------------------------------------------------------ bucket policy

    @Test
    void publicReadPolicyLetsAnonymousReadersIn() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("public.txt"), RequestBody.fromString("for everyone"));
        URI url = URI.create(sandbox.endpoint().toString() + "/" + bucket + "/public.txt");
        assertEquals(403, plainGet(url).statusCode());
        expectError(404, "NoSuchBucketPolicy", () -> s3.getBucketPolicy(b -> b.bucket(bucket)));

        String policy = """
                {"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*",
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket);
        // New buckets block public policies (AWS's default since April 2023).
        expectError(403, "AccessDenied", () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy)));
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy));
        assertEquals(policy, s3.getBucketPolicy(b -> b.bucket(bucket)).policy());
        assertTrue(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic());

        HttpResponse<String> anonymous = plainGet(url);
        assertEquals(200, anonymous.statusCode());
        assertEquals("for everyone", anonymous.body());
        // The policy grants reads only: anonymous listing stays denied.
        assertEquals(403, plainGet(URI.create(sandbox.endpoint().toString() + "/" + bucket)).statusCode());

        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertEquals(403, plainGet(url).statusCode());
    }

    @Test
    void explicitDenyKeepsEvenRootOut() {
        s3.putObject(b -> b.bucket(bucket).key("secret"), RequestBody.fromString("s"));
        String policy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::%s/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""".formatted(bucket);
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy));
        assertFalse(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic());
        S3Exception denied = expectError(403, "AccessDenied", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("secret")));
        assertTrue(denied.awsErrorDetails().errorMessage().contains("explicit deny"), denied.awsErrorDetails().errorMessage());
        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertEquals("s", s3.getObjectAsBytes(b -> b.bucket(bucket).key("secret")).asUtf8String());
    }

    @Test
    void malformedPoliciesAreRefusedWithTheReason() {
        S3Exception notJson = expectError(400, "MalformedPolicy", () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("{not json")));
        assertFalse(notJson.awsErrorDetails().errorMessage().isEmpty());
        expectError(400, "MalformedPolicy", () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket))));
        expectError(400, "MalformedPolicy", () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::some-other-bucket/*"}]}""")));
    }

    // ------------------------------------------------------------------ presigned URLs

    @Test
    void presignedGetAndPutWorkWithAPlainHttpClient() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("shared.txt"), RequestBody.fromString("presigned content"));
        try (S3Presigner presigner = presigner()) {
            URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key("shared.txt"))).url().toURI();
            HttpResponse<String> read = plainGet(get);
            assertEquals(200, read.statusCode());
            assertEquals("presigned content", read.body());

            URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket(bucket).key("uploaded via url.txt"))).url().toURI();
            HttpResponse<String> write = PLAIN_HTTP.send(HttpRequest.newBuilder(put)
                    .PUT(HttpRequest.BodyPublishers.ofString("sent by java.net.http")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, write.statusCode(), write.body());
            assertEquals("sent by java.net.http", s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploaded via url.txt")).asUtf8String());

            String tampered = get.toString().replace("shared.txt", "other.txt");
            HttpResponse<String> refused = plainGet(URI.create(tampered));
            assertEquals(403, refused.statusCode());
            assertTrue(refused.body().contains("<Code>SignatureDoesNotMatch</Code>"), refused.body());
            assertTrue(refused.body().contains("<CanonicalRequest>"), refused.body());

            URI shortLived = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(1))
                    .getObjectRequest(g -> g.bucket(bucket).key("shared.txt"))).url().toURI();
            Thread.sleep(2100);
            HttpResponse<String> expired = plainGet(shortLived);
            assertEquals(403, expired.statusCode());
            assertTrue(expired.body().contains("<Code>AccessDenied</Code>") && expired.body().contains("expired"), expired.body());
        }
    }

    // ------------------------------------------------------------------ what is not served

    @Test
    void unsupportedSubresourcesAreNotImplementedNeverMisrouted() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("o"), RequestBody.fromString("o"));
        expectError(501, "NotImplemented", () -> s3.getBucketReplication(b -> b.bucket(bucket)));
        expectError(501, "NotImplemented", () -> s3.getBucketInventoryConfiguration(b -> b.bucket(bucket).id("i")));
        expectError(501, "NotImplemented", () -> s3.putObjectLockConfiguration(b -> b.bucket(bucket)
                .objectLockConfiguration(c -> c.objectLockEnabled("Enabled"))));
        // A PUT ?acl must not overwrite the object with the ACL document.
        expectError(400, "AccessControlListNotSupported",
                () -> s3.putObjectAcl(b -> b.bucket(bucket).key("o").acl("public-read")));
        assertEquals("o", s3.getObjectAsBytes(b -> b.bucket(bucket).key("o")).asUtf8String());
    }

    @Test
    void expectContinueUploadsDoNotStall() {
        byte[] body = randomBytes(64 * 1024, 9);
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            int n = i;
            s3.putObject(b -> b.bucket(bucket).key("expect-" + n), RequestBody.fromBytes(body));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        // A server ignoring Expect: 100-continue makes the client wait (about 1-3 s) before each body.
        assertTrue(millis < 5_000, "20 PUTs took " + millis + " ms");
    }

    // ------------------------------------------------------------------ helpers

    private static S3Presigner presigner() {
        return S3Presigner.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials()).build();
    }

    private static HttpResponse<String> plainGet(URI url) throws IOException, InterruptedException {
        return PLAIN_HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static S3Exception expectError(int status, String code, Executable call) {
        S3Exception error = assertThrows(S3Exception.class, call);
        assertEquals(status, error.statusCode(), () -> String.valueOf(error.awsErrorDetails()));
        if (code != null) {
            assertEquals(code, error.awsErrorDetails().errorCode());
        }
        return error;
    }

    private static CompletedPart part(int number, String etag) {
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static int utf8Order(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
