package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CloudWatch Logs through the real SDK v2 client: JSON 1.1 over the pipeline, errors as the SDK's typed exceptions. */
class LogsEndToEndTest {
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.startExplaining();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static CloudWatchLogsClient logs(AwsCredentials credentials) {
        return CloudWatchLogsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .httpClient(ApacheHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static InputLogEvent event(long timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp).message(message).build();
    }

    @Test
    void createPutGetFilterAndDescribe() {
        long now = System.currentTimeMillis();
        try (CloudWatchLogsClient logs = logs(RunningSandbox.ROOT)) {
            logs.createLogGroup(r -> r.logGroupName("/course/orders").tags(Map.of("team", "course")));
            logs.createLogStream(r -> r.logGroupName("/course/orders").logStreamName("web-1"));
            logs.createLogStream(r -> r.logGroupName("/course/orders").logStreamName("web-2"));
            PutLogEventsResponse put = logs.putLogEvents(r -> r.logGroupName("/course/orders").logStreamName("web-1")
                    .logEvents(event(now - 3000, "INFO order 1 placed"), event(now - 2000, "ERROR order 2 failed: card declined"),
                            event(now - 1000, "{\"level\":\"WARN\",\"orderId\":3,\"latencyMs\":1200}")));
            assertNotNull(put.nextSequenceToken());
            assertEquals(null, put.rejectedLogEventsInfo());
            logs.putLogEvents(r -> r.logGroupName("/course/orders").logStreamName("web-2")
                    .logEvents(event(now - 2500, "ERROR order 4 failed: timeout")));

            List<OutputLogEvent> events = logs.getLogEvents(r -> r.logGroupName("/course/orders").logStreamName("web-1")
                    .startFromHead(true)).events();
            assertEquals(List.of("INFO order 1 placed", "ERROR order 2 failed: card declined",
                    "{\"level\":\"WARN\",\"orderId\":3,\"latencyMs\":1200}"), events.stream().map(OutputLogEvent::message).toList());

            // the SDK's paginator follows nextForwardToken until the same token comes back
            List<String> paged = logs.getLogEventsPaginator(r -> r.logGroupName("/course/orders").logStreamName("web-1")
                    .startFromHead(true).limit(1)).events().stream().map(OutputLogEvent::message).toList();
            assertEquals(3, paged.size(), paged.toString());

            List<FilteredLogEvent> errors = logs.filterLogEventsPaginator(r -> r.logGroupName("/course/orders")
                    .filterPattern("ERROR failed").limit(1)).events().stream().toList();
            assertEquals(List.of("web-2", "web-1"), errors.stream().map(FilteredLogEvent::logStreamName).toList());
            List<FilteredLogEvent> slow = logs.filterLogEvents(r -> r.logGroupName("/course/orders")
                    .filterPattern("{ $.latencyMs > 1000 }")).events();
            assertEquals(1, slow.size());
            assertEquals(now - 1000, slow.get(0).timestamp());

            logs.putRetentionPolicy(r -> r.logGroupName("/course/orders").retentionInDays(7));
            LogGroup group = logs.describeLogGroups(r -> r.logGroupNamePrefix("/course/ord")).logGroups().get(0);
            assertEquals("/course/orders", group.logGroupName());
            assertEquals(7, group.retentionInDays());
            assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:/course/orders:*", group.arn());
            assertEquals(Map.of("team", "course"), logs.listTagsForResource(r -> r.resourceArn(group.logGroupArn())).tags());

            List<LogStream> streams = logs.describeLogStreams(r -> r.logGroupName("/course/orders")
                    .orderBy(OrderBy.LAST_EVENT_TIME).descending(true)).logStreams();
            assertEquals(List.of("web-1", "web-2"), streams.stream().map(LogStream::logStreamName).toList());
            assertEquals(now - 1000, streams.get(0).lastEventTimestamp());
        }
        String log = sandbox.log();
        assertTrue(log.contains("route: logs in JSON_1_1: X-Amz-Target prefix Logs_20140328"), log);
        assertTrue(log.contains("authorize: logs:PutLogEvents on arn:aws:logs:us-east-1:000000000000:log-group:/course/orders"
                + ":log-stream:web-1"), log);
    }

    /** AWS's error codes reach the SDK as its typed exceptions, with AWS's messages. */
    @Test
    void errorsAreTheSdksTypedExceptions() {
        long now = System.currentTimeMillis();
        try (CloudWatchLogsClient logs = logs(RunningSandbox.ROOT)) {
            logs.createLogGroup(r -> r.logGroupName("/course/errors"));
            ResourceAlreadyExistsException exists = assertThrows(ResourceAlreadyExistsException.class,
                    () -> logs.createLogGroup(r -> r.logGroupName("/course/errors")));
            assertEquals("The specified log group already exists", exists.awsErrorDetails().errorMessage());
            assertEquals(400, exists.statusCode());
            ResourceNotFoundException noStream = assertThrows(ResourceNotFoundException.class, () -> logs.putLogEvents(
                    r -> r.logGroupName("/course/errors").logStreamName("none").logEvents(event(now, "x"))));
            assertEquals("The specified log stream does not exist.", noStream.awsErrorDetails().errorMessage());
            logs.createLogStream(r -> r.logGroupName("/course/errors").logStreamName("s"));
            InvalidParameterException order = assertThrows(InvalidParameterException.class, () -> logs.putLogEvents(
                    r -> r.logGroupName("/course/errors").logStreamName("s").logEvents(event(now, "b"), event(now - 1, "a"))));
            assertEquals("Log events in a single PutLogEvents request must be in chronological order.",
                    order.awsErrorDetails().errorMessage());
            assertThrows(InvalidParameterException.class, () -> logs.filterLogEvents(r -> r.logGroupName("/course/errors")
                    .filterPattern("{ $.x = 1")));
            PutLogEventsResponse rejected = logs.putLogEvents(r -> r.logGroupName("/course/errors").logStreamName("s")
                    .logEvents(event(now - Duration.ofDays(15).toMillis(), "too old"), event(now, "fine"),
                            event(now + Duration.ofHours(3).toMillis(), "too new")));
            assertEquals(1, rejected.rejectedLogEventsInfo().tooOldLogEventEndIndex());
            assertEquals(2, rejected.rejectedLogEventsInfo().tooNewLogEventStartIndex());
            assertEquals(List.of("fine"), logs.getLogEvents(r -> r.logGroupName("/course/errors").logStreamName("s"))
                    .events().stream().map(OutputLogEvent::message).toList());
            // a batch as large as AWS allows goes through: 10,000 events
            List<InputLogEvent> batch = IntStream.range(0, 10_000).mapToObj(i -> event(now, "event " + i)).toList();
            logs.putLogEvents(r -> r.logGroupName("/course/errors").logStreamName("s").logEvents(batch));
            // a page holds at most 10,000 events: the 10,001st comes with the forward token
            var head = logs.getLogEvents(r -> r.logGroupName("/course/errors").logStreamName("s").startFromHead(true));
            assertEquals(10_000, head.events().size());
            assertEquals(List.of("event 9999"), logs.getLogEvents(r -> r.logGroupName("/course/errors").logStreamName("s")
                    .startFromHead(true).nextToken(head.nextForwardToken())).events().stream().map(OutputLogEvent::message).toList());
        }
    }

    /**
     * A user without logs permissions is denied with AWS's message, naming the resource CloudWatch Logs
     * decides on; a policy on one group's ARN (log-group:NAME:*) lets them write there and nowhere else.
     */
    @Test
    void permissionsAreDecidedPerGroupAndStream() {
        AwsCredentials writer = sandbox.newUser("logs-writer");
        long now = System.currentTimeMillis();
        try (CloudWatchLogsClient root = logs(RunningSandbox.ROOT); CloudWatchLogsClient logs = logs(writer);
             IamClient iam = sandbox.iam(RunningSandbox.ROOT)) {
            root.createLogGroup(r -> r.logGroupName("/course/allowed"));
            root.createLogGroup(r -> r.logGroupName("/course/other"));
            CloudWatchLogsException denied = assertThrows(CloudWatchLogsException.class, logs::describeLogGroups);
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertEquals(400, denied.statusCode());
            assertEquals("User: arn:aws:iam::000000000000:user/logs-writer is not authorized to perform: logs:DescribeLogGroups "
                    + "on resource: arn:aws:logs:us-east-1:000000000000:log-group::log-stream: because no identity-based policy "
                    + "allows the logs:DescribeLogGroups action", denied.awsErrorDetails().errorMessage());

            iam.putUserPolicy(r -> r.userName("logs-writer").policyName("write-allowed").policyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Action": ["logs:CreateLogStream", "logs:PutLogEvents", "logs:GetLogEvents"],
                      "Resource": "arn:aws:logs:us-east-1:000000000000:log-group:/course/allowed:*"}]}"""));
            logs.createLogStream(r -> r.logGroupName("/course/allowed").logStreamName("app"));
            logs.putLogEvents(r -> r.logGroupName("/course/allowed").logStreamName("app").logEvents(event(now, "hello")));
            assertEquals("hello", logs.getLogEvents(r -> r.logGroupName("/course/allowed").logStreamName("app"))
                    .events().get(0).message());
            CloudWatchLogsException other = assertThrows(CloudWatchLogsException.class,
                    () -> logs.createLogStream(r -> r.logGroupName("/course/other").logStreamName("app")));
            assertEquals("AccessDeniedException", other.awsErrorDetails().errorCode());
            assertTrue(other.awsErrorDetails().errorMessage().contains("logs:CreateLogStream on resource: "
                    + "arn:aws:logs:us-east-1:000000000000:log-group:/course/other:log-stream:app"), other.toString());
            assertEquals("AccessDeniedException", assertThrows(CloudWatchLogsException.class, () -> logs.deleteLogGroup(
                    r -> r.logGroupName("/course/allowed"))).awsErrorDetails().errorCode());
        }
    }

    /** Unsigned, a request is refused before its body is read: 400 MissingAuthenticationTokenException. */
    @Test
    void anUnsignedRequestIs400MissingAuthenticationTokenException() {
        try (CloudWatchLogsClient unsigned = CloudWatchLogsClient.builder().endpointOverride(sandbox.endpoint())
                .region(Region.US_EAST_1).httpClient(ApacheHttpClient.create())
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            CloudWatchLogsException error = assertThrows(CloudWatchLogsException.class, unsigned::describeLogGroups);
            assertEquals(400, error.statusCode());
            assertEquals("MissingAuthenticationTokenException", error.awsErrorDetails().errorCode());
            assertEquals("Request is missing Authentication Token", error.awsErrorDetails().errorMessage());
        }
    }
}
