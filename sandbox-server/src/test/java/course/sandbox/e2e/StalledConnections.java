package course.sandbox.e2e;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load on a running sandbox, loopback only and bounded: connections that stop mid-head or
 * mid-body and stay open, SDK clients working next to them, and health probed meanwhile.
 * Shared by the load test (a generous bound) and the benchmark (the figures).
 */
public final class StalledConnections implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();

    /** Opens {@code heads} connections that send half a request head, and {@code bodies} signed PUTs that send half their body. */
    public static StalledConnections open(RunningSandbox sandbox, int heads, int bodies) {
        StalledConnections stalled = new StalledConnections();
        try {
            for (int i = 0; i < heads; i++) {
                Socket socket = new Socket("127.0.0.1", sandbox.port());
                socket.getOutputStream().write("GET /_sandbox/health HTTP/1.1\r\nHost: 127.0".getBytes(StandardCharsets.US_ASCII));
                stalled.sockets.add(socket);
            }
            for (int i = 0; i < bodies; i++) {
                byte[] request = RawWire.signed(sandbox, "PUT", "/load/stalled-" + i, Map.of(), new byte[4096], "s3",
                        RunningSandbox.REGION);
                Socket socket = new Socket("127.0.0.1", sandbox.port());
                socket.getOutputStream().write(Arrays.copyOf(request, request.length - 2048));
                stalled.sockets.add(socket);
            }
        } catch (IOException e) {
            stalled.close();
            throw new UncheckedIOException(e);
        }
        return stalled;
    }

    /** Health latencies in milliseconds, one fresh connection each, {@code count} of them {@code pause} apart. */
    public static long[] probeHealth(RunningSandbox sandbox, int count, Duration pause) throws InterruptedException {
        long[] millis = new long[count];
        byte[] request = "GET /_sandbox/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            RawWire.Answer answer = RawWire.exchange(sandbox.port(), request, Duration.ofSeconds(10));
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            if (answer.status() != 200) {
                throw new AssertionError("health: " + answer);
            }
            Thread.sleep(pause.toMillis());
        }
        return millis;
    }

    /**
     * {@code clients} threads each with its own SDK clients, doing S3 PUT/GET and STS
     * GetCallerIdentity until {@code stop}; returns the number of calls that succeeded, and
     * throws the first failure.
     */
    public static Future<Integer> busyClients(RunningSandbox sandbox, int clients, AtomicBoolean stop, ExecutorService pool) {
        try (S3Client s3 = s3(sandbox)) {
            if (s3.listBuckets().buckets().stream().noneMatch(bucket -> bucket.name().equals("load"))) {
                s3.createBucket(b -> b.bucket("load"));
            }
        }
        AtomicInteger calls = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            workers.add(pool.submit(() -> {
                try (S3Client s3 = s3(sandbox); StsClient sts = sandbox.sts(RunningSandbox.ROOT)) {
                    for (int i = 0; !stop.get(); i++) {
                        String key = "client-" + client + "/" + i;
                        String body = "object " + i + " of client " + client;
                        s3.putObject(b -> b.bucket("load").key(key), RequestBody.fromString(body));
                        if (!s3.getObjectAsBytes(b -> b.bucket("load").key(key)).asUtf8String().equals(body)) {
                            throw new AssertionError("changed: " + key);
                        }
                        sts.getCallerIdentity();
                        calls.addAndGet(3);
                    }
                }
                return null;
            }));
        }
        return pool.submit(() -> {
            for (Future<?> worker : workers) {
                worker.get();
            }
            return calls.get();
        });
    }

    private static S3Client s3(RunningSandbox sandbox) {
        return S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(RunningSandbox.rootCredentials()).httpClient(ApacheHttpClient.create()).build();
    }

    /** "p50 x ms, p99 y ms, max z ms" of latencies in milliseconds. */
    public static String summary(long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format("p50 %d ms, p99 %d ms, max %d ms (%d probes)", sorted[sorted.length / 2],
                sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)], sorted[sorted.length - 1],
                sorted.length);
    }

    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
