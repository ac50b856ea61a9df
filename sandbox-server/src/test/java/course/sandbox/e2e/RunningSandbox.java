package course.sandbox.e2e;

import course.sandbox.SandboxApp;
import course.sandbox.SandboxConfig;
import course.sandbox.http.HttpLimits;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A real sandbox on a free loopback port, in this JVM, with a clock the test can move, and
 * real SDK clients pointed at it. Its request log is kept for --explain assertions.
 */
public final class RunningSandbox implements AutoCloseable {
    public static final String ACCOUNT = SandboxConfig.DEFAULT_ACCOUNT;
    public static final String REGION = SandboxConfig.DEFAULT_REGION;
    public static final AwsCredentials ROOT = AwsBasicCredentials.create(
            SandboxConfig.DEFAULT_ACCESS_KEY_ID, SandboxConfig.DEFAULT_SECRET_ACCESS_KEY);

    private final SandboxApp app;
    private final MovableClock clock;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private RunningSandbox(boolean explain, Optional<Path> data) {
        this(explain, data, HttpLimits.DEFAULTS);
    }

    private RunningSandbox(boolean explain, Optional<Path> data, HttpLimits limits) {
        try {
            clock = new MovableClock();
            SandboxConfig config = new SandboxConfig(freePort(), ACCOUNT, REGION, SandboxConfig.DEFAULT_ACCESS_KEY_ID,
                    SandboxConfig.DEFAULT_SECRET_ACCESS_KEY, Optional.empty(), explain);
            config = data.map(config::withDataDirectory).orElse(config);
            app = SandboxApp.start(config, clock, new PrintStream(log, true, StandardCharsets.UTF_8), limits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RunningSandbox start() {
        return new RunningSandbox(false, Optional.empty());
    }

    public static RunningSandbox startExplaining() {
        return new RunningSandbox(true, Optional.empty());
    }

    /** A sandbox whose HTTP front has these timeouts and limits (a test waits seconds, not the defaults). */
    public static RunningSandbox startWith(HttpLimits limits) {
        return new RunningSandbox(false, Optional.empty(), limits);
    }

    /** A sandbox keeping its state in {@code data}, as {@code --data} does. */
    public static RunningSandbox startKeepingDataIn(Path data) {
        return new RunningSandbox(false, Optional.of(data));
    }

    public static RunningSandbox startKeepingDataIn(Path data, HttpLimits limits) {
        return new RunningSandbox(false, Optional.of(data), limits);
    }

    public int port() {
        return app.port();
    }

    public static StaticCredentialsProvider rootCredentials() {
        return StaticCredentialsProvider.create(ROOT);
    }

    public URI endpoint() {
        return URI.create(SandboxConfig.endpoint(app.port()));
    }

    /** The process ids of the Lambda execution environments this sandbox runs. */
    public java.util.List<Long> environmentPids() {
        return app.lambdaEnvironmentPids();
    }

    public String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** Moves the sandbox's "now" relative to real time (negative: into the past). */
    public void shiftClock(Duration offset) {
        clock.offset = offset;
    }

    public StsClient sts(AwsCredentials credentials) {
        return sts(credentials, ApacheHttpClient.create());
    }

    public StsClient sts(AwsCredentials credentials, SdkHttpClient http) {
        return StsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    public IamClient iam(AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).httpClient(ApacheHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    /** Creates an IAM user with an access key (as root) and returns its credentials. */
    public AwsCredentials newUser(String name) {
        try (IamClient iam = iam(ROOT)) {
            iam.createUser(r -> r.userName(name));
            AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
            return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
    }

    public static AwsCredentials session(Credentials credentials) {
        return AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
    }

    @Override
    public void close() {
        app.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the sandbox works in UTC");
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
