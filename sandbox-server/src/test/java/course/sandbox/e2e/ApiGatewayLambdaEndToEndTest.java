package course.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.lambda.HandlerCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API Gateway in front of real Lambda functions (child JVMs running AWS's runtime client): a REST
 * API's AWS_PROXY method delivers payload format 1.0, an HTTP API's route payload 2.0, each as the
 * function receives it (the function answers with the event it got); without a resource policy
 * for apigateway.amazonaws.com the method answers 500, as on AWS.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format">Payload format 1.0</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html">Payload format 2.0</a>
 */
class ApiGatewayLambdaEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Answers with the event it received, as the body of a proxy response. */
    private static final String ECHO = """
            package demo;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.nio.charset.StandardCharsets;

            public class Echo implements RequestStreamHandler {
                public void handleRequest(InputStream in, OutputStream out, Context context) throws java.io.IOException {
                    String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    String escaped = event.replace("\\\\", "\\\\\\\\").replace("\\"", "\\\\\\"").replace("\\n", "\\\\n")
                            .replace("\\r", "\\\\r").replace("\\t", "\\\\t");
                    out.write(("{\\"statusCode\\": 201, \\"headers\\": {\\"X-Echo\\": \\"yes\\"}, \\"body\\": \\"" + escaped + "\\"}")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            """;

    private static RunningSandbox sandbox;
    private static LambdaClient lambda;
    private static String functionArn;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        lambda = LambdaClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials()).build();
        String roleArn;
        try (IamClient iam = sandbox.iam(RunningSandbox.ROOT)) {
            roleArn = iam.createRole(r -> r.roleName("echo-role").assumeRolePolicyDocument(LambdaSandbox.TRUST)).role().arn();
        }
        byte[] zip = HandlerCode.zip(Map.of("demo.Echo", ECHO));
        for (String name : new String[] {"echo", "unpermitted"}) {
            lambda.createFunction(r -> r.functionName(name).runtime(Runtime.JAVA17).role(roleArn).handler("demo.Echo::handleRequest")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
            lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
        }
        functionArn = "arn:aws:lambda:us-east-1:000000000000:function:echo";
        // What the console does when it wires a Lambda integration: a resource policy for API Gateway.
        lambda.addPermission(r -> r.functionName("echo").statementId("apigateway").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:000000000000:*/*/*/*"));
    }

    @AfterAll
    static void stop() {
        lambda.close();
        sandbox.close();
    }

    private static String lambdaUri(String function) {
        return "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:"
                + function + "/invocations";
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void restApiLambdaProxyDeliversPayloadFormat1() throws Exception {
        try (ApiGatewayClient apiGateway = ApiGatewayClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials()).build()) {
            var api = apiGateway.createRestApi(r -> r.name("echo"));
            String proxy = apiGateway.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("{proxy+}")).id();
            apiGateway.putMethod(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY").authorizationType("NONE"));
            apiGateway.putIntegration(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY").type(IntegrationType.AWS_PROXY)
                    .integrationHttpMethod("POST").uri(lambdaUri("echo")));
            String unpermitted = apiGateway.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId())
                    .pathPart("unpermitted")).id();
            apiGateway.putMethod(r -> r.restApiId(api.id()).resourceId(unpermitted).httpMethod("GET").authorizationType("NONE"));
            apiGateway.putIntegration(r -> r.restApiId(api.id()).resourceId(unpermitted).httpMethod("GET")
                    .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri(lambdaUri("unpermitted")));
            String deployment = apiGateway.createDeployment(r -> r.restApiId(api.id()).stageName("testStage")
                    .variables(Map.of("stageVariableName", "stageVariableValue"))).id();

            // The documented request: POST /testStage/hello/world?name=me with headerName: headerValue and {"a": 1}
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/_host/" + api.id()
                    + ".execute-api.us-east-1.amazonaws.com/testStage/hello/world?name=me&multivalueName=you&multivalueName=me"))
                    .header("Content-Type", "application/json").header("headerName", "headerValue")
                    .POST(HttpRequest.BodyPublishers.ofString("{\n\t\"a\": 1\n}")));
            assertEquals(201, answer.statusCode(), answer.body());
            assertEquals("yes", answer.headers().firstValue("X-Echo").orElse(""));
            JsonNode event = JSON.readTree(answer.body());
            assertEquals("/{proxy+}", event.path("resource").asText());
            assertEquals("/hello/world", event.path("path").asText());
            assertEquals("POST", event.path("httpMethod").asText());
            // The sandbox's HTTP front reads header names in lower case; AWS passes them as sent.
            assertEquals("headerValue", event.path("headers").path("headername").asText(event.path("headers").toString()));
            assertEquals("[\"headerValue\"]", event.path("multiValueHeaders").path("headername").toString());
            assertFalse(event.path("headers").has("connection"), event.path("headers").toString());
            assertEquals("[\"you\",\"me\"]", event.path("multiValueQueryStringParameters").path("multivalueName").toString());
            assertEquals("me", event.path("queryStringParameters").path("name").asText());
            assertEquals("{\"proxy\":\"hello/world\"}", event.path("pathParameters").toString());
            assertEquals("{\"stageVariableName\":\"stageVariableValue\"}", event.path("stageVariables").toString());
            assertEquals("{\n\t\"a\": 1\n}", event.path("body").asText());
            assertFalse(event.path("isBase64Encoded").asBoolean());
            JsonNode context = event.path("requestContext");
            assertEquals("testStage", context.path("stage").asText());
            assertEquals("/{proxy+}", context.path("resourcePath").asText());
            assertEquals(proxy, context.path("resourceId").asText());
            assertEquals(api.id(), context.path("apiId").asText());
            assertEquals(deployment, context.path("deploymentId").asText());
            assertEquals("000000000000", context.path("accountId").asText());
            assertEquals("127.0.0.1", context.path("identity").path("sourceIp").asText());
            assertEquals("/testStage/hello/world", context.path("path").asText());

            HttpResponse<String> denied = send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/_host/" + api.id()
                    + ".execute-api.us-east-1.amazonaws.com/testStage/unpermitted")));
            assertEquals(500, denied.statusCode());
            assertEquals("{\"message\":\"Internal server error\"}", denied.body());
        }
    }

    @Test
    void httpApiQuickCreateDeliversPayloadFormat2() throws Exception {
        try (ApiGatewayV2Client apiGateway = ApiGatewayV2Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials()).build()) {
            String apiId = apiGateway.createApi(r -> r.name("echo-http").protocolType(ProtocolType.HTTP).target(functionArn)).apiId();
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/_host/" + apiId
                    + ".execute-api.us-east-1.amazonaws.com/my/path?parameter1=value1&parameter1=value2"))
                    .header("Cookie", "cookie1=a; cookie2=b").POST(HttpRequest.BodyPublishers.ofString("Hello from Lambda")));
            assertEquals(201, answer.statusCode(), answer.body());
            JsonNode event = JSON.readTree(answer.body());
            assertEquals("2.0", event.path("version").asText());
            assertEquals("$default", event.path("routeKey").asText());
            assertEquals("/my/path", event.path("rawPath").asText());
            assertEquals("parameter1=value1&parameter1=value2", event.path("rawQueryString").asText());
            assertEquals("[\"cookie1=a\",\"cookie2=b\"]", event.path("cookies").toString());
            assertEquals("value1,value2", event.path("queryStringParameters").path("parameter1").asText());
            assertTrue(event.path("headers").has("content-length"), event.path("headers").toString());
            JsonNode context = event.path("requestContext");
            assertEquals("POST", context.path("http").path("method").asText());
            assertEquals("/my/path", context.path("http").path("path").asText());
            assertEquals("$default", context.path("stage").asText());
            assertEquals(apiId, context.path("apiId").asText());
            assertEquals("Hello from Lambda", event.path("body").asText());
            assertFalse(event.path("isBase64Encoded").asBoolean());
        }
    }
}
