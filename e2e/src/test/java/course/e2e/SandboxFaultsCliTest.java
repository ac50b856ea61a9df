package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** `./jbang sandbox faults add|list|clear`: rules go to the running sandbox, mistakes are one line. */
@ExtendWith(SharedSandbox.class)
class SandboxFaultsCliTest {

    @Test
    void addListAndClearFaultRules(SharedSandbox.TestSandbox sandbox) {
        Jbang jbang = sandbox.jbang();
        String port = String.valueOf(sandbox.port());
        jbang.run("sandbox", "faults", "clear", "--port", port).succeeds();
        jbang.run("sandbox", "faults", "list", "--port", port).succeeds()
                .printsLine("No fault rules: every request is answered normally\\.");
        jbang.run("sandbox", "faults", "add", "--port", port, "--service", "dynamodb", "--operation", "GetItem",
                "--error", "throttling", "--count", "2").succeeds()
                .printsLine("Added f\\d+: dynamodb GetItem → throttling, next 2 calls · fired 0");
        jbang.run("sandbox", "faults", "add", "--port", port, "--service", "s3", "--status", "503", "--code", "SlowDown",
                "--probability", "0.25", "--seed", "7", "--latency", "1.5s").succeeds()
                .printsLine("Added f\\d+: s3 \\* → 503 SlowDown after \\+1500 ms, probability 0\\.25 \\(seed 7\\) · fired 0");
        jbang.run("sandbox", "faults", "list", "--port", port).succeeds()
                .printsLine("f\\d+: dynamodb GetItem → throttling, next 2 calls · fired 0")
                .printsLine("f\\d+: s3 \\* → 503 SlowDown after \\+1500 ms, probability 0\\.25 \\(seed 7\\) · fired 0");

        jbang.run("sandbox", "faults", "add", "--port", port, "--error", "sometimes").exits(2)
                .failsWithOneLine("Invalid fault rule: unknown error 'sometimes'; use throttling, server-error, unavailable or client-error .*");
        jbang.run("sandbox", "faults", "add", "--port", port, "--error", "throttling", "--probability", "2").exits(2)
                .failsWithOneLine("Invalid fault rule: probability must be greater than 0 and at most 1, e\\.g\\. 0\\.3 \\(was 2\\.0\\) .*");
        jbang.run("sandbox", "faults", "add", "--port", port, "--latency", "soon").exits(2)
                .failsWithOneLine("Invalid --latency 'soon': use e\\.g\\. 250ms or 2s\\. .*");
        jbang.run("sandbox", "faults", "clear", "--port", port, "f999").exits(1)
                .failsWithOneLine("No fault rule f999 in the sandbox; \\./jbang sandbox faults list shows them\\.");

        jbang.run("sandbox", "faults", "clear", "--port", port).succeeds().printsLine("Cleared 2 fault rule\\(s\\)\\.");
        jbang.run("sandbox", "faults", "list", "--port", port).succeeds().printsLine("No fault rules: .*");
        jbang.run("sandbox", "faults", "list", "--port", "1").exits(1)
                .failsWithOneLine("No sandbox is running on 127\\.0\\.0\\.1:1; start one with \\./jbang sandbox start\\.");
    }
}
