package course.sandbox.s3.protocol;

import course.sandbox.e2e.RunningSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Browser form uploads (POST Object) with a policy signed as AWS documents it, built here by
 * hand (SDK v2 has no presigner for POST) and sent as multipart/form-data over plain HTTP.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 */
class FormUploadTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static RunningSandbox sandbox;
    private static S3Client s3;
    private String bucket;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        s3 = S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials()).httpClient(ApacheHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        s3.close();
        sandbox.close();
    }

    @BeforeEach
    void createBucket() {
        bucket = "forms-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
    }

    /** The fields a page gets from its server: the policy and its signature, for uploads under uploads/. */
    private Map<String, String> signedFields(AwsCredentials credentials, Instant expiration, String extraCondition) {
        Instant now = Instant.now();
        String credential = credentials.accessKeyId() + "/" + DAY.format(now) + "/us-east-1/s3/aws4_request";
        String policy = """
                {"expiration":"%s","conditions":[{"bucket":"%s"},["starts-with","$key","uploads/"],
                 ["starts-with","$Content-Type","text/"],["content-length-range",1,1024],
                 {"x-amz-algorithm":"AWS4-HMAC-SHA256"},{"x-amz-credential":"%s"},{"x-amz-date":"%s"},
                 ["starts-with","$x-amz-meta-author",""]%s]}""".formatted(expiration, bucket, credential, AMZ_DATE.format(now),
                extraCondition);
        String encoded = Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), DAY.format(now));
        for (String part : new String[] {"us-east-1", "s3", "aws4_request"}) {
            key = hmac(key, part);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "uploads/${filename}");
        fields.put("Content-Type", "text/plain");
        fields.put("x-amz-meta-author", "browser");
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", AMZ_DATE.format(now));
        fields.put("policy", encoded);
        fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(key, encoded)));
        return fields;
    }

    private Map<String, String> signedFields() {
        return signedFields(RunningSandbox.ROOT, Instant.now().plusSeconds(300), "");
    }

    @Test
    void aSignedFormUploadsTheFile() throws Exception {
        HttpResponse<String> posted = post(signedFields(), "notes.txt", "hello from a form");
        assertEquals(204, posted.statusCode(), posted.body());
        assertTrue(posted.headers().firstValue("ETag").isPresent());
        assertEquals("AES256", posted.headers().firstValue("x-amz-server-side-encryption").orElseThrow());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("uploads/notes.txt"));
        assertEquals("text/plain", head.contentType());
        assertEquals("browser", head.metadata().get("author"));
        assertEquals("hello from a form", s3.getObjectAsBytes(b -> b.bucket(bucket).key("uploads/notes.txt")).asUtf8String());

        Map<String, String> created = signedFields(RunningSandbox.ROOT, Instant.now().plusSeconds(300),
                ",{\"success_action_status\":\"201\"}");
        created.put("success_action_status", "201");
        HttpResponse<String> answer = post(created, "second.txt", "two");
        assertEquals(201, answer.statusCode());
        assertTrue(answer.body().contains("<Key>uploads/second.txt</Key>") && answer.body().contains("<Bucket>" + bucket + "</Bucket>"),
                answer.body());

        Map<String, String> redirected = signedFields(RunningSandbox.ROOT, Instant.now().plusSeconds(300),
                ",[\"starts-with\",\"$success_action_redirect\",\"http://app.localhost/\"]");
        redirected.put("success_action_redirect", "http://app.localhost/done");
        HttpResponse<String> redirect = post(redirected, "third.txt", "three");
        assertEquals(303, redirect.statusCode());
        assertTrue(redirect.headers().firstValue("Location").orElseThrow()
                .startsWith("http://app.localhost/done?bucket=" + bucket + "&key=uploads%2Fthird.txt&etag="));
    }

    @Test
    void thePolicyDecidesWhatTheFormMayDo() throws Exception {
        Map<String, String> tampered = signedFields();
        tampered.put("policy", Base64.getEncoder().encodeToString("{\"expiration\":\"2099-01-01T00:00:00Z\",\"conditions\":[]}"
                .getBytes(StandardCharsets.UTF_8)));
        assertError(post(tampered, "a.txt", "x"), 403, "SignatureDoesNotMatch", "The request signature we calculated");

        assertError(post(signedFields(RunningSandbox.ROOT, Instant.now().minusSeconds(5), ""), "a.txt", "x"), 403,
                "AccessDenied", "Invalid according to Policy: Policy expired.");

        Map<String, String> elsewhere = signedFields();
        elsewhere.put("key", "secrets/a.txt");
        assertError(post(elsewhere, "a.txt", "x"), 403, "AccessDenied",
                "Invalid according to Policy: Policy Condition failed: [\"starts-with\",\"$key\",\"uploads/\"]");

        Map<String, String> extra = signedFields();
        extra.put("x-amz-meta-unsigned", "sneaky");
        assertError(post(extra, "a.txt", "x"), 403, "AccessDenied", "Invalid according to Policy: Extra input fields: x-amz-meta-unsigned");

        assertError(post(signedFields(), "big.txt", "x".repeat(2000)), 400, "EntityTooLarge",
                "Your proposed upload exceeds the maximum allowed size");

        Map<String, String> noKey = signedFields();
        noKey.remove("key");
        assertError(post(noKey, "a.txt", "x"), 400, "InvalidArgument", "Bucket POST must contain a field named 'key'.");

        HttpResponse<String> notAForm = HTTP.send(HttpRequest.newBuilder(bucketUrl()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertError(notAForm, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
    }

    @Test
    void theSignerNeedsPutObjectAndAnonymousFormsNeedTheBucketPolicy() throws Exception {
        AwsCredentials reader = sandbox.newUser("form-reader-" + bucket);
        assertError(post(signedFields(reader, Instant.now().plusSeconds(300), ""), "a.txt", "x"), 403, "AccessDenied",
                "is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::" + bucket + "/uploads/a.txt\"");
        Map<String, String> anonymous = new LinkedHashMap<>(Map.of("key", "uploads/anon.txt"));
        assertError(post(anonymous, "anon.txt", "x"), 403, "AccessDenied", "Access Denied");
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String message) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains("<Code>" + code + "</Code>"), response.body());
        String text = response.body().replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
        assertTrue(text.contains(message), response.body());
    }

    private URI bucketUrl() {
        return URI.create(sandbox.endpoint() + "/" + bucket);
    }

    private HttpResponse<String> post(Map<String, String> fields, String fileName, String content) throws Exception {
        String boundary = "----course" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(bucketUrl()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
