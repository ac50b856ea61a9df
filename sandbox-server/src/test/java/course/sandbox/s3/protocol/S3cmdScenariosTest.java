package course.sandbox.s3.protocol;

import course.sandbox.e2e.ExternalClient;
import course.sandbox.e2e.RunningSandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import org.junit.jupiter.api.io.TempDir;

/** The scenario suite through s3cmd, as far as s3cmd offers each step; skipped when it is missing. */
class S3cmdScenariosTest {
    private static final Path S3CMD = Path.of("/usr/bin/s3cmd");

    @TempDir
    Path work;

    private RunningSandbox sandbox;
    private Path config;

    private ExternalClient.Result s3cmd(String... args) {
        List<String> command = new ArrayList<>(List.of(S3CMD.toString(), "-c", config.toString()));
        command.addAll(List.of(args));
        return ExternalClient.run(command, Map.of());
    }

    private String ok(String... args) {
        ExternalClient.Result result = s3cmd(args);
        assertEquals(0, result.exitCode(), result.toString());
        return result.stdout();
    }

    private void fails(String expected, String... args) {
        ExternalClient.Result result = s3cmd(args);
        assertTrue(result.exitCode() != 0 && (result.stderr() + result.stdout()).contains(expected), result.toString());
    }

    @Test
    void s3cmdPassesTheScenarioSuite() throws Exception {
        ExternalClient.requireInstalled(S3CMD, "--version");
        try (RunningSandbox running = RunningSandbox.start()) {
            sandbox = running;
            config = work.resolve("s3cfg");
            String host = "127.0.0.1:" + sandbox.port();
            Files.writeString(config, String.join("\n", "[default]", "access_key = " + RunningSandbox.ROOT.accessKeyId(),
                    "secret_key = " + RunningSandbox.ROOT.secretAccessKey(), "host_base = " + host, "host_bucket = " + host,
                    "use_https = False", "signature_v2 = False", "bucket_location = us-east-1", ""));

            ok("mb", "s3://s3cmd-suite");
            Path small = work.resolve("hello.txt");
            Files.writeString(small, "0123456789");
            ok("put", "--add-header=x-amz-meta-author:ada", small.toString(), "s3://s3cmd-suite/dir/hello.txt");
            assertTrue(ok("ls", "s3://s3cmd-suite/dir/").contains("s3://s3cmd-suite/dir/hello.txt"));
            ok("get", "--force", "s3://s3cmd-suite/dir/hello.txt", work.resolve("hello.out").toString());
            assertEquals("0123456789", Files.readString(work.resolve("hello.out")));

            Path big = work.resolve("big.bin");
            Files.write(big, SdkScenarios.randomBytes(11 * SdkScenarios.MIB, 7));
            ok("put", "--multipart-chunk-size-mb=5", big.toString(), "s3://s3cmd-suite/big.bin");
            ok("get", "--force", "s3://s3cmd-suite/big.bin", work.resolve("big.out").toString());
            assertEquals(-1L, Files.mismatch(big, work.resolve("big.out")));
            assertTrue(ok("info", "s3://s3cmd-suite/big.bin").contains("File size: " + 11 * SdkScenarios.MIB));

            ok("cp", "s3://s3cmd-suite/dir/hello.txt", "s3://s3cmd-suite/copy.txt");
            List<String> listed = ok("ls", "--recursive", "s3://s3cmd-suite").lines()
                    .map(line -> line.substring(line.indexOf("s3://"))).toList();
            assertEquals(List.of("s3://s3cmd-suite/big.bin", "s3://s3cmd-suite/copy.txt", "s3://s3cmd-suite/dir/hello.txt"), listed);

            URI url = URI.create(sandbox.endpoint().toString() + "/s3cmd-suite/copy.txt");
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(403, get(http, url).statusCode());
            Path policy = work.resolve("policy.json");
            Files.writeString(policy, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::s3cmd-suite/*\"}]}");
            // New buckets block public policies; s3cmd cannot turn that off, the AWS CLI can.
            fails("AccessDenied", "setpolicy", policy.toString(), "s3://s3cmd-suite");
            try (S3Client admin = S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(RunningSandbox.rootCredentials()).forcePathStyle(true).build()) {
                admin.deletePublicAccessBlock(b -> b.bucket("s3cmd-suite"));
            }
            ok("setpolicy", policy.toString(), "s3://s3cmd-suite");
            assertEquals("0123456789", get(http, url).body());
            ok("delpolicy", "s3://s3cmd-suite");
            assertEquals(403, get(http, url).statusCode());

            String signed = ok("signurl", "s3://s3cmd-suite/copy.txt", "+300").trim();
            // s3cmd signs URLs with SigV2, which the sandbox does not accept (S3 refuses it for new buckets too).
            assertEquals(403, get(http, URI.create(signed)).statusCode());

            fails("AccessControlListNotSupported", "setacl", "--acl-public", "s3://s3cmd-suite/copy.txt");
            fails("BucketNotEmpty", "rb", "s3://s3cmd-suite");
            ok("del", "--recursive", "--force", "s3://s3cmd-suite");
            ok("rb", "s3://s3cmd-suite");
            fails("NoSuchBucket", "ls", "s3://s3cmd-suite");
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
