package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IAM and STS from AWS CLI v2 and boto3, unmodified: their signatures accepted, tampered ones refused. */
class AwsCliAndBoto3Test {
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, String> credentials(String accessKey, String secret) {
        return Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secret, "AWS_DEFAULT_REGION", "us-east-1");
    }

    private static ExternalClient.Result aws(Map<String, String> environment, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(ExternalClient.AWS_CLI.toString(),
                "--endpoint-url", sandbox.endpoint().toString(), "--output", "text"));
        command.addAll(List.of(arguments));
        return ExternalClient.run(command, environment);
    }

    @Test
    void awsCliSignsRequestsTheSandboxAccepts() {
        ExternalClient.requireAwsCliV2();
        Map<String, String> root = credentials(RunningSandbox.ROOT.accessKeyId(), RunningSandbox.ROOT.secretAccessKey());
        ExternalClient.Result identity = aws(root, "sts", "get-caller-identity", "--query", "Arn");
        assertEquals("arn:aws:iam::000000000000:root", identity.stdout().strip(), identity.toString());

        assertEquals(0, aws(root, "iam", "create-user", "--user-name", "cli-user").exitCode());
        ExternalClient.Result key = aws(root, "iam", "create-access-key", "--user-name", "cli-user",
                "--query", "AccessKey.[AccessKeyId,SecretAccessKey]");
        String[] fields = key.stdout().strip().split("\\s+");
        Map<String, String> user = credentials(fields[0], fields[1]);
        assertEquals("arn:aws:iam::000000000000:user/cli-user",
                aws(user, "sts", "get-caller-identity", "--query", "Arn").stdout().strip());

        ExternalClient.Result denied = aws(user, "iam", "list-users");
        assertNotEquals(0, denied.exitCode());
        assertTrue(denied.stderr().contains("(AccessDenied)") && denied.stderr().contains(
                "is not authorized to perform: iam:ListUsers"), denied.toString());

        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}";
        assertEquals(0, aws(root, "iam", "put-user-policy", "--user-name", "cli-user", "--policy-name", "list",
                "--policy-document", policy).exitCode());
        ExternalClient.Result listed = aws(user, "iam", "list-users", "--query", "Users[].UserName");
        assertTrue(listed.stdout().contains("cli-user"), listed.toString());
    }

    @Test
    void awsCliWithAWrongSecretOrASkewedClockIsRefused() {
        ExternalClient.requireAwsCliV2();
        ExternalClient.Result wrong = aws(credentials(RunningSandbox.ROOT.accessKeyId(), "wrong-secret"), "sts", "get-caller-identity");
        assertNotEquals(0, wrong.exitCode());
        assertTrue(wrong.stderr().contains("(SignatureDoesNotMatch)"), wrong.toString());

        sandbox.shiftClock(Duration.ofMinutes(10));
        try {
            ExternalClient.Result skewed = aws(credentials(RunningSandbox.ROOT.accessKeyId(), RunningSandbox.ROOT.secretAccessKey()),
                    "sts", "get-caller-identity");
            assertNotEquals(0, skewed.exitCode());
            assertTrue(skewed.stderr().contains("Signature expired"), skewed.toString());
        } finally {
            sandbox.shiftClock(Duration.ZERO);
        }
    }

    @Test
    void boto3CallsStsAndIamAndItsTamperedCallsFail() {
        ExternalClient.requireBoto3();
        String script = String.join("\n",
                "import boto3, botocore, sys",
                "endpoint = sys.argv[1]",
                "def client(service, secret):",
                "    return boto3.client(service, endpoint_url=endpoint, region_name='us-east-1',",
                "        aws_access_key_id='" + RunningSandbox.ROOT.accessKeyId() + "', aws_secret_access_key=secret)",
                "good = '" + RunningSandbox.ROOT.secretAccessKey() + "'",
                "print('arn', client('sts', good).get_caller_identity()['Arn'])",
                "iam = client('iam', good)",
                "iam.create_user(UserName='boto-user')",
                "print('users', [u['UserName'] for u in iam.list_users()['Users']])",
                "result = iam.simulate_custom_policy(PolicyInputList=['{\"Version\":\"2012-10-17\",\"Statement\":"
                        + "[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}'], ActionNames=['s3:GetObject', 's3:PutObject'])",
                "print('decisions', [r['EvalDecision'] for r in result['EvaluationResults']])",
                "try:",
                "    client('sts', 'tampered').get_caller_identity()",
                "except botocore.exceptions.ClientError as e:",
                "    print('tampered', e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])");
        ExternalClient.Result run = ExternalClient.run(List.of(ExternalClient.PYTHON.toString(), "-c", script, sandbox.endpoint().toString()),
                Map.of());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("arn arn:aws:iam::000000000000:root"), run.toString());
        assertTrue(run.stdout().lines().anyMatch(line -> line.startsWith("users [") && line.contains("'boto-user'")), run.toString());
        assertTrue(run.stdout().contains("decisions ['allowed', 'implicitDeny']"), run.toString());
        assertTrue(run.stdout().contains("tampered SignatureDoesNotMatch 403"), run.toString());
    }
}
