package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Injected faults over every protocol, as real clients see them: SDK v2 classifies each as the
 * kind it claims (its own retry strategy decides whether to retry), boto3 reads the same codes.
 */
class FaultInjectionEndToEndTest {
    private static RunningSandbox sandbox;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void clearRules() throws Exception {
        control("DELETE", null);
    }

    private static String control(String method, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/_sandbox/faults"))
                .header("X-Course-Sandbox-Control", "yes")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, response.body());
        return response.body();
    }

    private static void rule(String service, String kind, int count) throws Exception {
        control("POST", "{\"service\":\"" + service + "\",\"error\":\"" + kind + "\",\"count\":" + count + "}");
    }

    /** A client that does not retry, so the test sees the first injected error. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(B builder) {
        return builder.endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private record Expected(String kind, int status, String code, boolean throttling, boolean retried) {
    }

    /** Makes the call under a one-shot rule of each kind and checks how SDK v2 classifies the answer. */
    private static void classify(String service, Runnable call, List<Expected> expectations) throws Exception {
        for (Expected expected : expectations) {
            rule(service, expected.kind(), 1);
            AwsServiceException error = assertThrows(AwsServiceException.class, call::run, service + " " + expected.kind());
            String what = service + " " + expected.kind() + ": " + error;
            assertEquals(expected.status(), error.statusCode(), what);
            assertEquals(expected.code(), error.awsErrorDetails().errorCode(), what);
            assertEquals(expected.throttling(), error.isThrottlingException(), what);
            assertEquals(expected.retried(), retriedByStandardStrategy(error), what);
            assertTrue(error.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-course-sandbox-fault").isPresent(), what);
        }
    }

    /** Asks SDK v2's STANDARD retry strategy itself whether it would retry after this failure. */
    private static boolean retriedByStandardStrategy(Throwable failure) {
        RetryStrategy strategy = AwsRetryStrategy.standardRetryStrategy();
        var token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("test")).token();
        try {
            strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
            return true;
        } catch (TokenAcquisitionFailedException notRetried) {
            return false;
        }
    }

    @Test
    void queryServicesAnswerThrottlingAndSdkV2ClassifiesEachKind() throws Exception {
        try (StsClient sts = client(StsClient.builder()); IamClient iam = client(IamClient.builder())) {
            List<Expected> query = List.of(
                    new Expected("throttling", 400, "Throttling", true, true),
                    new Expected("server-error", 500, "InternalFailure", false, true),
                    new Expected("unavailable", 503, "ServiceUnavailable", false, true),
                    new Expected("client-error", 400, "ValidationError", false, false));
            classify("sts", sts::getCallerIdentity, query);
            classify("iam", iam::listUsers, query);
        }
    }

    @Test
    void cloudWatchOverCborAnswersThrottlingAndSdkV2ClassifiesEachKind() throws Exception {
        try (CloudWatchClient cloudWatch = client(CloudWatchClient.builder())) {
            // awsQueryCompatible: the SDK reads the Query code from x-amzn-query-error.
            classify("cloudwatch", cloudWatch::listMetrics, List.of(
                    new Expected("throttling", 400, "Throttling", true, true),
                    new Expected("server-error", 500, "InternalFailure", false, true),
                    new Expected("unavailable", 503, "ServiceUnavailable", false, true),
                    new Expected("client-error", 400, "ValidationError", false, false)));
        }
    }

    @Test
    void s3AnswersSlowDownAndSdkV2ClassifiesEachKind() throws Exception {
        try (S3Client s3 = client(S3Client.builder().forcePathStyle(true))) {
            classify("s3", s3::listBuckets, List.of(
                    new Expected("throttling", 503, "SlowDown", true, true),
                    new Expected("server-error", 500, "InternalError", false, true),
                    new Expected("unavailable", 503, "ServiceUnavailable", false, true),
                    new Expected("client-error", 400, "InvalidRequest", false, false)));
        }
    }

    @Test
    void dynamoDbAnswersProvisionedThroughputExceededAndSdkV2ClassifiesEachKind() throws Exception {
        try (DynamoDbClient dynamoDb = client(DynamoDbClient.builder())) {
            classify("dynamodb", dynamoDb::listTables, List.of(
                    new Expected("throttling", 400, "ProvisionedThroughputExceededException", true, true),
                    new Expected("server-error", 500, "InternalServerError", false, true),
                    new Expected("unavailable", 503, "ServiceUnavailable", false, true),
                    new Expected("client-error", 400, "ValidationException", false, false)));
            // DynamoDB's other throttling code, as an explicit status and code.
            control("POST", "{\"service\":\"dynamodb\",\"status\":400,\"code\":\"ThrottlingException\",\"count\":1}");
            assertTrue(assertThrows(AwsServiceException.class, dynamoDb::listTables).isThrottlingException());
        }
    }

    @Test
    void sdkV2RetriesThrottlingAndServerErrorsButNotClientErrors() throws Exception {
        try (StsClient sts = StsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .backoffStrategy(attempt -> Duration.ZERO).throttlingBackoffStrategy(attempt -> Duration.ZERO).build()))
                .build()) {
            for (String retried : List.of("throttling", "server-error", "unavailable")) {
                rule("sts", retried, 2);
                assertEquals("arn:aws:iam::000000000000:root", sts.getCallerIdentity().arn(), retried + ": third attempt succeeds");
            }
            rule("sts", "client-error", 1);
            assertEquals("ValidationError", assertThrows(AwsServiceException.class, sts::getCallerIdentity).awsErrorDetails().errorCode());
            assertEquals("arn:aws:iam::000000000000:root", sts.getCallerIdentity().arn(), "the rule was used up by one attempt");
        }
        String log = sandbox.log();
        assertTrue(log.contains("· attempt 3/3 ·") || log.lines().anyMatch(line -> line.endsWith("· attempt 3/3")), log);
        assertTrue(log.lines().anyMatch(line -> line.contains("sts:GetCallerIdentity") && line.contains("→ 400")
                && line.contains("· attempt 1/3 · fault f")), log);
    }

    @Test
    void latencyIsAddedBeforeTheAnswer() throws Exception {
        control("POST", "{\"service\":\"sts\",\"latencyMs\":300,\"count\":1}");
        try (StsClient sts = client(StsClient.builder())) {
            long start = System.nanoTime();
            sts.getCallerIdentity();
            assertTrue((System.nanoTime() - start) / 1_000_000 >= 300, "the answer waited the rule's latency");
        }
        assertTrue(control("GET", null).contains("\"spent\":true"));
    }

    @Test
    void boto3ReadsTheSameCodesOverQueryJsonAndRestXml() throws Exception {
        ExternalClient.requireBoto3();
        String script = """
                import json, sys, urllib.request, boto3
                from botocore.config import Config
                from botocore.exceptions import ClientError
                endpoint = sys.argv[1]
                def rule(service, kind, count):
                    request = urllib.request.Request(endpoint + '/_sandbox/faults', method='POST',
                        data=json.dumps({'service': service, 'error': kind, 'count': count}).encode(),
                        headers={'X-Course-Sandbox-Control': 'yes', 'Content-Type': 'application/json'})
                    urllib.request.urlopen(request).read()
                def client(service, attempts):
                    return boto3.client(service, endpoint_url=endpoint, region_name='us-east-1',
                        config=Config(retries={'mode': 'standard', 'total_max_attempts': attempts}))
                calls = {'sts': lambda c: c.get_caller_identity(), 's3': lambda c: c.list_buckets(),
                         'dynamodb': lambda c: c.list_tables()}
                for service, call in calls.items():
                    for kind in ['throttling', 'server-error', 'unavailable', 'client-error']:
                        rule(service, kind, 1)
                        try:
                            call(client(service, 1))
                            print(service, kind, 'no error')
                        except ClientError as e:
                            print(service, kind, e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Code'])
                for kind in ['throttling', 'server-error', 'client-error']:
                    rule('sts', kind, 1)
                    try:
                        answer = client('sts', 2).get_caller_identity()
                        print('retry', kind, 'retried', answer['ResponseMetadata']['RetryAttempts'])
                    except ClientError as e:
                        print('retry', kind, 'failed', e.response['ResponseMetadata']['RetryAttempts'])
                """;
        ExternalClient.Result result = ExternalClient.run(List.of(ExternalClient.PYTHON.toString(), "-c", script, sandbox.endpoint().toString()),
                Map.of("AWS_ACCESS_KEY_ID", RunningSandbox.ROOT.accessKeyId(), "AWS_SECRET_ACCESS_KEY", RunningSandbox.ROOT.secretAccessKey()));
        assertEquals(0, result.exitCode(), result.toString());
        Consumer<String> printed = line -> assertTrue(result.stdout().lines().anyMatch(line::equals), line + "\n" + result);
        printed.accept("sts throttling 400 Throttling");
        printed.accept("sts server-error 500 InternalFailure");
        printed.accept("sts unavailable 503 ServiceUnavailable");
        printed.accept("sts client-error 400 ValidationError");
        printed.accept("s3 throttling 503 SlowDown");
        printed.accept("s3 server-error 500 InternalError");
        printed.accept("s3 client-error 400 InvalidRequest");
        printed.accept("dynamodb throttling 400 ProvisionedThroughputExceededException");
        printed.accept("dynamodb server-error 500 InternalServerError");
        printed.accept("dynamodb client-error 400 ValidationException");
        printed.accept("retry throttling retried 1");
        printed.accept("retry server-error retried 1");
        printed.accept("retry client-error failed 0");
        assertFalse(result.stdout().contains("no error"), result.toString());
    }
}
