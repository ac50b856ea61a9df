package course.sandbox.lambda;

import course.sandbox.http.Headers;
import course.sandbox.http.HttpFront;
import course.sandbox.http.HttpLimits;
import course.sandbox.http.HttpRefusal;
import course.sandbox.http.RequestBodyException;
import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;
import course.sandbox.lambda.LambdaModel.FunctionConfig;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment: a child JVM running AWS's runtime interface client with the
 * function's code, and the Runtime API it talks to (on its own loopback port, as
 * {@code AWS_LAMBDA_RUNTIME_API}). The environment initializes once (cold start), then takes one
 * invocation at a time (warm); its output goes to the function's log stream with Lambda's
 * START, END and REPORT lines around each invocation.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Lambda Runtime API</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html">Execution environment lifecycle</a>
 */
final class ExecutionEnvironment {
    /** Lambda's init phase may take 10 s; past that the invocation's own timeout applies as well. */
    static final Duration INIT_LIMIT = Duration.ofSeconds(10);
    /** A response or error body of a synchronous invocation: at most 6 MB. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    private static final String API = "/2018-06-01/runtime";
    /** How long END waits for the runtime to ask for its next event after the response. */
    private static final Duration PHASE_END_GRACE = Duration.ofSeconds(2);
    /** One runtime client per environment: a few connections and workers; a response body up to Lambda's limit. */
    private static final HttpLimits RUNTIME_API_LIMITS = new HttpLimits(Duration.ofSeconds(20), Duration.ofSeconds(20),
            Duration.ofMinutes(15), 64 * 1024, MAX_RESPONSE_BYTES, 16, 4);

    /** Where an environment's lines go: the function's log stream. */
    interface LogSink {
        void write(String stream, List<Instant> times, List<String> messages);
    }

    /** Everything needed to start one environment. */
    record Spec(FunctionConfig config, Jdks.Jdk jdk, List<Path> classpath, List<String> arguments, Path nativeLibrary,
                Path taskRoot, Map<String, String> variables, boolean provisioned, Path outputDirectory, Clock clock, LogSink logs) {
    }

    /** How an invocation ended. */
    enum Result { RESPONSE, FUNCTION_ERROR, TIMEOUT, EXIT, TOO_LARGE, INIT_ERROR }

    /** One invocation handed to the environment, and its outcome. */
    static final class Invocation {
        final String requestId;
        final byte[] payload;
        final String invokedArn;
        final String clientContext;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        /** Done when the runtime asks for its next event (or exits): the end of the invoke phase. */
        final CompletableFuture<Void> phaseEnded = new CompletableFuture<>();
        final StringBuilder log = new StringBuilder();
        long deadlineEpochMillis;

        Invocation(String requestId, byte[] payload, String invokedArn, String clientContext) {
            this.requestId = requestId;
            this.payload = payload;
            this.invokedArn = invokedArn;
            this.clientContext = clientContext;
        }
    }

    /**
     * @param body      the function's response, or Lambda's error document
     * @param errorType the error type for function errors (Unhandled answers), else null
     */
    record Outcome(Result result, byte[] body, String errorType) {
    }

    /** The invocation's result with the figures of its REPORT line. */
    record Report(Outcome outcome, double durationMillis, long billedMillis, long maxMemoryMb, Double initMillis,
                  String log) {
    }

    private final String id = HexFormat.of().formatHex(randomBytes(16));
    private final Spec spec;
    private final String logStream;
    private final HttpFront api;
    private final Process process;
    private final Path output;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Outcome> init = new CompletableFuture<>();
    private final Object lock = new Object();
    private Invocation pending;
    private Invocation current;
    private boolean stopped;
    private volatile double initMillis = -1;
    private boolean initReported;

    /** Output read so far, and the line not yet ended by a newline. */
    private long outputOffset;
    private final java.io.ByteArrayOutputStream partialLine = new java.io.ByteArrayOutputStream();
    /** Lines waiting to be shipped, with the time each was seen. */
    private final List<Instant> bufferedTimes = new ArrayList<>();
    private final List<String> bufferedMessages = new ArrayList<>();
    private volatile Instant lastUsed;
    private volatile long peakMemoryMb;

