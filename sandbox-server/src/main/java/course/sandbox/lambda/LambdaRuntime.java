package course.sandbox.lambda;

import course.sandbox.lambda.ExecutionEnvironment.Invocation;
import course.sandbox.lambda.ExecutionEnvironment.Report;
import course.sandbox.lambda.LambdaModel.FunctionConfig;
import course.sandbox.lambda.LambdaModel.LayerUse;
import course.sandbox.lambda.LambdaModel.Scope;
import course.sandbox.logs.LogsModel;
import course.sandbox.service.ServiceException;
import course.sandbox.sts.SessionCredentials;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs functions: a pool of {@link ExecutionEnvironment}s per function version, reused while
 * warm, a new one when all are busy, reserved and account concurrency enforced (429 when
 * exhausted), provisioned environments started ahead, asynchronous invocations queued and
 * retried as Lambda retries them. Every environment stops with the sandbox.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html">Lambda concurrency</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html">Async retries</a>
 */
public final class LambdaRuntime implements AutoCloseable {
    /** Each environment is a JVM: the sandbox runs at most this many at once on one machine. */
    public static final int MAX_ENVIRONMENTS = 32;
    /** An on-demand environment left idle this long is stopped (Lambda keeps them for minutes, too). */
    static final Duration IDLE_LIMIT = Duration.ofMinutes(10);
    /** How long an invocation waits for a finishing environment of its version before starting a new one. */
    private static final Duration FINISHING_WAIT = Duration.ofMillis(50);
    private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String LAUNCHER = "course/sandbox/lambda/runtime/EnvironmentLauncher.class";
    /** Lambda retries a failed asynchronous invocation twice: after one minute, then after two more. */
    private static final List<Duration> ASYNC_RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));
    private static final Duration MAX_EVENT_AGE = Duration.ofHours(6);

    /** Mints session credentials of a function's execution role, as Lambda gets them from STS. */
    @FunctionalInterface
    public interface RoleSessions {
        SessionCredentials issue(String roleArn, String sessionName);
    }

    /** What an Invoke answers. */
    public record Result(byte[] payload, String functionError, String executedVersion, String log) {
    }

    private record PoolKey(Scope scope, String function, String version, String revisionId) {
    }

    private static final class Pool {
        final FunctionConfig config;
        final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
        final List<ExecutionEnvironment> provisioned = new ArrayList<>();
        /** Environments whose caller has its answer but whose END and REPORT are still being written. */
        int finishing;
        boolean retired;

        Pool(FunctionConfig config) {
            this.config = config;
        }
    }

    /** Provisioned concurrency of one qualifier: requested, how many are initialized, and status. */
    public record ProvisionedState(int requested, int allocated, String status, String reason, Instant modified) {
    }

    private final LogsModel logs;
    private final RoleSessions roles;
    private final Clock clock;
    private final String endpoint;
    private final PrintStream console;
    private final Jdks jdks;
    private final Path workDirectory;
    private final List<Path> runtimeClasspath;
    private final ExecutorService asyncInvokes;
    /** Each running invocation's thread: it finishes the log and frees the environment after the caller has its answer. */
    private final ExecutorService invokeThreads;
    private final ScheduledExecutorService housekeeping;
    private volatile LambdaMetrics metrics = LambdaMetrics.NONE;

    private final Map<PoolKey, Pool> pools = new LinkedHashMap<>();
    private final Map<String, Integer> busyByFunction = new HashMap<>();
    private final Map<Scope, Integer> unreservedBusy = new HashMap<>();
    private final Map<String, ProvisionedState> provisionedStates = new LinkedHashMap<>();
    private final Map<String, Path> extracted = new HashMap<>();
    /** Every environment started and not yet stopped, busy or idle. */
    private final java.util.Set<ExecutionEnvironment> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int liveEnvironments;
    private boolean closed;

    /**
     * @param endpoint the sandbox's own endpoint, which functions' SDK clients reach through AWS_ENDPOINT_URL
     * @param console  where the sandbox says which JDK runs which runtime
     */
    public LambdaRuntime(LogsModel logs, RoleSessions roles, Clock clock, String endpoint, PrintStream console) {
        this.logs = logs;
        this.roles = roles;
        this.clock = clock;
        this.endpoint = endpoint;
        this.console = console;
        this.jdks = Jdks.onThisMachine();
        try {
            this.workDirectory = Files.createTempDirectory("course-lambda-");
            this.runtimeClasspath = runtimeClasspath(workDirectory.resolve("runtime"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.asyncInvokes = Executors.newFixedThreadPool(4, daemon("lambda-async"));
        this.invokeThreads = Executors.newCachedThreadPool(daemon("lambda-invoke"));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(daemon("lambda-housekeeping"));
        housekeeping.scheduleWithFixedDelay(this::housekeeping, 200, 200, TimeUnit.MILLISECONDS);
    }

    public void metrics(LambdaMetrics sink) {
        this.metrics = sink;
    }

    public Jdks jdks() {
        return jdks;
    }

    /**
     * Runs one synchronous invocation of {@code config} and waits for it: on an idle environment
     * of that version when there is one (warm), else on a new one (cold).
     *
     * @throws ServiceException 429 TooManyRequestsException when concurrency is exhausted
     */
    public Result invoke(Scope scope, FunctionConfig config, Optional<Integer> reserved, int unreservedLimit,
                         String invokedArn, byte[] payload, String clientContext, boolean withLog) {
        Lease lease = acquire(scope, config, reserved, unreservedLimit);
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), payload, invokedArn, clientContext);
        CompletableFuture<Report> report = CompletableFuture.supplyAsync(() -> {
            try {
                Report done = lease.environment.invoke(invocation, lease.cold);
                metrics.invoked(scope, config.name(), done.durationMillis(), done.outcome().errorType() != null, lease.concurrent);
                return done;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(lease.environment);
                throw new ServiceException(500, "ServiceException", "The invocation was interrupted.");
            } finally {
                release(lease);
            }
        }, invokeThreads);
        try {
            if (!withLog) {
                // The caller has its answer once the function posted it; END and REPORT follow
                // when the runtime asks for its next event, and only then is the environment free.
                CompletableFuture.anyOf(invocation.outcome, report).get();
                if (invocation.outcome.isDone() && !report.isDone()) {
                    finishing(lease.pool, report);
                    ExecutionEnvironment.Outcome outcome = invocation.outcome.get();
                    return new Result(outcome.body(), outcome.errorType(), config.version(), "");
                }
            }
            Report done = report.get();
            return new Result(done.outcome().body(), done.outcome().errorType(), config.version(), done.log());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(500, "ServiceException", "The invocation was interrupted.");
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(failed.getCause());
        }
    }

    /** Queues an asynchronous invocation (InvocationType Event); retried on errors and throttles as Lambda does. */
    public void invokeAsync(Scope scope, java.util.function.Supplier<FunctionConfig> config,
                            java.util.function.Supplier<Optional<Integer>> reserved,
                            java.util.function.IntSupplier unreservedLimit, String invokedArn, byte[] payload) {
        Instant queued = clock.instant();
        asyncInvokes.submit(() -> runAsync(scope, config, reserved, unreservedLimit, invokedArn, payload, queued, 0, 0));
    }

    private void runAsync(Scope scope, java.util.function.Supplier<FunctionConfig> config,
                          java.util.function.Supplier<Optional<Integer>> reserved, java.util.function.IntSupplier unreservedLimit,
                          String invokedArn, byte[] payload, Instant queued, int retries, int throttles) {
        if (closed || Duration.between(queued, clock.instant()).compareTo(MAX_EVENT_AGE) > 0) {
            return;
        }
        try {
            Result result = invoke(scope, config.get(), reserved.get(), unreservedLimit.getAsInt(), invokedArn, payload, null,
                    true);
            if (result.functionError() != null && retries < ASYNC_RETRY_DELAYS.size()) {
                schedule(ASYNC_RETRY_DELAYS.get(retries), () -> runAsync(scope, config, reserved, unreservedLimit, invokedArn,
                        payload, queued, retries + 1, throttles));
            }
        } catch (ServiceException throttledOrGone) {
            if (throttledOrGone.status() == 429) {
                // Throttled events wait in the queue and are tried again, backing off up to 5 minutes.
                Duration delay = Duration.ofSeconds(Math.min(300, 1L << Math.min(throttles, 8)));
                schedule(delay, () -> runAsync(scope, config, reserved, unreservedLimit, invokedArn, payload, queued,
                        retries, throttles + 1));
            }
        }
    }

    private void schedule(Duration delay, Runnable task) {
        if (!closed) {
            housekeeping.schedule(() -> asyncInvokes.submit(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // ---- environments

    private record Lease(Pool pool, PoolKey key, ExecutionEnvironment environment, boolean cold, boolean unreserved,
                         int concurrent) {
    }

    private Lease acquire(Scope scope, FunctionConfig config, Optional<Integer> reserved, int unreservedLimit) {
        PoolKey key = new PoolKey(scope, config.name(), config.version(), config.revisionId());
        String function = functionKey(scope, config.name());
        Pool pool;
        ExecutionEnvironment environment = null;
        int concurrent;
        synchronized (this) {
            if (closed) {
                throw new ServiceException(503, "ServiceException", "The sandbox is stopping.");
            }
            // An environment whose caller already has its answer frees its slot within moments: wait for it.
            long slotWait = System.nanoTime() + FINISHING_WAIT.toNanos();
            while (limitReached(scope, function, reserved, unreservedLimit) && finishing(scope, config.name()) > 0
                    && System.nanoTime() < slotWait) {
                try {
                    wait(Math.max(1, (slotWait - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            int busy = busyByFunction.getOrDefault(function, 0);
            if (reserved.isPresent() && busy >= reserved.get()) {
                metrics.throttled(scope, config.name());
                throw LambdaErrors.throttled("ReservedFunctionConcurrentInvocationLimitExceeded", "Rate Exceeded.");
            }
            if (reserved.isEmpty() && unreservedBusy.getOrDefault(scope, 0) >= unreservedLimit) {
                metrics.throttled(scope, config.name());
                throw LambdaErrors.throttled("ConcurrentInvocationLimitExceeded", "Rate Exceeded.");
            }
            pool = pools.computeIfAbsent(key, k -> new Pool(config));
            environment = takeIdle(pool);
            // One that is about to be free (its runtime is asking for the next event) beats a cold start.
            long waitUntil = System.nanoTime() + FINISHING_WAIT.toNanos();
            while (environment == null && pool.finishing > 0 && System.nanoTime() < waitUntil) {
                try {
                    wait(Math.max(1, (waitUntil - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                environment = takeIdle(pool);
            }
            if (environment == null) {
                if (liveEnvironments >= MAX_ENVIRONMENTS && !evictIdle()) {
                    metrics.throttled(scope, config.name());
                    throw LambdaErrors.throttled("ConcurrentInvocationLimitExceeded", "Rate Exceeded. The sandbox runs at most "
                            + MAX_ENVIRONMENTS + " execution environments (one JVM each) at once, and all are busy.");
                }
                liveEnvironments++;
            }
            busyByFunction.merge(function, 1, Integer::sum);
            if (reserved.isEmpty()) {
                unreservedBusy.merge(scope, 1, Integer::sum);
            }
            concurrent = busy + 1;
        }
        boolean cold = environment == null;
        if (cold) {
            try {
                environment = startEnvironment(scope, config, false);
            } catch (RuntimeException failed) {
                synchronized (this) {
                    liveEnvironments--;
                    busyByFunction.merge(function, -1, Integer::sum);
                    if (reserved.isEmpty()) {
                        unreservedBusy.merge(scope, -1, Integer::sum);
                    }
                }
                throw failed;
            }
        }
        return new Lease(pool, key, environment, cold && !environment.provisioned(), reserved.isEmpty(), concurrent);
    }

    private boolean limitReached(Scope scope, String function, Optional<Integer> reserved, int unreservedLimit) {
        return reserved.isPresent() ? busyByFunction.getOrDefault(function, 0) >= reserved.get()
                : unreservedBusy.getOrDefault(scope, 0) >= unreservedLimit;
    }

    /** Environments of a function (any version) whose END and REPORT are still being written. */
    private int finishing(Scope scope, String function) {
        int count = 0;
        for (Map.Entry<PoolKey, Pool> entry : pools.entrySet()) {
            if (entry.getKey().scope().equals(scope) && entry.getKey().function().equals(function)) {
                count += entry.getValue().finishing;
            }
        }
        return count;
    }

    /** Counts the environment as finishing until its report is written. */
    private void finishing(Pool pool, CompletableFuture<Report> report) {
        synchronized (this) {
            pool.finishing++;
        }
        report.whenComplete((done, failed) -> {
            synchronized (this) {
                pool.finishing--;
                notifyAll();
            }
        });
    }

    private ExecutionEnvironment takeIdle(Pool pool) {
        for (ExecutionEnvironment provisioned : pool.provisioned) {
            if (pool.idle.remove(provisioned)) {
                if (provisioned.alive()) {
                    return provisioned;
                }
            }
        }
        while (!pool.idle.isEmpty()) {
            ExecutionEnvironment candidate = pool.idle.pollFirst();
            if (candidate.alive()) {
                return candidate;
            }
            liveEnvironments--;
        }
        return null;
    }

    /** Frees a slot by stopping the idle on-demand environment unused the longest; false when none is idle. */
    private boolean evictIdle() {
        Pool oldestPool = null;
        ExecutionEnvironment oldest = null;
        for (Pool pool : pools.values()) {
            for (ExecutionEnvironment candidate : pool.idle) {
                if (!candidate.provisioned() && (oldest == null || candidate.lastUsed().isBefore(oldest.lastUsed()))) {
                    oldest = candidate;
                    oldestPool = pool;
                }
            }
        }
        if (oldest == null) {
            return false;
        }
        oldestPool.idle.remove(oldest);
        liveEnvironments--;
        ExecutionEnvironment stopping = oldest;
        asyncInvokes.submit(() -> stop(stopping));
        return true;
    }

    private void release(Lease lease) {
        String function = functionKey(lease.key.scope(), lease.key.function());
        boolean stop;
        synchronized (this) {
            busyByFunction.merge(function, -1, Integer::sum);
            if (lease.unreserved) {
                unreservedBusy.merge(lease.key.scope(), -1, Integer::sum);
            }
            stop = closed || lease.pool.retired || !lease.environment.alive();
            if (stop) {
                liveEnvironments--;
                lease.pool.provisioned.remove(lease.environment);
            } else {
                lease.pool.idle.addFirst(lease.environment);
            }
            notifyAll();
        }
        if (stop) {
            stop(lease.environment);
        }
    }

    private ExecutionEnvironment startEnvironment(Scope scope, FunctionConfig config, boolean provisioned) {
        // An image brings no Runtime: it runs on the newest installed JDK (its own JDK is not used).
        String runtime = config.image() != null ? "java11" : config.runtime();
        Jdks.Jdk jdk = jdks.forRuntime(runtime).orElseThrow(() -> new ServiceException(502,
                "InvalidRuntimeException", "No JDK of at least version " + runtime.substring(4)
                + " is installed, so the sandbox cannot run " + runtime + "; install one under /usr/lib/jvm."));
        List<Path> classpath = new ArrayList<>();
        List<String> arguments;
        Path taskRoot;
        String handler;
        if (config.image() != null) {
            ContainerImage.Launch launch = imageLaunch(config.image());
            // Only the launcher (which ends the JVM with the sandbox) joins the image's own class path.
            classpath.add(runtimeClasspath.get(0));
            launch.classpath().forEach(entry -> classpath.add(Path.of(entry)));
            arguments = launch.arguments();
            taskRoot = launch.workingDirectory();
            handler = arguments.isEmpty() ? "" : arguments.get(0);
        } else {
            classpath.addAll(runtimeClasspath);
            for (LayerUse layer : config.layers()) {
                classpath.addAll(jars(extract("layer", layer.code()).resolve("java").resolve("lib")));
            }
            taskRoot = extract("code", config.code());
            handler = config.handler();
            arguments = List.of(handler);
        }
        SessionCredentials credentials = roles.issue(config.role(), config.name());
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        variables.put("LANG", "en_US.UTF-8");
        variables.put("TZ", ":UTC");
        variables.put("AWS_ENDPOINT_URL", endpoint);
        variables.putAll(config.environment());
        variables.put("_HANDLER", handler);
        variables.put("AWS_REGION", scope.region());
        variables.put("AWS_DEFAULT_REGION", scope.region());
        if (config.image() == null) {
            variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + config.runtime());
        }
        variables.put("AWS_LAMBDA_FUNCTION_NAME", config.name());
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(config.memorySize()));
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", config.version());
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", config.logGroup());
        variables.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        variables.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        variables.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        variables.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        variables.put("LAMBDA_RUNTIME_DIR", workDirectory.resolve("runtime").toString());
        ExecutionEnvironment.Spec spec = new ExecutionEnvironment.Spec(config, jdk, classpath, arguments,
                workDirectory.resolve("runtime").resolve("libaws-lambda-jni.so"), taskRoot, variables,
                provisioned, workDirectory.resolve("output"), clock, (stream, times, messages) -> writeLogs(scope, config,
                stream, times, messages));
        ExecutionEnvironment environment = ExecutionEnvironment.start(spec);
        started.add(environment);
        console.println("Lambda: " + config.name() + " (" + config.version() + ", " + (config.image() != null
                ? "image " + config.image().resolvedImageUri() : config.runtime()) + ") starts environment "
                + environment.id() + " on JDK " + jdk.version() + " (" + jdk.home() + "), PID " + environment.pid());
        return environment;
    }

    private void writeLogs(Scope scope, FunctionConfig config, String stream, List<Instant> times, List<String> messages) {
        List<LogsModel.InputEvent> events = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            events.add(new LogsModel.InputEvent(times.get(i).toEpochMilli(), messages.get(i)));
        }
        try {
            for (int from = 0; from < events.size(); from += LogsModel.MAX_BATCH_EVENTS) {
                logs.append(new LogsModel.Scope(scope.account(), scope.region()), config.logGroup(), stream,
                        events.subList(from, Math.min(events.size(), from + LogsModel.MAX_BATCH_EVENTS)), clock.instant());
            }
        } catch (ServiceException rejected) {
            // A batch the log service refuses (too large) is dropped, as a real log agent would report and move on.
            console.println("Lambda logs of " + config.name() + " not stored: " + rejected.getMessage());
        }
    }

    /**
     * Stops the environments of a function's old configuration: after an update, the next
     * invocation starts a new environment with the new code (busy ones stop when they finish).
     */
    public void retire(Scope scope, String function, String version) {
        List<ExecutionEnvironment> stopping = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<PoolKey, Pool> entry : pools.entrySet()) {
                PoolKey key = entry.getKey();
                if (key.scope().equals(scope) && key.function().equals(function) && (version == null || key.version().equals(version))) {
                    Pool pool = entry.getValue();
                    pool.retired = true;
                    stopping.addAll(pool.idle);
                    liveEnvironments -= pool.idle.size();
                    pool.idle.clear();
                    pool.provisioned.clear();
                }
            }
            pools.values().removeIf(pool -> pool.retired && pool.idle.isEmpty());
            provisionedStates.keySet().removeIf(qualifier -> qualifier.startsWith(functionKey(scope, function) + ":")
                    && (version == null));
        }
        stopping.forEach(environment -> asyncInvokes.submit(() -> stop(environment)));
    }

    /**
     * Starts {@code count} environments of a version ahead of any invocation; the state turns
     * READY once all have initialized.
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html">Provisioned concurrency</a>
     */
    public void provision(Scope scope, FunctionConfig config, String qualifier, int count) {
        String stateKey = functionKey(scope, config.name()) + ":" + qualifier;
        PoolKey key = new PoolKey(scope, config.name(), config.version(), config.revisionId());
        List<ExecutionEnvironment> surplus = new ArrayList<>();
        int toStart;
        synchronized (this) {
            Pool pool = pools.computeIfAbsent(key, k -> new Pool(config));
            toStart = Math.max(0, count - pool.provisioned.size());
            while (pool.provisioned.size() > count) {
                ExecutionEnvironment extra = pool.provisioned.remove(pool.provisioned.size() - 1);
                if (pool.idle.remove(extra)) {
                    surplus.add(extra);
                    liveEnvironments--;
                }
            }
            if (liveEnvironments + toStart > MAX_ENVIRONMENTS) {
                provisionedStates.put(stateKey, new ProvisionedState(count, pool.provisioned.size(), "FAILED",
                        "The sandbox runs at most " + MAX_ENVIRONMENTS + " execution environments at once.", clock.instant()));
                surplus.forEach(this::stop);
                return;
            }
            liveEnvironments += toStart;
            provisionedStates.put(stateKey, new ProvisionedState(count, pool.provisioned.size(),
                    toStart == 0 ? "READY" : "IN_PROGRESS", null, clock.instant()));
        }
        surplus.forEach(environment -> asyncInvokes.submit(() -> stop(environment)));
        for (int i = 0; i < toStart; i++) {
            asyncInvokes.submit(() -> startProvisioned(scope, config, key, stateKey, count));
        }
    }

    private void startProvisioned(Scope scope, FunctionConfig config, PoolKey key, String stateKey, int count) {
        ExecutionEnvironment environment;
        try {
            environment = startEnvironment(scope, config, true);
        } catch (RuntimeException failed) {
            synchronized (this) {
                liveEnvironments--;
                provisionedStates.put(stateKey, new ProvisionedState(count, 0, "FAILED", failed.getMessage(), clock.instant()));
            }
            return;
        }
        ExecutionEnvironment.Outcome init;
        try {
            init = environment.awaitInit(ExecutionEnvironment.INIT_LIMIT.plusSeconds(config.timeout()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(environment);
            return;
        }
        boolean ready = init != null && init.result() == ExecutionEnvironment.Result.RESPONSE;
        synchronized (this) {
            Pool pool = pools.get(key);
            if (!ready || pool == null || pool.retired || closed) {
                liveEnvironments--;
                if (!ready && provisionedStates.containsKey(stateKey)) {
                    provisionedStates.put(stateKey, new ProvisionedState(count, 0, "FAILED",
                            "FUNCTION_ERROR_INIT_FAILED: the function failed to initialize.", clock.instant()));
                }
            } else {
                pool.provisioned.add(environment);
                pool.idle.addLast(environment);
                ProvisionedState state = provisionedStates.get(stateKey);
                if (state != null) {
                    int allocated = pool.provisioned.size();
                    provisionedStates.put(stateKey, new ProvisionedState(state.requested(), allocated,
                            allocated >= state.requested() ? "READY" : "IN_PROGRESS", null, clock.instant()));
                }
                return;
            }
        }
        stop(environment);
    }

    public synchronized Optional<ProvisionedState> provisionedState(Scope scope, String function, String qualifier) {
        return Optional.ofNullable(provisionedStates.get(functionKey(scope, function) + ":" + qualifier));
    }

    /** Stops the provisioned environments of a version (they were not started for invocations). */
    public void deprovision(Scope scope, String function, String qualifier, String version) {
        List<ExecutionEnvironment> stopping = new ArrayList<>();
        synchronized (this) {
            provisionedStates.remove(functionKey(scope, function) + ":" + qualifier);
            for (Map.Entry<PoolKey, Pool> entry : pools.entrySet()) {
                PoolKey key = entry.getKey();
                if (key.scope().equals(scope) && key.function().equals(function) && key.version().equals(version)) {
                    Pool pool = entry.getValue();
                    for (ExecutionEnvironment environment : pool.provisioned) {
                        if (pool.idle.remove(environment)) {
                            stopping.add(environment);
                            liveEnvironments--;
                        }
                    }
                    pool.provisioned.clear();
                }
            }
        }
        stopping.forEach(environment -> asyncInvokes.submit(() -> stop(environment)));
    }

    /** The process ids of every running environment (tests check none outlives the sandbox). */
    public List<Long> environmentPids() {
        return started.stream().map(ExecutionEnvironment::pid).toList();
    }

    private void stop(ExecutionEnvironment environment) {
        environment.stop();
        started.remove(environment);
    }

    /** Stops every environment and drops all state ({@code sandbox reset}). */
    public void reset() {
        List<ExecutionEnvironment> stopping;
        synchronized (this) {
            stopping = new ArrayList<>();
            for (Pool pool : pools.values()) {
                pool.retired = true;
                stopping.addAll(pool.idle);
                liveEnvironments -= pool.idle.size();
                pool.idle.clear();
            }
            pools.clear();
            provisionedStates.clear();
        }
        stopping.forEach(this::stop);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        housekeeping.shutdownNow();
        reset();
        List.copyOf(started).forEach(this::stop);
        asyncInvokes.shutdownNow();
        invokeThreads.shutdownNow();
        deleteTree(workDirectory);
    }

    private void housekeeping() {
        List<ExecutionEnvironment> all = new ArrayList<>();
        List<ExecutionEnvironment> expired = new ArrayList<>();
        Instant now = clock.instant();
        synchronized (this) {
            for (Pool pool : pools.values()) {
                for (var iterator = pool.idle.iterator(); iterator.hasNext(); ) {
                    ExecutionEnvironment environment = iterator.next();
                    if (!environment.provisioned() && environment.lastUsed().plus(IDLE_LIMIT).isBefore(now)) {
                        iterator.remove();
                        liveEnvironments--;
                        expired.add(environment);
                    } else {
                        all.add(environment);
                    }
                }
            }
        }
        all.forEach(ExecutionEnvironment::pollOutput);
        expired.forEach(this::stop);
    }

    // ---- code on disk

    private synchronized Path extract(String kind, CodeArchive code) {
        return extracted.computeIfAbsent(code.id(), id -> {
            Path target = workDirectory.resolve(kind).resolve(id);
            code.extractTo(target);
            return target;
        });
    }

    /** The image's layers unpacked once per digest, and how to start its entry point there. */
    private ContainerImage.Launch imageLaunch(ContainerImage image) {
        Path root;
        synchronized (this) {
            root = extracted.computeIfAbsent("image:" + image.digest(), key -> {
                Path target = workDirectory.resolve("image").resolve(image.sha256Hex());
                image.unpackTo(target);
                return target;
            });
        }
        try {
            return image.launch(root);
        } catch (IllegalArgumentException notJava) {
            throw new ServiceException(502, "InvalidRuntimeException", "The sandbox runs an image only when its entry point "
                    + "starts the Java runtime interface client (java -cp ... " + ContainerImage.RUNTIME_CLIENT + "): " + notJava.getMessage());
        }
    }

    private static List<Path> jars(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The runtime client's jars (found where this JVM loaded them from) and the launcher class,
     * copied out so the child JVM sees nothing else of the sandbox.
     */
    private static List<Path> runtimeClasspath(Path runtimeDirectory) throws IOException {
        Path launcherRoot = runtimeDirectory.resolve("launcher");
        Path launcherClass = launcherRoot.resolve(LAUNCHER);
        Files.createDirectories(launcherClass.getParent());
        try (InputStream in = LambdaRuntime.class.getClassLoader().getResourceAsStream(LAUNCHER)) {
            if (in == null) {
                throw new IOException("the launcher class " + LAUNCHER + " is not on the sandbox's class path");
            }
            Files.copy(in, launcherClass, StandardCopyOption.REPLACE_EXISTING);
        }
        nativeLibrary(runtimeDirectory);
        List<Path> classpath = new ArrayList<>(List.of(launcherRoot));
        for (String className : List.of(RUNTIME_CLIENT, "com.amazonaws.services.lambda.runtime.Context",
                "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                "software.amazon.awssdk.utilslite.SdkInternalThreadLocal", "software.amazon.awssdk.annotations.SdkInternalApi")) {
            try {
                Path location = Path.of(Class.forName(className, false, LambdaRuntime.class.getClassLoader())
                        .getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!classpath.contains(location)) {
                    classpath.add(location);
                }
            } catch (ClassNotFoundException | java.net.URISyntaxException | NullPointerException missing) {
                throw new IOException("the Lambda runtime interface client is not on the sandbox's class path (" + className + ")");
            }
        }
        return classpath;
    }

    /**
     * The runtime client's native library, unpacked once for every environment: left to itself,
     * each JVM copies it over the same /tmp file while others load it, and one of them crashes.
     */
    static Path nativeLibrary(Path runtimeDirectory) throws IOException {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        Path library = runtimeDirectory.resolve("libaws-lambda-jni.so");
        if (!Files.exists(library)) {
            try (InputStream in = LambdaRuntime.class.getClassLoader().getResourceAsStream("jni/libaws-lambda-jni.linux-" + arch + ".so")) {
                if (in == null) {
                    throw new IOException("the runtime interface client has no native library for linux-" + arch);
                }
                Files.createDirectories(runtimeDirectory);
                Files.copy(in, library);
            }
        }
        return library;
    }

    private static String functionKey(Scope scope, String function) {
        return scope.account() + "/" + scope.region() + "/" + function;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // a file still held open goes with the temporary folder
                }
            });
        } catch (IOException ignored) {
            // nothing more to clean
        }
    }
}
