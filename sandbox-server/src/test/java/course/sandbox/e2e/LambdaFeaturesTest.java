package course.sandbox.e2e;

import course.sandbox.lambda.HandlerCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lambda's behaviour beyond hello: versions and weighted aliases, layers, concurrency limits,
 * timeouts, payload limits, resource policies, provisioned concurrency, and environments that
 * stop with the sandbox. Every function is a real handler in a child JVM.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html">Lambda quotas</a>
 */
class LambdaFeaturesTest {
    static final String SLEEPY = """
            package demo;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;

            public class Sleepy implements RequestHandler<Map<String, Object>, String> {
                @Override
                public String handleRequest(Map<String, Object> event, Context context) {
                    long millis = ((Number) event.getOrDefault("sleep", 0)).longValue();
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    int padding = ((Number) event.getOrDefault("pad", 0)).intValue();
                    return System.getenv("AWS_LAMBDA_FUNCTION_VERSION") + " " + System.getenv("GREETING") + "x".repeat(padding);
                }
            }
            """;

    private static RunningSandbox sandbox;
    private static LambdaClient lambda;
    private static String roleArn;
    private static byte[] sleepy;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        lambda = client(RunningSandbox.ROOT);
        try (IamClient iam = sandbox.iam(RunningSandbox.ROOT)) {
            roleArn = iam.createRole(r -> r.roleName("features-role").assumeRolePolicyDocument(LambdaSandbox.TRUST))
                    .role().arn();
        }
        sleepy = HandlerCode.zip(Map.of("demo.Sleepy", SLEEPY));
    }

    @AfterAll
    static void stop() {
        lambda.close();
        sandbox.close();
    }

    static LambdaClient client(AwsCredentials credentials) {
        return LambdaClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .httpClient(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static void create(String name, int timeout, Map<String, String> environment) {
        lambda.createFunction(r -> r.functionName(name).runtime(Runtime.JAVA17).role(roleArn).timeout(timeout)
                .handler("demo.Sleepy::handleRequest").environment(e -> e.variables(environment))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(sleepy))));
    }

    private static InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }

    @Test
    void versionsAndAWeightedAliasSplitTraffic() {
        create("versions", 3, Map.of("GREETING", "one"));
        String v1 = lambda.publishVersion(r -> r.functionName("versions")).version();
        lambda.updateFunctionConfiguration(r -> r.functionName("versions").environment(e -> e.variables(Map.of("GREETING", "two"))));
        String v2 = lambda.publishVersion(r -> r.functionName("versions")).version();
        assertEquals(List.of("1", "2"), List.of(v1, v2));
        // Nothing changed since version 2: PublishVersion returns it again.
        assertEquals("2", lambda.publishVersion(r -> r.functionName("versions")).version());

        assertEquals("\"1 one\"", lambda.invoke(r -> r.functionName("versions").qualifier("1").payload(SdkBytes.fromUtf8String("{}")))
                .payload().asUtf8String());
        lambda.createAlias(r -> r.functionName("versions").name("live").functionVersion("1")
                .routingConfig(c -> c.additionalVersionWeights(Map.of("2", 0.5))));
        int onTwo = 0;
        for (int i = 0; i < 40; i++) {
            InvokeResponse response = lambda.invoke(r -> r.functionName("versions:live").payload(SdkBytes.fromUtf8String("{}")));
            assertEquals("\"" + response.executedVersion() + (response.executedVersion().equals("1") ? " one" : " two") + "\"",
                    response.payload().asUtf8String());
            onTwo += response.executedVersion().equals("2") ? 1 : 0;
        }
        assertTrue(onTwo > 5 && onTwo < 35, "version 2 took " + onTwo + " of 40");
        lambda.updateAlias(r -> r.functionName("versions").name("live").functionVersion("2")
                .routingConfig(c -> c.additionalVersionWeights(Map.of())));
        assertEquals("2", lambda.invoke(r -> r.functionName("versions").qualifier("live").payload(SdkBytes.fromUtf8String("{}")))
                .executedVersion());
        LambdaException inUse = assertThrows(LambdaException.class,
                () -> lambda.deleteFunction(r -> r.functionName("versions").qualifier("2")));
        assertEquals(409, inUse.statusCode());
    }

    @Test
    void aLayerSharesALibrary() {
        byte[] library = HandlerCode.jar(Map.of("shared.Greeter", """
                package shared;

                public final class Greeter {
                    public static String greet(String name) {
                        return "Hi " + name + ", from a layer";
                    }
                }
                """));
        byte[] layerZip = HandlerCode.zipOf(Map.of("java/lib/greeter.jar", library));
        String layerArn = lambda.publishLayerVersion(r -> r.layerName("greeter").content(c -> c.zipFile(SdkBytes.fromByteArray(layerZip)))
                .compatibleRuntimes(Runtime.JAVA17)).layerVersionArn();
        assertTrue(layerArn.endsWith(":layer:greeter:1"), layerArn);
        try {
            Path jar = Files.createTempFile("greeter", ".jar");
            Files.write(jar, library);
            byte[] code = HandlerCode.zip(Map.of("demo.UsesLayer", """
                    package demo;

                    import com.amazonaws.services.lambda.runtime.Context;
                    import com.amazonaws.services.lambda.runtime.RequestHandler;

                    public class UsesLayer implements RequestHandler<String, String> {
                        @Override
                        public String handleRequest(String name, Context context) {
                            return shared.Greeter.greet(name);
                        }
                    }
                    """), List.of(jar), "");
            lambda.createFunction(r -> r.functionName("layered").runtime(Runtime.JAVA21).role(roleArn).handler("demo.UsesLayer")
                    .layers(layerArn).code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals("\"Hi Ada, from a layer\"", invoke("layered", "\"Ada\"").payload().asUtf8String());
        LambdaException tooMany = assertThrows(LambdaException.class, () -> lambda.updateFunctionConfiguration(r -> r
                .functionName("layered").layers(layerArn, layerArn, layerArn, layerArn, layerArn, layerArn)));
        assertEquals("Cannot reference more than 5 layers.", tooMany.awsErrorDetails().errorMessage());
    }

    @Test
    void reservedConcurrencyThrottlesWith429() throws Exception {
        create("reserved", 10, Map.of());
        lambda.putFunctionConcurrency(r -> r.functionName("reserved").reservedConcurrentExecutions(0));
        TooManyRequestsException none = assertThrows(TooManyRequestsException.class, () -> invoke("reserved", "{}"));
        assertEquals(429, none.statusCode());
        assertEquals("ReservedFunctionConcurrentInvocationLimitExceeded", none.reasonAsString());

        lambda.putFunctionConcurrency(r -> r.functionName("reserved").reservedConcurrentExecutions(1));
        invoke("reserved", "{}");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (LambdaClient noRetries = LambdaClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .httpClient(ApacheHttpClient.create()).credentialsProvider(RunningSandbox.rootCredentials())
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(1))).build()) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(pool.submit(() -> {
                    try {
                        noRetries.invoke(r -> r.functionName("reserved").payload(SdkBytes.fromUtf8String("{\"sleep\":1500}")));
                        return 200;
                    } catch (TooManyRequestsException throttled) {
                        return 429;
                    }
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
            assertEquals(1, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
            assertEquals(2, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(999, lambda.getAccountSettings().accountLimit().unreservedConcurrentExecutions());
    }

    @Test
    void aTimeoutStopsTheEnvironmentAndIsLogged() {
        create("slow", 1, Map.of());
        InvokeResponse response = lambda.invoke(r -> r.functionName("slow").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"sleep\":5000}")));
        assertEquals("Unhandled", response.functionError());
        assertTrue(response.payload().asUtf8String().contains("Task timed out after 1.00 seconds"), response.payload().asUtf8String());
        String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        assertTrue(log.contains("Task timed out after 1.00 seconds") && log.contains("Status: timeout"), log);
        // The next invocation needs a new environment: a cold start again.
        InvokeResponse next = lambda.invoke(r -> r.functionName("slow").logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{}")));
        assertTrue(new String(Base64.getDecoder().decode(next.logResult()), StandardCharsets.UTF_8).contains("Init Duration"));
    }

    @Test
    void payloadLimitsAndInvocationTypes() {
        create("limits", 3, Map.of());
        String big = "\"" + "x".repeat(6 * 1024 * 1024) + "\"";
        LambdaException tooLarge = assertThrows(LambdaException.class, () -> invoke("limits", big));
        assertEquals(413, tooLarge.statusCode());
        assertEquals("RequestTooLargeException", tooLarge.awsErrorDetails().errorCode());
        String asyncTooBig = "\"" + "x".repeat(1024 * 1024) + "\"";
        LambdaException asyncLimit = assertThrows(LambdaException.class, () -> lambda.invoke(r -> r.functionName("limits")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(asyncTooBig))));
        assertEquals(413, asyncLimit.statusCode());
        assertEquals(204, lambda.invoke(r -> r.functionName("limits").invocationType(InvocationType.DRY_RUN)).statusCode());
        assertEquals(202, lambda.invoke(r -> r.functionName("limits").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{}"))).statusCode());
        // A response over 6 MB fails the invocation as the function's error; the environment serves the next one.
        InvokeResponse tooLargeResponse = invoke("limits", "{\"pad\":" + (6 * 1024 * 1024 + 1) + "}");
        assertEquals("Unhandled", tooLargeResponse.functionError());
        assertTrue(tooLargeResponse.payload().asUtf8String().contains("\"errorType\":\"Function.ResponseSizeTooLarge\""),
                tooLargeResponse.payload().asUtf8String());
        assertEquals("\"$LATEST null\"", invoke("limits", "{}").payload().asUtf8String());
        LambdaException notJson = assertThrows(LambdaException.class, () -> invoke("limits", "{not json"));
        assertEquals("InvalidRequestContentException", notJson.awsErrorDetails().errorCode());
    }

    @Test
    void resourcePolicyLetsAnotherPrincipalInvoke() {
        create("guarded", 3, Map.of());
        AwsCredentials caller = sandbox.newUser("invoker");
        try (LambdaClient asUser = client(caller)) {
            LambdaException denied = assertThrows(LambdaException.class, () -> asUser.invoke(r -> r.functionName("guarded")));
            assertEquals(403, denied.statusCode());
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertTrue(denied.awsErrorDetails().errorMessage().contains("lambda:InvokeFunction on resource: "
                    + "arn:aws:lambda:us-east-1:000000000000:function:guarded"), denied.awsErrorDetails().errorMessage());
            lambda.addPermission(r -> r.functionName("guarded").statementId("let-invoker").action("lambda:InvokeFunction")
                    .principal("arn:aws:iam::000000000000:user/invoker"));
            assertTrue(lambda.getPolicy(r -> r.functionName("guarded")).policy().contains("\"Sid\":\"let-invoker\""));
            assertEquals(200, asUser.invoke(r -> r.functionName("guarded").payload(SdkBytes.fromUtf8String("{}"))).statusCode());
            lambda.removePermission(r -> r.functionName("guarded").statementId("let-invoker"));
            assertThrows(LambdaException.class, () -> asUser.invoke(r -> r.functionName("guarded")));
        }
    }

    @Test
    void provisionedEnvironmentsStartAhead() throws InterruptedException {
        create("warm", 3, Map.of());
        lambda.publishVersion(r -> r.functionName("warm"));
        lambda.createAlias(r -> r.functionName("warm").name("prod").functionVersion("1"));
        lambda.putProvisionedConcurrencyConfig(r -> r.functionName("warm").qualifier("prod").provisionedConcurrentExecutions(1));
        Instant deadline = Instant.now().plusSeconds(30);
        while (lambda.getProvisionedConcurrencyConfig(r -> r.functionName("warm").qualifier("prod")).status()
                != ProvisionedConcurrencyStatusEnum.READY && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        InvokeResponse response = lambda.invoke(r -> r.functionName("warm:prod").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{}")));
        String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        assertFalse(log.contains("Init Duration"), log);
        lambda.deleteProvisionedConcurrencyConfig(r -> r.functionName("warm").qualifier("prod"));
    }

    @Test
    void updatingCodeStartsANewEnvironment() {
        create("updated", 3, Map.of("GREETING", "old"));
        assertEquals("\"$LATEST old\"", invoke("updated", "{}").payload().asUtf8String());
        lambda.updateFunctionConfiguration(r -> r.functionName("updated").environment(e -> e.variables(Map.of("GREETING", "new"))));
        InvokeResponse after = lambda.invoke(r -> r.functionName("updated").logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{}")));
        assertEquals("\"$LATEST new\"", after.payload().asUtf8String());
        assertTrue(new String(Base64.getDecoder().decode(after.logResult()), StandardCharsets.UTF_8).contains("Init Duration"));
    }

    /** Environments starting at the same moment each load the runtime client's native library safely. */
    @Test
    void simultaneousColdStartsAllAnswer() throws Exception {
        create("burst", 10, Map.of("GREETING", "hi"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> invoke("burst", "{\"sleep\":300}").payload().asUtf8String()));
            }
            for (Future<String> call : calls) {
                assertEquals("\"$LATEST hi\"", call.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void codeFromS3() {
        try (software.amazon.awssdk.services.s3.S3Client s3 = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClient(ApacheHttpClient.create()).credentialsProvider(RunningSandbox.rootCredentials()).build()) {
            s3.createBucket(r -> r.bucket("code-bucket"));
            s3.putObject(r -> r.bucket("code-bucket").key("sleepy.zip"), software.amazon.awssdk.core.sync.RequestBody.fromBytes(sleepy));
        }
        lambda.createFunction(r -> r.functionName("from-s3").runtime(Runtime.JAVA17).role(roleArn).handler("demo.Sleepy")
                .code(c -> c.s3Bucket("code-bucket").s3Key("sleepy.zip")));
        assertEquals("\"$LATEST null\"", invoke("from-s3", "{}").payload().asUtf8String());
        LambdaException missing = assertThrows(LambdaException.class, () -> lambda.createFunction(r -> r.functionName("no-s3")
                .runtime(Runtime.JAVA17).role(roleArn).handler("demo.Sleepy").code(c -> c.s3Bucket("code-bucket").s3Key("nope.zip"))));
        assertTrue(missing.awsErrorDetails().errorMessage().startsWith("Error occurred while GetObject. S3 Error Code: NoSuchKey"),
                missing.awsErrorDetails().errorMessage());
    }

    @Test
    void invalidRequestsGetLambdasErrors() {
        LambdaException missing = assertThrows(LambdaException.class, () -> invoke("no-such-function", "{}"));
        assertEquals(404, missing.statusCode());
        assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function",
                missing.awsErrorDetails().errorMessage());
        LambdaException reserved = assertThrows(LambdaException.class, () -> create("bad-env", 3, Map.of("AWS_REGION", "x")));
        assertTrue(reserved.awsErrorDetails().errorMessage().contains("Reserved keys used in this request: AWS_REGION"));
        LambdaException untrusted;
        try (IamClient iam = sandbox.iam(RunningSandbox.ROOT)) {
            String other = iam.createRole(r -> r.roleName("not-for-lambda").assumeRolePolicyDocument(
                    LambdaSandbox.TRUST.replace("lambda.amazonaws.com", "ec2.amazonaws.com"))).role().arn();
            untrusted = assertThrows(LambdaException.class, () -> lambda.createFunction(r -> r.functionName("untrusted")
                    .runtime(Runtime.JAVA17).role(other).handler("demo.Sleepy").code(c -> c.zipFile(SdkBytes.fromByteArray(sleepy)))));
        }
        assertEquals("The role defined for the function cannot be assumed by Lambda.", untrusted.awsErrorDetails().errorMessage());
        LambdaException notZip = assertThrows(LambdaException.class, () -> lambda.createFunction(r -> r.functionName("not-zip")
                .runtime(Runtime.JAVA17).role(roleArn).handler("demo.Sleepy").code(c -> c.zipFile(SdkBytes.fromUtf8String("hello")))));
        assertEquals("InvalidParameterValueException", notZip.awsErrorDetails().errorCode());
    }

    @Test
    void noEnvironmentOutlivesTheSandbox() {
        try (RunningSandbox own = RunningSandbox.start(); IamClient iam = own.iam(RunningSandbox.ROOT);
             LambdaClient client = LambdaClient.builder().endpointOverride(own.endpoint()).region(Region.US_EAST_1)
                     .httpClient(ApacheHttpClient.create()).credentialsProvider(RunningSandbox.rootCredentials()).build()) {
            String role = iam.createRole(r -> r.roleName("r").assumeRolePolicyDocument(LambdaSandbox.TRUST)).role().arn();
            client.createFunction(r -> r.functionName("f").runtime(Runtime.JAVA17).role(role).handler("demo.Sleepy")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(sleepy))));
            client.invoke(r -> r.functionName("f").payload(SdkBytes.fromUtf8String("{}")));
            List<Long> pids = own.environmentPids();
            assertEquals(1, pids.size());
            own.close();
            for (long pid : pids) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "environment " + pid + " still runs");
            }
        }
    }
}
