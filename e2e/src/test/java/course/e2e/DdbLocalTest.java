package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ddb-local as a user runs it: the sandbox's DynamoDB in the foreground. Its copy-paste lines
 * work as printed with Debian's AWS CLI 2.9 and boto3 1.26 on a machine without ~/.aws, the
 * requests they send show up as they arrive, and SIGTERM (Ctrl-C's cousin) stops the sandbox it
 * started — but not one that was already running.
 */
@Covers("ddb-local")
@ExtendWith(SharedSandbox.class)
class DdbLocalTest {

    @Test
    void startsASandboxWhoseCopyPasteLinesWorkAndStopsItOnSigterm() throws Exception {
        int port = SharedSandbox.freePort();
        String endpoint = "http://127.0.0.1:" + port;
        Path output = Files.createTempFile("ddb-local", ".txt");
        Process process = Jbang.inProject().start(output, "ddb-local", "--port", String.valueOf(port));
        try {
            waitFor(output, "Press Ctrl-C to stop.", process);
            List<String> lines = Files.readAllLines(output);
            assertPrints(lines, "   Endpoint: " + Pattern.quote(endpoint) + " · the course sandbox, started for this demo \\(Ctrl-C stops it\\)");
            assertPrints(lines, "   Storage: in memory: tables are gone when it stops");
            // ReturnConsumedCapacity as DynamoDB computes it for an item under 1 KB.
            assertPrints(lines, "   PutItem: 1\\.0 WCU .*");
            assertPrints(lines, "   GetItem, eventually consistent: 0\\.5 RCU · DynamoDB on your machine");
            assertPrints(lines, "   GetItem, strongly consistent: 1\\.0 RCU .*");
            assertPrints(lines, "   Answer: rejected, HTTP 400 InvalidSignatureException \\(as AWS does\\)");
            // The log follower prints the requests after "Press Ctrl-C", as it reads them: wait for them too.
            waitFor(output, Pattern.compile("(?s).*\n   \\d\\d:\\d\\d:\\d\\d PutItem · arn:aws:iam::000000000000:root · HTTP 200 · \\d+ ms\n.*"), process);

            String cli = copyPasteLine(lines, "   AWS_ACCESS_KEY_ID=");
            assertEquals("AWS_ACCESS_KEY_ID=AKIASANDBOXEXAMPLE00 AWS_SECRET_ACCESS_KEY=sandbox/SECRET/root/KEY/EXAMPLE/00000000 "
                    + "aws dynamodb list-tables --region us-east-1 --endpoint-url " + endpoint, cli);
            assertTrue(shell(cli).contains("\"TableNames\": []"));
            String boto3 = copyPasteLine(lines, "   python3 -c ");
            assertEquals("[]", shell(boto3).strip());
            // Both requests, as the sandbox logged them, while it runs.
            waitFor(output, Pattern.compile("(?s).*ListTables · arn:aws:iam::000000000000:root · HTTP 200.*"
                    + "ListTables · arn:aws:iam::000000000000:root · HTTP 200.*"), process);
        } finally {
            process.destroy(); // SIGTERM, as Ctrl-C's shutdown path
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "ddb-local did not stop on SIGTERM");
        }
        assertTrue(Files.readString(output).contains("Sandbox on 127.0.0.1:" + port + " stopped."), Files.readString(output));
        assertThrows(ConnectException.class, () -> health(port));
    }

    @Test
    void usesASandboxThatRunsAlreadyAndLeavesItRunning(SharedSandbox.TestSandbox sandbox) throws Exception {
        Path output = Files.createTempFile("ddb-local", ".txt");
        Process process = sandbox.jbang().start(output, "ddb-local", "--port", String.valueOf(sandbox.port()));
        try {
            waitFor(output, "Press Ctrl-C to stop watching (the sandbox keeps running).", process);
            List<String> lines = Files.readAllLines(output);
            assertPrints(lines, "   Endpoint: " + Pattern.quote(sandbox.endpoint()) + " · the course sandbox already running there \\(PID \\d+\\), left running");
            assertPrints(lines, "7\\. DynamoDB requests as they arrive \\(from .*" + sandbox.port() + "\\.log\\)");
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "ddb-local did not stop on SIGTERM");
        }
        assertFalse(Files.readString(output).contains("stopped."), Files.readString(output));
        assertEquals(200, health(sandbox.port()).statusCode());
    }

    @Test
    void runsTheSameStepsAgainstAnEndpointUrlAndExits(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("ddb-local", "--endpoint-url", sandbox.endpoint()).succeeds()
                .printsLine("   Endpoint: " + Pattern.quote(sandbox.endpoint()) + " · a course sandbox \\(your --endpoint-url\\)")
                .printsLine("   AWS_ACCESS_KEY_ID=AKIASANDBOXEXAMPLE00 .* aws dynamodb list-tables --region us-east-1 --endpoint-url "
                        + Pattern.quote(sandbox.endpoint()))
                .printsLine("   PutItem: 1\\.0 WCU .*")
                .printsLine("   Answer: rejected, HTTP 400 InvalidSignatureException \\(as AWS does\\)")
                .printsLine("   this course never downloads it\\. .*");
    }

    @Test
    void helpAndUserMistakesAreOneLine() throws IOException {
        Jbang jbang = Jbang.inProject();
        jbang.run("ddb-local", "--help").succeeds().printsLine(".*--port=PORT.*").printsLine(".*--endpoint-url=URL.*").printsLine(".*--data=DIR.*");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            jbang.run("ddb-local", "--port", String.valueOf(port)).failsWithOneLine("Port " + port
                    + " on 127\\.0\\.0\\.1 is in use by another program; choose another --port, or if it is your DynamoDB Local: --endpoint-url http://127\\.0\\.0\\.1:"
                    + port + "\\.");
        }
        int free = SharedSandbox.freePort();
        jbang.run("ddb-local", "--endpoint-url", "http://127.0.0.1:" + free).failsWithOneLine("Nothing answers at http://127\\.0\\.0\\.1:" + free
                + ": start your DynamoDB there first, or drop --endpoint-url to run the sandbox's\\.");
        jbang.run("ddb-local", "--endpoint-url", "nope").failsWithOneLine("Invalid endpoint URL 'nope': use e\\.g\\. http://127\\.0\\.0\\.1:8000\\.");
    }

    private static void assertPrints(List<String> lines, String regex) {
        Pattern pattern = Pattern.compile(regex);
        assertTrue(lines.stream().anyMatch(line -> pattern.matcher(line).matches()),
                () -> "no line matches /" + regex + "/ in\n" + String.join("\n", lines));
    }

    private static String copyPasteLine(List<String> lines, String start) {
        return lines.stream().filter(line -> line.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starts with '" + start + "'")).strip();
    }

    /**
     * Runs a printed line in bash as on a fresh machine: a new empty HOME (no ~/.aws), no AWS_*
     * variables, and /usr/bin first on PATH, so `aws` is the AWS CLI v2 and `python3` has boto3.
     */
    private static String shell(String line) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", line).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("HOME", Files.createTempDirectory("fresh-home").toString());
        builder.environment().put("PATH", "/usr/bin:/bin");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), () -> line + "\n" + out);
        return out;
    }

    private static HttpResponse<String> health(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_sandbox/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void waitFor(Path output, String text, Process process) throws IOException, InterruptedException {
        waitFor(output, Pattern.compile("(?s).*" + Pattern.quote(text) + ".*"), process);
    }

    private static void waitFor(Path output, Pattern expected, Process process) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (expected.matcher(Files.readString(output)).matches()) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("ddb-local exited early:\n" + Files.readString(output));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("ddb-local never printed /" + expected + "/:\n" + Files.readString(output));
    }
}
