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

    /** Skips the calling test when the program is missing or cannot run the probe arguments. */
    public static void assumeInstalled(Path executable, String... probe) {
        assumeTrue(Files.isExecutable(executable), executable + " is not installed (see .ci/install-clients.sh)");
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(probe));
        assumeTrue(probe.length == 0 || run(command, Map.of()).exitCode() == 0, executable + " cannot run " + String.join(" ", probe));
    }

    public static boolean awsCliV2Installed() {
        return Files.isExecutable(AWS_CLI) && run(List.of(AWS_CLI.toString(), "--version"), Map.of()).stdout().startsWith("aws-cli/2.");
    }

    public static boolean boto3Installed() {
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
