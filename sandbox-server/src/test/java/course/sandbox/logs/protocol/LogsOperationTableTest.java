package course.sandbox.logs.protocol;

import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;
import course.sandbox.iam.Credential;
import course.sandbox.iam.Principal;
import course.sandbox.logs.LogsModel;
import course.sandbox.protocol.ServiceRoute;
import course.sandbox.service.Caller;
import course.sandbox.service.Operation;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * X-Amz-Target → operation → IAM action and resource, as AWS evaluates them: group-level actions on
 * {@code log-group:NAME:log-stream:}, stream-level ones on the stream's ARN, DescribeLogGroups on
 * {@code log-group::log-stream:}, tagging on the group ARN without a suffix. The resources are those
 * AWS's AccessDenied messages name, e.g. "not authorized to perform: logs:CreateLogGroup on resource:
 * arn:aws:logs:us-east-1:…:log-group:test-log-group:log-stream:" and "logs:DescribeLogGroups on resource:
 * arn:aws:logs:us-east-2:…:log-group::log-stream:".
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html
 */
class LogsOperationTableTest {
    private static final String ARN = "arn:aws:logs:us-east-1:000000000000:log-group:";
    private final LogsService service = new LogsService(new LogsModel());

    static Stream<Arguments> operations() {
        return Stream.of(
                row("CreateLogGroup", "{\"logGroupName\":\"/app\"}", "logs:CreateLogGroup " + ARN + "/app:log-stream:"),
                row("CreateLogGroup", "{\"logGroupName\":\"/app\",\"tags\":{\"team\":\"a\"}}",
                        "logs:CreateLogGroup " + ARN + "/app:log-stream:", "logs:TagResource " + ARN + "/app"),
                row("DeleteLogGroup", "{\"logGroupName\":\"/app\"}", "logs:DeleteLogGroup " + ARN + "/app:log-stream:"),
                row("DescribeLogGroups", "{\"logGroupNamePrefix\":\"/app\"}", "logs:DescribeLogGroups " + ARN + ":log-stream:"),
                row("PutRetentionPolicy", "{\"logGroupName\":\"/app\",\"retentionInDays\":7}",
                        "logs:PutRetentionPolicy " + ARN + "/app:log-stream:"),
                row("DeleteRetentionPolicy", "{\"logGroupName\":\"/app\"}", "logs:DeleteRetentionPolicy " + ARN + "/app:log-stream:"),
                row("CreateLogStream", "{\"logGroupName\":\"/app\",\"logStreamName\":\"s\"}",
                        "logs:CreateLogStream " + ARN + "/app:log-stream:s"),
                row("DeleteLogStream", "{\"logGroupName\":\"/app\",\"logStreamName\":\"s\"}",
                        "logs:DeleteLogStream " + ARN + "/app:log-stream:s"),
                row("DescribeLogStreams", "{\"logGroupName\":\"/app\"}", "logs:DescribeLogStreams " + ARN + "/app:log-stream:"),
                row("DescribeLogStreams", "{\"logGroupIdentifier\":\"" + ARN + "/app:*\"}",
                        "logs:DescribeLogStreams " + ARN + "/app:log-stream:"),
                row("PutLogEvents", "{\"logGroupName\":\"/app\",\"logStreamName\":\"s\",\"logEvents\":[]}",
                        "logs:PutLogEvents " + ARN + "/app:log-stream:s"),
                row("GetLogEvents", "{\"logGroupIdentifier\":\"/app\",\"logStreamName\":\"s\"}", "logs:GetLogEvents " + ARN + "/app:log-stream:s"),
                row("FilterLogEvents", "{\"logGroupName\":\"/app\",\"logStreamNames\":[\"s\"]}",
                        "logs:FilterLogEvents " + ARN + "/app:log-stream:"),
                row("TagResource", "{\"resourceArn\":\"" + ARN + "/app\",\"tags\":{\"a\":\"b\"}}", "logs:TagResource " + ARN + "/app"),
                row("UntagResource", "{\"resourceArn\":\"" + ARN + "/app\",\"tagKeys\":[\"a\"]}", "logs:UntagResource " + ARN + "/app"),
                row("ListTagsForResource", "{\"resourceArn\":\"" + ARN + "/app\"}", "logs:ListTagsForResource " + ARN + "/app"),
                row("StartQuery", "{\"logGroupNames\":[\"/app\",\"/web\"],\"queryString\":\"fields @message\"}",
                        "logs:StartQuery " + ARN + "/app:*", "logs:StartQuery " + ARN + "/web:*"),
                row("StartQuery", "{\"logGroupIdentifiers\":[\"" + ARN + "/app:*\"],\"queryString\":\"fields @message\"}",
                        "logs:StartQuery " + ARN + "/app:*"),
                row("GetQueryResults", "{\"queryId\":\"q\"}", "logs:GetQueryResults *"),
                row("StopQuery", "{\"queryId\":\"q\"}", "logs:StopQuery *"));
    }

