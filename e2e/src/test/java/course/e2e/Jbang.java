package course.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's real ./jbang launcher as a subprocess, the way a user would, with an
 * environment the test chooses: a fresh HOME (no ~/.aws, no ~/.course), no AWS_* variables
 * unless set, and the shared JBang and Maven caches so runs stay fast.
 */
public final class Jbang {
    public static final Path PROJECT = findProjectRoot();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final Path workingDirectory;
    private final Path launcher;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;
    private String stdin = "";

    private Jbang(Path workingDirectory, Path launcher, Path home) {
        this.workingDirectory = workingDirectory;
        this.launcher = launcher;
        String realHome = System.getProperty("user.home");
        environment.put("PATH", System.getenv("PATH"));
        environment.put("HOME", home.toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        // JBang's caches stay shared: a fresh HOME must not mean downloading the SDK again.
        environment.put("JBANG_DIR", environmentOr("JBANG_DIR", Path.of(realHome, ".jbang").toString()));
        environment.put("JBANG_REPO", environmentOr("JBANG_REPO", Path.of(realHome, ".m2", "repository").toString()));
        environment.put("COURSE_SANDBOX_HOME", home.resolve(".course/sandbox").toString());
        environment.put("NO_COLOR", "1");
    }

    /** The launcher of this clone, run from its root, with a new empty HOME. */
    public static Jbang inProject() {
        return new Jbang(PROJECT, PROJECT.resolve("jbang"), newHome());
    }

    /** The launcher of this clone, run from another folder (as `jbang x@course` users do). */
    public static Jbang from(Path workingDirectory) {
        return new Jbang(workingDirectory, PROJECT.resolve("jbang"), newHome());
    }

    /** A different launcher file (e.g. a copy of ./jbang in a scratch folder). */
    public static Jbang launcher(Path launcher) {
        return new Jbang(launcher.getParent(), launcher, newHome());
    }

    public Jbang env(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    public Jbang sandboxPort(int port) {
        return env("COURSE_SANDBOX_PORT", String.valueOf(port));
    }

    public Jbang timeout(Duration value) {
        timeout = value;
        return this;
    }

    public Jbang stdin(String text) {
        stdin = text;
        return this;
    }

    public String home() {
        return environment.get("HOME");
    }

    public Run run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Path out = Files.createTempFile("jbang-out", ".txt");
            Path err = Files.createTempFile("jbang-err", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("Timed out after " + timeout + ": " + String.join(" ", command)
                        + "\nstdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
            }
            Run run = new Run(String.join(" ", arguments), process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** Starts a long-running command (a server in the foreground); its stdout and stderr go to {@code output}. */
    public Process start(Path output, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path newHome() {
        try {
            return Files.createTempDirectory("course-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String environmentOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Path findProjectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("jbang-catalog.json")) && Files.isRegularFile(dir.resolve("jbang"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No jbang-catalog.json above " + Path.of("").toAbsolutePath());
    }
}
