package course.sandbox.routing;

import course.sandbox.e2e.ExternalClient;
import course.sandbox.e2e.RunningSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.endpoints.S3ControlEndpointProvider;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routing table, proven with each service's real SDK v2 client (and AWS CLI v2 and boto3 for
 * a few): every request reaches its service, or gets 501 NotImplemented in that service's own
 * protocol, which the client parses as the error code NotImplemented.
 */
class RoutingTableTest {
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.startExplaining();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials()).build();
    }

    /** AWS's endpoint for the request, reached on 127.0.0.1 through the sandbox's /_host/ path prefix. */
    private static Endpoint viaHostPath(Endpoint aws) {
        URI url = aws.url();
        return aws.toBuilder().url(URI.create(sandbox.endpoint() + "/_host/" + url.getHost()
                + (url.getRawPath() == null ? "" : url.getRawPath()))).build();
    }

    private static void notServed(String service, Executable call) {
        AwsServiceException error = assertThrows(AwsServiceException.class, call);
        assertEquals("NotImplemented", error.awsErrorDetails().errorCode(), error.toString());
        assertEquals(501, error.statusCode());
        assertTrue(error.awsErrorDetails().errorMessage().startsWith("The sandbox does not serve " + service), error.toString());
    }

    private static void reached(Supplier<?> call) {
        call.get();
    }

    @Test
    void servedServicesAreReached() {
        try (S3Client s3 = client(S3Client.builder().forcePathStyle(true).httpClient(ApacheHttpClient.create()));
             IamClient iam = client(IamClient.builder().httpClient(ApacheHttpClient.create()));
             StsClient sts = client(StsClient.builder().httpClient(ApacheHttpClient.create()));
             DynamoDbClient dynamoDb = client(DynamoDbClient.builder().httpClient(ApacheHttpClient.create()));
             CloudWatchLogsClient logs = client(CloudWatchLogsClient.builder().httpClient(ApacheHttpClient.create()));
             CloudWatchClient cloudWatch = client(CloudWatchClient.builder().httpClient(ApacheHttpClient.create()));
             ApiGatewayClient apiGateway = client(ApiGatewayClient.builder().httpClient(ApacheHttpClient.create()));
             ApiGatewayV2Client apiGatewayV2 = client(ApiGatewayV2Client.builder().httpClient(ApacheHttpClient.create()));
             LambdaClient lambda = client(LambdaClient.builder().httpClient(ApacheHttpClient.create()))) {
            reached(s3::listBuckets);
            reached(cloudWatch::listMetrics);
            reached(iam::listUsers);
            assertEquals(RunningSandbox.ACCOUNT, sts.getCallerIdentity().account());
            reached(dynamoDb::listTables);
            reached(logs::describeLogGroups);
            reached(apiGateway::getRestApis);
            reached(() -> apiGatewayV2.getApis(r -> { }));
            reached(lambda::listFunctions);
        }
        String log = sandbox.log();
        assertTrue(log.contains("route: s3 in REST_XML: signed for s3"), log);
        assertTrue(log.contains("route: iam in QUERY: signed for iam"), log);
        assertTrue(log.contains("route: sts in QUERY: signed for sts"), log);
        assertTrue(log.contains("route: dynamodb in JSON_1_0: X-Amz-Target prefix DynamoDB_20120810"), log);
        assertTrue(log.contains("route: cloudwatch in RPC_V2_CBOR: smithy-protocol rpc-v2-cbor, path names GraniteServiceVersion20100801"), log);
        assertTrue(log.contains("route: logs in JSON_1_1: X-Amz-Target prefix Logs_20140328"), log);
        assertTrue(log.contains("route: apigateway in REST_JSON: signed for apigateway, path prefix of apigateway"), log);
        assertTrue(log.contains("route: apigatewayv2 in REST_JSON: signed for apigateway, path prefix of apigatewayv2"), log);
        assertTrue(log.contains("route: lambda in REST_JSON: signed for lambda"), log);
    }

    @Test
    void knownServicesNotServedYetAnswerNotImplementedInTheirOwnProtocol() {
        try (LambdaClient lambda = client(LambdaClient.builder());
             SfnClient sfn = client(SfnClient.builder());
             CognitoIdentityProviderClient cognito = client(CognitoIdentityProviderClient.builder());
             KmsClient kms = client(KmsClient.builder());
             SqsClient sqs = client(SqsClient.builder())) {
            // Lambda is served, but not its event source mappings.
            notServed("AWS Lambda", () -> lambda.listEventSourceMappings());
            notServed("AWS Step Functions", () -> sfn.listStateMachines());
            notServed("Amazon Cognito user pools", () -> cognito.listUserPools(r -> r.maxResults(10)));
            notServed("AWS KMS", () -> kms.listKeys());
            notServed("Amazon SQS", () -> sqs.listQueues());
        }
        String log = sandbox.log();
        assertTrue(log.contains("route: lambda in REST_JSON: signed for lambda"), log);
        assertTrue(log.contains("route: sqs in JSON_1_0: X-Amz-Target prefix AmazonSQS"), log);
    }

    /** An operation declared unsigned runs without a signature; the pipeline lets no other through. */
    @Test
    void unsignedOperationsAreDeclared() {
        try (StsClient sts = client(StsClient.builder().httpClient(ApacheHttpClient.create()))) {
            notServed("STS AssumeRoleWithWebIdentity", () -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(
                    "arn:aws:iam::000000000000:role/web").roleSessionName("s").webIdentityToken("token")));
        }
        String log = sandbox.log();
        assertTrue(log.contains("POST / sts:AssumeRoleWithWebIdentity anonymous → 501"), log);
        assertTrue(log.contains("authenticate: no signature: AssumeRoleWithWebIdentity is an unsigned operation"), log);
    }

    /** S3 Control's endpoint is {account}.s3-control.{region}.amazonaws.com: reached through /_host/. */
    @Test
    void hostAddressedEndpointsAreReachedThroughTheHostPathPrefix() {
        try (S3ControlClient s3Control = S3ControlClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials())
                .endpointProvider(params -> S3ControlEndpointProvider.defaultProvider().resolveEndpoint(params)
                        .thenApply(RoutingTableTest::viaHostPath)).build();
             // A served service through the same prefix: the signature covers the path as sent, prefix included.
             StsClient sts = StsClient.builder().region(Region.US_EAST_1).credentialsProvider(RunningSandbox.rootCredentials())
                     .endpointProvider(params -> StsEndpointProvider.defaultProvider().resolveEndpoint(params)
                             .thenApply(RoutingTableTest::viaHostPath)).build()) {
            assertEquals(List.of(), s3Control.listAccessPoints(r -> r.accountId(RunningSandbox.ACCOUNT)).accessPointList());
            assertEquals(RunningSandbox.ACCOUNT, sts.getCallerIdentity().account());
        }
        String log = sandbox.log();
        assertTrue(log.contains("route: s3control in REST_XML: effective host 000000000000.s3-control.us-east-1.amazonaws.com "
                + "(path prefix /_host/000000000000.s3-control.us-east-1.amazonaws.com) is a s3-control endpoint"), log);
        assertTrue(log.contains("POST /_host/sts.us-east-1.amazonaws.com sts:GetCallerIdentity arn:aws:iam::000000000000:root → 200"), log);
    }

    /**
     * A scope naming another service is refused as AWS refuses it, before the signature is looked at:
     * S3 says the service is wrong, the others which service the credential should be scoped to.
     */
    @Test
    void aCredentialScopeForAnotherServiceIsRefused() throws Exception {
        try (DynamoDbClient dynamoDb = client(DynamoDbClient.builder().authSchemeProvider(params -> List.of(signedFor("sts"))))) {
            AwsServiceException ddb = assertThrows(AwsServiceException.class, dynamoDb::listTables);
            assertEquals("InvalidSignatureException", ddb.awsErrorDetails().errorCode());
            assertEquals("Credential should be scoped to correct service: 'dynamodb'. ", ddb.awsErrorDetails().errorMessage());
            assertEquals(400, ddb.statusCode());
        }
        // S3's endpoint rules pin the signing name, so the SDK's own signer signs this ListObjectsV2 for ec2.
        SdkHttpFullRequest listObjects = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create(sandbox.endpoint() + "/any-bucket?list-type=2"))
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(RunningSandbox.ROOT).request(listObjects)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ec2").putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.request().getUri()).GET();
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("<Code>AuthorizationHeaderMalformed</Code><Message>The authorization header is "
                + "malformed; incorrect service &quot;ec2&quot;. This endpoint belongs to &quot;s3&quot;.</Message>"), answer.body());
    }

    private static AuthSchemeOption signedFor(String signingName) {
        return AuthSchemeOption.builder().schemeId("aws.auth#sigv4")
                .putSignerProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putSignerProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1").build();
    }

    @Test
    void awsCliV2GetsNotImplementedInQueryAndJsonAndReachesStsAndLogs() {
        ExternalClient.requireAwsCliV2();
        ExternalClient.Result identity = aws("sts", "get-caller-identity", "--query", "Account");
        assertEquals(RunningSandbox.ACCOUNT, identity.stdout().strip(), identity.toString());
        ExternalClient.Result groups = aws("logs", "describe-log-groups");
        assertEquals(0, groups.exitCode(), groups.toString());
        for (List<String> call : List.of(
                List.of("lambda", "list-event-source-mappings"),
                List.of("sqs", "list-queues"))) {
            ExternalClient.Result result = aws(call.toArray(String[]::new));
            assertTrue(result.exitCode() != 0 && result.stderr().contains("(NotImplemented)")
                    && result.stderr().contains("The sandbox does not serve"), call + ": " + result);
        }
    }

    @Test
    void boto3GetsNotImplementedAndReachesStsAndLogs() {
        ExternalClient.requireBoto3();
        String script = String.join("\n",
                "import boto3, botocore.exceptions, sys",
                "endpoint = sys.argv[1]",
                "print(boto3.client('sts', endpoint_url=endpoint).get_caller_identity()['Account'])",
                "print(len(boto3.client('logs', endpoint_url=endpoint).describe_log_groups()['logGroups']))",
                "for service, call in [('lambda', lambda c: c.list_event_source_mappings()),",
                "                      ('stepfunctions', lambda c: c.list_state_machines())]:",
                "    try:",
                "        call(boto3.client(service, endpoint_url=endpoint))",
                "        print(service, 'ANSWERED')",
                "    except botocore.exceptions.ClientError as e:",
                "        print(service, e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])");
        ExternalClient.Result result = ExternalClient.run(List.of(ExternalClient.PYTHON.toString(), "-c", script,
                sandbox.endpoint().toString()), environment());
        assertEquals(String.join("\n", RunningSandbox.ACCOUNT, "0",
                "lambda NotImplemented 501", "stepfunctions NotImplemented 501"), result.stdout().strip(), result.toString());
    }

    private static ExternalClient.Result aws(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(ExternalClient.AWS_CLI.toString(),
                "--endpoint-url", sandbox.endpoint().toString(), "--output", "text"));
        command.addAll(List.of(arguments));
        return ExternalClient.run(command, environment());
    }

    private static Map<String, String> environment() {
        return Map.of("AWS_ACCESS_KEY_ID", RunningSandbox.ROOT.accessKeyId(), "AWS_SECRET_ACCESS_KEY",
                RunningSandbox.ROOT.secretAccessKey(), "AWS_DEFAULT_REGION", "us-east-1", "AWS_MAX_ATTEMPTS", "1");
    }
}
