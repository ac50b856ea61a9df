package course.sandbox.bench;

import com.sun.net.httpserver.HttpServer;
import course.sandbox.e2e.RunningSandbox;
import course.sandbox.lambda.HandlerCode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the execute-api path costs a request: GET on a loopback backend directly, then the same
 * GET through a deployed REST API's HTTP_PROXY integration (route, stage and deployment lookup,
 * resource matching, the proxy hop), and a MOCK method (API Gateway alone); then a warm Lambda
 * function invoked directly (SDK Invoke) against the same function behind an AWS_PROXY method.
 * Prints ms per request and the ratios, one client, sequential requests. Prints figures; not a
 * test. Run with bench/sandbox.sh.
 */
public final class ExecuteApiBenchmark {
    private static final int WARMUP = 1_000;
    private static final int MEASURED = 2_000;

    public static void main(String[] args) throws Exception {
        // As the sandbox's own server does: without TCP_NODELAY, delayed ACKs add ~40 ms to each answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        backend.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        backend.start();
        String backendUrl = "http://127.0.0.1:" + backend.getAddress().getPort();
        try (RunningSandbox sandbox = RunningSandbox.start();
             ApiGatewayClient apiGateway = ApiGatewayClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(RunningSandbox.rootCredentials()).build()) {
            var api = apiGateway.createRestApi(r -> r.name("bench"));
            String proxy = apiGateway.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("proxy")).id();
            apiGateway.putMethod(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("GET").authorizationType("NONE"));
            apiGateway.putIntegration(r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
                    .integrationHttpMethod("GET").uri(backendUrl + "/items"));
            String mock = apiGateway.createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("mock")).id();
            apiGateway.putMethod(r -> r.restApiId(api.id()).resourceId(mock).httpMethod("GET").authorizationType("NONE"));
            apiGateway.putIntegration(r -> r.restApiId(api.id()).resourceId(mock).httpMethod("GET").type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            apiGateway.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(mock).httpMethod("GET").statusCode("200")
                    .responseTemplates(Map.of("application/json", "{\"ok\":true}")));
            apiGateway.createDeployment(r -> r.restApiId(api.id()).stageName("bench"));
            String stage = sandbox.endpoint() + "/_host/" + api.id() + ".execute-api.us-east-1.amazonaws.com/bench";

            HttpClient client = HttpClient.newHttpClient();
            URI direct = URI.create(backendUrl + "/items");
            URI viaProxy = URI.create(stage + "/proxy");
            URI viaMock = URI.create(stage + "/mock");
            for (URI uri : new URI[] {direct, viaProxy, viaMock}) {
                run(client, uri, WARMUP);
            }
            for (int round = 1; round <= 3; round++) {
                double directMs = run(client, direct, MEASURED);
                double proxyMs = run(client, viaProxy, MEASURED);
                double mockMs = run(client, viaMock, MEASURED);
                System.out.printf("round %d: direct %.3f ms · execute-api HTTP_PROXY %.3f ms (%.1fx direct) · execute-api MOCK %.3f ms "
                        + "(%.1fx direct)%n", round, directMs, proxyMs, proxyMs / directMs, mockMs, mockMs / directMs);
            }
            lambdaRounds(sandbox, apiGateway, api.id(), api.rootResourceId(), client, stage);
        } finally {
            backend.stop(0);
        }
    }

    /** A warm function: SDK Invoke against GET through an AWS_PROXY method (event built, answer read back). */
    private static void lambdaRounds(RunningSandbox sandbox, ApiGatewayClient apiGateway, String apiId, String rootId,
                                     HttpClient client, String stage) throws Exception {
        String handler = """
                package bench;
                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
                public class Ok implements RequestStreamHandler {
                    public void handleRequest(java.io.InputStream in, java.io.OutputStream out, Context context) throws java.io.IOException {
                        in.readAllBytes();
                        out.write("{\\"statusCode\\": 200, \\"body\\": \\"ok\\"}".getBytes());
                    }
                }
                """;
        try (IamClient iam = sandbox.iam(RunningSandbox.ROOT);
             LambdaClient lambda = LambdaClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(RunningSandbox.rootCredentials()).build()) {
            String role = iam.createRole(r -> r.roleName("bench").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role().arn();
            lambda.createFunction(r -> r.functionName("bench").runtime(Runtime.JAVA17).role(role).handler("bench.Ok::handleRequest")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(HandlerCode.zip(Map.of("bench.Ok", handler))))));
            lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("bench"));
            lambda.addPermission(r -> r.functionName("bench").statementId("apigw").action("lambda:InvokeFunction")
                    .principal("apigateway.amazonaws.com"));
            String resource = apiGateway.createResource(r -> r.restApiId(apiId).parentId(rootId).pathPart("lambda")).id();
            apiGateway.putMethod(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").authorizationType("NONE"));
            apiGateway.putIntegration(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").type(IntegrationType.AWS_PROXY)
                    .integrationHttpMethod("POST").uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                            + "arn:aws:lambda:us-east-1:000000000000:function:bench/invocations"));
            apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("bench"));
            URI viaApi = URI.create(stage + "/lambda");
            int count = MEASURED / 4;
            for (int i = 0; i < WARMUP / 4; i++) {
                lambda.invoke(r -> r.functionName("bench"));
            }
            run(client, viaApi, WARMUP / 4);
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    lambda.invoke(r -> r.functionName("bench"));
                }
                double invokeMs = (System.nanoTime() - start) / 1e6 / count;
                double apiMs = run(client, viaApi, count);
                System.out.printf("round %d: Lambda Invoke %.3f ms · execute-api AWS_PROXY %.3f ms (%.2fx the direct invoke)%n",
                        round, invokeMs, apiMs, apiMs / invokeMs);
            }
        }
    }

    /** Mean milliseconds per request over {@code count} sequential GETs, each checked for 200. */
    private static double run(HttpClient client, URI uri, int count) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
        }
        return (System.nanoTime() - start) / 1e6 / count;
    }
}
