package course.sandbox.e2e;

import course.sandbox.lambda.HandlerCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResultField;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lambda end to end through the SDK v2 client: a real handler compiled here runs in a child JVM
 * through AWS's runtime interface client; cold then warm; logs in CloudWatch Logs.
 */
class LambdaEndToEndTest {
    static final String HELLO = """
            package demo;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;

            public class Hello implements RequestHandler<Map<String, Object>, String> {
                static {
                    System.out.println("init ran");
                }

                @Override
                public String handleRequest(Map<String, Object> event, Context context) {
                    System.out.println("hello " + event.get("name"));
                    if ("boom".equals(event.get("name"))) {
                        throw new IllegalStateException("boom requested");
                    }
                    return "Hello, " + event.get("name") + " from " + context.getFunctionName();
                }
            }
            """;

    private static LambdaSandbox fixture;
    private static LambdaClient lambda;
    private static CloudWatchLogsClient logs;
    private static String roleArn;

    @BeforeAll
    static void start() {
        fixture = LambdaSandbox.start("hello-role");
        lambda = fixture.lambda();
        logs = fixture.client(CloudWatchLogsClient.builder());
        roleArn = fixture.roleArn();
    }

    @AfterAll
    static void stop() {
        logs.close();
        fixture.close();
    }

    private static long reports(List<FilteredLogEvent> events) {
        return events.stream().filter(event -> event.message().startsWith("REPORT RequestId:")).count();
    }

    @Test
    void coldThenWarmWithLogs() throws InterruptedException {
        byte[] zip = HandlerCode.zip(Map.of("demo.Hello", HELLO));
        var created = lambda.createFunction(r -> r.functionName("hello").runtime(Runtime.JAVA21)
                .role(roleArn).handler("demo.Hello::handleRequest").code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:hello", created.functionArn());
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("hello"));

        InvokeResponse cold = lambda.invoke(r -> r.functionName("hello").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"name\":\"Ada\"}")));
        assertEquals(200, cold.statusCode());
        assertEquals("\"Hello, Ada from hello\"", cold.payload().asUtf8String());
        assertEquals("$LATEST", cold.executedVersion());
        String coldLog = new String(Base64.getDecoder().decode(cold.logResult()), StandardCharsets.UTF_8);
        assertTrue(coldLog.contains("hello Ada") && coldLog.contains("Init Duration:"), coldLog);

        InvokeResponse warm = lambda.invoke(r -> r.functionName("hello").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"name\":\"Grace\"}")));
        String warmLog = new String(Base64.getDecoder().decode(warm.logResult()), StandardCharsets.UTF_8);
        assertTrue(warmLog.startsWith("START RequestId: ") && warmLog.contains("hello Grace")
                && warmLog.contains("REPORT RequestId: ") && !warmLog.contains("Init Duration"), warmLog);

        InvokeResponse failed = lambda.invoke(r -> r.functionName("hello").payload(SdkBytes.fromUtf8String("{\"name\":\"boom\"}")));
        assertEquals("Unhandled", failed.functionError());
        assertTrue(failed.payload().asUtf8String().contains("\"errorMessage\":\"boom requested\""), failed.payload().asUtf8String());

        // As in AWS, an invocation's last lines (END, REPORT) may reach the log group just after its answer.
        List<FilteredLogEvent> events = logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/hello")).events();
        for (Instant deadline = Instant.now().plusSeconds(5); reports(events) < 3 && Instant.now().isBefore(deadline); ) {
            Thread.sleep(50);
            events = logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/hello")).events();
        }
        long inits = events.stream().filter(event -> event.message().contains("init ran")).count();
        assertEquals(1, inits, events.toString());
        assertEquals(3, reports(events));

        // Logs Insights over the function's log group: Lambda's REPORT fields are discovered
        long now = Instant.now().getEpochSecond();
        String queryId = logs.startQuery(r -> r.logGroupName("/aws/lambda/hello").startTime(now - 600).endTime(now + 60)
                .queryString("filter @type = \"REPORT\" | stats count(*) as invocations, count(@initDuration) as coldStarts,"
                        + " max(@duration) by bin(5m)")).queryId();
        GetQueryResultsResponse results = logs.getQueryResults(r -> r.queryId(queryId));
        assertEquals(QueryStatus.COMPLETE, results.status());
        Map<String, String> row = results.results().get(0).stream()
                .collect(java.util.stream.Collectors.toMap(ResultField::field, ResultField::value));
        assertEquals("3", row.get("invocations"), row.toString());
        assertEquals("1", row.get("coldStarts"), row.toString());
        assertTrue(row.containsKey("bin(5m)") && row.containsKey("max(@duration)"), row.toString());

        // Lambda's own metrics, in CloudWatch under AWS/Lambda
        try (CloudWatchClient cloudWatch = fixture.client(CloudWatchClient.builder())) {
            Instant end = Instant.now();
            Map<String, Double> sums = new java.util.TreeMap<>();
            for (String metric : List.of("Invocations", "Errors")) {
                sums.put(metric, cloudWatch.getMetricStatistics(r -> r.namespace("AWS/Lambda").metricName(metric)
                        .dimensions(d -> d.name("FunctionName").value("hello")).startTime(end.minusSeconds(600))
                        .endTime(end.plusSeconds(60)).period(60).statistics(Statistic.SUM)).datapoints().stream()
                        .mapToDouble(Datapoint::sum).sum());
            }
            assertEquals(Map.of("Errors", 1.0, "Invocations", 3.0), sums);
        }
    }
}