    private ExecutionEnvironment(Spec spec) throws IOException {
        this.spec = spec;
        Instant now = spec.clock().instant();
        this.lastUsed = now;
        this.logStream = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(java.time.ZoneOffset.UTC).format(now)
                + "/[" + spec.config().version() + "]" + id;
        // The sandbox's own HTTP front, not the JDK's HttpServer: that one writes head and body in two
        // segments without TCP_NODELAY, and delayed ACKs then add ~40 ms to each warm invocation.
        this.api = HttpFront.start(0, new RuntimeApi(), RUNTIME_API_LIMITS, System.err);
        this.output = spec.outputDirectory().resolve(id + ".log");
        Files.createDirectories(spec.outputDirectory());
        Files.createFile(output);
        writePlatform("INIT_START Runtime Version: " + (spec.config().image() != null ? "image (its entry point, run on the sandbox's JDK)"
                : spec.config().runtime().replace("java", "java:") + ".sandbox") + "\t"
                + "Runtime Version ARN: none (the sandbox runs it on JDK " + spec.jdk().version() + " at " + spec.jdk().home() + ")");
        try {
            this.process = launch();
        } catch (IOException e) {
            api.close();
            throw e;
        }
        process.onExit().thenRun(this::exited);
    }

    /** Starts the JVM; the environment is initializing until the runtime first asks for an invocation. */
    static ExecutionEnvironment start(Spec spec) {
        try {
            return new ExecutionEnvironment(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an execution environment: " + e.getMessage(), e);
        }
    }

    String id() {
        return id;
    }

    FunctionConfig config() {
        return spec.config();
    }

    boolean provisioned() {
        return spec.provisioned();
    }

    String logStream() {
        return logStream;
    }

    long pid() {
        return process.pid();
    }

    Instant lastUsed() {
        return lastUsed;
    }

    boolean alive() {
        synchronized (lock) {
            return !stopped && process.isAlive();
        }
    }

    /** Waits for the init phase; an environment that failed to init is stopped. */
    Outcome awaitInit(Duration limit) throws InterruptedException {
        try {
            return init.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillInitializing) {
            return null;
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible.getCause());
        }
    }

    boolean initialized() {
        return init.isDone();
    }

