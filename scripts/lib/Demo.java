//JAVA 17+
// A first run compiles in front of students: javac's notes (deprecated, unchecked) are not the lesson.
//COMPILE_OPTIONS -encoding UTF-8 -XDsuppressNotes
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
// A demo is a short run: C1 only (one compiler thread, leaving the other core to the demo) and the
// serial GC start it faster; the catalog adds an AppCDS archive ("cds"), whose notices are silenced.
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xshare:auto -Xlog:cds*=off
//DEPS software.amazon.awssdk:bom:2.41.18@pom
//DEPS software.amazon.awssdk:sts
//DEPS software.amazon.awssdk:url-connection-client
//DEPS org.slf4j:slf4j-nop:2.0.17

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every demo and snippet shares: where it talks to (the target), and how it narrates its steps.
 * Included with //SOURCES (demos get it through DemoCommand.java); plain SDK v2 code otherwise.
 *
 * Target order: --endpoint-url / AWS_ENDPOINT_URL, then --local (the sandbox), then AWS when
 * credentials are found (--profile, environment, ~/.aws files), else the sandbox — started in
 * the background when it is not running. The target becomes the SDK's default (the system
 * properties aws.region, aws.endpointUrl and, where needed, aws.profile or aws.accessKeyId), so
 * clients built the standard way, e.g. S3Client.create(), talk to it.
 */
public final class Demo {
    /** This course's release, as -V prints it next to the SDK's and Java's. */
    public static final String COURSE_VERSION = "0.1.0-SNAPSHOT";
    public static final int SANDBOX_PORT = Integer.parseInt(env("COURSE_SANDBOX_PORT").orElse("4566"));
    /** The sandbox's default root credentials (documented in README.md, not a secret). */
    static final String SANDBOX_ACCESS_KEY_ID = "AKIASANDBOXEXAMPLE00";
    static final String SANDBOX_SECRET_ACCESS_KEY = "sandbox/SECRET/root/KEY/EXAMPLE/00000000";
    private static final boolean COLOR = System.console() != null && env("NO_COLOR").isEmpty();
    private static final List<String> SDK_DEFAULTS = List.of("aws.region", "aws.endpointUrl", "aws.profile",
            "aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken");

    private Demo() {
    }

