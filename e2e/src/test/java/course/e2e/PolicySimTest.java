package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy-sim demo: deciding statements, the boundary, conditions and missing context, and its experiment flags. */
@Covers("policy-sim")
@ExtendWith(SharedSandbox.class)
class PolicySimTest {

    @Test
    void explainsEachDecision(SharedSandbox.TestSandbox sandbox) {
        Run run = sandbox.jbang().run("policy-sim").succeeds()
                .printsLine("   User: arn:aws:iam::000000000000:user/course-sim-user-\\d{8}-[0-9a-f]{6}")
                .printsLine("   ACTION +RESOURCE +DECISION +DECIDED BY +BOUNDARY +MISSING")
                .printsLine("   s3:GetObject +arn:aws:s3:::course-reports/q1\\.csv +allowed +ReadReports, S3Only +allows +-")
                .printsLine("   s3:PutObject +arn:aws:s3:::course-reports/q1\\.csv +implicitDeny +- +allows +aws:SourceIp")
                .printsLine("   s3:DeleteObject +arn:aws:s3:::course-reports/q1\\.csv +explicitDeny +NeverDelete +allows +-")
                .printsLine("   sqs:SendMessage +arn:aws:sqs:us-east-1:000000000000:course-jobs +implicitDeny +- +denies +-")
                .printsLine("   \\(none\\) +implicitDeny +- +aws:MultiFactorAuthPresent, aws:SourceIp")
                .printsLine("   MultiFactorAuthPresent=true SourceIp=203\\.0\\.113\\.7 +allowed +TerminateWithMfaFromTheOffice +-")
                .printsLine("   MultiFactorAuthPresent=true SourceIp=198\\.51\\.100\\.7 +implicitDeny +- +-")
                .printsLine("\\d+\\. Clean up")
                .printsLine("   Deleted the user's permissions boundary")
                .printsLine("   Deleted user course-sim-user-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted everything this run created\\.");

        // Nothing left behind: neither the user nor the boundary policy.
        String user = run.lines().stream().filter(line -> line.startsWith("   User: ")).findFirst().orElseThrow().replaceFirst(".*:user/", "");
        String boundary = run.lines().stream().filter(line -> line.startsWith("   Boundary: ")).findFirst().orElseThrow()
                .replaceFirst("   Boundary: (\\S+) .*", "$1");
        assertTrue(user.matches("course-sim-user-\\d{8}-[0-9a-f]{6}") && boundary.matches("arn:aws:iam::000000000000:policy/\\S+"),
                user + " / " + boundary);
        Run leftovers = sandbox.jbang().stdin("""
                System.out.println("USER LEFT " + iam.listUsers().users().stream().anyMatch(u -> u.userName().equals("%s")))
                System.out.println("POLICY LEFT " + iam.listPolicies(r -> r.scope("Local")).policies().stream().anyMatch(p -> p.arn().equals("%s")))
                """.formatted(user, boundary)).run("run", "-i", "snippets/iam.jsh").succeeds();
        leftovers.printsLine(".*USER LEFT false").printsLine(".*POLICY LEFT false");
    }

    @Test
    void policyFilesWithContextAndBoundary(SharedSandbox.TestSandbox sandbox, @TempDir Path dir) throws IOException {
        Path policy = Files.writeString(dir.resolve("tagged.json"), """
                {"Version": "2012-10-17",
                 "Statement": [{"Sid": "ReadIfBlue", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                   "Condition": {"StringEquals": {"aws:PrincipalTag/team": "blue"}}}]}
                """);
        Path boundary = Files.writeString(dir.resolve("boundary.json"), """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:List*", "Resource": "*"}]}
                """);
        sandbox.jbang().run("policy-sim", "--policy", policy.toString(), "--action", "s3:GetObject", "--action", "s3:PutObject",
                        "--context", "aws:PrincipalTag/team=blue").succeeds()
                .printsLine("1\\. SimulateCustomPolicy: 1 policy, with context")
                .printsLine("   s3:GetObject +\\* +allowed +ReadIfBlue +- +-")
                .printsLine("   s3:PutObject +\\* +implicitDeny +- +- +-");
        sandbox.jbang().run("policy-sim", "--policy", policy.toString(), "--boundary", boundary.toString(),
                        "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/a.csv", "--context", "aws:PrincipalTag/team=blue:string").succeeds()
                .printsLine("   s3:GetObject +arn:aws:s3:::reports/a\\.csv +implicitDeny +- +denies +-");
    }

