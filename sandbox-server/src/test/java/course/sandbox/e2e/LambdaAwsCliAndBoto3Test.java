package course.sandbox.e2e;

import course.sandbox.lambda.HandlerCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lambda from AWS CLI v2 and boto3, unmodified: create a function from a .zip, invoke it, read its logs. */
class LambdaAwsCliAndBoto3Test {
    private static RunningSandbox sandbox;
    private static Path zip;

    @BeforeAll
    static void start() throws IOException {
        sandbox = RunningSandbox.start();
        zip = Files.createTempFile("hello", ".zip");
        Files.write(zip, HandlerCode.zip(Map.of("demo.Hello", LambdaEndToEndTest.HELLO)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, String> root() {
        return Map.of("AWS_ACCESS_KEY_ID", RunningSandbox.ROOT.accessKeyId(), "AWS_SECRET_ACCESS_KEY",
                RunningSandbox.ROOT.secretAccessKey(), "AWS_DEFAULT_REGION", "us-east-1", "AWS_MAX_ATTEMPTS", "1");
    }

    private static ExternalClient.Result aws(String... arguments) {
        List<String> command = new ArrayList<>(List.of(ExternalClient.AWS_CLI.toString(), "--endpoint-url",
                sandbox.endpoint().toString(), "--output", "text"));
        command.addAll(List.of(arguments));
        ExternalClient.Result result = ExternalClient.run(command, root());
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    @Test
    void awsCliCreatesInvokesAndReadsLogs() throws IOException {
        ExternalClient.requireAwsCliV2();
        String role = aws("iam", "create-role", "--role-name", "cli-lambda", "--assume-role-policy-document",
                LambdaSandbox.TRUST, "--query", "Role.Arn").stdout().strip();
        String arn = aws("lambda", "create-function", "--function-name", "cli-hello", "--runtime", "java21", "--role", role,
                "--handler", "demo.Hello::handleRequest", "--zip-file", "fileb://" + zip, "--query", "FunctionArn").stdout().strip();
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:cli-hello", arn);
        aws("lambda", "wait", "function-active-v2", "--function-name", "cli-hello");
        Path out = Files.createTempFile("response", ".json");
        String logResult = aws("lambda", "invoke", "--function-name", "cli-hello", "--cli-binary-format", "raw-in-base64-out",
                "--payload", "{\"name\":\"Ada\"}", "--log-type", "Tail", "--query", "LogResult", out.toString()).stdout().strip();
        assertEquals("\"Hello, Ada from cli-hello\"", Files.readString(out));
        String log = new String(Base64.getDecoder().decode(logResult), StandardCharsets.UTF_8);
        assertTrue(log.contains("hello Ada") && log.contains("REPORT RequestId:"), log);

        String messages = aws("logs", "filter-log-events", "--log-group-name", "/aws/lambda/cli-hello", "--filter-pattern",
                "REPORT", "--query", "events[].message").stdout();
        assertTrue(messages.contains("Init Duration:"), messages);
        String functions = aws("lambda", "list-functions", "--query", "Functions[].[FunctionName,Runtime]").stdout().strip();
        assertEquals("cli-hello\tjava21", functions);
        String settings = aws("lambda", "get-account-settings", "--query", "AccountLimit.CodeSizeZipped").stdout().strip();
        assertEquals("52428800", settings);
    }

    @Test
    void boto3CreatesInvokesAndReadsLogs() {
        ExternalClient.requireBoto3();
        String script = String.join("\n",
                "import base64, boto3, json, sys",
                "endpoint = sys.argv[3]",
                "iam = boto3.client('iam', endpoint_url=endpoint)",
                "lam = boto3.client('lambda', endpoint_url=endpoint)",
                "logs = boto3.client('logs', endpoint_url=endpoint)",
                "role = iam.create_role(RoleName='py-lambda', AssumeRolePolicyDocument=sys.argv[2])['Role']['Arn']",
                "code = open(sys.argv[1], 'rb').read()",
                "lam.create_function(FunctionName='py-hello', Runtime='java17', Role=role, Handler='demo.Hello::handleRequest',",
                "                    Code={'ZipFile': code})",
                "r = lam.invoke(FunctionName='py-hello', Payload=json.dumps({'name': 'Grace'}), LogType='Tail')",
                "print(r['StatusCode'], r['ExecutedVersion'], r['Payload'].read().decode())",
                "print('tail-has-report', 'REPORT RequestId' in base64.b64decode(r['LogResult']).decode())",
                "e = lam.invoke(FunctionName='py-hello', Payload=json.dumps({'name': 'boom'}))",
                "print(e['FunctionError'], json.loads(e['Payload'].read())['errorType'])",
                "import time",
                "for attempt in range(100):  # END and REPORT may land just after the answer, as in AWS",
                "    events = logs.filter_log_events(logGroupName='/aws/lambda/py-hello', filterPattern='hello')['events']",
                "    if len(events) >= 2: break",
                "    time.sleep(0.05)",
                "print(sorted(x['message'].strip() for x in events))",
                "try:",
                "    lam.get_function(FunctionName='nope')",
                "except lam.exceptions.ResourceNotFoundException as missing:",
                "    print('missing', missing.response['Error']['Code'])");
        ExternalClient.Result result = ExternalClient.run(List.of(ExternalClient.PYTHON.toString(), "-c", script, zip.toString(),
                LambdaSandbox.TRUST, sandbox.endpoint().toString()), root());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("200 $LATEST \"Hello, Grace from py-hello\"", "tail-has-report True",
                "Unhandled java.lang.IllegalStateException", "['hello Grace', 'hello boom']", "missing ResourceNotFoundException"),
                result.stdout().strip().lines().toList(), result.toString());
    }
}
