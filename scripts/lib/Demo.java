import picocli.CommandLine;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every demo shares: where it talks to (the target), and how it narrates its steps.
 * Included in each demo with //SOURCES; plain SDK v2 code otherwise.
 *
 * Target order: --endpoint-url / AWS_ENDPOINT_URL, then --local (the sandbox), then AWS when
 * credentials are found (--profile, environment, ~/.aws files), else the sandbox — started in
 * the background when it is not running.
 */
public final class Demo {
    public static final int SANDBOX_PORT = Integer.parseInt(env("COURSE_SANDBOX_PORT").orElse("4566"));
    /** The sandbox's default root credentials (documented in README.md, not a secret). */
    static final String SANDBOX_ACCESS_KEY_ID = "AKIASANDBOXEXAMPLE00";
    static final String SANDBOX_SECRET_ACCESS_KEY = "sandbox/SECRET/root/KEY/EXAMPLE/00000000";
    private static final boolean COLOR = System.console() != null && env("NO_COLOR").isEmpty();
    /** Where {@link #newHttpClient()} puts java.net.http's threads, to stop them at exit. */
    private static final ThreadGroup HTTP_CLIENT_THREADS = new ThreadGroup("java.net.http");

    private Demo() {
    }

    /**
     * Runs a picocli demo command and exits with its code; the only System.exit a demo needs.
     * While picocli reads the command line, a background thread does the slow first-time setup of
     * what the demo uses next: TLS (every HTTP client sets it up, even for http:// URLs), then one
     * client of each kind in {@code sdkClients}, built and closed. A JVM's first SDK client spends
     * ~0.3 s loading and setting up what all clients share (HTTP client, region and service
     * metadata), each kind a little more; the demo's own clients then skip that. Nothing is sent.
     */
    @SafeVarargs
    public static void main(Object command, String[] args, Supplier<? extends AwsClientBuilder<?, ? extends SdkClient>>... sdkClients) {
        Thread warmUp = new Thread(() -> {
            try {
                SSLContext.getDefault();
            } catch (NoSuchAlgorithmException ignored) {
                // Then no HTTP client has TLS; the one that needs it says so.
            }
            for (Supplier<? extends AwsClientBuilder<?, ? extends SdkClient>> client : sdkClients) {
                buildAndClose(client.get());
            }
        }, "warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setParameterExceptionHandler((error, ignored) -> {
            error.getCommandLine().getErr().println(error.getMessage() + " (see --help)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((error, failed, parseResult) -> {
            if (error instanceof UserError) {
                failed.getErr().println(error.getMessage());
                return 1;
            }
            if (error instanceof SdkException) {
                // The service's answer is the lesson; a stack trace would only hide it.
                failed.getErr().println("Request failed: " + firstLine(error.getMessage()));
                return 1;
            }
            throw error;
        });
        int exitCode = commandLine.execute(args);
        HTTP_CLIENT_THREADS.interrupt();
        System.exit(exitCode);
    }

    /**
     * HttpClient.newHttpClient(), made on a thread of {@link #HTTP_CLIENT_THREADS}. JDK 17's client
     * has no close(), and its selector thread (which joins its creator's thread group) waits in
     * native code until the JVM exits; an exiting JVM waits ~0.3 s for such threads. Interrupted
     * at the end of {@link #main}, the selector thread stops at once.
     */
    public static HttpClient newHttpClient() {
        FutureTask<HttpClient> creation = new FutureTask<>(HttpClient::newHttpClient);
        new Thread(HTTP_CLIENT_THREADS, creation, "http-client-creation").start();
        try {
            return creation.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted.");
        }
    }

