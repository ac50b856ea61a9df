package course.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `./jbang sandbox` and its subcommands, each on a port of its own. */
@Covers("sandbox")
class SandboxLifecycleTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void startStatusResetStopLeavesNoProcess() throws Exception {
        int port = SharedSandbox.freePort();
        Jbang jbang = Jbang.inProject();
        String p = String.valueOf(port);
        Path state = Path.of(jbang.home(), ".course/sandbox");

        Run started = jbang.run("sandbox", "start", "--port", p).succeeds()
                .printsLine("Sandbox started at http://127\\.0\\.0\\.1:" + port + " \\(PID \\d+\\) · account 000000000000 · us-east-1");
        long pid = Long.parseLong(started.lines().get(0).replaceAll(".*\\(PID (\\d+)\\).*", "$1"));

        JsonNode health = health(port);
        assertEquals("course-sandbox", health.path("service").asText());
        assertEquals(pid, health.path("pid").asLong());
        assertEquals("http://127.0.0.1:" + port, health.path("endpoint").asText());
        assertEquals(pid + "", Files.readString(state.resolve(port + ".pid")).strip());
        assertTrue(Files.exists(state.resolve(port + ".log")));

        jbang.run("sandbox", "start", "--port", p).succeeds()
                .printsLine("Sandbox already running at http://127\\.0\\.0\\.1:" + port + " \\(PID " + pid + "\\)\\.");
        jbang.run("sandbox", "status", "--port", p).succeeds()
                .printsLine("Sandbox running at http://127\\.0\\.0\\.1:" + port + " \\(PID " + pid + "\\) · .*");
        jbang.run("sandbox", "reset", "--port", p).succeeds().printsLine("Sandbox on 127\\.0\\.0\\.1:" + port + " reset: .*");
        jbang.run("sandbox", "--port", p).failsWithOneLine(
                "A sandbox is already running at http://127\\.0\\.0\\.1:" + port + " \\(PID " + pid + "\\); stop it with .*");

