package course.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.iam.IamClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deployed APIs invoked over plain HTTP, as curl, Java's HttpClient and a browser reach them:
 * {@code http://{api-id}.execute-api.localhost:PORT/{stage}/…} and the
 * {@code /_host/{api-id}.execute-api.{region}.amazonaws.com/{stage}/…} path form. Validation,
 * API keys and usage plans, canaries, IAM authorization, HTTP proxies and access logs act on real
 * requests, with API Gateway's answers.
 */
class ExecuteApiEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.startExplaining();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static ApiGatewayClient apiGateway() {
        return ApiGatewayClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials()).build();
    }

    /** The documented path form: what Java's HttpClient uses, since it does not resolve *.localhost. */
    private static URI invokeUrl(String apiId, String stageAndPath) {
        return URI.create(sandbox.endpoint() + "/_host/" + apiId + ".execute-api.us-east-1.amazonaws.com/" + stageAndPath);
    }

    private static HttpResponse<String> get(String apiId, String stageAndPath, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(invokeUrl(apiId, stageAndPath)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String apiId, String stageAndPath, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(invokeUrl(apiId, stageAndPath)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String importPetStore(ApiGatewayClient apiGateway, String stage) {
        String apiId = apiGateway.importRestApi(r -> r.body(SdkBytes.fromByteArray(ApiGatewayEndToEndTest.resource("petstore-oas30.json")))).id();
        apiGateway.createDeployment(r -> r.restApiId(apiId).stageName(stage));
        return apiId;
    }

    /** https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html */
    @Test
    void validatorsAnswerAsApiGatewayDoes() throws Exception {
        try (ApiGatewayClient apiGateway = apiGateway()) {
            String apiId = importPetStore(apiGateway, "test");
            HttpResponse<String> ok = get(apiId, "test/pets?type=dog");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("[{\"id\": 1, \"type\": \"dog\", \"price\": 249.99}]", ok.body());

            HttpResponse<String> missing = get(apiId, "test/pets");
            assertEquals(400, missing.statusCode());
            assertEquals("{\"message\":\"Missing required request parameters: [type]\"}", missing.body());
            assertEquals("BadRequestException", missing.headers().firstValue("x-amzn-ErrorType").orElse(""));

            HttpResponse<String> tooCheap = post(apiId, "test/pets", "{\"type\": \"dog\", \"price\": 10}");
            assertEquals(400, tooCheap.statusCode());
            assertEquals("{\"message\":\"Invalid request body\"}", tooCheap.body());
            assertEquals(400, post(apiId, "test/pets", "not json").statusCode());
            HttpResponse<String> created = post(apiId, "test/pets", "{\"type\": \"cat\", \"price\": 100}");
            assertEquals(200, created.statusCode(), created.body());
            assertEquals("{\"created\": true}", created.body());

            HttpResponse<String> noSuchPath = get(apiId, "test/owners");
            assertEquals(403, noSuchPath.statusCode());
            assertEquals("{\"message\":\"Missing Authentication Token\"}", noSuchPath.body());
            HttpResponse<String> noSuchStage = get(apiId, "prod/pets?type=dog");
            assertEquals(403, noSuchStage.statusCode());
            assertEquals("{\"message\":\"Forbidden\"}", noSuchStage.body());
            apiGateway.deleteRestApi(r -> r.restApiId(apiId));
        }
    }

    /** curl (7.78+) and browsers resolve *.localhost to loopback: the API's own host name works. */
    @Test
    void curlReachesTheApiByItsHostName() throws Exception {
        try (ApiGatewayClient apiGateway = apiGateway()) {
            String apiId = importPetStore(apiGateway, "test");
            Process curl = new ProcessBuilder("curl", "-s", "-w", "\n%{http_code}",
                    "http://" + apiId + ".execute-api.localhost:" + sandbox.port() + "/test/pets?type=fish").start();
            assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("[{\"id\": 1, \"type\": \"fish\", \"price\": 249.99}]\n200", out);
            apiGateway.deleteRestApi(r -> r.restApiId(apiId));
        }
    }

    /** A browser (headless Chromium, where installed) resolves *.localhost itself and shows the answer. */
    @Test
    void aBrowserReachesTheApiByItsHostName() throws Exception {
        ExternalClient.requireInstalled(java.nio.file.Path.of("/usr/bin/chromium"), "--version");
        try (ApiGatewayClient apiGateway = apiGateway()) {
            String apiId = importPetStore(apiGateway, "test");
            Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--dump-dom", "http://" + apiId + ".execute-api.localhost:" + sandbox.port() + "/test/pets?type=bird")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String page = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(chromium.waitFor(60, TimeUnit.SECONDS));
            assertTrue(page.contains("[{\"id\": 1, \"type\": \"bird\", \"price\": 249.99}]"), page);
            apiGateway.deleteRestApi(r -> r.restApiId(apiId));
        }
    }

    /** https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html */
    @Test
    void apiKeysUsagePlanThrottleAndQuota() throws Exception {
        try (ApiGatewayClient apiGateway = apiGateway()) {
            String apiId = importPetStore(apiGateway, "test");
            assertEquals("{\"message\":\"Forbidden\"}", get(apiId, "test/pets/7").body());
            var throttled = apiGateway.createApiKey(r -> r.name("throttled").enabled(true));
            String throttledPlan = apiGateway.createUsagePlan(r -> r.name("burst-2").apiStages(s -> s.apiId(apiId).stage("test"))
                    .throttle(t -> t.burstLimit(2).rateLimit(0.01))).id();
            assertEquals(403, get(apiId, "test/pets/7", "x-api-key", throttled.value()).statusCode(), "key not in a plan yet");
            apiGateway.createUsagePlanKey(r -> r.usagePlanId(throttledPlan).keyId(throttled.id()).keyType("API_KEY"));
            HttpResponse<String> first = get(apiId, "test/pets/7", "x-api-key", throttled.value());
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("{\"id\": \"7\"}", first.body());
            assertEquals(200, get(apiId, "test/pets/7", "x-api-key", throttled.value()).statusCode());
            HttpResponse<String> third = get(apiId, "test/pets/7", "x-api-key", throttled.value());
            assertEquals(429, third.statusCode());
            assertEquals("{\"message\":\"Too Many Requests\"}", third.body());

            var limited = apiGateway.createApiKey(r -> r.name("limited").enabled(true));
            String quotaPlan = apiGateway.createUsagePlan(r -> r.name("three-a-day").apiStages(s -> s.apiId(apiId).stage("test"))
                    .quota(q -> q.limit(3).period("DAY"))).id();
            apiGateway.createUsagePlanKey(r -> r.usagePlanId(quotaPlan).keyId(limited.id()).keyType("API_KEY"));
            for (int i = 0; i < 3; i++) {
                assertEquals(200, get(apiId, "test/pets/" + i, "x-api-key", limited.value()).statusCode());
            }
            HttpResponse<String> fourth = get(apiId, "test/pets/4", "x-api-key", limited.value());
            assertEquals(429, fourth.statusCode());
            assertEquals("{\"message\":\"Limit Exceeded\"}", fourth.body());
            String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            assertEquals(List.of(3L, 0L), apiGateway.getUsage(r -> r.usagePlanId(quotaPlan).startDate(today).endDate(today))
                    .items().get(limited.id()).get(0));

            var disabled = apiGateway.createApiKey(r -> r.name("disabled"));
            apiGateway.createUsagePlanKey(r -> r.usagePlanId(quotaPlan).keyId(disabled.id()).keyType("API_KEY"));
            assertEquals(403, get(apiId, "test/pets/7", "x-api-key", disabled.value()).statusCode(), "keys are created disabled");
            apiGateway.deleteRestApi(r -> r.restApiId(apiId));
        }
    }

    /** https://docs.aws.amazon.com/apigateway/latest/developerguide/canary-release.html */
    @Test
    void aCanaryTakesItsShareOfTrafficWithItsOwnDeploymentAndVariables() throws Exception {
        try (ApiGatewayClient apiGateway = apiGateway()) {
            String apiId = versionApi(apiGateway);
            String stable = apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("live")
                    .variables(Map.of("version", "v1"))).id();
            String canary = apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("live")
                    .canarySettings(c -> c.percentTraffic(30.0).stageVariableOverrides(Map.of("version", "v2")))).id();
            int toCanary = 0;
            int calls = 400;
            for (int i = 0; i < calls; i++) {
                JsonNode answer = JSON.readTree(get(apiId, "live/version").body());
                boolean isCanary = answer.path("version").asText().equals("v2");
                assertEquals(isCanary ? canary : stable, answer.path("deployment").asText(), answer.toString());
                assertEquals(isCanary, answer.path("canary").asBoolean(), answer.toString());
                toCanary += isCanary ? 1 : 0;
            }
            // 30% of 400: 120 expected; ±6 standard deviations (≈ ±55) keeps the test from flaking.
            assertTrue(toCanary > 65 && toCanary < 175, "canary took " + toCanary + " of " + calls);

            apiGateway.updateStage(r -> r.restApiId(apiId).stageName("live").patchOperations(
                    PatchOperation.builder().op(Op.REPLACE).path("/canarySettings/percentTraffic").value("0.0").build(),
                    PatchOperation.builder().op(Op.COPY).from("/canarySettings/stageVariableOverrides").path("/variables").build(),
                    PatchOperation.builder().op(Op.COPY).from("/canarySettings/deploymentId").path("/deploymentId").build()));
            for (int i = 0; i < 20; i++) {
                JsonNode answer = JSON.readTree(get(apiId, "live/version").body());
                assertEquals("v2", answer.path("version").asText());
                assertEquals(canary, answer.path("deployment").asText());
            }
            apiGateway.deleteRestApi(r -> r.restApiId(apiId));
        }
    }

    /** A MOCK method whose answer names the deployment, the stage variable and whether the canary served it. */
    private static String versionApi(ApiGatewayClient apiGateway) {
        var api = apiGateway.createRestApi(r -> r.name("versions"));
        String resource = apiGateway.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("version")).id();
        apiGateway.putMethod(r -> r.restApiId(api.id()).resourceId(resource).httpMethod("GET").authorizationType("NONE"));
        apiGateway.putIntegration(r -> r.restApiId(api.id()).resourceId(resource).httpMethod("GET").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        apiGateway.putMethodResponse(r -> r.restApiId(api.id()).resourceId(resource).httpMethod("GET").statusCode("200"));
        apiGateway.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(resource).httpMethod("GET").statusCode("200")
                .responseTemplates(Map.of("application/json", "{\"version\": \"$stageVariables.version\", "
                        + "\"deployment\": \"$context.deploymentId\", \"canary\": $context.isCanaryRequest}")));
        return api.id();
    }

    /** https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html */
    @Test
    void iamMethodsNeedASignatureAndExecuteApiInvoke() throws Exception {
        try (ApiGatewayClient apiGateway = apiGateway(); IamClient iam = sandbox.iam(RunningSandbox.ROOT)) {
            var api = apiGateway.createRestApi(r -> r.name("private"));
            apiGateway.putMethod(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET").authorizationType("AWS_IAM"));
            apiGateway.putIntegration(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
                    .type(IntegrationType.MOCK).requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            apiGateway.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(api.rootResourceId()).httpMethod("GET")
                    .statusCode("200").responseTemplates(Map.of("application/json", "{\"caller\": \"$context.identity.userArn\"}")));
            apiGateway.createDeployment(r -> r.restApiId(api.id()).stageName("v1"));

            HttpResponse<String> unsigned = get(api.id(), "v1");
            assertEquals(403, unsigned.statusCode());
            assertEquals("{\"message\":\"Missing Authentication Token\"}", unsigned.body());

            HttpResponse<String> root = signedGet(RunningSandbox.ROOT, api.id(), "v1");
            assertEquals(200, root.statusCode(), root.body());
            assertEquals("{\"caller\": \"arn:aws:iam::000000000000:root\"}", root.body());

            AwsCredentials student = sandbox.newUser("invoker");
            HttpResponse<String> denied = signedGet(student, api.id(), "v1");
            assertEquals(403, denied.statusCode());
            String arn = "arn:aws:execute-api:us-east-1:000000000000:" + api.id() + "/v1/GET/";
            assertEquals("{\"message\":\"User: arn:aws:iam::000000000000:user/invoker is not authorized to perform: "
                    + "execute-api:Invoke on resource: " + arn + " because no identity-based policy allows the "
                    + "execute-api:Invoke action\"}", denied.body());
            iam.putUserPolicy(r -> r.userName("invoker").policyName("invoke").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\","
                            + "\"Resource\":\"arn:aws:execute-api:us-east-1:*:" + api.id() + "/v1/GET/*\"}]}"));
            HttpResponse<String> allowed = signedGet(student, api.id(), "v1");
            assertEquals(200, allowed.statusCode(), allowed.body());
            assertEquals("{\"caller\": \"arn:aws:iam::000000000000:user/invoker\"}", allowed.body());
            apiGateway.deleteRestApi(r -> r.restApiId(api.id()));
        }
    }

    private static HttpResponse<String> signedGet(AwsCredentials credentials, String apiId, String stageAndPath) throws Exception {
        SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(invokeUrl(apiId, stageAndPath)).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(unsigned)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.request().getUri()).GET();
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An HTTP_PROXY integration to a backend on 127.0.0.1, and the stage's access log in CloudWatch Logs. */
    @Test
    void httpProxyAndAccessLogs() throws Exception {
        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " tenant="
                    + exchange.getRequestHeaders().getFirst("x-tenant")).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Backend", "yes");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        try (ApiGatewayClient apiGateway = apiGateway();
             CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(RunningSandbox.rootCredentials()).build()) {
            var api = apiGateway.createRestApi(r -> r.name("proxy"));
            String proxy = apiGateway.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("{proxy+}")).id();
            apiGateway.putMethod(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY").authorizationType("NONE")
                    .requestParameters(Map.of("method.request.path.proxy", true)));
            apiGateway.putIntegration(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY").type(IntegrationType.HTTP_PROXY)
                    .integrationHttpMethod("ANY").uri("http://127.0.0.1:" + backend.getAddress().getPort() + "/backend/{proxy}")
                    .requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy")));
            apiGateway.createDeployment(r -> r.restApiId(api.id()).stageName("dev"));
            logs.createLogGroup(r -> r.logGroupName("/course/access"));
            apiGateway.updateStage(r -> r.restApiId(api.id()).stageName("dev").patchOperations(
                    PatchOperation.builder().op(Op.REPLACE).path("/accessLogSettings/destinationArn")
                            .value("arn:aws:logs:us-east-1:000000000000:log-group:/course/access").build(),
                    PatchOperation.builder().op(Op.REPLACE).path("/accessLogSettings/format")
                            .value("$context.requestId $context.httpMethod $context.resourcePath $context.status "
                                    + "$context.deploymentId").build()));

            HttpResponse<String> answer = get(api.id(), "dev/orders/42?sort=desc", "x-tenant", "acme");
            assertEquals(201, answer.statusCode(), answer.body());
            assertEquals("GET /backend/orders/42?sort=desc tenant=acme", answer.body());
            assertEquals("yes", answer.headers().firstValue("X-Backend").orElse(""));
            String requestId = answer.headers().firstValue("x-amzn-RequestId").orElseThrow();

            List<String> lines = logs.filterLogEvents(r -> r.logGroupName("/course/access")).events().stream()
                    .map(event -> event.message()).toList();
            String deployment = apiGateway.getStage(r -> r.restApiId(api.id()).stageName("dev")).deploymentId();
            assertEquals(List.of(requestId + " GET /{proxy+} 201 " + deployment), lines);
            apiGateway.deleteRestApi(r -> r.restApiId(api.id()));
        } finally {
            backend.stop(0);
        }
    }
}
