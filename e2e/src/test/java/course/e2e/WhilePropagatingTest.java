package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Demo.whilePropagating through the real thing: e2e/src/test/jbang/propagation.java, run by
 * ./jbang, compiles scripts/lib/Demo.java and calls STS on the sandbox as a user of its own, while a
 * sandbox fault rule answers that user's GetCallerIdentity with 403 AccessDenied a set number of
 * times (AWS answers so while a new key or policy has not reached every endpoint:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency).
 */
@ExtendWith(SharedSandbox.class)
class WhilePropagatingTest {
    private static final String SCRIPT = "e2e/src/test/jbang/propagation.java";
    private static final Pattern MILLIS = Pattern.compile(" in (\\d+) ms$");

    @Test
    void repeatsTheCallEveryTwoSecondsWhileItFailsWithAListedCodeThenReturnsItsAnswer(SharedSandbox.TestSandbox sandbox) {
        Run run = sandbox.jbang().run(SCRIPT, "2", "AccessDenied").succeeds()
                .printsLine(" +\\(waiting for IAM changes to reach every endpoint…\\)")
                .printsLine("answered arn:aws:iam::\\d{12}:user/course-propagation-\\d{8}-[0-9a-f]{6} after 3 call\\(s\\) in \\d+ ms");
        long millis = millis(run);
        assertTrue(millis >= 4000 && millis < 10_000, "two waits of 2 s: " + run);
    }

    @Test
    void throwsACodeNotListedAtOnce(SharedSandbox.TestSandbox sandbox) {
        Run run = sandbox.jbang().run(SCRIPT, "1", "InvalidClientTokenId").succeeds()
                .printsLine("thrown AccessDenied after 1 call\\(s\\) in \\d+ ms");
        assertTrue(millis(run) < 2000, "no wait: " + run);
    }

    @Test
    void throwsTheLastErrorWhenTheTimeIsUp(SharedSandbox.TestSandbox sandbox) {
        Run run = sandbox.jbang().run(SCRIPT, "5", "AccessDenied", "2").succeeds()
                .printsLine("thrown AccessDenied after 2 call\\(s\\) in \\d+ ms");
        long millis = millis(run);
        assertTrue(millis >= 2000 && millis < 4000, "one wait of 2 s, then the time is up: " + run);
    }

    private static long millis(Run run) {
        return run.lines().stream().map(MILLIS::matcher).filter(Matcher::find).mapToLong(m -> Long.parseLong(m.group(1)))
                .findFirst().orElseThrow(() -> new AssertionError("no \"in N ms\" line: " + run));
    }
}
