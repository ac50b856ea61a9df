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
                .printsLine(" {3,4}Deleted: function course-orders-\\d{8}-[0-9a-f]{6}-stream")
                .printsLine(" {3,4}Deleted: function course-orders-\\d{8}-[0-9a-f]{6}-pojo")
                .printsLine(" {3,4}Deleted: policy write-logs of role course-orders-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted: role course-orders-\\d{8}-[0-9a-f]{6}");
    }
}
