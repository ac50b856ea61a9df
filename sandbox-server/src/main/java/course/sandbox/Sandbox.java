package course.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.auth.AwsRegions;
import course.sandbox.control.ControlEndpoint;
import course.sandbox.lifecycle.SandboxProbe;
import course.sandbox.lifecycle.StateDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The sandbox's command line: run in the foreground, or start/status/stop/reset a background
 * sandbox. Runs from Maven and, through //SOURCES, as the `sandbox` JBang alias.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A local AWS for the course: one endpoint on 127.0.0.1 serving S3, IAM, STS and DynamoDB,",
                "checking signatures and permissions like AWS. Without a subcommand it runs in the foreground."},
        subcommands = {Sandbox.Start.class, Sandbox.Status.class, Sandbox.Stop.class, Sandbox.Reset.class, Sandbox.Faults.class},
        footer = {"", "Background sandboxes keep their PID and log in ~/.course/sandbox/<port>.pid and <port>.log",
                "(or $COURSE_SANDBOX_HOME)."})
public final class Sandbox implements Callable<Integer> {
    static final int NOT_RUNNING = 3;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String SECRET_ENV = "COURSE_SANDBOX_SECRET_KEY";

    @Mixin
    RunOptions options;

    @Option(names = "--pid-file", hidden = true, description = "Written once ready, removed on exit (used by start).")
    Path pidFile;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Sandbox());
        withVersion(commandLine);
        // A user mistake gets one line saying what to do, not a usage dump or a stack trace.
        commandLine.setParameterExceptionHandler((error, args) -> usageError(error.getCommandLine(), error.getMessage()));
        commandLine.setExecutionExceptionHandler((error, failed, parseResult) -> {
            if (error instanceof UsageException) {
                return usageError(failed, error.getMessage());
            }
            throw error;
        });
        return commandLine;
    }

    private static int usageError(CommandLine failed, String message) {
        failed.getErr().println(message + " (see: " + failed.getCommandSpec().qualifiedName() + " --help)");
        return 2;
    }

    /** A mistake in the command line, found after parsing: reported in one line, exit 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws Exception {
        SandboxConfig config = options.config();
        PrintStream out = System.out;
        SandboxApp server;
        try {
            server = SandboxApp.start(config, out);
        } catch (BindException taken) {
            System.err.println(portTakenMessage(config.port()));
            return 1;
        } catch (UncheckedIOException unusableData) {
            System.err.println("Cannot keep data in " + config.dataDirectory().map(Path::toString).orElse("memory") + ": "
                    + unusableData.getCause().getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            deletePidFile();
            out.println("Sandbox stopped.");
            stopped.countDown();
        }, "sandbox-shutdown"));
        if (pidFile != null) {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, ProcessHandle.current().pid() + System.lineSeparator());
        }
        out.printf("Sandbox ready at %s · account %s · %s%n", config.endpoint(), config.account(), config.region());
        out.printf("Root credentials: access key %s, secret %s%n", config.rootAccessKeyId(), mask(config.rootSecretAccessKey()));
        config.fixedClock().ifPresent(clock -> out.println("Clock fixed at " + clock));
        config.dataDirectory().ifPresent(directory -> out.println("S3 data kept in " + directory));
        out.println(pidFile == null ? "Press Ctrl-C to stop." : "Stop with: " + command() + " stop --port " + config.port());
        stopped.await();
        return 0;
    }

    /** This course's release, as -V prints it. */
    static final String VERSION = "0.1.0-SNAPSHOT";

    private static void withVersion(CommandLine commandLine) {
        commandLine.getCommandSpec().versionProvider(() -> new String[] {
                "course sandbox " + VERSION + " · Java " + System.getProperty("java.version")});
        commandLine.getSubcommands().values().forEach(Sandbox::withVersion);
    }

    /**
     * How the user runs this command from where they are: ./jbang sandbox inside a clone of the
     * course (its catalog in this folder or a parent), else jbang sandbox@course, the catalog the
     * README has you add.
     */
    static String command() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path catalog = dir.resolve("jbang-catalog.json");
            try {
                if (Files.isRegularFile(catalog) && Files.readString(catalog).contains("\"sandbox\"")) {
                    return "./jbang sandbox";
                }
            } catch (IOException unreadable) {
                break;
            }
        }
        return "jbang sandbox@course";
    }

    private void deletePidFile() {
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // Best effort while the JVM exits; `status` trusts the health probe, not this file.
            }
        }
    }

    static String portTakenMessage(int port) {
        return new SandboxProbe(port).health()
                .map(health -> "A sandbox is already running at " + SandboxConfig.endpoint(port) + " (PID "
                        + health.path("pid").asLong() + "); stop it with " + command() + " stop --port " + port
                        + ", or choose another --port.")
                .orElse("Port " + port + " on 127.0.0.1 is in use by another program; choose another with --port.");
    }

    /** Shows the shape of a secret without revealing it: first and last four characters. */
    static String mask(String secret) {
        return secret.length() <= 8 ? "****" : secret.substring(0, 4) + "…" + secret.substring(secret.length() - 4);
    }

    /** Options of a sandbox that runs, in the foreground or the background. */
    static final class RunOptions {
        @Mixin
        PortOption port;

        @Option(names = "--account", paramLabel = "ID", defaultValue = SandboxConfig.DEFAULT_ACCOUNT,
                description = "12-digit account id (default: ${DEFAULT-VALUE}).")
        String account;

        @Option(names = "--region", paramLabel = "REGION", defaultValue = SandboxConfig.DEFAULT_REGION,
                description = "Region the sandbox reports (default: ${DEFAULT-VALUE}).")
        String region;

        @Option(names = "--access-key", paramLabel = "KEY", defaultValue = SandboxConfig.DEFAULT_ACCESS_KEY_ID,
                description = "Root access key id (default: ${DEFAULT-VALUE}).")
        String accessKey;

        @Option(names = "--secret-key", paramLabel = "SECRET",
                description = "Root secret access key (default: the one documented in README.md).")
        String secretKey;

        @Option(names = "--clock", paramLabel = "INSTANT",
                description = "Fix 'now' for signature time checks, S3 object times and lifecycle rules, e.g. 2025-01-01T12:00:00Z.")
        String clock;

        @Option(names = "--explain", description = "Print how each request was signed and what decided it.")
        boolean explain;

        @Option(names = "--data", paramLabel = "DIR",
                description = "Keep S3 buckets and objects in DIR across restarts (default: in memory).")
        Path data;

        SandboxConfig config() {
            if (!account.matches("\\d{12}")) {
                throw new UsageException("Invalid --account '" + account + "': an account id is 12 digits, e.g. 000000000000.");
            }
            if (!accessKey.matches("[A-Z0-9]{16,128}")) {
                throw new UsageException("Invalid --access-key '" + accessKey + "': use 16-128 upper-case letters and digits, e.g. AKIA…");
            }
            if (!AwsRegions.isKnown(region)) {
                throw new UsageException("Invalid --region '" + region + "': use a region name such as us-east-1.");
            }
            String secret = secretKey != null ? secretKey
                    : Optional.ofNullable(System.getenv(SECRET_ENV)).orElse(SandboxConfig.DEFAULT_SECRET_ACCESS_KEY);
            if (secret.isBlank()) {
                throw new UsageException("Invalid --secret-key: it must not be empty.");
            }
            SandboxConfig config = new SandboxConfig(port.port(), account, region, accessKey, secret, fixedClock(), explain);
            if (data != null && Files.exists(data) && !Files.isDirectory(data)) {
                throw new UsageException("Invalid --data '" + data + "': that is a file; give a folder (it is created if missing).");
            }
            return data == null ? config : config.withDataDirectory(data.toAbsolutePath());
        }

        private Optional<Instant> fixedClock() {
            if (clock == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Instant.parse(clock));
            } catch (DateTimeParseException e) {
                throw new UsageException("Invalid --clock '" + clock + "': use an ISO-8601 instant such as 2025-01-01T12:00:00Z.");
            }
        }

        /** Arguments that give a background sandbox these same options (the secret travels in its environment). */
        List<String> asArguments() {
            List<String> arguments = new ArrayList<>(List.of("--port", String.valueOf(port.port()),
                    "--account", account, "--region", region, "--access-key", accessKey));
            if (clock != null) {
                arguments.addAll(List.of("--clock", clock));
            }
            if (explain) {
                arguments.add("--explain");
            }
            if (data != null) {
                arguments.addAll(List.of("--data", data.toAbsolutePath().toString()));
            }
            return arguments;
        }
    }

    static final class PortOption {
        // The demos find the sandbox on $COURSE_SANDBOX_PORT: start, status and stop look there too.
        @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:COURSE_SANDBOX_PORT:-4566}",
                description = "Port on 127.0.0.1 (default: $COURSE_SANDBOX_PORT, else 4566; now ${DEFAULT-VALUE}).")
        int port;

        int port() {
            if (port < 1 || port > 65535) {
                throw new UsageException("Invalid --port " + port + ": use a port between 1 and 65535, e.g. 4566.");
            }
            return port;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Start a sandbox in the background and return once it is ready.")
    static final class Start implements Callable<Integer> {
        @Mixin
        RunOptions options;

        @Override
        public Integer call() throws Exception {
            SandboxConfig config = options.config();
            int port = config.port();
            SandboxProbe probe = new SandboxProbe(port);
            Optional<JsonNode> running = probe.health();
            if (running.isPresent()) {
                System.out.printf("Sandbox already running at %s (PID %d).%n", config.endpoint(), running.get().path("pid").asLong());
                return 0;
            }
            if (probe.portTaken()) {
                System.err.println(portTakenMessage(port));
                return 1;
            }
            StateDirectory state = StateDirectory.fromEnvironment();
            Files.createDirectories(state.root());
            Path log = state.logFile(port);
            Process child = launch(config, state.pidFile(port), log);
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                if (probe.health().isPresent()) {
                    System.out.printf("Sandbox started at %s (PID %d) · account %s · %s%n",
                            config.endpoint(), child.pid(), config.account(), config.region());
                    System.out.println("Log: " + log);
                    System.out.println("Stop with: " + command() + " stop" + (port == SandboxConfig.DEFAULT_PORT ? "" : " --port " + port));
                    return 0;
                }
                if (!child.isAlive()) {
                    System.err.println("The sandbox exited while starting: " + firstLine(log) + " (log: " + log + ")");
                    return 1;
                }
                Thread.sleep(100);
            }
            child.destroy();
            System.err.println("The sandbox did not become ready within " + START_TIMEOUT.toSeconds() + " s; see " + log);
            return 1;
        }

        private Process launch(SandboxConfig config, Path pidFile, Path log) throws IOException {
            List<String> command = new ArrayList<>();
            // setsid detaches the sandbox from this terminal, so closing it does not stop the sandbox.
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                command.add("/usr/bin/setsid");
            }
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(List.of("-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), Sandbox.class.getName()));
            command.addAll(options.asArguments());
            command.addAll(List.of("--pid-file", pidFile.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put(SECRET_ENV, config.rootSecretAccessKey());
            return builder.start();
        }

        private static String firstLine(Path log) throws IOException {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return lines.stream().filter(line -> !line.isBlank()).findFirst().orElse("no output");
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether a sandbox runs on the port (exit 0) or not (exit 3).")
    static final class Status implements Callable<Integer> {
        @Mixin
        PortOption port;

        @Override
        public Integer call() {
            Optional<JsonNode> health = new SandboxProbe(port.port()).health();
            if (health.isEmpty()) {
                System.out.println("No sandbox is running on 127.0.0.1:" + port.port() + ".");
                return NOT_RUNNING;
            }
            JsonNode running = health.get();
            System.out.printf("Sandbox running at %s (PID %d) · account %s · %s · since %s · clock %s%n",
                    running.path("endpoint").asText(), running.path("pid").asLong(), running.path("account").asText(),
                    running.path("region").asText(), running.path("startedAt").asText(), running.path("clock").asText());
            Path log = StateDirectory.fromEnvironment().logFile(port.port());
            if (Files.exists(log)) {
                System.out.println("Log: " + log);
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the sandbox on the port.")
    static final class Stop implements Callable<Integer> {
        @Mixin
        PortOption port;

        @Override
        public Integer call() throws InterruptedException {
            SandboxProbe probe = new SandboxProbe(port.port());
            Optional<JsonNode> health = probe.health();
            if (health.isEmpty()) {
                if (probe.portTaken()) {
                    System.err.println("Port " + port.port() + " is used by another program, not a sandbox; nothing stopped.");
                    return 1;
                }
                System.out.println("No sandbox is running on 127.0.0.1:" + port.port() + "; nothing to stop.");
                return 0;
            }
            long pid = health.get().path("pid").asLong();
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty()) {
                System.err.println("The sandbox on port " + port.port() + " reports PID " + pid + ", which this user cannot signal.");
                return 1;
            }
            process.get().destroy();
            if (!waitForExit(process.get(), STOP_TIMEOUT)) {
                process.get().destroyForcibly();
                waitForExit(process.get(), STOP_TIMEOUT);
            }
            System.out.printf("Sandbox on 127.0.0.1:%d (PID %d) stopped.%n", port.port(), pid);
            return 0;
        }

        private static boolean waitForExit(ProcessHandle process, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (process.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            return !process.isAlive();
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Drop all state of the running sandbox: buckets, objects, users, roles, tables.")
    static final class Reset implements Callable<Integer> {
        @Mixin
        PortOption port;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (!new SandboxProbe(port.port()).reset()) {
                System.err.println("No sandbox is running on 127.0.0.1:" + port.port() + "; start one with " + command() + " start.");
                return 1;
            }
            System.out.println("Sandbox on 127.0.0.1:" + port.port() + " reset: all state dropped.");
            return 0;
        }
    }

    @Command(name = "faults", mixinStandardHelpOptions = true,
            description = {"Make the running sandbox misbehave on demand: errors in each service's own codes and added",
                    "latency, by service, operation, caller, probability or for the next N calls."},
            subcommands = {FaultsAdd.class, FaultsList.class, FaultsClear.class})
    static final class Faults implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new UsageException("Choose a subcommand: faults add, faults list or faults clear.");
        }
    }

    /** Sends one control call; empty (after saying so in one line) when no sandbox runs on the port. */
    static Optional<SandboxProbe.ControlAnswer> control(int port, String method, String path, String json) throws IOException, InterruptedException {
        Optional<SandboxProbe.ControlAnswer> answer = new SandboxProbe(port).control(method, path, json);
        if (answer.isEmpty()) {
            System.err.println("No sandbox is running on 127.0.0.1:" + port + "; start one with " + command() + " start.");
        }
        return answer;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Add a fault rule; rules are checked in order, the first error wins, latencies add up.",
                    "Errors: throttling (DynamoDB ProvisionedThroughputExceededException, S3 503 SlowDown, IAM/STS/CloudWatch",
                    "Throttling), server-error (500), unavailable (503 ServiceUnavailable), client-error (400, not retried)."},
            footer = {"", "Examples:", "  ./jbang sandbox faults add --service dynamodb --operation GetItem --error throttling --count 2",
                    "  ./jbang sandbox faults add --service s3 --error server-error --probability 0.3 --seed 42",
                    "  ./jbang sandbox faults add --service sts --latency 500ms"})
    static final class FaultsAdd implements Callable<Integer> {
        @Mixin
        PortOption port;

        @Option(names = "--service", paramLabel = "NAME", description = "s3, dynamodb, iam, sts, cloudwatch (default: any).")
        String service;

        @Option(names = "--operation", paramLabel = "NAME", description = "Operation, * and ? as wildcards, e.g. GetItem or Put* (default: any).")
        String operation;

        @Option(names = "--principal", paramLabel = "ARN", description = "Only calls by this caller, wildcards allowed (default: anyone).")
        String principal;

        @Option(names = "--error", paramLabel = "KIND", description = "throttling, server-error, unavailable or client-error.")
        String error;

        @Option(names = "--status", paramLabel = "CODE", description = "An explicit HTTP status (with --code), e.g. 503.")
        Integer status;

        @Option(names = "--code", paramLabel = "CODE", description = "An explicit error code (with --status), e.g. SlowDown.")
        String code;

        @Option(names = "--message", paramLabel = "TEXT", description = "The explicit error's message.")
        String message;

        @Option(names = "--probability", paramLabel = "P", description = "Chance that a matching call is hit, 0 < P <= 1 (default: 1).")
        Double probability;

        @Option(names = "--seed", paramLabel = "N", description = "Seed for the probability's draws: the same seed, the same calls hit.")
        Long seed;

        @Option(names = "--count", paramLabel = "N", description = "Hit only the next N matching calls.")
        Integer count;

        @Option(names = "--latency", paramLabel = "TIME", description = "Added before answering, e.g. 250ms or 2s (at most 10s).")
        String latency;

        @Override
        public Integer call() throws IOException, InterruptedException {
            ObjectNode spec = new ObjectMapper().createObjectNode();
            putIfSet(spec, "service", service);
            putIfSet(spec, "operation", operation);
            putIfSet(spec, "principal", principal);
            putIfSet(spec, "error", error);
            putIfSet(spec, "code", code);
            putIfSet(spec, "message", message);
            if (status != null) {
                spec.put("status", status);
            }
            if (probability != null) {
                spec.put("probability", probability);
            }
            if (seed != null) {
                spec.put("seed", seed);
            }
            if (count != null) {
                spec.put("count", count);
            }
            if (latency != null) {
                spec.put("latencyMs", latencyMillis(latency));
            }
            Optional<SandboxProbe.ControlAnswer> sent = control(port.port(), "POST", ControlEndpoint.FAULTS, spec.toString());
            if (sent.isEmpty()) {
                return 1;
            }
            SandboxProbe.ControlAnswer answer = sent.get();
            if (answer.status() != 201) {
                throw new UsageException("Invalid fault rule: " + answer.body().path("error").asText());
            }
            System.out.println("Added " + answer.body().path("description").asText());
            return 0;
        }

        private static void putIfSet(ObjectNode spec, String field, String value) {
            if (value != null) {
                spec.put(field, value);
            }
        }

        static long latencyMillis(String text) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)?").matcher(text.strip());
            if (!matcher.matches()) {
                throw new UsageException("Invalid --latency '" + text + "': use e.g. 250ms or 2s.");
            }
            double number = Double.parseDouble(matcher.group(1));
            return Math.round("s".equals(matcher.group(2)) ? number * 1000 : number);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the fault rules and how often each fired.")
    static final class FaultsList implements Callable<Integer> {
        @Mixin
        PortOption port;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Optional<SandboxProbe.ControlAnswer> answer = control(port.port(), "GET", ControlEndpoint.FAULTS, null);
            if (answer.isEmpty()) {
                return 1;
            }
            JsonNode rules = answer.get().body().path("rules");
            if (rules.isEmpty()) {
                System.out.println("No fault rules: every request is answered normally.");
            }
            rules.forEach(rule -> System.out.println(rule.path("description").asText()));
            return 0;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove all fault rules, or the one with the given id.")
    static final class FaultsClear implements Callable<Integer> {
        @Mixin
        PortOption port;

        @Parameters(arity = "0..1", paramLabel = "ID", description = "A rule's id, e.g. f2 (default: all rules).")
        String id;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Optional<SandboxProbe.ControlAnswer> answer = control(port.port(), "DELETE",
                    id == null ? ControlEndpoint.FAULTS : ControlEndpoint.FAULTS + "/" + id, null);
            if (answer.isEmpty()) {
                return 1;
            }
            if (answer.get().status() != 200) {
                System.err.println("No fault rule " + id + " in the sandbox; " + command() + " faults list shows them.");
                return 1;
            }
            System.out.println(id == null ? "Cleared " + answer.get().body().path("cleared").asInt() + " fault rule(s)." : "Removed " + id + ".");
            return 0;
        }
    }
}
