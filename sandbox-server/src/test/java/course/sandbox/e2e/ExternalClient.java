package course.sandbox.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs a real AWS client program (AWS CLI v2, a boto3 script) against the sandbox in a clean
 * environment: no ~/.aws, no instance metadata, only the credentials the test passes.
 */
public final class ExternalClient {
    public static final Path AWS_CLI = Path.of("/usr/bin/aws");
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private ExternalClient() {
    }

    /**
     * Skips the calling test when the program is missing or cannot run the probe arguments, or
     * fails it under {@code CI=true}: there every real client must be installed, so a missing
     * install step cannot turn its tests into silent skips.
     */
    public static void requireInstalled(Path executable, String... probe) {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(probe));
        require(Files.isExecutable(executable) && (probe.length == 0 || run(command, Map.of()).exitCode() == 0),
                executable + " is not installed or cannot run " + String.join(" ", probe), System.getenv("CI"));
    }

    public static void requireAwsCliV2() {
        require(awsCliV2Installed(), "AWS CLI v2 is not installed at " + AWS_CLI, System.getenv("CI"));
    }

    public static void requireBoto3() {
        require(boto3Installed(), "boto3 is not installed for " + PYTHON, System.getenv("CI"));
    }

    /** Fails when {@code ci} is "true" (as CI services and .ci/run set it), else skips, unless the client is present. */
    static void require(boolean present, String missing, String ci) {
        if (!present && "true".equalsIgnoreCase(ci)) {
            fail(missing + " (CI=true: every real client must run; .ci/install-clients.sh installs them)");
        }
        assumeTrue(present, missing + " (see .ci/install-clients.sh)");
    }

    private static boolean awsCliV2Installed() {
        return Files.isExecutable(AWS_CLI) && run(List.of(AWS_CLI.toString(), "--version"), Map.of()).stdout().startsWith("aws-cli/2.");
    }

    private static boolean boto3Installed() {
        return Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import boto3"), Map.of()).exitCode() == 0;
    }

    /** Runs a command with a fresh HOME and only the given environment variables besides PATH. */
    public static Result run(List<String> command, Map<String, String> environment) {
        try {
            Path home = Files.createTempDirectory("aws-client-home");
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/bin:/bin");
            builder.environment().put("HOME", home.toString());
            builder.environment().put("AWS_CONFIG_FILE", home.resolve("config").toString());
            builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
            builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            builder.environment().put("AWS_PAGER", "");
            builder.environment().putAll(environment);
            Path out = Files.createTempFile("client-out", ".txt");
            Path err = Files.createTempFile("client-err", ".txt");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
