package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The retries demo: throttled attempts retried under each mode, attempts running out, which errors are retried. */
@Covers("retries")
@ExtendWith(SharedSandbox.class)
class RetriesTest {

    @Test
    void eachModeRetriesThrottlingAndClientErrorsAreNotRetried(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("retries").succeeds()
                .printsLine("2\\. RetryMode\\.STANDARD: the next 2 calls are throttled; the SDK makes up to 3 attempts")
                .printsLine("      attempt=1; max=3 → 400 \\(\\d+ ms\\) Throttling")
                .printsLine("      … waited \\d+ ms \\(backoff\\)")
                .printsLine("      attempt=3; max=3 → 200 \\(\\d+ ms\\)")
                .printsLine("3\\. RetryMode\\.LEGACY: the next 2 calls are throttled; the SDK makes up to 4 attempts")
                .printsLine("      attempt=3; max=4 → 200 \\(\\d+ ms\\)")
                .printsLine("4\\. RetryMode\\.ADAPTIVE_V2: .*")
                .printsLine("   Result: failed after 3 attempt\\(s\\), \\d+ ms: 400 Throttling \\(to the SDK: throttling\\)")
                .printsLine("      attempt=5; max=5 → 200 \\(\\d+ ms\\)")
                .printsLine("   Result: success after 5 attempt\\(s\\), \\d+ ms in all")
                .printsLine("      attempt=1; max=3 → 500 \\(\\d+ ms\\) InternalFailure")
                .printsLine("      attempt=1; max=3 → 503 \\(\\d+ ms\\) ServiceUnavailable")
                .printsLine("      attempt=1; max=3 → 400 \\(\\d+ ms\\) ValidationError")
                .printsLine("   Result: failed after 1 attempt\\(s\\), \\d+ ms: 400 ValidationError \\(to the SDK: client error\\)")
                .printsLine("   Deleted everything this run created\\.");
        // The demo removed its fault rules again.
        sandbox.jbang().run("sandbox", "faults", "list", "--port", String.valueOf(sandbox.port())).succeeds()
                .printsLine("No fault rules: .*");
    }

    @Test
    void withoutTheSandboxItSaysSoInOneLine(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("retries", "--endpoint-url", "http://127.0.0.1:1").failsWithOneLine("Cannot reach .*");
    }
}