    @Test
    void readmeExampleRunsOnTheShippedSamplePolicy(SharedSandbox.TestSandbox sandbox) throws IOException {
        String readme = Files.readString(Jbang.PROJECT.resolve("README.md")).replace("\\\n", " ");
        String example = readme.lines().filter(line -> line.startsWith("./jbang policy-sim --policy ")).findFirst()
                .orElseThrow(() -> new AssertionError("README has no ./jbang policy-sim --policy example"));
        String[] arguments = example.substring("./jbang ".length()).trim().split("\\s+");
        assertTrue(Files.isRegularFile(Jbang.PROJECT.resolve(arguments[2])), "README's policy file exists: " + arguments[2]);
        sandbox.jbang().run(arguments).succeeds()
                .printsLine("   reports-access\\.json: 4 statement\\(s\\): ReadReports Allow s3:GetObject,s3:ListBucket; "
                        + "WriteFromTheOffice Allow s3:PutObject; NeverDelete Deny s3:DeleteObject; SendJobs Allow sqs:SendMessage")
                .printsLine("   s3:PutObject +arn:aws:s3:::course-reports/q1\\.csv +allowed +WriteFromTheOffice +- +-");
    }

    @Test
    void theSampleBoundaryCapsTheSamplePolicy(SharedSandbox.TestSandbox sandbox) {
        Path policies = Jbang.PROJECT.resolve("scripts/m04-permissions/policies");
        sandbox.jbang().run("policy-sim", "--policy", policies.resolve("reports-access.json").toString(),
                        "--boundary", policies.resolve("s3-only-boundary.json").toString(),
                        "--action", "sqs:SendMessage", "--action", "s3:DeleteObject").succeeds()
                .printsLine("   s3-only-boundary\\.json \\(boundary\\): 1 statement\\(s\\): S3Only Allow s3:\\*")
                .printsLine("   sqs:SendMessage +\\* +implicitDeny +- +denies +-")
                .printsLine("   s3:DeleteObject +\\* +explicitDeny +NeverDelete +allows +-");
        sandbox.jbang().run("policy-sim", "--policy", policies.resolve("terminate-with-mfa.json").toString(),
                        "--action", "ec2:TerminateInstances", "--context", "aws:MultiFactorAuthPresent=true:boolean",
                        "--context", "aws:SourceIp=203.0.113.7:ip").succeeds()
                .printsLine("   ec2:TerminateInstances +\\* +allowed +TerminateWithMfaFromTheOffice +- +-");
    }

    @Test
    void aJsonMistakeNamesTheFileLineAndColumn(SharedSandbox.TestSandbox sandbox, @TempDir Path dir) throws IOException {
        Path truncated = Files.writeString(dir.resolve("truncated.json"), "{\"Version\": \"2012-10-17\", \"Statement\": [");
        sandbox.jbang().run("policy-sim", "--policy", truncated.toString(), "--action", "s3:GetObject")
                .failsWithOneLine("Invalid policy .*/truncated\\.json:1:41: Unexpected end-of-input: expected close marker for Array");
        Path missingComma = Files.writeString(dir.resolve("missing-comma.json"), """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Effect": "Allow" "Action": "s3:*", "Resource": "*"}
                  ]
                }
                """);
        sandbox.jbang().run("policy-sim", "--policy", missingComma.toString(),
                        "--action", "s3:GetObject")
                .failsWithOneLine("Invalid policy .*/missing-comma\\.json:4:24: Unexpected character \\('\"' \\(code 34\\)\\): "
                        + "was expecting comma to separate Object entries");
        // Valid JSON, but no Effect: IAM refuses it, and the message names the file it came from.
        Path noEffect = Files.writeString(dir.resolve("no-effect.json"), """
                {"Version": "2012-10-17", "Statement": [{"Action": "s3:*", "Resource": "*"}]}
                """);
        sandbox.jbang().run("policy-sim", "--policy", noEffect.toString(), "--action", "s3:GetObject")
                .failsWithOneLine("Invalid policy \\(IAM, in .*/no-effect\\.json\\): .+");
    }

    @Test
    void mistakesAreOneLine(SharedSandbox.TestSandbox sandbox, @TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"Version\": \"2012-10-17\", \"Statement\": [");
        sandbox.jbang().run("policy-sim", "--policy", dir.resolve("missing.json").toString(), "--action", "s3:GetObject")
                .failsWithOneLine("Cannot read policy file .*missing\\.json: no such file\\.");
        sandbox.jbang().run("policy-sim", "--action", "s3:GetObject")
                .failsWithOneLine("--boundary, --action, --resource and --context go with --policy FILE \\(see --help\\)\\.");
        sandbox.jbang().run("policy-sim", "--policy", broken.toString())
                .failsWithOneLine("Name at least one --action to simulate, e\\.g\\. --action s3:GetObject\\.");
        sandbox.jbang().run("policy-sim", "--policy", broken.toString(), "--action", "s3:GetObject", "--context", "nonsense")
                .failsWithOneLine("Invalid --context 'nonsense': use KEY=VALUE\\[:TYPE\\], e\\.g\\. aws:SourceIp=203\\.0\\.113\\.7:ip\\.");
    }
}
