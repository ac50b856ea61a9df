package course.sandbox.bench;

import course.sandbox.e2e.RunningSandbox;
import course.sandbox.e2e.StalledConnections;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * /_sandbox/health latency (one fresh loopback connection per probe) with nothing else going
 * on, under stalled connections, and under stalled connections plus busy SDK clients. Target:
 * under 100 ms at p99 in every phase. Prints figures; not a test. Run with bench/sandbox.sh.
 */
public final class StalledConnectionsBenchmark {
    private static final int PROBES = 400;
    private static final Duration PAUSE = Duration.ofMillis(5);

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        AtomicBoolean stop = new AtomicBoolean();
        try (RunningSandbox sandbox = RunningSandbox.start()) {
            StalledConnections.probeHealth(sandbox, 200, Duration.ZERO); // warm-up
            System.out.println("idle:                                   "
                    + StalledConnections.summary(StalledConnections.probeHealth(sandbox, PROBES, PAUSE)));
            try (StalledConnections stalled = StalledConnections.open(sandbox, 500, 100)) {
                System.out.println("500 stalled heads, 100 stalled bodies:  "
                        + StalledConnections.summary(StalledConnections.probeHealth(sandbox, PROBES, PAUSE)));
                Future<Integer> clients = StalledConnections.busyClients(sandbox, 8, stop, pool);
                String busy = StalledConnections.summary(StalledConnections.probeHealth(sandbox, PROBES, PAUSE));
                stop.set(true);
                System.out.println("... and 8 busy SDK clients:             " + busy + "; " + clients.get() + " client calls");
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }
}