    /**
     * Makes the SDK's lightest HTTP client (on HttpURLConnection) the default: it sets up faster
     * than Apache's. HttpURLConnection cannot send PATCH, so a demo that needs it (API Gateway
     * updates) names Apache's with -Dsoftware.amazon.awssdk.http.service.impl, which this keeps.
     */
    static void preferLightHttpClient() {
        System.getProperties().putIfAbsent("software.amazon.awssdk.http.service.impl",
                "software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
    }

    /** "course 0.1.0-SNAPSHOT · AWS SDK for Java 2.41.18 · Java 17.0.15", for -V. */
    public static String versions() {
        return "course " + COURSE_VERSION + " · AWS SDK for Java " + VersionInfo.SDK_VERSION + " · Java " + System.getProperty("java.version");
    }

    /** A mistake the user can fix: printed as one line, exit code 1. */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message);
        }
    }

    /** The target from the environment alone (what a snippet uses): AWS_ENDPOINT_URL, AWS credentials, else the sandbox. */
    public static Target target() {
        return target(null, null, null, false);
    }

    /**
     * Decides the target from the AWS CLI's flags (each may be null), starts the sandbox when it is
     * the target and not yet running, and makes the target the SDK's default.
     */
    public static Target target(String profile, String region, String endpointUrl, boolean local) {
        preferLightHttpClient();
        Target target = resolve(profile, region, endpointUrl, local);
        useAsSdkDefault(target, profile);
        return target;
    }

    private static Target resolve(String profile, String region, String endpointUrl, boolean local) {
        Optional<String> endpoint = Optional.ofNullable(endpointUrl).or(() -> env("AWS_ENDPOINT_URL"));
        Optional<Credentials> chosen = Optional.ofNullable(profile).map(Demo::profileCredentials);
        if (endpoint.isPresent()) {
            URI uri = parseEndpoint(endpoint.get());
            Credentials credentials = chosen.or(Demo::ambientCredentials).orElse(sandboxCredentials());
            Target target = new Target("endpoint " + uri, uri, region(region, profile, Region.US_EAST_1), credentials, "?");
            return target.withAccount(callerAccount(target));
        }
        if (local) {
            return sandbox(region, profile, chosen.orElse(sandboxCredentials()));
        }
        Optional<Credentials> aws = chosen.or(Demo::ambientCredentials);
        if (aws.isPresent()) {
            Target target = new Target("AWS", null, region(region, profile, null), aws.get(), "?");
            return target.withAccount(callerAccount(target));
        }
        return sandbox(region, profile, sandboxCredentials());
    }

    private static Target sandbox(String region, String profile, Credentials credentials) {
        SandboxHealth health = SandboxHealth.ensureRunning(SANDBOX_PORT);
        URI uri = URI.create("http://127.0.0.1:" + SANDBOX_PORT);
        return new Target("local sandbox " + uri, uri, region(region, profile, Region.of(health.region())), credentials, health.account());
    }

    /** --region, else AWS_REGION, AWS_DEFAULT_REGION, the profile's region, else the fallback; one the SDK knows. */
    private static Region region(String flag, String profile, Region fallback) {
        Optional<String> chosen = Optional.ofNullable(flag)
                .or(() -> env("AWS_REGION"))
                .or(() -> env("AWS_DEFAULT_REGION"))
                .or(() -> profileRegion(Optional.ofNullable(profile).or(() -> env("AWS_PROFILE")).orElse("default")));
        if (chosen.isEmpty() && fallback == null) {
            throw new UserError("No region: pass --region (e.g. --region us-east-1) or set AWS_REGION.");
        }
        Region region = chosen.map(Region::of).orElse(fallback);
        if (!Region.regions().contains(region)) {
            throw new UserError("Unknown region '" + region.id() + "': use one of the SDK's regions, e.g. us-east-1 or eu-west-1.");
        }
        return region;
    }

    /**
     * Sets the system properties the SDK reads before the environment and ~/.aws, so a client
     * built without configuration (S3Client.create()) uses this target.
     */
    private static void useAsSdkDefault(Target target, String profile) {
        clearSdkDefaults();
        System.setProperty("aws.region", target.region().id());
        if (target.endpoint() != null) {
            System.setProperty("aws.endpointUrl", target.endpoint().toString());
        }
        boolean environmentKeys = env("AWS_ACCESS_KEY_ID").isPresent();
        if (target.credentials().provider() instanceof StaticCredentialsProvider || (profile != null && environmentKeys)) {
            // Keys the default chain would not find first: the sandbox's, or a --profile that
            // environment keys would otherwise shadow.
            var keys = target.credentials().provider().resolveCredentials();
            System.setProperty("aws.accessKeyId", keys.accessKeyId());
            System.setProperty("aws.secretAccessKey", keys.secretAccessKey());
            if (keys instanceof AwsSessionCredentials session) {
                System.setProperty("aws.sessionToken", session.sessionToken());
            }
        } else if (profile != null) {
            System.setProperty("aws.profile", profile);
        }
    }

    /** Forgets the target's SDK defaults, for a lesson about where the SDK finds its settings. */
    public static void clearSdkDefaults() {
        SDK_DEFAULTS.forEach(System::clearProperty);
    }

    /** Where a demo sends its requests, with which credentials, as its first line says. */
    public record Target(String name, URI endpoint, Region region, Credentials credentials, String account) {

        Target withAccount(String resolvedAccount) {
            return new Target(name, endpoint, region, credentials, resolvedAccount);
        }

        public boolean isSandbox() {
            return name.startsWith("local sandbox");
        }

        /** Applies region, credentials and (when not AWS) the endpoint to any SDK client builder. */
        public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
            builder.region(region).credentialsProvider(credentials.provider());
            if (endpoint != null) {
                builder.endpointOverride(endpoint);
            }
            return builder;
        }

        public String describe() {
            narrated = true;
            return "Target: " + name + " · account " + account + " · " + region.id();
        }
    }

    /** A credentials provider and a few words on where it came from. */
    public record Credentials(AwsCredentialsProvider provider, String source) {
    }

    private static Credentials sandboxCredentials() {
        return new Credentials(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY)),
                "sandbox root key (default)");
    }

    private static Credentials profileCredentials(String name) {
        ProfileFile files = ProfileFile.defaultProfileFile();
        if (files.profile(name).isEmpty()) {
            throw new UserError("No profile '" + name + "' in ~/.aws/config or ~/.aws/credentials: create it with 'aws configure --profile " + name + "' or drop --profile.");
        }
        return new Credentials(ProfileCredentialsProvider.create(name), "profile '" + name + "'");
    }

    /** Credentials from the environment or the default profile, without probing EC2 metadata. */
    private static Optional<Credentials> ambientCredentials() {
        if (env("AWS_ACCESS_KEY_ID").isPresent() && env("AWS_SECRET_ACCESS_KEY").isPresent()) {
            return Optional.of(new Credentials(EnvironmentVariableCredentialsProvider.create(), "environment variables"));
        }
        if (env("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent() || env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").isPresent()
                || env("AWS_WEB_IDENTITY_TOKEN_FILE").isPresent()) {
            return Optional.of(new Credentials(DefaultCredentialsProvider.builder().build(), "default credential chain"));
        }
        String name = env("AWS_PROFILE").orElse("default");
        if (ProfileFile.defaultProfileFile().profile(name).isPresent()) {
            return Optional.of(new Credentials(ProfileCredentialsProvider.create(name), "profile '" + name + "'"));
        }
        return Optional.empty();
    }

    private static Optional<String> profileRegion(String name) {
        return ProfileFile.defaultProfileFile().profile(name).flatMap(p -> p.property(ProfileProperty.REGION));
    }

    /** The target's account from STS, asked once: an unreachable endpoint fails at once, not after retries. */
    private static String callerAccount(Target target) {
        try (StsClient sts = target.configure(StsClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            return sts.getCallerIdentity().account();
        } catch (SdkException e) {
            throw new UserError("Cannot reach " + target.name() + " as " + target.credentials().source() + ": " + firstLine(e.getMessage()));
        }
    }

    private static URI parseEndpoint(String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getScheme() != null && uri.getHost() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                // S3's endpoint rules address a bucket by host name (BUCKET.localhost, which Java does
                // not resolve) unless the endpoint is an IP address: then by path, as S3Client.create() needs.
                return uri.getHost().equalsIgnoreCase("localhost") ? URI.create(text.replaceFirst("(?i)localhost", "127.0.0.1")) : uri;
            }
        } catch (IllegalArgumentException ignored) {
            // fall through to the one-line message below
        }
        throw new UserError("Invalid endpoint URL '" + text + "': use e.g. http://127.0.0.1:4566.");
    }

    /** The sandbox's health answer; starts a background sandbox when none answers. */
    record SandboxHealth(String account, String region) {

        static SandboxHealth ensureRunning(int port) {
            return probe(port).orElseGet(() -> {
                start(port);
                return probe(port).orElseThrow(() -> new UserError(
                        "The sandbox did not answer on 127.0.0.1:" + port + " after starting; see ~/.course/sandbox/" + port + ".log"));
            });
        }

        /** GET /_sandbox/health; empty when nothing answers there or what answers is not the course's sandbox. */
        static Optional<SandboxHealth> probe(int port) {
            try {
                HttpURLConnection health = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/_sandbox/health").toURL().openConnection();
                health.setConnectTimeout(2000);
                health.setReadTimeout(5000);
                if (health.getResponseCode() != 200) {
                    return Optional.empty();
                }
                Map<String, JsonNode> fields;
                try (InputStream body = health.getInputStream()) {
                    fields = JsonNode.parser().parse(body).asObject();
                }
                if (!"course-sandbox".equals(text(fields, "service"))) {
                    return Optional.empty();
                }
                return Optional.of(new SandboxHealth(text(fields, "account"), text(fields, "region")));
            } catch (IOException | RuntimeException notTheSandbox) {
                return Optional.empty();
            }
        }

        private static String text(Map<String, JsonNode> fields, String name) {
            JsonNode value = fields.get(name);
            return value == null || !value.isString() ? null : value.asString();
        }

        /**
         * Starts the sandbox through JBang: the `sandbox` alias of the catalog in this folder or
         * a parent (a clone of the course), else the `course` catalog the README has you add.
         */
        private static void start(int port) {
            String startItYourself = "start it yourself with: " + jbangCommand("sandbox") + " start --port " + port;
            String alias = cloneCatalog().isPresent() ? "sandbox" : "sandbox@course";
            String jbang = env("JBANG_LAUNCH_CMD").orElse("jbang");
            System.out.println("No sandbox on 127.0.0.1:" + port + " yet: starting one (" + alias + " start)…");
            try {
                Process process = new ProcessBuilder(jbang, alias, "start", "--port", String.valueOf(port)).inheritIO().start();
                if (process.waitFor() != 0) {
                    throw new UserError("Could not start the sandbox; " + startItYourself);
                }
            } catch (IOException e) {
                throw new UserError("Could not run " + jbang + " to start the sandbox (" + e.getMessage() + "); " + startItYourself);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("Interrupted while starting the sandbox.");
            }
        }
    }

    /**
     * How the user runs an alias from where they are: ./jbang ALIAS in a clone of the course,
     * else jbang ALIAS@course (the catalog the README has you add).
     */
    public static String jbangCommand(String alias) {
        return cloneCatalog().isPresent() ? "./jbang " + alias : "jbang " + alias + "@course";
    }

    /** The course's catalog in this folder or a parent, when the user is inside a clone. */
    private static Optional<Path> cloneCatalog() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path catalog = dir.resolve("jbang-catalog.json");
            try {
                if (Files.isRegularFile(catalog) && Files.readString(catalog).contains("\"sandbox\"")) {
                    return Optional.of(catalog);
                }
            } catch (IOException unreadable) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    // ---- narration: numbered steps and values that read well on a projector ----

    private static int stepNumber;
    /** Whether a target line or a step came first, which a step's blank line sets apart. */
    private static boolean narrated;

    /** "1. text", its body indented to line up with the text: three spaces, four from step 10 on. */
    public static void step(String text) {
        stepNumber++;
        if (narrated) {
            System.out.println();
        }
        narrated = true;
        System.out.println(bold(stepNumber + ". " + text));
    }

    /** An indented "label: value" line with the value highlighted. */
    public static void show(String label, Object value) {
        System.out.println(indent() + label + ": " + highlight(String.valueOf(value)));
    }

    public static void say(String text) {
        System.out.println(indent() + text);
    }

    private static boolean propagationSaid;

    /**
     * On AWS a new user, key, role or policy takes seconds to reach every endpoint (IAM is
     * eventually consistent) and no service waiter covers that: the SDK's generic Waiter repeats
     * the call every 2 s, for up to 30 s, while it fails with one of these error codes. Returns the
     * call's answer; any other error, or the last one, is thrown as it is. The sandbox answers at once.
     */
    public static <T> T whilePropagating(Supplier<T> call, String... errorCodes) {
        Set<String> propagating = Set.of(errorCodes);
        @SuppressWarnings("unchecked")
        Class<T> anyAnswer = (Class<T>) Object.class;
        Waiter<T> waiter = Waiter.builder(anyAnswer)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(answer -> true))
                .addAcceptor(WaiterAcceptor.retryOnExceptionAcceptor(error -> {
                    boolean retry = error instanceof AwsServiceException e && e.awsErrorDetails() != null
                            && propagating.contains(e.awsErrorDetails().errorCode());
                    if (retry && !propagationSaid) {
                        say("(waiting for IAM changes to reach every endpoint…)");
                        propagationSaid = true;
                    }
                    return retry;
                }))
                .addAcceptor(WaiterAcceptor.successOnExceptionAcceptor(other -> true)) // thrown as it is, below
                .overrideConfiguration(c -> c.maxAttempts(15).backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofSeconds(2))))
                .build();
        WaiterResponse<T> outcome;
        try {
            outcome = waiter.run(call);
        } catch (SdkClientException outOfAttempts) {
            return call.get();
        }
        Optional<Throwable> error = outcome.matched().exception();
        if (error.isPresent()) {
            throw error.get() instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(error.get());
        }
        return outcome.matched().response().orElseThrow();
    }

    /**
     * What a run created, deleted newest first when the run ends, however it ends: a demo registers
     * each deletion right after creating the thing, and calls run() in finally. Every deletion is
     * attempted, also after one fails, and each prints one line.
     */
    public static final class Cleanup {
        private record Deletion(String what, Runnable delete) {
        }

        private final Deque<Deletion> deletions = new ArrayDeque<>();

        /** How to delete something just created, and what to call it on screen, e.g. "bucket course-demo-…". */
        public void add(String what, Runnable delete) {
            deletions.push(new Deletion(what, delete));
        }

        /** The last numbered step, "Clean up" (none when nothing was created): a line per deletion, newest first. */
        public void run() {
            if (deletions.isEmpty()) {
                return;
            }
            step("Clean up");
            int failed = 0;
            while (!deletions.isEmpty()) {
                Deletion deletion = deletions.pop();
                try {
                    deletion.delete().run();
                    say("Deleted " + deletion.what());
                } catch (RuntimeException e) {
                    // Keep going: one leftover must not stop the rest from being deleted.
                    failed++;
                    say("Not deleted: " + deletion.what() + " (" + reason(e) + ")");
                }
            }
            say(failed == 0 ? "Deleted everything this run created." : failed + " deletion(s) failed, see above.");
        }

        private static String reason(RuntimeException e) {
            return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                    ? service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage()
                    : firstLine(e.getMessage());
        }
    }

    private static String indent() {
        return " ".repeat(String.valueOf(Math.max(stepNumber, 1)).length() + 2);
    }

    /** First four characters, then an ellipsis: enough to recognize, not enough to use. */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "(none)";
        }
        return secret.length() <= 8 ? "****" : secret.substring(0, 4) + "…(" + secret.length() + " chars)";
    }

    /** A name no earlier run used, e.g. course-demo-20261122-4f9a1c. */
    public static String uniqueName(String prefix) {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        StringBuilder suffix = new StringBuilder();
        for (byte b : random) {
            suffix.append(String.format("%02x", b));
        }
        return prefix + "-" + Instant.now().toString().substring(0, 10).replace("-", "") + "-" + suffix;
    }

    private static String bold(String text) {
        return COLOR ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    private static String highlight(String text) {
        return COLOR ? "\u001b[1;36m" + text + "\u001b[0m" : text;
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
