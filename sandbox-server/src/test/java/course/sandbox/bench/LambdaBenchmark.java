package course.sandbox.bench;

import com.sun.net.httpserver.HttpServer;
import course.sandbox.e2e.RunningSandbox;
import course.sandbox.lambda.CodeArchive;
import course.sandbox.lambda.HandlerCode;
import course.sandbox.lambda.Jdks;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.io.File;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lambda in the sandbox against the bare runtime client (prints figures; not a test; run with
 * bench/sandbox.sh or bench/lambda.sh):
 * <ol>
 *   <li>cold start of a hello handler through the sandbox (Invoke → response, a new environment each
 *   round) against AWS's runtime interface client started by hand on the same JDK with the same JVM
 *   flags, served by a minimal Runtime API that answers the first /next with the event (process
 *   start → response posted); interleaved rounds, medians and their ratio (target ≤ 1.3×);</li>
 *   <li>warm invoke overhead: SDK Invoke latency minus the handler's own time (target ≤ 2 ms), next to
 *   the latency of an API call that runs no code;</li>
 *   <li>invokes per second from 4 client threads on 4 warm environments.</li>
 * </ol>
 */
public final class LambdaBenchmark {
    private static final int COLD_ROUNDS = 7;
    private static final int WARM_INVOKES = 1_000;
    private static final long THROUGHPUT_MILLIS = 10_000;
    static final String TIMED = """
            package bench;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;

            public class Timed implements RequestHandler<Map<String, Object>, Long> {
                @Override
                public Long handleRequest(Map<String, Object> event, Context context) {
                    long start = System.nanoTime();
                    String greeting = "hello " + event.get("name");
                    return System.nanoTime() - start + greeting.length() * 0L;
                }
            }
            """;

    public static void main(String[] args) throws Exception {
        byte[] zip = HandlerCode.zip(Map.of("bench.Timed", TIMED));
        Path taskRoot = Files.createTempDirectory("bench-task");
        CodeArchive.of(zip, Long.MAX_VALUE).extractTo(taskRoot);
        Jdks.Jdk jdk = Jdks.onThisMachine().forRuntime("java21").orElseThrow();
        System.out.println("JDK for java21: " + jdk.version() + " at " + jdk.home());

        try (RunningSandbox sandbox = RunningSandbox.start();
             IamClient iam = sandbox.iam(RunningSandbox.ROOT);
             LambdaClient lambda = LambdaClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                     .httpClient(ApacheHttpClient.builder().maxConnections(16).build())
                     .credentialsProvider(RunningSandbox.rootCredentials()).build()) {
            String role = iam.createRole(r -> r.roleName("bench").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
                    + "\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
            lambda.createFunction(r -> r.functionName("timed").runtime(Runtime.JAVA21).role(role).memorySize(512)
                    .handler("bench.Timed::handleRequest").code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
            SdkBytes event = SdkBytes.fromUtf8String("{\"name\":\"bench\"}");

            // 1. cold starts, interleaved: bare runtime client, then the sandbox (a changed configuration forces a new environment)
            bare(jdk, taskRoot);
            double[] bare = new double[COLD_ROUNDS];
            double[] cold = new double[COLD_ROUNDS];
            for (int round = 0; round < COLD_ROUNDS; round++) {
                bare[round] = bare(jdk, taskRoot);
                String value = String.valueOf(round);
                lambda.updateFunctionConfiguration(r -> r.functionName("timed").environment(e -> e.variables(Map.of("ROUND", value))));
                // The old environment stops in the background; let it go so it does not share the CPU with the cold start.
                Thread.sleep(500);
                long start = System.nanoTime();
                lambda.invoke(r -> r.functionName("timed").payload(event));
                cold[round] = (System.nanoTime() - start) / 1e6;
                System.out.printf("cold round %d: bare runtime client %.0f ms, sandbox Invoke %.0f ms%n", round + 1, bare[round], cold[round]);
            }
            double bareMedian = median(bare);
            double coldMedian = median(cold);
            System.out.printf("COLD START median: bare %.0f ms, sandbox %.0f ms, ratio %.2fx (target <= 1.3x)%n",
                    bareMedian, coldMedian, coldMedian / bareMedian);

            // 2. warm invoke overhead
            for (int i = 0; i < 300; i++) {
                lambda.invoke(r -> r.functionName("timed").payload(event));
            }
            double[] overhead = new double[WARM_INVOKES];
            double[] latency = new double[WARM_INVOKES];
            for (int i = 0; i < WARM_INVOKES; i++) {
                long start = System.nanoTime();
                String handlerNanos = lambda.invoke(r -> r.functionName("timed").payload(event)).payload().asUtf8String();
                latency[i] = (System.nanoTime() - start) / 1e6;
                overhead[i] = latency[i] - Long.parseLong(handlerNanos) / 1e6;
            }
            Arrays.sort(overhead);
            double[] getFunction = new double[WARM_INVOKES];
            for (int i = 0; i < WARM_INVOKES; i++) {
                long start = System.nanoTime();
                lambda.getFunctionConfiguration(r -> r.functionName("timed"));
                getFunction[i] = (System.nanoTime() - start) / 1e6;
            }
            // Part of every invoke's overhead is the API call itself: SigV4, IAM and the HTTP front.
            System.out.printf("API CALL without running code (GetFunctionConfiguration, same client): median %.2f ms%n",
                    median(getFunction));
            System.out.printf("WARM INVOKE: latency median %.2f ms; overhead over the handler's own time median %.2f ms,"
                    + " p90 %.2f ms, p99 %.2f ms (target <= 2 ms)%n", median(latency), overhead[WARM_INVOKES / 2],
                    overhead[WARM_INVOKES * 9 / 10], overhead[WARM_INVOKES * 99 / 100]);

            // 3. throughput on 4 warm environments: 4 clients at once
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                SdkBytes slow = SdkBytes.fromUtf8String("{\"name\":\"warm-up\"}");
                List<Future<?>> warmUp = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    warmUp.add(clients.submit(() -> lambda.invoke(r -> r.functionName("timed").payload(slow))));
                }
                for (Future<?> call : warmUp) {
                    call.get();
                }
                AtomicLong invokes = new AtomicLong();
                AtomicBoolean running = new AtomicBoolean(true);
                List<Future<?>> load = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < 4; i++) {
                    load.add(clients.submit(() -> {
                        while (running.get()) {
                            lambda.invoke(r -> r.functionName("timed").payload(event));
                            invokes.incrementAndGet();
                        }
                    }));
                }
                Thread.sleep(THROUGHPUT_MILLIS);
                running.set(false);
                for (Future<?> call : load) {
                    call.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("THROUGHPUT: %d invokes in %.1f s = %.0f invokes/s with 4 clients, %d environments running%n",
                        invokes.get(), seconds, invokes.get() / seconds, sandbox.environmentPids().size());
            } finally {
                clients.shutdownNow();
            }
        }
    }

