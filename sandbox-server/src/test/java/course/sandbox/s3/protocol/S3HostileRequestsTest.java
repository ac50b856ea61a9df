package course.sandbox.s3.protocol;

import course.sandbox.e2e.RawWire;
import course.sandbox.e2e.RunningSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signed S3 requests no SDK would send: a body nested 20,000 levels deep, a key that is not
 * UTF-8, a key with characters XML cannot carry. Each gets S3's error in well-formed XML, and
 * nothing stored changes.
 */
class S3HostileRequestsTest {
    private static final String BUCKET = "hostile-requests";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private static RunningSandbox sandbox;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        s3 = S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(RunningSandbox.rootCredentials()).httpClient(ApacheHttpClient.create()).build();
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.putObject(b -> b.bucket(BUCKET).key("tagged"), software.amazon.awssdk.core.sync.RequestBody.fromString("t"));
    }

    @AfterAll
    static void stop() {
        s3.close();
        sandbox.close();
    }

    // MalformedXML: "The XML that you provided was not well formed or did not validate against our published schema."
    // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
    @Test
    void deeplyNestedBodiesAreMalformedXmlForEveryOperationThatReadsXml() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("upload")).uploadId();
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("PUT /" + BUCKET + "?tagging", "Tagging");
        targets.put("PUT /" + BUCKET + "/tagged?tagging", "Tagging");
        targets.put("PUT /" + BUCKET + "?versioning", "VersioningConfiguration");
        targets.put("POST /" + BUCKET + "/upload?uploadId=" + uploadId, "CompleteMultipartUpload");
        targets.put("POST /" + BUCKET + "?delete", "Delete");
        targets.put("PUT /another-bucket", "CreateBucketConfiguration");
        for (Map.Entry<String, String> target : targets.entrySet()) {
            for (byte[] body : List.of(nested(target.getValue(), 20_000), nested(target.getValue(), 33), withEntity(target.getValue()))) {
                String[] methodAndPath = target.getKey().split(" ");
                RawWire.Answer answer = send(methodAndPath[0], methodAndPath[1], body);
                assertEquals(400, answer.status(), target.getKey() + ": " + answer);
                assertEquals("MalformedXML", answer.code(), target.getKey() + ": " + answer);
                assertTrue(answer.wellFormed(), answer.toString());
            }
        }
        // Nothing changed: the object has no tags, the bucket none either, versioning is off, no bucket was made.
        assertEquals(List.of(), s3.getObjectTagging(b -> b.bucket(BUCKET).key("tagged")).tagSet());
        assertEquals(null, s3.getBucketVersioning(b -> b.bucket(BUCKET)).status());
        assertFalse(s3.listBuckets().buckets().stream().anyMatch(bucket -> bucket.name().equals("another-bucket")));
        // A shallow body still works.
        RawWire.Answer tagged = send("PUT", "/" + BUCKET + "/tagged?tagging",
                "<Tagging><TagSet><Tag><Key>k</Key><Value>v&amp;w</Value></Tag></TagSet></Tagging>".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, tagged.status(), tagged.toString());
        assertEquals("v&w", s3.getObjectTagging(b -> b.bucket(BUCKET).key("tagged")).tagSet().get(0).value());
        assertFalse(sandbox.log().contains("Internal error"), sandbox.log());
    }

    // A key is "a sequence of Unicode characters whose UTF-8 encoding is at most 1,024 bytes long"
    // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html); a path that does not
    // decode to UTF-8 is InvalidURI, "Couldn't parse the specified URI." (ErrorResponses.html).
    @Test
    void keysThatAreNotUtf8AreRefusedAndNeverOverwriteAnotherKey() {
        RawWire.Answer stored = send("PUT", "/" + BUCKET + "/x%EF%BF%BD", "the real U+FFFD key".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, stored.status(), stored.toString());
        for (String rawKey : List.of("x%FF", "x%FE", "x%C0%AF", "x%ED%A0%80", "x%E2%82", "%FF/%FE")) {
            RawWire.Answer put = send("PUT", "/" + BUCKET + "/" + rawKey, ("overwrite by " + rawKey).getBytes(StandardCharsets.UTF_8));
            assertEquals(400, put.status(), rawKey + ": " + put);
            assertEquals("InvalidURI", put.code(), rawKey + ": " + put);
            assertTrue(put.wellFormed(), put.toString());
            RawWire.Answer get = send("GET", "/" + BUCKET + "/" + rawKey, new byte[0]);
            assertEquals("InvalidURI", get.code(), rawKey + ": " + get);
            RawWire.Answer copy = send("PUT", "/" + BUCKET + "/copy-target", new byte[0],
                    Map.of("x-amz-copy-source", "/" + BUCKET + "/" + rawKey));
            assertEquals("InvalidURI", copy.code(), rawKey + ": " + copy);
        }
        assertEquals("the real U+FFFD key", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("x\uFFFD")).asUtf8String());
        List<String> keys = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("x")).contents().stream().map(S3Object::key).toList();
        assertEquals(List.of("x\uFFFD"), keys);
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("copy-target")));
    }

    /** A key with characters XML 1.0 forbids, echoed in NoSuchKey: clients must still parse the error. */
    @Test
    void errorsNamingAKeyWithControlCharactersAreStillXml() {
        for (String rawKey : List.of("missing%01key", "nul%00key", "ff%EF%BF%BFkey", "esc%1B%5B31m")) {
            RawWire.Answer answer = send("GET", "/" + BUCKET + "/" + rawKey, new byte[0]);
            assertEquals(404, answer.status(), rawKey + ": " + answer);
            assertEquals("NoSuchKey", answer.code(), answer.toString());
            assertTrue(answer.wellFormed(), answer.toString());
        }
        assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket(BUCKET).key("missing\u0001key")));
    }

    private static RawWire.Answer send(String method, String target, byte[] body) {
        return send(method, target, body, Map.of());
    }

    private static RawWire.Answer send(String method, String target, byte[] body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Content-MD5", md5(body));
        return RawWire.exchange(sandbox.port(),
                RawWire.signed(sandbox, method, target, headers, body, "s3", RunningSandbox.REGION), ANSWER_WITHIN);
    }

    /** Nesting inside the element whose text the operation reads, where a recursive reader would overflow. */
    private static byte[] nested(String root, int depth) {
        List<String> path = switch (root) {
            case "Tagging" -> List.of("Tagging", "TagSet", "Tag", "Key");
            case "VersioningConfiguration" -> List.of(root, "Status");
            case "CompleteMultipartUpload" -> List.of(root, "Part", "PartNumber");
            case "Delete" -> List.of(root, "Object", "Key");
            default -> List.of(root, "LocationConstraint");
        };
        StringBuilder xml = new StringBuilder();
        path.forEach(name -> xml.append('<').append(name).append('>'));
        xml.append("<a>".repeat(depth)).append('x').append("</a>".repeat(depth));
        for (int i = path.size() - 1; i >= 0; i--) {
            xml.append("</").append(path.get(i)).append('>');
        }
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The DTD and external-entity hardening still holds. */
    private static byte[] withEntity(String root) {
        return ("<?xml version=\"1.0\"?><!DOCTYPE " + root + " [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><" + root
                + "><Status>&e;</Status></" + root + ">").getBytes(StandardCharsets.UTF_8);
    }

    private static String md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
