package course.sandbox.bench;

import course.sandbox.e2e.RunningSandbox;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Authenticated STS GetCallerIdentity requests per second from one SDK client over loopback:
 * the cost of the whole pipeline (SigV4 verification, routing, authorization, Query XML).
 * Prints figures; not a test. Run with bench/sandbox.sh.
 */
public final class StsThroughputBenchmark {
    private static final int WARMUP = 2_000;
    private static final int MEASURED = 5_000;

    public static void main(String[] args) {
        try (RunningSandbox sandbox = RunningSandbox.start(); StsClient sts = sandbox.sts(RunningSandbox.ROOT)) {
            for (int i = 0; i < WARMUP; i++) {
                sts.getCallerIdentity();
            }
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < MEASURED; i++) {
                    sts.getCallerIdentity();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("round %d: %d GetCallerIdentity in %.2f s = %.0f requests/s (%.2f ms each)%n",
                        round, MEASURED, seconds, MEASURED / seconds, seconds * 1000 / MEASURED);
            }
        }
    }
}
