package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The profiles demo: a user profile and a role profile in throw-away files, --profile and
 * AWS_PROFILE, the role profile's STS call aimed at the sandbox with AWS_ENDPOINT_URL, and the
 * provider chain's order
 * (https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/credentials-chain.html).
 */
@Covers("profiles")
@ExtendWith(SharedSandbox.class)
class ProfilesTest {
    private static final String NAME = "\\d{8}-[0-9a-f]{6}";

    @Test
    void eachProfileResolvesToItsIdentity(SharedSandbox.TestSandbox sandbox) {
        Run run = sandbox.jbang().run("profiles").succeeds()
                .printsLine("   User: arn:aws:iam::000000000000:user/course-profiles-dev-" + NAME)
                .printsLine("     aws_secret_access_key = .{4}…\\(40 chars\\)")
                .printsLine("     role_arn = arn:aws:iam::000000000000:role/course-profiles-reader-" + NAME)
                .printsLine("     source_profile = course-dev")
                .printsLine("     endpoint_url = " + sandbox.endpoint())
                .printsLine("   \\$ AWS_CONFIG_FILE=\\S+/config AWS_SHARED_CREDENTIALS_FILE=\\S+/credentials aws sts get-caller-identity "
                        + "--profile course-dev --endpoint-url " + sandbox.endpoint())
                .printsLine("   Arn: arn:aws:iam::000000000000:user/course-profiles-dev-" + NAME)
                .printsLine("   Without AWS_ENDPOINT_URL: .*")
                .printsLine("   With AWS_ENDPOINT_URL=" + sandbox.endpoint() + ": arn:aws:sts::000000000000:assumed-role/course-profiles-reader-"
                        + NAME + "/course-profiles")
                .printsLine("   1\\. Java system properties aws\\.accessKeyId, aws\\.secretAccessKey: nothing here")
                .printsLine("   2\\. environment AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: nothing here")
                .printsLine("   4\\. profile .*: found key AKIA[A-Z0-9]{16}  ← the chain uses this one")
                .printsLine("   6\\. EC2 instance profile \\(instance metadata\\): nothing here")
                .printsLine("   Deleted everything this run created\\.");
        // Both AWS_PROFILE and --profile resolve to the user; the files are gone afterwards.
        assertEquals(2, run.lines().stream().filter(line -> line.matches("   Arn: arn:aws:iam::000000000000:user/course-profiles-dev-" + NAME)).count(), run::toString);
        String configLine = run.lines().stream().filter(line -> line.startsWith("   Config file: ")).findFirst().orElseThrow();
        assertFalse(Files.exists(Path.of(configLine.substring("   Config file: ".length()))), "the throw-away config file is deleted");
        assertFalse(Files.exists(Path.of(sandbox.jbang().home(), ".aws")), "no ~/.aws is written");
    }

    @Test
    void environmentKeysComeBeforeProfilesInTheChain(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().env("AWS_ACCESS_KEY_ID", "AKIASANDBOXEXAMPLE00")
                .env("AWS_SECRET_ACCESS_KEY", "sandbox/SECRET/root/KEY/EXAMPLE/00000000")
                .run("profiles", "--local").succeeds()
                .printsLine("   2\\. environment AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: found key AKIASANDBOXEXAMPLE00  ← the chain uses this one")
                .printsLine("   4\\. profile .*: found key AKIA[A-Z0-9]{16}")
                // AWS_PROFILE does not help when environment keys are set: the chain stops at them.
                .printsLine("   Key: AKIASANDBOXEXAMPLE00")
                .printsLine("   Arn: arn:aws:iam::000000000000:root");
    }
}
