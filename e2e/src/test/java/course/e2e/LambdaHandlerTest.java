package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lambda-handler demo through ./jbang: logic tested alone, a POJO and a stream handler, an error as Lambda reports it. */
@Covers("lambda-handler")
@ExtendWith(SharedSandbox.class)
class LambdaHandlerTest {

    @Test
    void thinAdaptersAroundTestedLogic(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("lambda-handler").succeeds()
                .printsLine("   PriceCalculatorCheck: 3 checks passed")
                .printsLine("   Answer: \\{\"item\":\"book\",\"quantity\":2,\"total\":\"30\\.00\",\"requestId\":\"[0-9a-f-]{36}\"\\}")
                .printsLine("   Answer: \\{\"item\":\"book\",\"total\":\"30\\.00\",\"bytesRead\":46\\}")
                .printsLine("   HTTP status: 200 \\(the Invoke call itself succeeded\\)")
                .printsLine("   X-Amz-Function-Error: Unhandled")
                .printsLine("   Payload: \\{\"errorMessage\":\"quantity must be at least 1, was 0\","
                        + "\"errorType\":\"java\\.lang\\.IllegalArgumentException\",\"stackTrace\":\\[…\\]\\}")
                .printsLine("\\d+\\. Clean up")
                .printsLine(" {3,4}Deleted function course-orders-\\d{8}-[0-9a-f]{6}-stream")
                .printsLine(" {3,4}Deleted function course-orders-\\d{8}-[0-9a-f]{6}-pojo")
                .printsLine(" {3,4}Deleted policy write-logs of role course-orders-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted role course-orders-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted everything this run created\\.");
    }

    /** A deletion that fails (a fault rule answers DeleteFunction once with a 400) stops none of the others. */
    @Test
    void cleanUpTriesEveryDeletionAndSaysWhichFailed(SharedSandbox.TestSandbox sandbox) {
        Jbang jbang = sandbox.jbang();
        String port = String.valueOf(sandbox.port());
        jbang.run("sandbox", "faults", "add", "--port", port, "--service", "lambda", "--operation", "DeleteFunction",
                "--error", "client-error", "--count", "1").succeeds();
        try {
            jbang.run("lambda-handler").succeeds()
                    .printsLine("\\d+\\. Clean up")
                    .printsLine("   Not deleted: function course-orders-\\d{8}-[0-9a-f]{6}-stream \\(.+\\)")
                    .printsLine("   Deleted function course-orders-\\d{8}-[0-9a-f]{6}-pojo")
                    .printsLine("   Deleted policy write-logs of role course-orders-\\d{8}-[0-9a-f]{6}")
                    .printsLine("   Deleted role course-orders-\\d{8}-[0-9a-f]{6}")
                    .printsLine("   1 deletion\\(s\\) failed, see above\\.");
        } finally {
            jbang.run("sandbox", "faults", "clear", "--port", port).succeeds();
        }
    }
}
