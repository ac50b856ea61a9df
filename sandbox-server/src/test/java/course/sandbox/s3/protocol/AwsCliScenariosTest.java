package course.sandbox.s3.protocol;

import course.sandbox.e2e.ExternalClient;
import course.sandbox.e2e.RunningSandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario suite through AWS CLI v2 (`aws s3` and `aws s3api`), as far as the CLI offers
 * each step. Calls /usr/bin/aws, not whatever `aws` is first on PATH; skipped when missing.
 */
class AwsCliScenariosTest {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningSandbox sandbox;
    private static Map<String, String> environment;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws IOException {
        ExternalClient.requireInstalled(AWS, "--version");
        sandbox = RunningSandbox.start();
        Path config = work.resolve("config");
        Files.writeString(config, "[default]\nregion = us-east-1\ns3 =\n    addressing_style = path\n"
                + "    multipart_threshold = 8MB\n    multipart_chunksize = 5MB\n");
        environment = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", RunningSandbox.ROOT.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", RunningSandbox.ROOT.secretAccessKey(), "AWS_DEFAULT_REGION", RunningSandbox.REGION,
                "AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE", work.resolve("none").toString(),
                "AWS_PAGER", ""));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static ExternalClient.Result aws(String... args) {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", sandbox.endpoint().toString(),
                "--output", "json", "--no-cli-pager"));
        command.addAll(List.of(args));
        return ExternalClient.run(command, environment);
    }

    private static JsonNode ok(String... args) throws IOException {
        ExternalClient.Result result = aws(args);
        assertEquals(0, result.exitCode(), result.toString());
        // `aws s3` commands print progress text, `aws s3api` commands print JSON.
        return result.stdout().trim().startsWith("{") ? JSON.readTree(result.stdout()) : JSON.createObjectNode();
    }

    private static String fails(String expectedCode, String... args) {
        ExternalClient.Result result = aws(args);
        assertTrue(result.exitCode() != 0 && result.stderr().contains(expectedCode), result.toString());
        return result.stderr();
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.path(field).asText()).toList();
    }

    @Test
    void bucketsObjectsAndHighLevelCopies() throws Exception {
        ok("s3", "mb", "s3://cli-objects");
        Path file = work.resolve("hello.txt");
        Files.writeString(file, "0123456789");
        ok("s3", "cp", file.toString(), "s3://cli-objects/dir/hello world.txt", "--metadata", "author=ada",
                "--content-type", "text/plain", "--only-show-errors");
        ExternalClient.Result listing = aws("s3", "ls", "s3://cli-objects/dir/");
        assertTrue(listing.stdout().contains("10 hello world.txt"), listing.toString());

        JsonNode head = ok("s3api", "head-object", "--bucket", "cli-objects", "--key", "dir/hello world.txt");
        assertEquals("ada", head.path("Metadata").path("author").asText());
        assertEquals("text/plain", head.path("ContentType").asText());
        JsonNode range = ok("s3api", "get-object", "--bucket", "cli-objects", "--key", "dir/hello world.txt",
                "--range", "bytes=2-4", work.resolve("range.out").toString());
        assertEquals("bytes 2-4/10", range.path("ContentRange").asText());
        assertEquals("234", Files.readString(work.resolve("range.out")));
        fails("(304)", "s3api", "get-object", "--bucket", "cli-objects", "--key", "dir/hello world.txt",
                "--if-none-match", head.path("ETag").asText(), work.resolve("nm.out").toString());
        fails("PreconditionFailed", "s3api", "get-object", "--bucket", "cli-objects", "--key", "dir/hello world.txt",
                "--if-match", "\"nope\"", work.resolve("m.out").toString());
        fails("NoSuchKey", "s3api", "get-object", "--bucket", "cli-objects", "--key", "missing", work.resolve("x").toString());

        ok("s3", "cp", "s3://cli-objects/dir/hello world.txt", "s3://cli-objects/copy.txt", "--only-show-errors");
        ok("s3", "cp", "s3://cli-objects/copy.txt", work.resolve("copy.out").toString(), "--only-show-errors");
        assertEquals("0123456789", Files.readString(work.resolve("copy.out")));
        fails("BucketNotEmpty", "s3", "rb", "s3://cli-objects");
        ok("s3", "rm", "s3://cli-objects", "--recursive", "--only-show-errors");
        ok("s3", "rb", "s3://cli-objects");
        fails("NoSuchBucket", "s3", "ls", "s3://cli-objects");
    }

    @Test
    void largeFilesTravelAsMultipartWithTheDashNEtag() throws Exception {
        ok("s3", "mb", "s3://cli-multipart");
        Path big = work.resolve("big.bin");
        Files.write(big, SdkScenarios.randomBytes(12 * SdkScenarios.MIB, 5));
        ok("s3", "cp", big.toString(), "s3://cli-multipart/big.bin", "--only-show-errors");
        JsonNode head = ok("s3api", "head-object", "--bucket", "cli-multipart", "--key", "big.bin");
        assertTrue(head.path("ETag").asText().endsWith("-3\""), head.toString());
        ok("s3", "cp", "s3://cli-multipart/big.bin", work.resolve("big.out").toString(), "--only-show-errors");
        assertEquals(-1L, Files.mismatch(big, work.resolve("big.out")));

        String uploadId = ok("s3api", "create-multipart-upload", "--bucket", "cli-multipart", "--key", "m").path("UploadId").asText();
        Path tiny = work.resolve("tiny");
        Files.writeString(tiny, "tiny");
        String etag1 = ok("s3api", "upload-part", "--bucket", "cli-multipart", "--key", "m", "--upload-id", uploadId,
                "--part-number", "1", "--body", tiny.toString()).path("ETag").asText();
        String etag2 = ok("s3api", "upload-part", "--bucket", "cli-multipart", "--key", "m", "--upload-id", uploadId,
                "--part-number", "2", "--body", tiny.toString()).path("ETag").asText();
        assertEquals(List.of(1, 2), StreamSupport.stream(ok("s3api", "list-parts", "--bucket", "cli-multipart", "--key", "m",
                "--upload-id", uploadId).path("Parts").spliterator(), false).map(p -> p.path("PartNumber").asInt()).toList());
        String parts = "{\"Parts\":[{\"PartNumber\":1,\"ETag\":%s},{\"PartNumber\":2,\"ETag\":%s}]}";
        fails("EntityTooSmall", "s3api", "complete-multipart-upload", "--bucket", "cli-multipart", "--key", "m",
                "--upload-id", uploadId, "--multipart-upload", parts.formatted(JSON.writeValueAsString(etag1), JSON.writeValueAsString(etag2)));
        fails("InvalidPartOrder", "s3api", "complete-multipart-upload", "--bucket", "cli-multipart", "--key", "m",
                "--upload-id", uploadId, "--multipart-upload",
                "{\"Parts\":[{\"PartNumber\":2,\"ETag\":%s},{\"PartNumber\":1,\"ETag\":%s}]}".formatted(
                        JSON.writeValueAsString(etag2), JSON.writeValueAsString(etag1)));
        fails("InvalidPart", "s3api", "complete-multipart-upload", "--bucket", "cli-multipart", "--key", "m",
                "--upload-id", uploadId, "--multipart-upload", "{\"Parts\":[{\"PartNumber\":1,\"ETag\":\"\\\"00000000000000000000000000000000\\\"\"}]}");
        ok("s3api", "abort-multipart-upload", "--bucket", "cli-multipart", "--key", "m", "--upload-id", uploadId);
        fails("NoSuchUpload", "s3api", "list-parts", "--bucket", "cli-multipart", "--key", "m", "--upload-id", uploadId);
    }

    @Test
    void listingPaginatesAndVersioningKeepsDeleteMarkers() throws Exception {
        ok("s3", "mb", "s3://cli-listing");
        List<String> keys = List.of("a/1", "a/2", "b/1", "c", "d", "e");
        Path body = work.resolve("body");
        Files.writeString(body, "x");
        for (String key : keys) {
            ok("s3api", "put-object", "--bucket", "cli-listing", "--key", key, "--body", body.toString());
        }
        assertEquals(keys, texts(ok("s3api", "list-objects-v2", "--bucket", "cli-listing", "--page-size", "2").path("Contents"), "Key"));
        assertEquals(keys, texts(ok("s3api", "list-objects", "--bucket", "cli-listing", "--page-size", "4").path("Contents"), "Key"));
        JsonNode top = ok("s3api", "list-objects-v2", "--bucket", "cli-listing", "--delimiter", "/");
        assertEquals(List.of("a/", "b/"), texts(top.path("CommonPrefixes"), "Prefix"));

        ok("s3api", "put-bucket-versioning", "--bucket", "cli-listing", "--versioning-configuration", "Status=Enabled");
        assertEquals("Enabled", ok("s3api", "get-bucket-versioning", "--bucket", "cli-listing").path("Status").asText());
        String v1 = ok("s3api", "put-object", "--bucket", "cli-listing", "--key", "doc", "--body", body.toString()).path("VersionId").asText();
        String v2 = ok("s3api", "put-object", "--bucket", "cli-listing", "--key", "doc", "--body", body.toString()).path("VersionId").asText();
        JsonNode marker = ok("s3api", "delete-object", "--bucket", "cli-listing", "--key", "doc");
        assertTrue(marker.path("DeleteMarker").asBoolean());
        fails("NoSuchKey", "s3api", "get-object", "--bucket", "cli-listing", "--key", "doc", work.resolve("d").toString());
        JsonNode versions = ok("s3api", "list-object-versions", "--bucket", "cli-listing", "--prefix", "doc");
        assertEquals(List.of(v2, v1), texts(versions.path("Versions"), "VersionId"));
        assertEquals(List.of(marker.path("VersionId").asText()), texts(versions.path("DeleteMarkers"), "VersionId"));
        ok("s3api", "delete-object", "--bucket", "cli-listing", "--key", "doc", "--version-id", marker.path("VersionId").asText());
        ok("s3api", "head-object", "--bucket", "cli-listing", "--key", "doc");
    }

    @Test
    void taggingPoliciesPresignedUrlsAndWhatIsNotServed() throws Exception {
        ok("s3", "mb", "s3://cli-policy");
        Path body = work.resolve("public");
        Files.writeString(body, "for everyone");
        ok("s3api", "put-object", "--bucket", "cli-policy", "--key", "public.txt", "--body", body.toString(), "--tagging", "team=blue");
        assertEquals(List.of("team"), texts(ok("s3api", "get-object-tagging", "--bucket", "cli-policy", "--key", "public.txt")
                .path("TagSet"), "Key"));
        ok("s3api", "put-bucket-tagging", "--bucket", "cli-policy", "--tagging", "TagSet=[{Key=cost,Value=course}]");
        assertEquals(List.of("course"), texts(ok("s3api", "get-bucket-tagging", "--bucket", "cli-policy").path("TagSet"), "Value"));

        URI url = URI.create(sandbox.endpoint().toString() + "/cli-policy/public.txt");
        assertEquals(403, get(url).statusCode());
        // New buckets block public policies (AWS's default since April 2023).
        fails("AccessDenied", "s3api", "put-bucket-policy", "--bucket", "cli-policy", "--policy",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::cli-policy/*\"}]}");
        ok("s3api", "delete-public-access-block", "--bucket", "cli-policy");
        ok("s3api", "put-bucket-policy", "--bucket", "cli-policy", "--policy",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::cli-policy/*\"}]}");
        assertTrue(ok("s3api", "get-bucket-policy-status", "--bucket", "cli-policy").path("PolicyStatus").path("IsPublic").asBoolean());
        assertEquals("for everyone", get(url).body());
        fails("MalformedPolicy", "s3api", "put-bucket-policy", "--bucket", "cli-policy", "--policy", "{not json");
        ok("s3api", "delete-bucket-policy", "--bucket", "cli-policy");
        assertEquals(403, get(url).statusCode());

        String presigned = aws("s3", "presign", "s3://cli-policy/public.txt", "--expires-in", "300").stdout().trim();
        HttpResponse<String> viaUrl = get(URI.create(presigned));
        assertEquals(200, viaUrl.statusCode(), viaUrl.body());
        assertEquals("for everyone", viaUrl.body());
        HttpResponse<String> tampered = get(URI.create(presigned.replace("public.txt", "other.txt")));
        assertTrue(tampered.statusCode() == 403 && tampered.body().contains("SignatureDoesNotMatch"), tampered.body());

        fails("AccessControlListNotSupported", "s3api", "put-object-acl", "--bucket", "cli-policy", "--key", "public.txt",
                "--acl", "public-read");
        fails("NotImplemented", "s3api", "get-bucket-replication", "--bucket", "cli-policy");
    }

    private static HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
