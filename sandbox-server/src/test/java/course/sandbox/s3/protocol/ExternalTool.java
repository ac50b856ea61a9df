package course.sandbox.s3.protocol;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command-line S3 client (installed by .ci/install-clients.sh) and captures what it printed. */
final class ExternalTool {
    record Result(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private ExternalTool() {
    }

    /** Skips the calling test when the tool is not installed. */
    static void assumeInstalled(Path executable, String... probe) {
        assumeTrue(Files.isExecutable(executable), executable + " is not installed (see .ci/install-clients.sh)");
        if (probe.length > 0) {
            List<String> command = new ArrayList<>(List.of(executable.toString()));
            command.addAll(List.of(probe));
            assumeTrue(run(command, Map.of()).exitCode() == 0, executable + " cannot run " + String.join(" ", probe));
        }
    }

    static Result run(List<String> command, Map<String, String> environment) {
        try {
            Path out = Files.createTempFile("s3-client", ".out");
            Path err = Files.createTempFile("s3-client", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("timed out: " + command);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}
