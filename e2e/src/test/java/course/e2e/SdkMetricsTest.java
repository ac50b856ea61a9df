package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sdk-metrics demo: the figures from the SDK's own metrics, then the same metrics through CloudWatch. */
@Covers("sdk-metrics")
@ExtendWith(SharedSandbox.class)
class SdkMetricsTest {

    @Test
    void theSdksOwnMetricsCountErrorsThrottlesAndLatencyAndReachCloudWatch(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("sdk-metrics").succeeds()
                .printsLine("   2 client errors \\(400\\)\\s+: ✗✗✓")
                .printsLine("   3 server errors \\(500\\) in a row\\s+: ✗✓✓")
                .printsLine("   calls\\s+16   one MetricCollection per API call")
                .printsLine("   calls failed by client errors\\s+2   .*")
                .printsLine("   calls failed by server errors\\s+1   .*")
                .printsLine("   throttles\\s+[1-9]\\d*   attempts with ErrorType Throttling")
                .printsLine("   end-to-end latency, median\\s+\\d+ ms   ApiCallDuration")
                .printsLine("   calls         : 5\\.0")
                .printsLine("   retries       : 2\\.0")
                .printsLine("   latency_p90_ms: \\d+\\.\\d")
                .printsLine("   Deleted everything this run created\\.");
    }
}
