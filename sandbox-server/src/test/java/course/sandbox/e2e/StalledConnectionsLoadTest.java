package course.sandbox.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 300 connections stalled mid-head (more than the JDK server had workers), 60 stalled mid-body
 * and 8 SDK clients at work: health answers every probe within a generous 2 s, and every client
 * call succeeds. The latency figures themselves come from StalledConnectionsBenchmark.
 */
class StalledConnectionsLoadTest {

    @Test
    void healthAnswersUnderStalledConnectionsAndBusyClients() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        AtomicBoolean stop = new AtomicBoolean();
        try (RunningSandbox sandbox = RunningSandbox.start();
             StalledConnections stalled = StalledConnections.open(sandbox, 300, 60)) {
            Future<Integer> clients = StalledConnections.busyClients(sandbox, 8, stop, pool);
            long[] health = StalledConnections.probeHealth(sandbox, 60, Duration.ofMillis(50));
            stop.set(true);
            int calls = clients.get();
            System.out.println("health under 300 stalled heads, 60 stalled bodies, 8 clients: "
                    + StalledConnections.summary(health) + "; " + calls + " client calls succeeded");
            assertTrue(Arrays.stream(health).max().orElseThrow() < 2_000, StalledConnections.summary(health));
            assertTrue(calls > 0, "no client call went through");
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }
}