        jbang.run("sandbox", "stop", "--port", p).succeeds()
                .printsLine("Sandbox on 127\\.0\\.0\\.1:" + port + " \\(PID " + pid + "\\) stopped\\.");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "PID " + pid + " still runs");
        assertFalse(Files.exists(state.resolve(port + ".pid")), "the PID file is removed on exit");
        assertTrue(Files.readString(state.resolve(port + ".log")).contains("Sandbox stopped."));
        jbang.run("sandbox", "status", "--port", p).exits(3).printsLine("No sandbox is running on 127\\.0\\.0\\.1:" + port + "\\.");
        jbang.run("sandbox", "stop", "--port", p).succeeds().printsLine(".*nothing to stop\\.");
        jbang.run("sandbox", "reset", "--port", p).failsWithOneLine("No sandbox is running on 127\\.0\\.0\\.1:" + port + "; start one with .*");
    }

    /** The demos look for the sandbox on $COURSE_SANDBOX_PORT; start, status and stop without --port use it too. */
    @Test
    void subcommandsWithoutPortUseCourseSandboxPort() throws Exception {
        int port = SharedSandbox.freePort();
        Jbang jbang = Jbang.inProject().sandboxPort(port);
        Run started = jbang.run("sandbox", "start").succeeds()
                .printsLine("Sandbox started at http://127\\.0\\.0\\.1:" + port + " \\(PID \\d+\\) · .*");
        long pid = Long.parseLong(started.lines().get(0).replaceAll(".*\\(PID (\\d+)\\).*", "$1"));
        assertEquals(pid, health(port).path("pid").asLong());
        jbang.run("sandbox", "status").succeeds()
                .printsLine("Sandbox running at http://127\\.0\\.0\\.1:" + port + " \\(PID " + pid + "\\) · .*");
        jbang.run("sandbox", "stop").succeeds()
                .printsLine("Sandbox on 127\\.0\\.0\\.1:" + port + " \\(PID " + pid + "\\) stopped\\.");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "PID " + pid + " still runs");
        jbang.env("COURSE_SANDBOX_PORT", "4566x").run("sandbox", "status").failsWithOneLine(".*4566x.*");
    }

    @Test
    void optionsReachTheBackgroundSandbox() throws Exception {
        int port = SharedSandbox.freePort();
        Jbang jbang = Jbang.inProject();
        jbang.run("sandbox", "start", "--port", String.valueOf(port), "--account", "123456789012",
                "--clock", "2025-01-01T12:00:00Z", "--region", "eu-west-1", "--access-key", "AKIAOTHERROOTKEY0000").succeeds();
        try {
            JsonNode health = health(port);
            assertEquals("123456789012", health.path("account").asText());
            assertEquals("2025-01-01T12:00:00Z", health.path("clock").asText());
            assertEquals("eu-west-1", health.path("region").asText());
            assertEquals("AKIAOTHERROOTKEY0000", health.path("accessKeyId").asText());
        } finally {
            jbang.run("sandbox", "stop", "--port", String.valueOf(port)).succeeds();
        }
    }

    @Test
    void aPortTakenByAnotherProgramIsOneLine() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = String.valueOf(other.getLocalPort());
            Jbang jbang = Jbang.inProject();
            jbang.run("sandbox", "start", "--port", port)
                    .failsWithOneLine("Port " + port + " on 127\\.0\\.0\\.1 is in use by another program; choose another with --port\\.");
            jbang.run("sandbox", "--port", port)
                    .failsWithOneLine("Port " + port + " on 127\\.0\\.0\\.1 is in use by another program; choose another with --port\\.");
            jbang.run("sandbox", "stop", "--port", port)
                    .failsWithOneLine("Port " + port + " is used by another program, not a sandbox; nothing stopped\\.");
        }
    }

    @Test
    void badOptionsAreOneLineEach() {
        Jbang jbang = Jbang.inProject();
        jbang.run("sandbox", "start", "--port", "http").exits(2)
                .failsWithOneLine("Invalid value for option '--port': 'http' is not an int \\(see: sandbox start --help\\)");
        jbang.run("sandbox", "start", "--port", "70000").exits(2)
                .failsWithOneLine("Invalid --port 70000: use a port between 1 and 65535, e\\.g\\. 4566\\. \\(see: sandbox start --help\\)");
        jbang.run("sandbox", "--clock", "yesterday").exits(2).failsWithOneLine("Invalid --clock 'yesterday': .*");
        jbang.run("sandbox", "start", "--account", "42").exits(2).failsWithOneLine("Invalid --account '42': .*");
        jbang.run("sandbox", "restart").exits(2).failsWithOneLine("Unmatched argument at index 0: 'restart' \\(see: sandbox --help\\)");
        jbang.run("sandbox", "start", "--data", "pom.xml").exits(2)
                .failsWithOneLine("Invalid --data 'pom\\.xml': that is a file; give a folder \\(it is created if missing\\)\\. .*");
    }

    @Test
    void foregroundSandboxLogsOneLinePerRequestAndStopsOnSigterm() throws Exception {
        int port = SharedSandbox.freePort();
        ProcessBuilder builder = new ProcessBuilder(Jbang.PROJECT.resolve("jbang").toString(), "sandbox", "--port", String.valueOf(port))
                .directory(Jbang.PROJECT.toFile()).redirectErrorStream(true);
        builder.environment().put("NO_COLOR", "1");
        Process sandbox = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("Press Ctrl-C")) {
                output.add(line);
            }
            assertTrue(output.contains("Sandbox ready at http://127.0.0.1:" + port + " · account 000000000000 · us-east-1"), output::toString);
            assertTrue(output.stream().anyMatch(l -> l.matches("Root credentials: access key AKIASANDBOXEXAMPLE00, secret sand…0000")),
                    "the secret is masked: " + output);

            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/some-bucket")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.body().contains("<Code>"), "errors come in the service's shape: " + answer.body());
            String logLine = lines.readLine();
            assertTrue(logLine.matches("\\d\\d:\\d\\d:\\d\\d GET /some-bucket s3:ListObjects anonymous → \\d+ \\(\\d+ ms\\)"), logLine);

            sandbox.toHandle().descendants().forEach(ProcessHandle::destroy);
            sandbox.destroy();
            assertTrue(sandbox.waitFor(20, TimeUnit.SECONDS), "the foreground sandbox stops on SIGTERM");
        } finally {
            sandbox.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            sandbox.destroyForcibly();
        }
    }

    private static JsonNode health(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/_sandbox/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }
}