    private static <B extends AwsClientBuilder<B, C>, C extends SdkClient> void buildAndClose(AwsClientBuilder<B, C> builder) {
        try {
            builder.region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create()).build().close();
        } catch (RuntimeException ignored) {
            // A real problem shows up again, with a proper message, when the demo builds its own client.
        }
    }

    /** A mistake the user can fix: printed as one line, exit code 1. */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message);
        }
    }

    /** The AWS CLI's target flags, shared by every demo. */
    public static final class TargetOptions {
        @Option(names = "--profile", paramLabel = "NAME", description = "Use this profile from ~/.aws/config and credentials.")
        String profile;

        @Option(names = "--region", paramLabel = "REGION", description = "Region, e.g. eu-west-1 (default: from profile or environment).")
        String region;

        @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every request to this endpoint (also: AWS_ENDPOINT_URL).")
        String endpointUrl;

        @Option(names = "--local", description = "Use the local sandbox on 127.0.0.1, starting it if needed.")
        boolean local;

        /** Decides the target, starting the sandbox when it is the target and not yet running. */
        public Target resolve() {
            Optional<String> endpoint = Optional.ofNullable(endpointUrl).or(() -> env("AWS_ENDPOINT_URL"));
            if (endpoint.isPresent()) {
                URI uri = parseEndpoint(endpoint.get());
                Credentials credentials = Optional.ofNullable(profile).map(Demo::profileCredentials)
                        .or(Demo::ambientCredentials)
                        .orElse(sandboxCredentials());
                Target target = new Target("endpoint " + uri, uri, region(Region.US_EAST_1), credentials, "?");
                return target.withAccount(callerAccount(target));
            }
            if (local) {
                return sandbox(Optional.ofNullable(profile).map(Demo::profileCredentials).orElse(sandboxCredentials()));
            }
            Optional<Credentials> aws = Optional.ofNullable(profile).map(Demo::profileCredentials).or(Demo::ambientCredentials);
            if (aws.isPresent()) {
                Region awsRegion = region(null);
                Target target = new Target("AWS", null, awsRegion, aws.get(), "?");
                return target.withAccount(callerAccount(target));
            }
            return sandbox(sandboxCredentials());
        }

        private Target sandbox(Credentials credentials) {
            SandboxHealth health = SandboxHealth.ensureRunning(SANDBOX_PORT);
            URI uri = URI.create("http://127.0.0.1:" + SANDBOX_PORT);
            return new Target("local sandbox " + uri, uri, region(Region.of(health.region())), credentials, health.account());
        }

        private Region region(Region fallback) {
            Optional<String> chosen = Optional.ofNullable(region)
                    .or(() -> env("AWS_REGION"))
                    .or(() -> env("AWS_DEFAULT_REGION"))
                    .or(() -> profileRegion(Optional.ofNullable(profile).or(() -> env("AWS_PROFILE")).orElse("default")));
            if (chosen.isEmpty() && fallback == null) {
                throw new UserError("No region: pass --region (e.g. --region us-east-1) or set AWS_REGION.");
            }
            return chosen.map(Region::of).orElse(fallback);
        }
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

    private static String callerAccount(Target target) {
        try (StsClient sts = target.configure(StsClient.builder()).build()) {
            return sts.getCallerIdentity().account();
        } catch (SdkException e) {
            throw new UserError("Cannot reach " + target.name() + " as " + target.credentials().source() + ": " + firstLine(e.getMessage()));
        }
    }

    private static URI parseEndpoint(String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getScheme() != null && uri.getHost() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // fall through to the one-line message below
        }
        throw new UserError("Invalid endpoint URL '" + text + "': use e.g. http://127.0.0.1:4566.");
    }

    /** The sandbox's health answer; starts a background sandbox when none answers. */
    record SandboxHealth(String account, String region) {
        private static final Pattern FIELD = Pattern.compile("\"(account|region|service)\":\"([^\"]*)\"");

        static SandboxHealth ensureRunning(int port) {
            return probe(port).orElseGet(() -> {
                start(port);
                return probe(port).orElseThrow(() -> new UserError(
                        "The sandbox did not answer on 127.0.0.1:" + port + " after starting; see ~/.course/sandbox/" + port + ".log"));
            });
        }

        /**
         * One HTTP GET on a plain socket. java.net.http would set up TLS and a selector thread for
         * it, and a JVM waits some 300 ms at exit for a thread that sits in native code like that.
         */
        static Optional<SandboxHealth> probe(int port) {
            String response;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(("GET /_sandbox/health HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return Optional.empty();
            }
            int bodyStart = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.1 200 ") || bodyStart < 0) {
                return Optional.empty();
            }
            String account = null;
            String region = null;
            boolean sandbox = false;
            Matcher field = FIELD.matcher(response.substring(bodyStart + 4));
            while (field.find()) {
                switch (field.group(1)) {
                    case "account" -> account = field.group(2);
                    case "region" -> region = field.group(2);
                    default -> sandbox = field.group(2).equals("course-sandbox");
                }
            }
            return sandbox ? Optional.of(new SandboxHealth(account, region)) : Optional.empty();
        }

        /**
         * Starts the sandbox through JBang: the `sandbox` alias of the catalog in this folder or
         * a parent (a clone of the course), else the `course` catalog the README has you add.
         */
        private static void start(int port) {
            String jbang = env("JBANG_LAUNCH_CMD").orElse("jbang");
            String alias = cloneCatalog().isPresent() ? "sandbox" : "sandbox@course";
            List<String> command = new ArrayList<>(List.of(jbang, alias, "start", "--port", String.valueOf(port)));
            System.out.println("No sandbox on 127.0.0.1:" + port + " yet: starting one (" + alias + " start)…");
            try {
                Process process = new ProcessBuilder(command).inheritIO().start();
                if (process.waitFor() != 0) {
                    throw new UserError("Could not start the sandbox; start it yourself with: ./jbang sandbox start");
                }
            } catch (IOException e) {
                throw new UserError("Could not run " + jbang + " to start the sandbox (" + e.getMessage() + "); start it yourself with: ./jbang sandbox start");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("Interrupted while starting the sandbox.");
            }
        }

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
    }

    // ---- narration: numbered steps and values that read well on a projector ----

    private static int stepNumber;

    public static void step(String text) {
        stepNumber++;
        System.out.println();
        System.out.println(bold(stepNumber + ". " + text));
    }

    /** An indented "label: value" line with the value highlighted. */
    public static void show(String label, Object value) {
        System.out.println("   " + label + ": " + highlight(String.valueOf(value)));
    }

    public static void say(String text) {
        System.out.println("   " + text);
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
