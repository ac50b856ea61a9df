package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lambda-versions demo through ./jbang: two versions, an alias, a weighted canary counted, all traffic shifted. */
@Covers("lambda-versions")
@ExtendWith(SharedSandbox.class)
class LambdaVersionsTest {

    @Test
    void aCanarySplitsTrafficThenAllShifts(SharedSandbox.TestSandbox sandbox) {
        Run run = sandbox.jbang().run("lambda-versions", "--invocations", "60", "--canary", "0.5").succeeds()
                .printsLine("   Version: 1 · arn:aws:lambda:us-east-1:000000000000:function:course-versions-\\d{8}-[0-9a-f]{6}:1")
                .printsLine("   Version 1 still: \"version 1 says classic\"")
                .printsLine("   Answer: \"version 1 says classic\" \\(X-Amz-Executed-Version: 1\\)")
                .printsLine("   Version 1: \\d+ of 60 invocations")
                .printsLine("   Version 2: \\d+ of 60 invocations")
                .printsLine("   Answer: \"version 2 says shiny\" \\(X-Amz-Executed-Version: 2\\)")
                .printsLine("\\d+\\. Clean up")
                .printsLine(" {3,4}Deleted function course-versions-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted policy write-logs of role course-versions-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted role course-versions-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted everything this run created\\.");
        Matcher onTwo = Pattern.compile("Version 2: (\\d+) of 60").matcher(run.stdout());
        assertTrue(onTwo.find(), run::toString);
        int share = Integer.parseInt(onTwo.group(1));
        // 50 % of 60: anything from 12 to 48 is all but certain (p < 1e-6 outside)
        assertTrue(share >= 12 && share <= 48, "version 2 took " + share + " of 60");
    }

    @Test
    void badOptionsGetOneLine(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("lambda-versions", "--canary", "2")
                .failsWithOneLine("Use --invocations from 1 to 1000 and a --canary share between 0 and 1, e\\.g\\. 0\\.2\\.");
    }
}