    private static Arguments row(String operation, String body, String... permissions) {
        return Arguments.of(operation, body, List.of(permissions));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("operations")
    void operationAndPermissions(String name, String body, List<String> expected) {
        Operation operation = service.operation(request(name, body, signed()));
        assertEquals(name, operation.name());
        assertEquals(Operation.Access.POLICY, operation.access());
        assertEquals(expected, operation.permissions().stream().map(p -> p.action() + " " + p.resource()).toList());
    }

    /** Fail closed: the table covers every operation served, and the handler's switch names exactly those. */
    @Test
    void everyServedOperationHasItsRowAndItsHandler() throws IOException {
        Set<String> enumerated = Arrays.stream(LogsOperation.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(enumerated, operations().map(row -> (String) row.get()[0]).collect(Collectors.toCollection(TreeSet::new)));
        Matcher cases = Pattern.compile("case (\\w+) ->").matcher(
                Files.readString(Path.of("src/main/java/course/sandbox/logs/protocol/LogsHandlers.java")));
        Set<String> handled = new TreeSet<>();
        while (cases.find()) {
            handled.add(cases.group(1));
        }
        assertEquals(enumerated, handled);
    }

    @Test
    void otherOperationsAreNotImplementedAndBadRequestsRefused() {
        ServiceException notServed = assertThrows(ServiceException.class,
                () -> service.operation(request("PutMetricFilter", "{}", signed())));
        assertEquals(501, notServed.status());
        assertEquals("The sandbox does not serve Amazon CloudWatch Logs PutMetricFilter yet.", notServed.getMessage());
        ServiceException both = assertThrows(ServiceException.class, () -> service.operation(request("GetLogEvents",
                "{\"logGroupName\":\"/app\",\"logGroupIdentifier\":\"/app\",\"logStreamName\":\"s\"}", signed())));
        assertEquals("InvalidParameterException", both.code());
        ServiceException missing = assertThrows(ServiceException.class, () -> service.operation(request("CreateLogStream",
                "{\"logGroupName\":\"/app\"}", signed())));
        assertEquals("1 validation error detected: Value null at 'logStreamName' failed to satisfy constraint: Member must not be null",
                missing.getMessage());
        assertEquals("SerializationException", assertThrows(ServiceException.class, () -> service.operation(
                request("CreateLogGroup", "{\"logGroupName\":7}", signed()))).code());
    }

    private static Caller signed() {
        return Caller.of(new Credential("AKIAEXAMPLE", "secret", new Principal.Root("000000000000"), Optional.empty(),
                Optional.empty(), true, Optional.empty(), List.of()));
    }

    private static ServiceRequest request(String operation, String body, Caller caller) {
        Headers headers = new Headers().add("Host", "127.0.0.1:4566").add("X-Amz-Target", "Logs_20140328." + operation)
                .add("Content-Type", "application/x-amz-json-1.1");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SandboxRequest http = new SandboxRequest("POST", "/", "", headers, bytes, new InetSocketAddress("127.0.0.1", 50000));
        return new ServiceRequest(http, bytes, Optional.empty(), new Headers(), caller, "us-east-1", "request-1", Instant.now(),
                ServiceRoute.of(http));
    }
}
