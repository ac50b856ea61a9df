package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The boundary demo: both policies allow → ok; only the identity policy → denied by the
 * boundary; an explicit deny in the boundary; the simulator agrees; the AWS CLI lines it prints
 * do the same when replayed with AWS CLI v2.
 */
@Covers("boundary")
@ExtendWith(SharedSandbox.class)
class BoundaryTest {
    private static final String NAME = "\\d{8}-[0-9a-f]{6}";

    @Test
    void theBoundaryCapsTheIdentityPolicyAndTheCliLinesReplayIt(SharedSandbox.TestSandbox sandbox) throws Exception {
        Run run = sandbox.jbang().run("boundary").succeeds()
                .printsLine("   \\$ aws sts get-caller-identity --endpoint-url " + sandbox.endpoint())
                .printsLine("   Caller: arn:aws:iam::000000000000:root")
                .printsLine("   ListObjectsV2: \\[reports/q1\\.csv, secret/salaries\\.csv\\]")
                .printsLine("   GetObject: region,revenue …")
                .printsLine("   Reason: User: arn:aws:iam::000000000000:user/course-boundary-user-" + NAME + " is not authorized to perform: "
                        + "s3:PutObject on resource: \"arn:aws:s3:::course-boundary-" + NAME + "/reports/q2\\.csv\" "
                        + "because no permissions boundary allows the s3:PutObject action")
                .printsLine("   Reason: User: arn:aws:iam::000000000000:user/course-boundary-user-" + NAME + " is not authorized to perform: "
                        + "s3:GetObject on resource: \"arn:aws:s3:::course-boundary-" + NAME + "/secret/salaries\\.csv\" "
                        + "with an explicit deny in a permissions boundary")
                .printsLine("   s3:ListBucket  <bucket>\\s+allowed\\s+yes")
                .printsLine("   s3:GetObject   <bucket>/reports/q1\\.csv\\s+allowed\\s+yes")
                .printsLine("   s3:PutObject   <bucket>/reports/q2\\.csv\\s+implicitDeny\\s+no")
                .printsLine("   s3:GetObject   <bucket>/secret/salaries\\.csv\\s+explicitDeny\\s+no")
                .printsLine("    Deleted everything this run created\\.");
        assertFalse(run.stdout().contains("sandbox/SECRET"), run::toString);

        // Replay every printed CLI line in bash with AWS CLI v2 (the demo deleted its resources, so they are made anew).
        List<String> commands = run.lines().stream().filter(line -> line.startsWith("   $ ")).map(line -> line.substring(5)).toList();
        assertEquals(14, commands.size(), run::toString);
        StringBuilder script = new StringBuilder("export PATH=/usr/bin:$PATH AWS_ACCESS_KEY_ID=AKIASANDBOXEXAMPLE00 "
                + "AWS_SECRET_ACCESS_KEY=sandbox/SECRET/root/KEY/EXAMPLE/00000000 AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=\n"
                + "OUT=$(mktemp)\n");
        for (int i = 0; i < commands.size(); i++) {
            // In braces, not a pipe: `read KEY SECRET_KEY` must set the variables in this shell.
            script.append("echo '### ").append(i + 1).append("'\n{ ").append(commands.get(i))
                    .append("; } > $OUT 2>&1; rc=$?; cat $OUT; echo; echo \"### rc=$rc\"\n");
        }
        script.append("rm -f $OUT\n");
        String output = bash(script.toString());
        for (int i = 1; i <= commands.size(); i++) {
            String section = output.substring(output.indexOf("### " + i + "\n"));
            section = section.substring(0, section.indexOf("### rc="));
            boolean denied = section.contains("AccessDenied");
            String rc = output.substring(output.indexOf("### rc=", output.indexOf("### " + i + "\n")) + 7).lines().findFirst().orElse("");
            assertEquals(denied ? "254" : "0", rc, "command " + i + ": " + commands.get(i - 1) + "\n" + section);
        }
        assertTrue(output.contains("because no permissions boundary allows the s3:PutObject action"), output);
        assertTrue(output.contains("with an explicit deny in a permissions boundary"), output);
        assertTrue(output.contains("\"EvalDecision\": \"explicitDeny\""), output);
        assertTrue(output.contains("\"AllowedByPermissionsBoundary\": false"), output);
    }

    private static String bash(String script) throws IOException, InterruptedException {
        Path out = Files.createTempFile("boundary-cli", ".txt");
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI replay did not finish in 3 minutes:\n" + Files.readString(out));
        }
        String output = Files.readString(out);
        Files.delete(out);
        return output;
    }
}