    /**
     * Runs one invocation: the START line, the event to the runtime, its response or error (or
     * the timeout, which stops the environment), then END and REPORT.
     *
     * @param initWait how long the init phase may still take before the invocation's timeout starts
     */
    Report invoke(Invocation invocation, boolean cold) throws InterruptedException {
        FunctionConfig config = spec.config();
        long timeoutMillis = config.timeout() * 1000L;
        Outcome initOutcome = awaitInit(INIT_LIMIT);
        long begin = System.nanoTime();
        if (initOutcome == null) {
            // Still initializing after 10 s: the rest of init runs on the invocation's own clock.
            initOutcome = awaitInit(Duration.ofMillis(timeoutMillis));
            if (initOutcome == null) {
                return timedOut(invocation, begin, cold);
            }
        }
        if (initOutcome.result() != Result.RESPONSE) {
            return initFailed(invocation, initOutcome);
        }
        writePlatform("START RequestId: " + invocation.requestId + " Version: " + config.version(), invocation);
        long remaining = timeoutMillis - (System.nanoTime() - begin) / 1_000_000;
        invocation.deadlineEpochMillis = System.currentTimeMillis() + Math.max(remaining, 1);
        long dispatched = System.nanoTime();
        synchronized (lock) {
            if (stopped) {
                invocation.outcome.complete(exitOutcome(invocation.requestId));
            } else {
                pending = invocation;
                lock.notifyAll();
            }
        }
        Outcome outcome;
        try {
            outcome = invocation.outcome.get(Math.max(remaining, 1), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            return timedOut(invocation, begin, cold);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible.getCause());
        }
        // The invoke phase ends when the runtime asks for the next event: what it logs after
        // posting the response (a function error's stack trace) still belongs before END.
        try {
            invocation.phaseEnded.get(PHASE_END_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException slowRuntime) {
            // the response is in; the lines it prints later follow END
        }
        double duration = (System.nanoTime() - dispatched) / 1e6;
        lastUsed = spec.clock().instant();
        if (outcome.result() == Result.EXIT) {
            writeOutput(invocation);
            writePlatform("RequestId: " + invocation.requestId + " Error: Runtime exited with error: " + exitStatus(),
                    invocation);
            return report(invocation, outcome, duration, cold, "\tStatus: error\tError Type: Runtime.ExitError");
        }
        return report(invocation, outcome, duration, cold, "");
    }

    private Report timedOut(Invocation invocation, long begin, boolean cold) {
        double seconds = spec.config().timeout();
        writeOutput(invocation);
        maxMemoryMb();
        stop();
        writePlatform(Instant.now().toString() + " " + invocation.requestId + " Task timed out after "
                + String.format(Locale.ROOT, "%.2f", seconds) + " seconds", invocation);
        String document = "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: " + invocation.requestId
                + " Error: Task timed out after " + String.format(Locale.ROOT, "%.2f", seconds) + " seconds\"}";
        Outcome outcome = new Outcome(Result.TIMEOUT, document.getBytes(StandardCharsets.UTF_8), "Unhandled");
        return report(invocation, outcome, (System.nanoTime() - begin) / 1e6, cold, "\tStatus: timeout");
    }

    private Report initFailed(Invocation invocation, Outcome initOutcome) {
        writeOutput(invocation);
        stop();
        String errorType = initOutcome.errorType() == null ? "Runtime.Unknown" : initOutcome.errorType();
        if (!initReported) {
            initReported = true;
            writePlatform("INIT_REPORT Init Duration: " + millis(Math.max(initMillis, 0)) + " ms\tPhase: init\tStatus: error\t"
                    + "Error Type: " + errorType, invocation);
        }
        writePlatform("START RequestId: " + invocation.requestId + " Version: " + spec.config().version(), invocation);
        Outcome outcome = new Outcome(Result.INIT_ERROR, initOutcome.body(), "Unhandled");
        return report(invocation, outcome, 0, false, "\tStatus: error\tError Type: " + errorType);
    }

    private Report report(Invocation invocation, Outcome outcome, double durationMillis, boolean cold, String status) {
        writeOutput(invocation);
        writePlatform("END RequestId: " + invocation.requestId, invocation);
        long memory = maxMemoryMb();
        Double init = cold && initMillis >= 0 ? initMillis : null;
        // Since August 2025 Lambda bills the init phase of on-demand functions too.
        long billed = (long) Math.ceil(durationMillis + (init == null ? 0 : init));
        writePlatform("REPORT RequestId: " + invocation.requestId + "\tDuration: " + millis(durationMillis) + " ms\t"
                + "Billed Duration: " + billed + " ms\tMemory Size: " + spec.config().memorySize() + " MB\t"
                + "Max Memory Used: " + memory + " MB\t" + (init == null ? "" : "Init Duration: " + millis(init) + " ms\t")
                + status.stripLeading(), invocation);
        flushLogs();
        return new Report(outcome, durationMillis, billed, memory, init, invocation.log.toString());
    }

    /** Stops the JVM and every process it started, and the Runtime API. */
    void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
        writeOutput(null);
        flushLogs();
        try {
            Files.deleteIfExists(output);
        } catch (IOException ignored) {
            // a temporary file in the sandbox's own folder, removed with it
        }
    }

    /** Ships what the function printed since the last look (called periodically and around invocations). */
    void pollOutput() {
        Invocation running;
        synchronized (lock) {
            running = current;
        }
        writeOutput(running);
        flushLogs();
    }

    // ---- the child JVM

    private Process launch() throws IOException {
        FunctionConfig config = spec.config();
        List<String> command = new ArrayList<>();
        command.add(spec.jdk().java().toString());
        // Lambda's Java runtimes: C1 only (tiered compilation stops at level 1), the serial collector, CDS.
        command.addAll(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:MaxHeapSize=" + Math.max(64, config.memorySize() * 85 / 100) + "m", "-Djava.net.preferIPv4Stack=true"));
        if (spec.jdk().feature() >= 22) {
            // The runtime client loads its native library and uses sun.misc.Unsafe: allowed quietly, as in Lambda.
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        if (spec.jdk().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + spec.nativeLibrary());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, spec.classpath().stream().map(Path::toString).toList()));
        command.add("course.sandbox.lambda.runtime.EnvironmentLauncher");
        command.addAll(spec.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.taskRoot().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(spec.variables());
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.port());
        builder.environment().put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
        builder.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", spec.provisioned() ? "provisioned-concurrency" : "on-demand");
        return builder.start();
    }

