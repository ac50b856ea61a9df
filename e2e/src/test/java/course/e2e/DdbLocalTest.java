package course.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ddb-local as a user runs it: a foreground server that answers DynamoDB calls and stops on SIGTERM (Ctrl-C's cousin). */
@Covers("ddb-local")
class DdbLocalTest {

    @Test
    void servesOnLoopbackAndStopsCleanlyOnSigterm() throws Exception {
        int port = SharedSandbox.freePort();
        Path output = Files.createTempFile("ddb-local", ".txt");
        Process process = Jbang.inProject().start(output, "ddb-local", "--port", String.valueOf(port));
        try {
            waitFor(output, "Press Ctrl-C to stop.", process);
            String text = Files.readString(output);
            assertTrue(text.contains("   Endpoint: http://127.0.0.1:" + port + " (127.0.0.1 only; telemetry off)"), text);
            assertTrue(text.contains("   aws dynamodb list-tables --endpoint-url http://127.0.0.1:" + port), text);
            assertTrue(text.contains("   CreateTable signed with key 'alice' and signature 'made-up': HTTP 200 (accepted)"), text);
            assertTrue(text.contains("   ListTables as key 'bob': {\"TableNames\":[]}"), text);

            HttpResponse<String> answer = listTables(port);
            assertEquals(200, answer.statusCode());
            assertEquals("{\"TableNames\":[]}", answer.body());
        } finally {
            process.destroy(); // SIGTERM, as Ctrl-C's shutdown path
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "ddb-local did not stop on SIGTERM");
        }
        assertTrue(Files.readString(output).contains("DynamoDB Local stopped."), Files.readString(output));
        assertThrows(ConnectException.class, () -> listTables(port));
    }

    @Test
    void helpAndAPortInUse() throws IOException {
        Jbang.inProject().run("ddb-local", "--help").succeeds().printsLine(".*--port=PORT.*").printsLine(".*--db-path=DIR.*");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Jbang.inProject().run("ddb-local", "--port", String.valueOf(taken.getLocalPort()))
                    .failsWithOneLine("Port " + taken.getLocalPort() + " on 127\\.0\\.0\\.1 is in use; choose another with --port\\.");
        }
    }

    private static HttpResponse<String> listTables(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host, Signature=none")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void waitFor(Path output, String line, Process process) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(output).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("ddb-local exited early:\n" + Files.readString(output));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("ddb-local did not get ready:\n" + Files.readString(output));
    }
}
