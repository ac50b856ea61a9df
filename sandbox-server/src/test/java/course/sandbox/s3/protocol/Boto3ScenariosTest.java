package course.sandbox.s3.protocol;

import course.sandbox.e2e.ExternalClient;
import course.sandbox.e2e.RunningSandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario suite through boto3 (the system Python's python3-boto3), skipped when it is missing. */
class Boto3ScenariosTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void boto3PassesTheScenarioSuite(@TempDir Path directory) throws IOException {
        ExternalClient.requireInstalled(PYTHON, "-c", "import boto3");
        Path script = directory.resolve("boto3_scenarios.py");
        try (InputStream in = getClass().getResourceAsStream("boto3_scenarios.py")) {
            Files.copy(in, script);
        }
        try (RunningSandbox sandbox = RunningSandbox.start()) {
            ExternalClient.Result result = ExternalClient.run(List.of(PYTHON.toString(), script.toString(), sandbox.endpoint().toString(),
                    RunningSandbox.ROOT.accessKeyId(), RunningSandbox.ROOT.secretAccessKey()), Map.of());
            assertEquals(0, result.exitCode(), result.toString());
            assertEquals(List.of("ok buckets", "ok objects_metadata_ranges_conditionals", "ok checksums", "ok copy",
                    "ok listing", "ok versioning", "ok multipart", "ok tagging", "ok bucket_policy", "ok presigned_urls",
                    "ok not_implemented"), result.stdout().lines().toList(), result.toString());
        }
    }
}