    private void exited() {
        Invocation running;
        synchronized (lock) {
            stopped = true;
            running = current != null ? current : pending;
            lock.notifyAll();
        }
        String document = "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: %s Error: Runtime exited with error: "
                + exitStatus() + "\"}";
        init.complete(new Outcome(Result.INIT_ERROR, String.format(document, "-").getBytes(StandardCharsets.UTF_8),
                "Runtime.ExitError"));
        if (running != null) {
            running.outcome.complete(exitOutcome(running.requestId));
            running.phaseEnded.complete(null);
        }
    }

    private Outcome exitOutcome(String requestId) {
        String document = "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: " + requestId
                + " Error: Runtime exited with error: " + exitStatus() + "\"}";
        return new Outcome(Result.EXIT, document.getBytes(StandardCharsets.UTF_8), "Unhandled");
    }

    private String exitStatus() {
        if (process.isAlive()) {
            return "exit status unknown";
        }
        int code = process.exitValue();
        return code > 128 ? "signal: " + (code == 137 ? "killed" : "signal " + (code - 128)) : "exit status " + code;
    }

    /** The JVM's peak resident memory (VmHWM); once it has ended, the last figure read. */
    private long maxMemoryMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    peakMemoryMb = Math.max(peakMemoryMb, (kb + 1023) / 1024);
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // a process that already ended has no figure left: the last one stands
        }
        return peakMemoryMb;
    }

    // ---- the Runtime API

    /** What the runtime client asks of the environment: its next event, and where each ended. */
    private final class RuntimeApi implements HttpFront.Handler {
        @Override
        public SandboxResponse handle(SandboxRequest request) {
            String path = request.rawPath();
            String method = request.method();
            if (method.equals("GET") && path.equals(API + "/invocation/next")) {
                return next();
            }
            if (method.equals("POST") && path.equals(API + "/init/error")) {
                String type = request.headers().first("Lambda-Runtime-Function-Error-Type").orElse("Runtime.Unknown");
                init.complete(new Outcome(Result.INIT_ERROR, request.body(), type));
                return SandboxResponse.json(202, "{\"status\":\"OK\"}");
            }
            if (method.equals("POST") && path.startsWith(API + "/invocation/")
                    && (path.endsWith("/response") || path.endsWith("/error"))) {
                byte[] body;
                try {
                    body = request.body();
                } catch (UncheckedIOException unreadable) {
                    if (unreadable.getCause() instanceof RequestBodyException refused) {
                        // a chunked body over the limit: found while reading, not from its head
                        return refuse(refused.refusal(), request);
                    }
                    throw unreadable;
                }
                return complete(requestId(path), path.endsWith("/response"), body);
            }
            return SandboxResponse.json(404, "{\"errorMessage\":\"Unknown request: " + method + " " + path.replace("\"", "")
                    + "\",\"errorType\":\"InvalidRequest\"}");
        }

        /** A response larger than Lambda's limit fails the invocation; anything else the front refuses is malformed. */
        @Override
        public SandboxResponse refuse(HttpRefusal refusal, SandboxRequest head) {
            String path = head.rawPath();
            if (refusal == HttpRefusal.ENTITY_TOO_LARGE && path.startsWith(API + "/invocation/") && path.endsWith("/response")) {
                Invocation invocation = currentInvocation(requestId(path));
                if (invocation != null) {
                    String document = "{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size ("
                            + MAX_RESPONSE_BYTES + " bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}";
                    invocation.outcome.complete(new Outcome(Result.TOO_LARGE, document.getBytes(StandardCharsets.UTF_8), "Unhandled"));
                }
                return SandboxResponse.json(413, "{\"errorMessage\":\"Exceeded maximum allowed payload size ("
                        + MAX_RESPONSE_BYTES + " bytes).\",\"errorType\":\"RequestEntityTooLarge\"}");
            }
            return SandboxResponse.json(refusal.status(), "{\"errorMessage\":\"" + refusal.message()
                    + "\",\"errorType\":\"" + refusal.code() + "\"}");
        }
    }

    private static String requestId(String path) {
        String rest = path.substring((API + "/invocation/").length());
        return rest.substring(0, Math.max(rest.lastIndexOf('/'), 0));
    }

    private Invocation currentInvocation(String requestId) {
        synchronized (lock) {
            return current != null && current.requestId.equals(requestId) ? current : null;
        }
    }

    private SandboxResponse next() {
        Invocation invocation;
        synchronized (lock) {
            if (!init.isDone()) {
                initMillis = (System.nanoTime() - startNanos) / 1e6;
                init.complete(new Outcome(Result.RESPONSE, new byte[0], null));
            }
            if (current != null && current.outcome.isDone()) {
                current.phaseEnded.complete(null);
                current = null;
            }
            while (pending == null && !stopped) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    // the front shuts down with the environment
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (pending == null) {
                return SandboxResponse.json(410, "{\"errorMessage\":\"The environment is shutting down\",\"errorType\":\"Shutdown\"}");
            }
            invocation = pending;
            pending = null;
            current = invocation;
        }
        // The runtime client fails without a Content-Type on the event.
        Headers headers = new Headers().add("Content-Type", "application/json")
                .add("Lambda-Runtime-Aws-Request-Id", invocation.requestId)
                .add("Lambda-Runtime-Deadline-Ms", String.valueOf(invocation.deadlineEpochMillis))
                .add("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedArn)
                .add("Lambda-Runtime-Trace-Id", traceId());
        if (invocation.clientContext != null) {
            headers.add("Lambda-Runtime-Client-Context", invocation.clientContext);
        }
        return new SandboxResponse(200, headers, invocation.payload);
    }

    private SandboxResponse complete(String requestId, boolean success, byte[] body) {
        Invocation invocation = currentInvocation(requestId);
        if (invocation == null) {
            return SandboxResponse.json(400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
        }
        invocation.outcome.complete(new Outcome(success ? Result.RESPONSE : Result.FUNCTION_ERROR, body, success ? null : "Unhandled"));
        return SandboxResponse.json(202, "{\"status\":\"OK\"}");
    }

    private static String traceId() {
        long seconds = System.currentTimeMillis() / 1000;
        return "Root=1-" + Long.toHexString(seconds) + "-" + HexFormat.of().formatHex(randomBytes(12))
                + ";Parent=" + HexFormat.of().formatHex(randomBytes(8)) + ";Sampled=0;Lineage=1:"
                + HexFormat.of().formatHex(randomBytes(4)) + ":0";
    }

    // ---- logs

    /** Writes one platform line (START, END, REPORT...) after the output printed before it. */
    private void writePlatform(String line, Invocation invocation) {
        synchronized (partialLine) {
            writeOutput(invocation);
            append(List.of(line), invocation);
        }
    }

    private void writePlatform(String line) {
        writePlatform(line, null);
    }

    /**
     * Ships complete lines printed so far. Everything the function flushed before it posted its
     * response is in the file by then, so END always comes after the invocation's output.
     */
    private void writeOutput(Invocation invocation) {
        synchronized (partialLine) {
            List<String> lines = new ArrayList<>();
            try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
                long length = file.length();
                if (length > outputOffset) {
                    byte[] bytes = new byte[(int) Math.min(length - outputOffset, 8 * 1024 * 1024)];
                    file.seek(outputOffset);
                    file.readFully(bytes);
                    outputOffset += bytes.length;
                    for (byte b : bytes) {
                        if (b == '\n') {
                            lines.add(partialLine.toString(StandardCharsets.UTF_8));
                            partialLine.reset();
                        } else {
                            partialLine.write(b);
                        }
                    }
                }
            } catch (IOException gone) {
                // the file goes with a stopped environment
            }
            if (partialLine.size() > 0 && (invocation == null || invocation.outcome.isDone())) {
                lines.add(partialLine.toString(StandardCharsets.UTF_8));
                partialLine.reset();
            }
            if (!lines.isEmpty()) {
                append(lines, invocation);
            }
        }
    }

    /** Sends the buffered lines to the log stream: once per invocation, and on each periodic look. */
    private void flushLogs() {
        synchronized (partialLine) {
            if (!bufferedMessages.isEmpty()) {
                spec.logs().write(logStream, List.copyOf(bufferedTimes), List.copyOf(bufferedMessages));
                bufferedTimes.clear();
                bufferedMessages.clear();
            }
        }
    }

    private void append(List<String> lines, Invocation invocation) {
        Instant now = spec.clock().instant();
        for (String line : lines) {
            String message = line + "\n";
            bufferedTimes.add(now);
            bufferedMessages.add(message);
            if (invocation != null) {
                invocation.log.append(message);
            }
        }
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
