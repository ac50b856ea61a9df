package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whoami demo: the target line, the credential source, and STS's answer, through ./jbang. */
@Covers("whoami")
@ExtendWith(SharedSandbox.class)
class WhoamiTest {

    @Test
    void withNoCredentialsTheTargetIsTheSandbox(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("whoami").succeeds()
                .firstLine("Target: local sandbox " + sandbox.endpoint().replace(".", "\\.") + " · account 000000000000 · us-east-1")
                .printsLine("1\\. Where the credentials came from")
                .printsLine("   Source: sandbox root key \\(default\\)")
                .printsLine("   Account: 000000000000")
                .printsLine("   ARN: arn:aws:iam::000000000000:root");
    }

    @Test
    void anEndpointUrlWinsAndUsesTheEnvironmentsCredentials(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang()
                .env("AWS_ENDPOINT_URL", sandbox.endpoint())
                .env("AWS_ACCESS_KEY_ID", "AKIASANDBOXEXAMPLE00")
                .env("AWS_SECRET_ACCESS_KEY", "sandbox/SECRET/root/KEY/EXAMPLE/00000000")
                .env("AWS_REGION", "eu-central-1")
                .run("whoami").succeeds()
                .firstLine("Target: endpoint " + sandbox.endpoint().replace(".", "\\.") + " · account 000000000000 · eu-central-1")
                .printsLine("   Source: environment variables");
    }

    @Test
    void startsTheSandboxWhenNoneIsRunning() {
        int port = freePort();
        Jbang jbang = Jbang.inProject().sandboxPort(port);
        try {
            Run run = jbang.run("whoami").succeeds()
                    .printsLine("No sandbox on 127\\.0\\.0\\.1:" + port + " yet: starting one \\(sandbox start\\)…")
                    .printsLine("Target: local sandbox http://127\\.0\\.0\\.1:" + port + " · account 000000000000 · us-east-1");
            assertTrue(run.stdout().contains("ARN: arn:aws:iam::000000000000:root"), run::toString);
        } finally {
            jbang.run("sandbox", "stop", "--port", String.valueOf(port)).succeeds();
        }
    }

    @Test
    void userMistakesAreOneLine(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("whoami", "--profile", "nope")
                .failsWithOneLine("No profile 'nope' in ~/\\.aws/config or ~/\\.aws/credentials: .*");
        sandbox.jbang().run("whoami", "--endpoint-url", "localhost 4566")
                .failsWithOneLine("Invalid endpoint URL 'localhost 4566': use e\\.g\\. http://127\\.0\\.0\\.1:4566\\.");
        sandbox.jbang().run("whoami", "--frobnicate").exits(2)
                .failsWithOneLine("Unknown option: '--frobnicate' \\(see --help\\)");
    }

    @Test
    void helpNamesTheTargetFlags(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("whoami", "--help").succeeds()
                .printsLine(".*--profile=NAME.*").printsLine(".*--region=REGION.*")
                .printsLine(".*--endpoint-url=URL.*").printsLine(".*--local.*");
    }

    private static int freePort() {
        try {
            return SharedSandbox.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
