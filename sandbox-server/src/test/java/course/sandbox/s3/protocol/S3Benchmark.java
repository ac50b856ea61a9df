package course.sandbox.s3.protocol;

import course.sandbox.e2e.RunningSandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Prints figures, asserts nothing: PUT and GET of 1 MiB objects and a 256 MiB multipart upload
 * through the same SDK client against the sandbox and against S3Proxy 4.1.0 in memory, plus
 * the local disk's write speed as the yardstick for multipart. S3Proxy is reached by reflection
 * so the class compiles without it; the s3proxy-benchmark profile puts it on the classpath.
 * Run (from sandbox-server/):
 * <pre>
 * mvn -q -Ps3proxy-benchmark test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) course.sandbox.s3.protocol.S3Benchmark
 * </pre>
 */
public final class S3Benchmark {
    private static final int MIB = 1024 * 1024;
    private static final int SMALL_OBJECTS = 200;
    private static final int WARMUP_OBJECTS = 50;
    private static final int PART_SIZE = 8 * MIB;
    private static final int MULTIPART_TOTAL = 256 * MIB;
    private static final int ROUNDS = 3;

    private record Figures(double putMibPerSecond, double getMibPerSecond, double multipartMibPerSecond) {}

    private S3Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        double disk = diskWriteMibPerSecond();
        try (RunningSandbox running = RunningSandbox.start()) {
            if (!s3ProxyAvailable()) {
                System.out.println("S3Proxy is not on the classpath (use -Ps3proxy-benchmark): sandbox figures only.");
                Figures sandbox = best(List.of(run("sandbox", running.endpoint()), run("sandbox", running.endpoint()),
                        run("sandbox", running.endpoint())));
                System.out.printf(Locale.ROOT, "PUT %.0f MiB/s, GET %.0f MiB/s, multipart %.0f MiB/s; disk %.0f MiB/s%n",
                        sandbox.putMibPerSecond(), sandbox.getMibPerSecond(), sandbox.multipartMibPerSecond(), disk);
                return;
            }
            Object proxy = startS3Proxy();
            try {
                URI proxyEndpoint = URI.create("http://127.0.0.1:" + proxy.getClass().getMethod("getPort").invoke(proxy));
                // Rounds alternate between the two servers, so JIT warm-up of the shared client
                // favours neither; each server's best round is reported.
                List<Figures> sandboxRounds = new ArrayList<>();
                List<Figures> proxyRounds = new ArrayList<>();
                for (int round = 1; round <= ROUNDS; round++) {
                    sandboxRounds.add(run("sandbox, round " + round, running.endpoint()));
                    proxyRounds.add(run("S3Proxy 4.1.0 (transient), round " + round, proxyEndpoint));
                }
                report(best(sandboxRounds), best(proxyRounds), disk);
            } finally {
                proxy.getClass().getMethod("stop").invoke(proxy);
            }
        }
    }

    private static void report(Figures sandbox, Figures s3proxy, double disk) {
        System.out.println();
        System.out.println("Best of " + ROUNDS + " alternating rounds:");
        System.out.println("| operation                       | sandbox       | S3Proxy       | sandbox / S3Proxy |");
        System.out.println("|---------------------------------|---------------|---------------|-------------------|");
        row("PUT 1 MiB objects", sandbox.putMibPerSecond(), s3proxy.putMibPerSecond());
        row("GET 1 MiB objects", sandbox.getMibPerSecond(), s3proxy.getMibPerSecond());
        row("256 MiB multipart (8 MiB parts)", sandbox.multipartMibPerSecond(), s3proxy.multipartMibPerSecond());
        System.out.printf(Locale.ROOT, "Local disk write (256 MiB, fsync): %.0f MiB/s; sandbox multipart is %.2f of it.%n",
                disk, sandbox.multipartMibPerSecond() / disk);
    }

    /** Each figure's best round: the one least disturbed by everything else on the machine. */
    private static Figures best(List<Figures> rounds) {
        return new Figures(rounds.stream().mapToDouble(Figures::putMibPerSecond).max().orElseThrow(),
                rounds.stream().mapToDouble(Figures::getMibPerSecond).max().orElseThrow(),
                rounds.stream().mapToDouble(Figures::multipartMibPerSecond).max().orElseThrow());
    }

    private static void row(String name, double sandbox, double proxy) {
        System.out.printf(Locale.ROOT, "| %-31s | %7.0f MiB/s | %7.0f MiB/s | %17.2f |%n", name, sandbox, proxy, sandbox / proxy);
    }

    private static Figures run(String target, URI endpoint) {
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(RunningSandbox.rootCredentials())
                .httpClient(ApacheHttpClient.builder().socketTimeout(Duration.ofMinutes(2)).build())
                .build()) {
            String bucket = "benchmark-" + UUID.randomUUID();
            s3.createBucket(b -> b.bucket(bucket));
            byte[] object = SdkScenarios.randomBytes(MIB, 1);
            timed(WARMUP_OBJECTS, i -> s3.putObject(b -> b.bucket(bucket).key("warm-" + i), RequestBody.fromBytes(object)));
            timed(WARMUP_OBJECTS, i -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("warm-" + i)));
            double putSeconds = timed(SMALL_OBJECTS, i -> s3.putObject(b -> b.bucket(bucket).key("object-" + i),
                    RequestBody.fromBytes(object)));
            double getSeconds = timed(SMALL_OBJECTS, i -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("object-" + i)));

            byte[] part = SdkScenarios.randomBytes(PART_SIZE, 2);
            long start = System.nanoTime();
            String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("large")).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            for (int number = 1; number <= MULTIPART_TOTAL / PART_SIZE; number++) {
                int partNumber = number;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key("large").uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key("large").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            double multipartSeconds = (System.nanoTime() - start) / 1e9;

            Figures figures = new Figures(SMALL_OBJECTS / putSeconds, SMALL_OBJECTS / getSeconds,
                    MULTIPART_TOTAL / (double) MIB / multipartSeconds);
            System.out.printf(Locale.ROOT, "%s: PUT %d × 1 MiB in %.2f s, GET in %.2f s, 256 MiB multipart in %.2f s%n",
                    target, SMALL_OBJECTS, putSeconds, getSeconds, multipartSeconds);
            // Rounds would otherwise pile up in both servers' memory.
            timed(WARMUP_OBJECTS, i -> s3.deleteObject(b -> b.bucket(bucket).key("warm-" + i)));
            timed(SMALL_OBJECTS, i -> s3.deleteObject(b -> b.bucket(bucket).key("object-" + i)));
            s3.deleteObject(b -> b.bucket(bucket).key("large"));
            s3.deleteBucket(b -> b.bucket(bucket));
            return figures;
        }
    }

    private static double timed(int count, Function<Integer, Object> call) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            call.apply(i);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static boolean s3ProxyAvailable() {
        try {
            Class.forName("org.gaul.s3proxy.S3Proxy");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** S3Proxy.builder().blobStore(transient).endpoint(...).awsAuthentication(AWS_V2_OR_V4, ...).build().start(). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object startS3Proxy() throws Exception {
        Object blobStore = Class.forName("org.gaul.s3proxy.BlobStores").getMethod("create", String.class, Properties.class)
                .invoke(null, "transient", new Properties());
        Object builder = Class.forName("org.gaul.s3proxy.S3Proxy").getMethod("builder").invoke(null);
        Class<?> builderType = builder.getClass();
        builderType.getMethod("blobStore", Class.forName("org.gaul.s3proxy.blobstore.BlobStore")).invoke(builder, blobStore);
        builderType.getMethod("endpoint", URI.class).invoke(builder, URI.create("http://127.0.0.1:0"));
        Class authenticationType = Class.forName("org.gaul.s3proxy.auth.AuthenticationType");
        builderType.getMethod("awsAuthentication", authenticationType, String.class, String.class)
                .invoke(builder, Enum.valueOf(authenticationType, "AWS_V2_OR_V4"), RunningSandbox.ROOT.accessKeyId(), RunningSandbox.ROOT.secretAccessKey());
        Object proxy = builderType.getMethod("build").invoke(builder);
        proxy.getClass().getMethod("start").invoke(proxy);
        while (!"STARTED".equals(proxy.getClass().getMethod("getState").invoke(proxy))) {
            Thread.sleep(10);
        }
        return proxy;
    }

    private static double diskWriteMibPerSecond() throws IOException {
        Path file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "disk-speed", ".bin");
        byte[] chunk = SdkScenarios.randomBytes(PART_SIZE, 3);
        try {
            long start = System.nanoTime();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                for (int written = 0; written < MULTIPART_TOTAL; written += PART_SIZE) {
                    out.write(chunk);
                }
                channel.force(true);
            }
            return MULTIPART_TOTAL / (double) MIB / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
