package course.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.AccessDeniedException;
import software.amazon.awssdk.services.apigatewayv2.model.ApiGatewayV2Exception;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP APIs (API Gateway V2) through the real SDK v2 client and over plain HTTP: quick create,
 * routes with path variables and greedy paths, HTTP proxy integrations to a loopback backend,
 * auto-deploying stages, import and export, and HTTP APIs' own answers.
 */
class HttpApiEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningSandbox sandbox;
    private static HttpServer backend;

    @BeforeAll
    static void start() throws Exception {
        sandbox = RunningSandbox.startExplaining();
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
    }

    @AfterAll
    static void stop() {
        backend.stop(0);
        sandbox.close();
    }

    private static ApiGatewayV2Client client() {
        return ApiGatewayV2Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials()).build();
    }

    private static String backendUrl() {
        return "http://127.0.0.1:" + backend.getAddress().getPort();
    }

    private static HttpResponse<String> get(String apiId, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/_host/" + apiId
                + ".execute-api.us-east-1.amazonaws.com" + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop.html#http-api-examples.cli.quick-create */
    @Test
    void quickCreateMakesRouteIntegrationAndAnAutoDeployingDefaultStage() throws Exception {
        try (ApiGatewayV2Client apiGateway = client()) {
            CreateApiResponse api = apiGateway.createApi(r -> r.name("quick").protocolType(ProtocolType.HTTP)
                    .target(backendUrl() + "/quick"));
            assertEquals("https://" + api.apiId() + ".execute-api.us-east-1.amazonaws.com", api.apiEndpoint());
            assertEquals(List.of("$default"), apiGateway.getRoutes(r -> r.apiId(api.apiId())).items().stream()
                    .map(route -> route.routeKey()).toList());
            var stage = apiGateway.getStage(r -> r.apiId(api.apiId()).stageName("$default"));
            assertTrue(stage.autoDeploy());
            assertTrue(stage.apiGatewayManaged());
            HttpResponse<String> answer = get(api.apiId(), "/anything/here?x=1");
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("GET /quick?x=1", answer.body());
            apiGateway.deleteApi(r -> r.apiId(api.apiId()));
        }
    }

    @Test
    void routesPickTheMostSpecificMatchAndStagesRedeployAutomatically() throws Exception {
        try (ApiGatewayV2Client apiGateway = client()) {
            String apiId = apiGateway.createApi(r -> r.name("routes").protocolType(ProtocolType.HTTP)).apiId();
            String byId = apiGateway.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
                    .integrationMethod("GET").integrationUri(backendUrl() + "/items/{id}").payloadFormatVersion("1.0")).integrationId();
            String greedy = apiGateway.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
                    .integrationMethod("ANY").integrationUri(backendUrl() + "/rest/{proxy}").payloadFormatVersion("1.0")).integrationId();
            apiGateway.createRoute(r -> r.apiId(apiId).routeKey("GET /items/{id}").target("integrations/" + byId));
            apiGateway.createRoute(r -> r.apiId(apiId).routeKey("ANY /items/{proxy+}").target("integrations/" + greedy));
            assertThrows(ConflictException.class, () -> apiGateway.createRoute(r -> r.apiId(apiId).routeKey("GET /items/{id}")));
            assertThrows(BadRequestException.class, () -> apiGateway.createRoute(r -> r.apiId(apiId).routeKey("FETCH /x")));
            apiGateway.createStage(r -> r.apiId(apiId).stageName("dev").autoDeploy(true));

            assertEquals("GET /items/5", get(apiId, "/dev/items/5").body());
            assertEquals("GET /rest/5/parts", get(apiId, "/dev/items/5/parts").body());
            HttpResponse<String> none = get(apiId, "/dev/orders");
            assertEquals(404, none.statusCode());
            assertEquals("{\"message\":\"Not Found\"}", none.body());

            // a new route is live at once on an auto-deploying stage
            String orders = apiGateway.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
                    .integrationMethod("GET").integrationUri(backendUrl() + "/orders").payloadFormatVersion("1.0")).integrationId();
            apiGateway.createRoute(r -> r.apiId(apiId).routeKey("GET /orders").target("integrations/" + orders));
            assertEquals("GET /orders", get(apiId, "/dev/orders").body());
            assertTrue(apiGateway.getDeployments(r -> r.apiId(apiId)).items().size() >= 2);

            // a manual stage keeps its deployment until the next CreateDeployment
            apiGateway.createStage(r -> r.apiId(apiId).stageName("prod"));
            assertEquals(404, get(apiId, "/prod/items/1").statusCode());
            apiGateway.createDeployment(r -> r.apiId(apiId).stageName("prod"));
            assertEquals("GET /items/1", get(apiId, "/prod/items/1").body());
            assertThrows(BadRequestException.class, () -> apiGateway.createDeployment(r -> r.apiId(apiId).stageName("dev")));

            // Lambda proxy integrations answer 500 until the function can run
            apiGateway.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                    .integrationUri("arn:aws:lambda:us-east-1:000000000000:function:missing").payloadFormatVersion("2.0"));
            assertThrows(BadRequestException.class, () -> apiGateway.createIntegration(r -> r.apiId(apiId)
                    .integrationType(IntegrationType.AWS_PROXY).integrationUri("arn:aws:lambda:us-east-1:000000000000:function:f")));

            apiGateway.deleteApi(r -> r.apiId(apiId));
            assertThrows(NotFoundException.class, () -> apiGateway.getApi(r -> r.apiId(apiId)));
        }
    }

    /** https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html */
    @Test
    void importsAndExportsOpenApi() throws Exception {
        String definition = """
                openapi: 3.0.1
                info: {title: imported, version: "1"}
                paths:
                  /items/{id}:
                    get:
                      x-amazon-apigateway-integration:
                        type: http_proxy
                        httpMethod: GET
                        uri: %s/items/{id}
                        payloadFormatVersion: "1.0"
                  /$default:
                    x-amazon-apigateway-any-method:
                      x-amazon-apigateway-integration:
                        type: http_proxy
                        httpMethod: ANY
                        uri: %s/fallback
                        payloadFormatVersion: "1.0"
                """.formatted(backendUrl(), backendUrl());
        try (ApiGatewayV2Client apiGateway = client()) {
            String apiId = apiGateway.importApi(r -> r.body(definition)).apiId();
            assertEquals(List.of("$default", "GET /items/{id}"), apiGateway.getRoutes(r -> r.apiId(apiId)).items().stream()
                    .map(route -> route.routeKey()).sorted().toList());
            apiGateway.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
            assertEquals("GET /items/9", get(apiId, "/items/9").body());
            assertEquals("GET /fallback", get(apiId, "/whatever").body());

            JsonNode withExtensions = JSON.readTree(apiGateway.exportApi(r -> r.apiId(apiId).specification("OAS30")
                    .outputType("JSON")).body().asByteArray());
            assertEquals("http_proxy", withExtensions.at("/paths/~1items~1{id}/get/x-amazon-apigateway-integration/type").asText());
            String plain = apiGateway.exportApi(r -> r.apiId(apiId).specification("OAS30").outputType("YAML")
                    .includeExtensions(false)).body().asUtf8String();
            assertFalse(plain.contains("x-amazon-apigateway"), plain);
            assertTrue(plain.contains("/items/{id}:"), plain);
            apiGateway.deleteApi(r -> r.apiId(apiId));
        }
    }

    /** A denied control-plane request: 403 AccessDeniedException, the resource path's ARN unquoted. */
    @Test
    void aDeniedRequestIs403AccessDeniedExceptionNamingTheResourceUnquoted() {
        var user = sandbox.newUser("no-apigatewayv2");
        try (ApiGatewayV2Client denied = ApiGatewayV2Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(user)).build()) {
            AccessDeniedException error = assertThrows(AccessDeniedException.class, denied::getApis);
            assertEquals(403, error.statusCode());
            assertEquals("User: arn:aws:iam::000000000000:user/no-apigatewayv2 is not authorized to perform: apigateway:GET on "
                    + "resource: arn:aws:apigateway:us-east-1::/apis because no identity-based policy allows the apigateway:GET action",
                    error.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void anOperationTheSandboxLacksIs501NotImplementedNamingItsPath() {
        try (ApiGatewayV2Client apis = client()) {
            ApiGatewayV2Exception lacking = assertThrows(ApiGatewayV2Exception.class, apis::getDomainNames);
            assertEquals(501, lacking.statusCode());
            assertEquals("The sandbox does not serve Amazon API Gateway V2 GET /v2/domainnames yet.",
                    lacking.awsErrorDetails().errorMessage());
        }
    }
}
