package course.sandbox.http;

import java.time.Duration;

/**
 * How long the HTTP front waits for a client and how much it takes from one: a client that
 * stops half-way is answered or dropped when its time is up, and never holds more than a
 * connection slot (while its request head arrives) or one worker (while its body does).
 *
 * @param headerTimeout  from the first byte of a request head to its end
 * @param bodyTimeout    longest pause while a body arrives (S3's RequestTimeout), and while an answer leaves
 * @param idleTimeout    how long a connection may wait for its next request
 * @param maxHeadBytes   request line and headers together (RequestHeaderSectionTooLarge beyond)
 * @param maxBodyBytes   the largest body the sandbox keeps in memory (EntityTooLarge beyond)
 * @param maxConnections open connections; past it the one idle longest, or slowest to send its head, is closed
 * @param workers        requests handled at once; past it a request is answered SlowDown
 */
public record HttpLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxHeadBytes,
                         long maxBodyBytes, int maxConnections, int workers) {

    /** 1 GiB: a byte array holds at most 2 GiB, and an upload that size already strains a laptop's heap. */
    public static final long MAX_BODY_BYTES = 1L << 30;

    public static final HttpLimits DEFAULTS = new HttpLimits(Duration.ofSeconds(20), Duration.ofSeconds(20),
            Duration.ofSeconds(30), 64 * 1024, MAX_BODY_BYTES, 1024, 128);

    public HttpLimits withTimeouts(Duration header, Duration body) {
        return new HttpLimits(header, body, idleTimeout, maxHeadBytes, maxBodyBytes, maxConnections, workers);
    }
}