    /**
     * AWS's runtime interface client with the handler, started by hand, served by a Runtime API
     * of a few lines: milliseconds from the process start to the posted response.
     */
    private static double bare(Jdks.Jdk jdk, Path taskRoot) throws Exception {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 4);
        CompletableFuture<Long> responded = new CompletableFuture<>();
        AtomicBoolean served = new AtomicBoolean();
        api.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (path.endsWith("/invocation/next") && served.compareAndSet(false, true)) {
                    byte[] body = "{\"name\":\"bench\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "bench-1");
                    exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 60_000));
                    exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                            "arn:aws:lambda:us-east-1:000000000000:function:bench");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                } else if (path.endsWith("/response")) {
                    exchange.getRequestBody().readAllBytes();
                    responded.complete(System.nanoTime());
                    exchange.sendResponseHeaders(202, -1);
                } else {
                    Thread.sleep(60_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        api.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        }));
        api.start();
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(), "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:MaxHeapSize=435m",
                "-Djava.net.preferIPv4Stack=true"));
        if (jdk.feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        if (jdk.feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", runtimeClientClasspath(), "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "bench.Timed::handleRequest"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.getAddress().getPort());
        builder.environment().put("_HANDLER", "bench.Timed::handleRequest");
        long start = System.nanoTime();
        Process process = builder.start();
        long end = responded.get(60, TimeUnit.SECONDS);
        process.destroyForcibly().waitFor();
        api.stop(0);
        return (end - start) / 1e6;
    }

    private static String runtimeClientClasspath() throws Exception {
        List<String> jars = new ArrayList<>();
        for (String className : List.of("com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "com.amazonaws.services.lambda.runtime.Context", "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                "software.amazon.awssdk.utilslite.SdkInternalThreadLocal", "software.amazon.awssdk.annotations.SdkInternalApi")) {
            String jar = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!jars.contains(jar)) {
                jars.add(jar);
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
