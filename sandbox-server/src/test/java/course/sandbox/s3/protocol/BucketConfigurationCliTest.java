package course.sandbox.s3.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.e2e.ExternalClient;
import course.sandbox.e2e.RunningSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bucket configuration rules of issue 14 through AWS CLI v2 (/usr/bin/aws), as a student
 * types them: the classic CreateBucket mistakes, a new bucket's defaults, each configuration put
 * and read back, Block Public Access refusing a public policy, ACLs refused, the 10-tag limit.
 */
class BucketConfigurationCliTest {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningSandbox sandbox;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        ExternalClient.requireInstalled(AWS, "--version");
        sandbox = RunningSandbox.start();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static ExternalClient.Result aws(String region, String... args) {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", sandbox.endpoint().toString(),
                "--output", "json", "--region", region));
        command.addAll(List.of(args));
        return ExternalClient.run(command, Map.of("AWS_ACCESS_KEY_ID", RunningSandbox.ROOT.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", RunningSandbox.ROOT.secretAccessKey()));
    }

    private static JsonNode ok(String... args) throws IOException {
        ExternalClient.Result result = aws("us-east-1", args);
        assertEquals(0, result.exitCode(), result.toString());
        return result.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.stdout());
    }

    private static String fails(String expected, String... args) {
        ExternalClient.Result result = aws("us-east-1", args);
        assertTrue(result.exitCode() != 0 && result.stderr().contains(expected), result.toString());
        return result.stderr();
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
    @Test
    void createBucketMistakesGetAwsAnswers() {
        ExternalClient.Result unspecified = aws("eu-west-1", "s3api", "create-bucket", "--bucket", "cli-ireland");
        assertTrue(unspecified.stderr().contains("(IllegalLocationConstraintException) when calling the CreateBucket operation:"
                + " The unspecified location constraint is incompatible for the region specific endpoint this request was sent to."),
                unspecified.toString());
        fails("(InvalidLocationConstraint) when calling the CreateBucket operation: The specified location-constraint is not valid",
                "s3api", "create-bucket", "--bucket", "cli-ireland", "--create-bucket-configuration", "LocationConstraint=us-east-1");
        ExternalClient.Result right = aws("eu-west-1", "s3api", "create-bucket", "--bucket", "cli-ireland",
                "--create-bucket-configuration", "LocationConstraint=eu-west-1");
        assertEquals(0, right.exitCode(), right.toString());
    }

    @Test
    void aNewBucketsDefaultsAndEachConfiguration() throws IOException {
        ok("s3api", "create-bucket", "--bucket", "cli-config");
        JsonNode block = ok("s3api", "get-public-access-block", "--bucket", "cli-config").path("PublicAccessBlockConfiguration");
        assertTrue(block.path("BlockPublicPolicy").asBoolean() && block.path("RestrictPublicBuckets").asBoolean());
        assertEquals("BucketOwnerEnforced", ok("s3api", "get-bucket-ownership-controls", "--bucket", "cli-config")
                .at("/OwnershipControls/Rules/0/ObjectOwnership").asText());
        assertEquals("AES256", ok("s3api", "get-bucket-encryption", "--bucket", "cli-config")
                .at("/ServerSideEncryptionConfiguration/Rules/0/ApplyServerSideEncryptionByDefault/SSEAlgorithm").asText());
        Path body = Files.writeString(work.resolve("index.html"), "<h1>hi</h1>");
        assertEquals("AES256", ok("s3api", "put-object", "--bucket", "cli-config", "--key", "index.html", "--body", body.toString())
                .path("ServerSideEncryption").asText());

        ok("s3api", "put-bucket-cors", "--bucket", "cli-config", "--cors-configuration",
                "{\"CORSRules\":[{\"AllowedOrigins\":[\"http://localhost:8000\"],\"AllowedMethods\":[\"GET\"]}]}");
        assertEquals("http://localhost:8000", ok("s3api", "get-bucket-cors", "--bucket", "cli-config")
                .at("/CORSRules/0/AllowedOrigins/0").asText());
        fails("(InvalidRequest) when calling the PutBucketCors operation: Found unsupported HTTP method in CORS config."
                        + " Unsupported method is PATCH", "s3api", "put-bucket-cors", "--bucket", "cli-config", "--cors-configuration",
                "{\"CORSRules\":[{\"AllowedOrigins\":[\"*\"],\"AllowedMethods\":[\"PATCH\"]}]}");

        ok("s3", "website", "s3://cli-config", "--index-document", "index.html", "--error-document", "404.html");
        assertEquals("404.html", ok("s3api", "get-bucket-website", "--bucket", "cli-config").at("/ErrorDocument/Key").asText());

        ok("s3api", "put-bucket-lifecycle-configuration", "--bucket", "cli-config", "--lifecycle-configuration",
                "{\"Rules\":[{\"ID\":\"tmp\",\"Status\":\"Enabled\",\"Filter\":{\"Prefix\":\"tmp/\"},\"Expiration\":{\"Days\":1}}]}");
        assertEquals(1, ok("s3api", "get-bucket-lifecycle-configuration", "--bucket", "cli-config").at("/Rules/0/Expiration/Days").asInt());
        fails("(InvalidArgument) when calling the PutBucketLifecycleConfiguration operation: 'Days' for Expiration action must"
                        + " be a positive integer", "s3api", "put-bucket-lifecycle-configuration", "--bucket", "cli-config",
                "--lifecycle-configuration",
                "{\"Rules\":[{\"ID\":\"tmp\",\"Status\":\"Enabled\",\"Filter\":{\"Prefix\":\"\"},\"Expiration\":{\"Days\":0}}]}");

        JsonNode acl = ok("s3api", "get-bucket-acl", "--bucket", "cli-config");
        assertEquals("FULL_CONTROL", acl.at("/Grants/0/Permission").asText());
        String etag = ok("s3api", "head-object", "--bucket", "cli-config", "--key", "index.html").path("ETag").asText();
        assertEquals(etag.replace("\"", ""), ok("s3api", "get-object-attributes", "--bucket", "cli-config", "--key", "index.html",
                "--object-attributes", "ETag", "ObjectSize").path("ETag").asText());
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
    @Test
    void publicPoliciesAclsAndTagsAreRefusedAsOnAws() throws IOException {
        ok("s3api", "create-bucket", "--bucket", "cli-public");
        String publicRead = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::cli-public/*\"}]}";
        fails("(AccessDenied) when calling the PutBucketPolicy operation: User: arn:aws:iam::000000000000:root is not authorized"
                        + " to perform: s3:PutBucketPolicy on resource: \"arn:aws:s3:::cli-public\" because public policies are"
                        + " blocked by the BlockPublicPolicy block public access setting.",
                "s3api", "put-bucket-policy", "--bucket", "cli-public", "--policy", publicRead);
        fails("(MalformedPolicy) when calling the PutBucketPolicy operation: Policy has invalid action",
                "s3api", "put-bucket-policy", "--bucket", "cli-public", "--policy", publicRead.replace("s3:GetObject", "s3:FlyToTheMoon"));
        ok("s3api", "put-public-access-block", "--bucket", "cli-public", "--public-access-block-configuration",
                "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=false,RestrictPublicBuckets=false");
        ok("s3api", "put-bucket-policy", "--bucket", "cli-public", "--policy", publicRead);
        assertTrue(ok("s3api", "get-bucket-policy-status", "--bucket", "cli-public").at("/PolicyStatus/IsPublic").asBoolean());

        Path body = Files.writeString(work.resolve("o.txt"), "o");
        fails("(AccessControlListNotSupported) when calling the PutObject operation: The bucket does not allow ACLs",
                "s3api", "put-object", "--bucket", "cli-public", "--key", "o.txt", "--body", body.toString(), "--acl", "public-read");
        ok("s3api", "put-object", "--bucket", "cli-public", "--key", "o.txt", "--body", body.toString());
        StringBuilder tags = new StringBuilder("TagSet=[");
        for (int i = 0; i < 11; i++) {
            tags.append(i == 0 ? "" : ",").append("{Key=k").append(i).append(",Value=v}");
        }
        fails("(BadRequest) when calling the PutObjectTagging operation: Object tags cannot be greater than 10",
                "s3api", "put-object-tagging", "--bucket", "cli-public", "--key", "o.txt", "--tagging", tags + "]");
    }
}
