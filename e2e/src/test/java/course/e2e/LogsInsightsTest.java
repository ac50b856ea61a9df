package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The logs-insights demo through ./jbang: queries over a Lambda function's logs with Lambda's discovered fields. */
@Covers("logs-insights")
@ExtendWith(SharedSandbox.class)
class LogsInsightsTest {

    @Test
    void queriesOverLambdaLogs(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("logs-insights", "--invocations", "12").succeeds()
                .printsLine("   Invocations: 12, of which 2 failed")
                .printsLine("   Log events: 12 REPORT lines in /aws/lambda/course-insights-\\d{8}-[0-9a-f]{6}")
                .printsLine("   → @requestId=[0-9a-f-]{36}  @duration=[0-9.]+(  @initDuration=[0-9.]+)?")
                .printsLine("   → bin\\(5m\\)=\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:00\\.000  invocations=12  coldStarts=2  avgInitMs=[0-9.]+")
                .printsLine("   → reason=payment declined  failures=1")
                .printsLine("   → reason=out of stock  failures=1")
                .printsLine("   → slowOrders=\\d+  maxWorkMs=160")
                .printsLine("   → p50=[0-9.]+  p90=[0-9.]+  maxMemoryBytes=\\d+")
                .printsLine("\\d+\\. Clean up")
                .printsLine(" {3,4}Deleted log group /aws/lambda/course-insights-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted function course-insights-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted policy write-logs of role course-insights-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted role course-insights-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted everything this run created\\.");
    }
}
