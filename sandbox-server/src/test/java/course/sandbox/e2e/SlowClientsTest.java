package course.sandbox.e2e;

import course.sandbox.http.HttpLimits;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that stop half-way (in the head, in the body, while their answer is written) cost
 * the sandbox a timeout, not its service: everyone else is answered meanwhile, and the slow
 * client gets AWS's RequestTimeout or IncompleteBody.
 */
class SlowClientsTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final String BUCKET = "slow-clients";

    /** More stalled heads than the JDK server had workers (256): health and the SDK still get answers. */
    @Test
    void stalledHeadsHoldNoWorker() throws Exception {
        try (RunningSandbox sandbox = RunningSandbox.start(); StsClient sts = sandbox.sts(RunningSandbox.ROOT)) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    Socket socket = new Socket("127.0.0.1", sandbox.port());
                    socket.getOutputStream().write("GET /_sandbox/health HTTP/1.1\r\nHost: 127.0".getBytes(StandardCharsets.US_ASCII));
                    stalled.add(socket);
                }
                long start = System.nanoTime();
                RawWire.Answer health = RawWire.exchange(sandbox.port(),
                        "GET /_sandbox/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        Duration.ofSeconds(2));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(200, health.status(), health.toString());
                assertTrue(millis < 2_000, "health took " + millis + " ms");
                assertEquals(RunningSandbox.ACCOUNT, sts.getCallerIdentity().account());
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    // RequestTimeout: "Your socket connection to the server was not read from or written to within the timeout period."
    // IncompleteBody: "You did not provide the number of bytes specified by the Content-Length HTTP header."
    // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
    @Test
    void aBodyThatStopsIsRequestTimeoutAndOneThatEndsEarlyIsIncompleteBody() throws Exception {
        try (RunningSandbox sandbox = RunningSandbox.startWith(HttpLimits.DEFAULTS.withTimeouts(SECOND, SECOND));
             S3Client s3 = s3(sandbox)) {
            s3.createBucket(b -> b.bucket(BUCKET));
            byte[] body = "x".repeat(100).getBytes(StandardCharsets.US_ASCII);
            for (boolean endEarly : new boolean[] {false, true}) {
                String key = endEarly ? "ends-early" : "stalls";
                byte[] request = RawWire.signed(sandbox, "PUT", "/" + BUCKET + "/" + key, Map.of(), body, "s3", RunningSandbox.REGION);
                byte[] sent = Arrays.copyOf(request, request.length - 97);
                long start = System.nanoTime();
                try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(sent);
                    if (endEarly) {
                        socket.shutdownOutput();
                    }
                    RawWire.Answer answer = RawWire.read(socket.getInputStream());
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(400, answer.status(), answer.toString());
                    assertEquals(endEarly ? "IncompleteBody" : "RequestTimeout", answer.code(), answer.toString());
                    assertTrue(answer.wellFormed(), answer.toString());
                    assertTrue(millis < 5_000, key + " answered after " + millis + " ms");
                }
                assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key(key)));
            }
            // A head that never ends is answered RequestTimeout and closed.
            try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 1".getBytes(StandardCharsets.US_ASCII));
                RawWire.Answer answer = RawWire.read(socket.getInputStream());
                assertEquals("RequestTimeout", answer.code(), answer.toString());
            }
            assertFalse(sandbox.log().contains("Internal error"), sandbox.log());
        }
    }

    /** Slow bodies fill the service workers; health has workers of its own, the rest are told SlowDown. */
    @Test
    void busyWorkersNeverFreezeHealthAndClearWithinTheTimeout() throws Exception {
        HttpLimits fourWorkers = new HttpLimits(SECOND, Duration.ofSeconds(2), Duration.ofSeconds(30), 64 * 1024,
                HttpLimits.MAX_BODY_BYTES, 1024, 4);
        try (RunningSandbox sandbox = RunningSandbox.startWith(fourWorkers); S3Client s3 = s3(sandbox)) {
            s3.createBucket(b -> b.bucket(BUCKET));
            byte[] body = new byte[1000];
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    byte[] request = RawWire.signed(sandbox, "PUT", "/" + BUCKET + "/slow-" + i, Map.of(), body, "s3",
                            RunningSandbox.REGION);
                    Socket socket = new Socket("127.0.0.1", sandbox.port());
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(request, 0, request.length - 500);
                    slow.add(socket);
                }
                Thread.sleep(200);
                RawWire.Answer health = RawWire.exchange(sandbox.port(),
                        "GET /_sandbox/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        Duration.ofMillis(500));
                assertEquals(200, health.status(), health.toString());
                RawWire.Answer busy = RawWire.exchange(sandbox.port(), RawWire.signed(sandbox, "GET", "/" + BUCKET, Map.of(),
                        new byte[0], "s3", RunningSandbox.REGION), Duration.ofSeconds(1));
                assertEquals(503, busy.status(), busy.toString());
                assertEquals("SlowDown", busy.code(), busy.toString());
                int timedOut = 0;
                for (Socket socket : slow) {
                    RawWire.Answer answer = RawWire.read(socket.getInputStream());
                    timedOut += answer.code().equals("RequestTimeout") ? 1 : 0;
                }
                assertEquals(4, timedOut, "the four slow bodies that had workers");
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
            s3.putObject(b -> b.bucket(BUCKET).key("after"), RequestBody.fromString("after"));
            assertEquals("after", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("after")).asUtf8String());
        }
    }

    /** A client that asks for a large object and never reads it is cut off after the timeout. */
    @Test
    void aClientThatDoesNotReadItsAnswerIsCutOff() throws Exception {
        HttpLimits twoWorkers = new HttpLimits(SECOND, SECOND, Duration.ofSeconds(30), 64 * 1024,
                HttpLimits.MAX_BODY_BYTES, 1024, 2);
        try (RunningSandbox sandbox = RunningSandbox.startWith(twoWorkers); S3Client s3 = s3(sandbox)) {
            s3.createBucket(b -> b.bucket(BUCKET));
            s3.putObject(b -> b.bucket(BUCKET).key("big"), RequestBody.fromBytes(new byte[32 * 1024 * 1024]));
            List<Socket> notReading = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket socket = new Socket("127.0.0.1", sandbox.port());
                    socket.setReceiveBufferSize(4096);
                    socket.getOutputStream().write(RawWire.signed(sandbox, "GET", "/" + BUCKET + "/big", Map.of(),
                            new byte[0], "s3", RunningSandbox.REGION));
                    notReading.add(socket);
                }
                Thread.sleep(2_500);
                // Both workers are free again: an ordinary request is served.
                assertEquals(32 * 1024 * 1024, s3.headObject(b -> b.bucket(BUCKET).key("big")).contentLength());
                InputStream cutOff = notReading.get(0).getInputStream();
                assertTrue(drainLength(cutOff) < 32 * 1024 * 1024, "the answer was cut off");
            } finally {
                for (Socket socket : notReading) {
                    socket.close();
                }
            }
        }
    }

    /** Past the connection limit the connection waiting longest for its head makes room. */
    @Test
    void pastTheConnectionLimitIdleConnectionsMakeRoom() throws Exception {
        HttpLimits fewConnections = new HttpLimits(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(30),
                64 * 1024, HttpLimits.MAX_BODY_BYTES, 32, 8);
        try (RunningSandbox sandbox = RunningSandbox.startWith(fewConnections)) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    idle.add(new Socket("127.0.0.1", sandbox.port()));
                }
                RawWire.Answer health = RawWire.exchange(sandbox.port(),
                        "GET /_sandbox/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        Duration.ofSeconds(2));
                assertEquals(200, health.status(), health.toString());
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
        }
    }

    private static long drainLength(InputStream in) {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try {
            int count;
            while ((count = in.read(buffer)) >= 0) {
                total += count;
            }
        } catch (IOException reset) {
            // cut off
        }
        return total;
    }

    private static S3Client s3(RunningSandbox sandbox) {
        return S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(RunningSandbox.rootCredentials()).httpClient(ApacheHttpClient.create()).build();
    }
}
