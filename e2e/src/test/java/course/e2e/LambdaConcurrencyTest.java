package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lambda-concurrency demo through ./jbang: reserved concurrency throttles, provisioned concurrency, the limits. */
@Covers("lambda-concurrency")
@ExtendWith(SharedSandbox.class)
class LambdaConcurrencyTest {

    @Test
    void throttlesProvisionsAndHitsTheLimits(SharedSandbox.TestSandbox sandbox) {
        Run run = sandbox.jbang().run("lambda-concurrency").succeeds()
                .printsLine("   Status: READY")
                .printsLine("   REPORT: REPORT RequestId: [0-9a-f-]{36} Duration: [0-9.]+ ms Billed Duration: \\d+ ms "
                        + "Memory Size: 512 MB Max Memory Used: \\d+ MB")
                .printsLine("   Error: 413 RequestTooLargeException: Request must be smaller than 6291456 bytes for the InvokeFunction operation")
                .printsLine("   Payload: \\{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: [0-9a-f-]{36} "
                        + "Error: Task timed out after 3\\.00 seconds\"\\}")
                .printsLine("   REPORT: REPORT .* Duration: 3\\d{3}\\.\\d\\d ms .* Max Memory Used: [1-9]\\d* MB Status: timeout")
                .printsLine("\\d+\\. Clean up")
                .printsLine(" {3,4}Deleted provisioned concurrency of course-concurrency-\\d{8}-[0-9a-f]{6}:prod")
                .printsLine(" {3,4}Deleted function course-concurrency-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted policy write-logs of role course-concurrency-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted role course-concurrency-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted everything this run created\\.");
        long throttled = run.stdout().lines().filter(line -> line.contains(": 429 TooManyRequestsException, "
                + "Reason ReservedFunctionConcurrentInvocationLimitExceeded")).count();
        long served = run.stdout().lines().filter(line -> line.matches("   call \\d: 200 \"an environment was busy 1500 ms\"")).count();
        org.junit.jupiter.api.Assertions.assertEquals(2, throttled, run::toString);
        org.junit.jupiter.api.Assertions.assertEquals(4, served, run::toString);
    }
}
