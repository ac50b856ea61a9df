package course.sandbox.s3.protocol;

import course.sandbox.e2e.ExternalClient;
import course.sandbox.e2e.RunningSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 14's bucket configuration rules through boto3 (the system Python's python3-boto3), skipped when it is missing. */
class Boto3BucketConfigurationTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void boto3SeesTheBucketConfigurationAwsHas(@TempDir Path directory) throws IOException {
        ExternalClient.requireInstalled(PYTHON, "-c", "import boto3");
        Path script = directory.resolve("boto3_bucket_configuration.py");
        try (InputStream in = getClass().getResourceAsStream("boto3_bucket_configuration.py")) {
            Files.copy(in, script);
        }
        try (RunningSandbox sandbox = RunningSandbox.start()) {
            ExternalClient.Result result = ExternalClient.run(List.of(PYTHON.toString(), script.toString(),
                    sandbox.endpoint().toString(), RunningSandbox.ROOT.accessKeyId(), RunningSandbox.ROOT.secretAccessKey()), Map.of());
            assertEquals(0, result.exitCode(), result.toString());
            assertEquals(List.of("ok create_bucket_location", "ok defaults_and_encryption", "ok block_public_access", "ok cors",
                    "ok website_and_lifecycle", "ok tags_and_attributes", "ok presigned_post"), result.stdout().lines().toList(),
                    result.toString());
        }
    }
}
