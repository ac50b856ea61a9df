package course.sandbox.s3;

import course.sandbox.service.ServiceException;

import static course.sandbox.s3.S3Assertions.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 16 threads x 500 random PUT/GET/DELETE on shared and per-thread keys: every GET must return
 * bytes whose MD5 is one written for that key, with metadata (size, ETag) of that same version.
 */
class ConcurrencyTest {
    private static final int THREADS = 16;
    private static final int OPERATIONS = 500;
    private static final String BUCKET = "busy";

    @TempDir
    Path dir;

    @Test
    void inMemoryReadsNeverMixVersions() throws Exception {
        run(new S3Store(), VersioningStatus.UNVERSIONED, OPERATIONS);
    }

    @Test
    void versionedBucketReadsNeverMixVersions() throws Exception {
        run(new S3Store(), VersioningStatus.ENABLED, OPERATIONS);
    }

    /** Fewer operations: every disk write is fsynced twice (body and state). */
    @Test
    void dataDirectoryReadsNeverMixVersions() throws Exception {
        run(new S3Store(dir), VersioningStatus.UNVERSIONED, 100);
    }

    private void run(S3Store store, VersioningStatus versioning, int operations) throws Exception {
        store.createBucket(ALICE, BUCKET, null);
        if (versioning != VersioningStatus.UNVERSIONED) {
            store.putBucketVersioning(BUCKET, versioning);
        }
        Map<String, Set<String>> writtenMd5s = new ConcurrentHashMap<>();
        AtomicInteger verifiedReads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                Random random = new Random(thread);
                start.await();
                for (int i = 0; i < operations; i++) {
                    String key = random.nextBoolean() ? "shared-" + random.nextInt(4) : "own-" + thread + "-" + random.nextInt(4);
                    int action = random.nextInt(10);
                    if (action < 4) {
                        byte[] body = new byte[random.nextInt(4096)];
                        random.nextBytes(body);
                        // Recorded before the write so a concurrent reader may already see it.
                        writtenMd5s.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(md5Hex(body));
                        store.putObject(ALICE, BUCKET, key, ObjectWrite.of(body));
                    } else if (action < 8) {
                        try {
                            ObjectContent content = store.getObject(BUCKET, key, null, null, ReadConditions.NONE);
                            String md5 = md5Hex(content.body());
                            assertTrue(writtenMd5s.getOrDefault(key, Set.of()).contains(md5), "foreign bytes for " + key);
                            assertEquals("\"" + md5 + "\"", content.info().etag());
                            assertEquals(content.body().length, content.info().size());
                            verifiedReads.incrementAndGet();
                        } catch (ServiceException e) {
                            assertEquals("NoSuchKey", e.code());
                        }
                    } else {
                        store.deleteObject(BUCKET, key, null);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(verifiedReads.get() > THREADS * operations / 10, "reads verified: " + verifiedReads.get());
    }

    private static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(Digests.md5(data));
    }
}
