package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CloudWatch Logs from AWS CLI v2 (including {@code aws logs tail}) and boto3, unmodified. */
class LogsAwsCliAndBoto3Test {
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, String> root() {
        return Map.of("AWS_ACCESS_KEY_ID", RunningSandbox.ROOT.accessKeyId(), "AWS_SECRET_ACCESS_KEY",
                RunningSandbox.ROOT.secretAccessKey(), "AWS_DEFAULT_REGION", "us-east-1", "AWS_MAX_ATTEMPTS", "1");
    }

    private static ExternalClient.Result aws(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ExternalClient.AWS_CLI.toString(),
                "--endpoint-url", sandbox.endpoint().toString(), "--output", "text"));
        command.addAll(List.of(arguments));
        return ExternalClient.run(command, environment);
    }

    private static void ok(ExternalClient.Result result) {
        assertEquals(0, result.exitCode(), result.toString());
    }

    @Test
    void awsCliCreatesPutsGetsFiltersAndTails() {
        ExternalClient.requireAwsCliV2();
        long now = System.currentTimeMillis();
        ok(aws(root(), "logs", "create-log-group", "--log-group-name", "/course/cli", "--tags", "team=course"));
        ok(aws(root(), "logs", "create-log-stream", "--log-group-name", "/course/cli", "--log-stream-name", "app"));
        ok(aws(root(), "logs", "put-log-events", "--log-group-name", "/course/cli", "--log-stream-name", "app", "--log-events",
                "timestamp=" + (now - 2000) + ",message=INFO started", "timestamp=" + (now - 1000) + ",message=ERROR failed"));

        ExternalClient.Result events = aws(root(), "logs", "get-log-events", "--log-group-name", "/course/cli",
                "--log-stream-name", "app", "--start-from-head", "--query", "events[].message");
        ok(events);
        assertEquals("INFO started\tERROR failed", events.stdout().strip());

        ExternalClient.Result filtered = aws(root(), "logs", "filter-log-events", "--log-group-name", "/course/cli",
                "--filter-pattern", "ERROR", "--query", "events[].[logStreamName,message]");
        ok(filtered);
        assertEquals("app\tERROR failed", filtered.stdout().strip());

        // aws logs tail reads with FilterLogEvents and prints "<time> <stream> <message>"
        ExternalClient.Result tail = aws(root(), "logs", "tail", "/course/cli", "--since", "1h", "--format", "short");
        ok(tail);
        assertTrue(tail.stdout().contains("INFO started") && tail.stdout().contains("ERROR failed"), tail.toString());

        ok(aws(root(), "logs", "put-retention-policy", "--log-group-name", "/course/cli", "--retention-in-days", "14"));
        ExternalClient.Result groups = aws(root(), "logs", "describe-log-groups", "--log-group-name-prefix", "/course/cli",
                "--query", "logGroups[].[logGroupName,retentionInDays]");
        assertEquals("/course/cli\t14", groups.stdout().strip(), groups.toString());

        ExternalClient.Result again = aws(root(), "logs", "create-log-group", "--log-group-name", "/course/cli");
        assertNotEquals(0, again.exitCode());
        assertTrue(again.stderr().contains("(ResourceAlreadyExistsException)")
                && again.stderr().contains("The specified log group already exists"), again.toString());
        ExternalClient.Result retention = aws(root(), "logs", "put-retention-policy", "--log-group-name", "/course/cli",
                "--retention-in-days", "2");
        assertTrue(retention.stderr().contains("(InvalidParameterException)"), retention.toString());
    }

    @Test
    void awsCliUserWithoutLogsPermissionsIsDenied() {
        ExternalClient.requireAwsCliV2();
        var user = sandbox.newUser("cli-no-logs");
        ExternalClient.Result denied = aws(Map.of("AWS_ACCESS_KEY_ID", user.accessKeyId(), "AWS_SECRET_ACCESS_KEY",
                user.secretAccessKey(), "AWS_DEFAULT_REGION", "us-east-1", "AWS_MAX_ATTEMPTS", "1"),
                "logs", "create-log-group", "--log-group-name", "/course/denied");
        assertNotEquals(0, denied.exitCode());
        assertTrue(denied.stderr().contains("(AccessDeniedException)") && denied.stderr().contains(
                "is not authorized to perform: logs:CreateLogGroup on resource: "
                        + "arn:aws:logs:us-east-1:000000000000:log-group:/course/denied:log-stream:"), denied.toString());
    }

    @Test
    void boto3CreatesPutsGetsFiltersAndIsDeniedWithoutPermissions() {
        ExternalClient.requireBoto3();
        var user = sandbox.newUser("boto3-no-logs");
        String script = String.join("\n",
                "import boto3, botocore.exceptions, sys, time",
                "endpoint, user_key, user_secret = sys.argv[1:4]",
                "logs = boto3.client('logs', endpoint_url=endpoint)",
                "now = int(time.time() * 1000)",
                "logs.create_log_group(logGroupName='/course/boto3')",
                "logs.create_log_stream(logGroupName='/course/boto3', logStreamName='worker')",
                "logs.put_log_events(logGroupName='/course/boto3', logStreamName='worker', logEvents=[",
                "    {'timestamp': now - 2, 'message': '{\"job\": 1, \"status\": \"done\"}'},",
                "    {'timestamp': now - 1, 'message': '{\"job\": 2, \"status\": \"failed\"}'}])",
                "print([e['message'] for e in logs.get_log_events(logGroupName='/course/boto3', logStreamName='worker',",
                "    startFromHead=True)['events']])",
                "pages = logs.get_paginator('filter_log_events').paginate(logGroupName='/course/boto3',",
                "    filterPattern='{ $.status = \"failed\" }', PaginationConfig={'PageSize': 1})",
                "print([e['message'] for page in pages for e in page['events']])",
                "print([s['logStreamName'] for s in logs.describe_log_streams(logGroupName='/course/boto3')['logStreams']])",
                "for call in [lambda: logs.create_log_stream(logGroupName='/course/boto3', logStreamName='worker'),",
                "             lambda: logs.get_log_events(logGroupName='/course/none', logStreamName='worker'),",
                "             lambda: boto3.client('logs', endpoint_url=endpoint, aws_access_key_id=user_key,",
                "                 aws_secret_access_key=user_secret).describe_log_groups()]:",
                "    try:",
                "        call()",
                "        print('ANSWERED')",
                "    except botocore.exceptions.ClientError as e:",
                "        print(e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Message'])");
        ExternalClient.Result result = ExternalClient.run(List.of(ExternalClient.PYTHON.toString(), "-c", script,
                sandbox.endpoint().toString(), user.accessKeyId(), user.secretAccessKey()), root());
        assertEquals(String.join("\n",
                "['{\"job\": 1, \"status\": \"done\"}', '{\"job\": 2, \"status\": \"failed\"}']",
                "['{\"job\": 2, \"status\": \"failed\"}']",
                "['worker']",
                "ResourceAlreadyExistsException 400 The specified log stream already exists",
                "ResourceNotFoundException 400 The specified log group does not exist.",
                "AccessDeniedException 400 User: arn:aws:iam::000000000000:user/boto3-no-logs is not authorized to perform: "
                        + "logs:DescribeLogGroups on resource: arn:aws:logs:us-east-1:000000000000:log-group::log-stream: because "
                        + "no identity-based policy allows the logs:DescribeLogGroups action"), result.stdout().strip(), result.toString());
    }
}
