package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3 Control and access points from boto3 (its S3 Control endpoint rules prefix the account to the host
 * even with inject_host_prefix=False, so the script takes that label off in a before-sign hook) and
 * AWS CLI v2. The CLI always puts the account in front of S3 Control's host, so it cannot reach S3
 * Control on 127.0.0.1; it reaches data through an access point by its alias, wherever a bucket
 * name goes.
 */
class S3ControlAwsCliAndBoto3Test {
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void boto3ManagesAccessPointsUsesAnAliasAndRunsABatchJob(@TempDir Path directory) throws IOException {
        ExternalClient.requireBoto3();
        Path script = directory.resolve("boto3_s3control.py");
        try (InputStream in = getClass().getResourceAsStream("boto3_s3control.py")) {
            Files.copy(in, script);
        }
        ExternalClient.Result result = ExternalClient.run(List.of(ExternalClient.PYTHON.toString(), script.toString(),
                sandbox.endpoint().toString(), RunningSandbox.ROOT.accessKeyId(), RunningSandbox.ROOT.secretAccessKey()), Map.of());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("ok access_points", "ok policy", "ok data_by_alias", "ok public_access_block", "ok batch_job"),
                result.stdout().lines().toList(), result.toString());
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-naming.html#access-points-alias */
    @Test
    void awsCliReachesDataThroughAnAccessPointAlias(@TempDir Path directory) throws IOException {
        ExternalClient.requireAwsCliV2();
        String alias;
        try (S3Client s3 = HostAddressedClients.s3(sandbox, RunningSandbox.ROOT);
             S3ControlClient control = HostAddressedClients.s3Control(sandbox, RunningSandbox.ROOT)) {
            s3.createBucket(r -> r.bucket("cli-data"));
            s3.putObject(r -> r.bucket("cli-data").key("reports/q1.csv"), RequestBody.fromString("q1"));
            alias = control.createAccessPoint(r -> r.accountId(RunningSandbox.ACCOUNT).name("cli-ap").bucket("cli-data")).alias();
        }
        ExternalClient.Result listed = aws("s3", "ls", "s3://" + alias + "/reports/");
        assertEquals(0, listed.exitCode(), listed.toString());
        assertTrue(listed.stdout().contains("q1.csv"), listed.toString());

        Path upload = Files.writeString(directory.resolve("q2.csv"), "q2");
        ExternalClient.Result copied = aws("s3", "cp", upload.toString(), "s3://" + alias + "/reports/q2.csv");
        assertEquals(0, copied.exitCode(), copied.toString());
        ExternalClient.Result body = aws("s3", "cp", "s3://" + alias + "/reports/q2.csv", "-");
        assertEquals("q2", body.stdout(), body.toString());
        ExternalClient.Result head = aws("s3api", "head-object", "--bucket", alias, "--key", "reports/q1.csv",
                "--query", "ContentLength");
        assertEquals("2", head.stdout().strip(), head.toString());

        // Bucket administration is not what access points are for.
        ExternalClient.Result versioning = aws("s3api", "put-bucket-versioning", "--bucket", alias,
                "--versioning-configuration", "Status=Enabled");
        assertNotEquals(0, versioning.exitCode());
        assertTrue(versioning.stderr().contains("(InvalidRequest)")
                && versioning.stderr().contains("PutBucketVersioning is not supported through an access point"), versioning.toString());
    }

    private static ExternalClient.Result aws(String... arguments) {
        List<String> command = new ArrayList<>(List.of(ExternalClient.AWS_CLI.toString(),
                "--endpoint-url", sandbox.endpoint().toString(), "--output", "text"));
        command.addAll(List.of(arguments));
        return ExternalClient.run(command, Map.of("AWS_ACCESS_KEY_ID", RunningSandbox.ROOT.accessKeyId(), "AWS_SECRET_ACCESS_KEY",
                RunningSandbox.ROOT.secretAccessKey(), "AWS_DEFAULT_REGION", "us-east-1", "AWS_MAX_ATTEMPTS", "1"));
    }
}
