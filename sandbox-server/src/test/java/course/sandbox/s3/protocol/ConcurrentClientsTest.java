package course.sandbox.s3.protocol;

import course.sandbox.e2e.RunningSandbox;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * 16 clients × 500 PUT/GET/DELETE of random sizes over HTTP, on keys all clients share and on
 * keys only one client writes. Every read must return exactly a body some client wrote for that
 * key (and its own last write for a client's own key); the only error allowed is NoSuchKey.
 */
class ConcurrentClientsTest {
    private static final int CLIENTS = 16;
    private static final int OPERATIONS = 500;
    private static final int SHARED_KEYS = 4;
    private static final int MAX_SIZE = 48 * 1024;

    @Test
    void everyReadReturnsAVersionThatWasWritten() throws Exception {
        try (RunningSandbox sandbox = RunningSandbox.start();
             S3Client s3 = S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(RunningSandbox.rootCredentials())
                     .httpClient(ApacheHttpClient.builder().maxConnections(CLIENTS * 2)
                             .connectionTimeout(Duration.ofSeconds(10)).build())
                     .build()) {
            s3.createBucket(b -> b.bucket("concurrency"));
            Map<String, Set<String>> written = new ConcurrentHashMap<>();
            AtomicInteger reads = new AtomicInteger();
            AtomicInteger missing = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    Random random = new Random(client);
                    String ownKey = "own/" + client;
                    byte[] ownLast = null;
                    for (int op = 0; op < OPERATIONS; op++) {
                        boolean own = random.nextBoolean();
                        String key = own ? ownKey : "shared/" + random.nextInt(SHARED_KEYS);
                        int choice = random.nextInt(10);
                        if (choice < 4) {
                            byte[] body = body(client, op, random);
                            // Recorded before the PUT is sent: a reader may see it as soon as it is stored.
                            written.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(md5Hex(body));
                            String etag = s3.putObject(b -> b.bucket("concurrency").key(key), RequestBody.fromBytes(body)).eTag();
                            assertEquals("\"" + md5Hex(body) + "\"", etag);
                            if (own) {
                                ownLast = body;
                            }
                        } else if (choice < 8) {
                            try {
                                ResponseBytes<GetObjectResponse> read = s3.getObjectAsBytes(b -> b.bucket("concurrency").key(key));
                                reads.incrementAndGet();
                                String md5 = md5Hex(read.asByteArray());
                                assertTrue(written.getOrDefault(key, Set.of()).contains(md5), "read a body never written to " + key);
                                assertEquals("\"" + md5 + "\"", read.response().eTag());
                                if (own) {
                                    assertArrayEquals(ownLast, read.asByteArray(), "own key returns the client's last write");
                                }
                            } catch (NoSuchKeyException expected) {
                                missing.incrementAndGet();
                                if (own) {
                                    assertEquals(null, ownLast, "own key missing only after the client deleted it");
                                }
                            }
                        } else {
                            s3.deleteObject(b -> b.bucket("concurrency").key(key));
                            if (own) {
                                ownLast = null;
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertTrue(reads.get() > CLIENTS * OPERATIONS / 5, "reads that found an object: " + reads.get());
            assertTrue(missing.get() > 0, "some reads raced with deletes");
        }
    }

    /** A body unique to (client, operation): its first bytes say who wrote it, the rest is random. */
    private static byte[] body(int client, int op, Random random) {
        int size = 8 + random.nextInt(MAX_SIZE);
        byte[] body = new byte[size];
        random.nextBytes(body);
        ByteBuffer.wrap(body).putInt(client).putInt(op);
        return body;
    }

    private static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(SdkScenarios.md5(data));
    }
}
