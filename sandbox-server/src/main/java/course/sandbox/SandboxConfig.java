package course.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * How one sandbox runs: where it listens, whose account it pretends to be, the root
 * credentials, and the clock it checks signature times against.
 *
 * @param fixedClock    when present, "now" for every time check (a teaching and test hook)
 * @param dataDirectory when present, S3 keeps its buckets and objects there across restarts;
 *                      otherwise in memory
 */
public record SandboxConfig(
        int port,
        String account,
        String region,
        String rootAccessKeyId,
        String rootSecretAccessKey,
        Optional<Instant> fixedClock,
        boolean explain,
        Optional<Path> dataDirectory) {

    /** A sandbox keeping its state in memory. */
    public SandboxConfig(int port, String account, String region, String rootAccessKeyId, String rootSecretAccessKey,
                         Optional<Instant> fixedClock, boolean explain) {
        this(port, account, region, rootAccessKeyId, rootSecretAccessKey, fixedClock, explain, Optional.empty());
    }

    public SandboxConfig withDataDirectory(Path directory) {
        return new SandboxConfig(port, account, region, rootAccessKeyId, rootSecretAccessKey, fixedClock, explain,
                Optional.of(directory));
    }

    public static final int DEFAULT_PORT = 4566;
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";
    /** Documented in README.md; demos use them when they target the sandbox. */
    public static final String DEFAULT_ACCESS_KEY_ID = "AKIASANDBOXEXAMPLE00";
    public static final String DEFAULT_SECRET_ACCESS_KEY = "sandbox/SECRET/root/KEY/EXAMPLE/00000000";

    public String endpoint() {
        return endpoint(port);
    }

    /** Always the IP, never "localhost": SDK S3 clients then use path-style addressing. */
    public static String endpoint(int port) {
        return "http://127.0.0.1:" + port;
    }

    public Clock clock() {
        return fixedClock.map(instant -> Clock.fixed(instant, ZoneOffset.UTC)).orElse(Clock.systemUTC());
    }
}
