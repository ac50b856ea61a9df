package course.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.GetExportResponse;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.ImportRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API Gateway's REST API control plane through the real SDK v2 client: resources, methods,
 * integrations, models, validators, deployments, stages with canaries, API keys, usage plans,
 * OpenAPI import and export, errors as the SDK's typed exceptions, and IAM on every call.
 */
class ApiGatewayEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.startExplaining();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static ApiGatewayClient apiGateway(AwsCredentials credentials) {
        return ApiGatewayClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .httpClient(ApacheHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    static byte[] resource(String name) {
        try (InputStream in = ApiGatewayEndToEndTest.class.getResourceAsStream("/course/sandbox/apigateway/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void buildsAnApiResourceByResource() {
        try (ApiGatewayClient apiGateway = apiGateway(RunningSandbox.ROOT)) {
            CreateRestApiResponse api = apiGateway.createRestApi(r -> r.name("orders").description("course"));
            assertEquals(10, api.id().length());
            assertEquals("HEADER", api.apiKeySourceAsString());
            String rootId = api.rootResourceId();
            assertEquals(List.of("/"), apiGateway.getResources(r -> r.restApiId(api.id())).items().stream().map(Resource::path).toList());
            // A new API has the models Empty and Error.
            assertEquals(List.of("Empty", "Error"), apiGateway.getModels(r -> r.restApiId(api.id())).items().stream()
                    .map(model -> model.name()).toList());

            String orders = apiGateway.createResource(r -> r.restApiId(api.id()).parentId(rootId).pathPart("orders")).id();
            String order = apiGateway.createResource(r -> r.restApiId(api.id()).parentId(orders).pathPart("{id}")).id();
            assertEquals("/orders/{id}", apiGateway.getResource(r -> r.restApiId(api.id()).resourceId(order)).path());
            assertThrows(ConflictException.class, () -> apiGateway.createResource(r -> r.restApiId(api.id()).parentId(rootId).pathPart("orders")));

            apiGateway.createModel(r -> r.restApiId(api.id()).name("Order").contentType("application/json")
                    .schema("{\"type\":\"object\",\"required\":[\"item\"],\"properties\":{\"item\":{\"type\":\"string\"}}}"));
            String validator = apiGateway.createRequestValidator(r -> r.restApiId(api.id()).name("body-and-params")
                    .validateRequestBody(true).validateRequestParameters(true)).id();
            apiGateway.putMethod(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").authorizationType("NONE")
                    .requestValidatorId(validator).requestModels(Map.of("application/json", "Order"))
                    .requestParameters(Map.of("method.request.header.x-tenant", true)));
            assertThrows(ConflictException.class, () -> apiGateway.putMethod(r -> r.restApiId(api.id()).resourceId(orders)
                    .httpMethod("POST").authorizationType("NONE")));
            apiGateway.putMethodResponse(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").statusCode("200"));
            apiGateway.putIntegration(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            apiGateway.putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").statusCode("200")
                    .responseTemplates(Map.of("application/json", "{\"ok\": true}")));
            assertThrows(NotFoundException.class, () -> apiGateway.putIntegration(r -> r.restApiId(api.id()).resourceId(order)
                    .httpMethod("GET").type(IntegrationType.MOCK)));
            apiGateway.putMethod(r -> r.restApiId(api.id()).resourceId(order).httpMethod("GET").authorizationType("AWS_IAM"));
            BadRequestException noMethod = assertThrows(BadRequestException.class, () -> apiGateway.putIntegration(r -> r
                    .restApiId(api.id()).resourceId(order).httpMethod("GET").type(IntegrationType.HTTP_PROXY).uri("http://127.0.0.1/")));
            assertEquals("Enumeration value for HttpMethod must be non-empty", noMethod.awsErrorDetails().errorMessage());
            apiGateway.putIntegration(r -> r.restApiId(api.id()).resourceId(order).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
                    .integrationHttpMethod("GET").uri("http://127.0.0.1:9/orders/{id}"));

            GetMethodResponse method = apiGateway.getMethod(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST"));
            assertEquals("MOCK", method.methodIntegration().typeAsString());
            assertEquals("WHEN_NO_MATCH", method.methodIntegration().passthroughBehavior());
            assertEquals(29000, method.methodIntegration().timeoutInMillis());
            assertEquals("{\"ok\": true}", method.methodIntegration().integrationResponses().get("200").responseTemplates()
                    .get("application/json"));
            assertEquals(validator, method.requestValidatorId());

            apiGateway.updateMethod(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST").patchOperations(
                    PatchOperation.builder().op(Op.REPLACE).path("/apiKeyRequired").value("true").build()));
            assertTrue(apiGateway.getMethod(r -> r.restApiId(api.id()).resourceId(orders).httpMethod("POST")).apiKeyRequired());

            // deployments freeze the API; a stage serves one, a canary another
            String first = apiGateway.createDeployment(r -> r.restApiId(api.id()).stageName("prod").description("v1")
                    .variables(Map.of("color", "blue"))).id();
            assertEquals("blue", apiGateway.getStage(r -> r.restApiId(api.id()).stageName("prod")).variables().get("color"));
            String second = apiGateway.createDeployment(r -> r.restApiId(api.id()).stageName("prod")
                    .canarySettings(c -> c.percentTraffic(10.0).stageVariableOverrides(Map.of("color", "green")))).id();
            GetStageResponse stage = apiGateway.getStage(r -> r.restApiId(api.id()).stageName("prod"));
            assertEquals(first, stage.deploymentId());
            assertEquals(second, stage.canarySettings().deploymentId());
            assertEquals(10.0, stage.canarySettings().percentTraffic());
            assertThrows(BadRequestException.class, () -> apiGateway.deleteDeployment(r -> r.restApiId(api.id()).deploymentId(first)));

            // promote the canary: https://docs.aws.amazon.com/apigateway/latest/developerguide/promote-canary-deployment.html
            apiGateway.updateStage(r -> r.restApiId(api.id()).stageName("prod").patchOperations(
                    PatchOperation.builder().op(Op.REPLACE).path("/canarySettings/percentTraffic").value("0.0").build(),
                    PatchOperation.builder().op(Op.COPY).from("/canarySettings/stageVariableOverrides").path("/variables").build(),
                    PatchOperation.builder().op(Op.COPY).from("/canarySettings/deploymentId").path("/deploymentId").build()));
            stage = apiGateway.getStage(r -> r.restApiId(api.id()).stageName("prod"));
            assertEquals(second, stage.deploymentId());
            assertEquals("green", stage.variables().get("color"));
            apiGateway.updateStage(r -> r.restApiId(api.id()).stageName("prod").patchOperations(
                    PatchOperation.builder().op(Op.REMOVE).path("/canarySettings").build()));
            assertEquals(null, apiGateway.getStage(r -> r.restApiId(api.id()).stageName("prod")).canarySettings());
            apiGateway.deleteDeployment(r -> r.restApiId(api.id()).deploymentId(first));
            assertEquals(List.of(second), apiGateway.getDeployments(r -> r.restApiId(api.id())).items().stream()
                    .map(deployment -> deployment.id()).toList());

            // renaming a resource moves its children along; a name taken by a sibling is refused and nothing is lost
            apiGateway.updateResource(r -> r.restApiId(api.id()).resourceId(orders).patchOperations(
                    PatchOperation.builder().op(Op.REPLACE).path("/pathPart").value("purchases").build()));
            assertEquals("/purchases/{id}", apiGateway.getResource(r -> r.restApiId(api.id()).resourceId(order)).path());
            String other = apiGateway.createResource(r -> r.restApiId(api.id()).parentId(rootId).pathPart("orders")).id();
            assertThrows(ConflictException.class, () -> apiGateway.updateResource(r -> r.restApiId(api.id()).resourceId(other)
                    .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/pathPart").value("purchases").build())));
            assertEquals("/orders", apiGateway.getResource(r -> r.restApiId(api.id()).resourceId(other)).path());
            assertThrows(BadRequestException.class, () -> apiGateway.updateResource(r -> r.restApiId(api.id()).resourceId(orders)
                    .patchOperations(PatchOperation.builder().op(Op.REPLACE).path("/parentId").value(order).build())));
            apiGateway.deleteResource(r -> r.restApiId(api.id()).resourceId(other));
            apiGateway.deleteResource(r -> r.restApiId(api.id()).resourceId(orders));
            assertEquals(1, apiGateway.getResources(r -> r.restApiId(api.id())).items().size());
            apiGateway.deleteRestApi(r -> r.restApiId(api.id()));
            NotFoundException gone = assertThrows(NotFoundException.class, () -> apiGateway.getRestApi(r -> r.restApiId(api.id())));
            assertEquals("Invalid API identifier specified " + RunningSandbox.ACCOUNT + ":" + api.id(),
                    gone.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void importsOpenApi30AndExportsItBackWithAndWithoutExtensions() throws IOException {
        try (ApiGatewayClient apiGateway = apiGateway(RunningSandbox.ROOT)) {
            ImportRestApiResponse api = apiGateway.importRestApi(r -> r.body(SdkBytes.fromByteArray(resource("petstore-oas30.json")))
                    .failOnWarnings(true));
            assertEquals("PetStore", api.name());
            assertEquals(List.of("/", "/pets", "/pets/{petId}"), apiGateway.getResources(r -> r.restApiId(api.id())).items().stream()
                    .map(Resource::path).sorted().toList());
            assertEquals(List.of("all", "params-only"), apiGateway.getRequestValidators(r -> r.restApiId(api.id())).items().stream()
                    .map(validator -> validator.name()).sorted().toList());
            Resource pets = apiGateway.getResources(r -> r.restApiId(api.id()).embed("methods")).items().stream()
                    .filter(resource -> resource.path().equals("/pets")).findFirst().orElseThrow();
            assertEquals(Map.of("method.request.querystring.type", true, "method.request.querystring.page", false),
                    pets.resourceMethods().get("GET").requestParameters());
            assertEquals(Map.of("application/json", "NewPet"), pets.resourceMethods().get("POST").requestModels());
            assertTrue(apiGateway.getModel(r -> r.restApiId(api.id()).modelName("Pets")).schema()
                    .contains("https://apigateway.amazonaws.com/restapis/" + api.id() + "/models/Pet"));

            apiGateway.createDeployment(r -> r.restApiId(api.id()).stageName("test"));
            GetExportResponse withExtensions = apiGateway.getExport(r -> r.restApiId(api.id()).stageName("test")
                    .exportType("oas30").parameters(Map.of("extensions", "integrations")).accepts("application/json"));
            assertEquals("application/json", withExtensions.contentType());
            JsonNode exported = JSON.readTree(withExtensions.body().asByteArray());
            assertEquals("3.0.1", exported.path("openapi").asText());
            assertEquals("https://" + api.id() + ".execute-api.us-east-1.amazonaws.com/{basePath}",
                    exported.path("servers").path(0).path("url").asText());
            assertEquals("mock", exported.at("/paths/~1pets/get/x-amazon-apigateway-integration/type").asText());
            assertEquals("params-only", exported.at("/paths/~1pets/get/x-amazon-apigateway-request-validator").asText());
            assertEquals("#/components/schemas/Pet", exported.at("/components/schemas/Pets/items/$ref").asText());
            assertTrue(exported.at("/x-amazon-apigateway-request-validators/all/validateRequestBody").asBoolean());

            String plain = apiGateway.getExport(r -> r.restApiId(api.id()).stageName("test").exportType("oas30")).body().asUtf8String();
            assertFalse(plain.contains("x-amazon-apigateway"), plain);

            // what was exported with extensions imports again into the same API
            String swagger = apiGateway.getExport(r -> r.restApiId(api.id()).stageName("test").exportType("swagger")
                    .parameters(Map.of("extensions", "apigateway")).accepts("application/yaml")).body().asUtf8String();
            assertTrue(swagger.startsWith("---\nswagger: \"2.0\"") || swagger.startsWith("swagger: \"2.0\""), swagger);
            ImportRestApiResponse again = apiGateway.importRestApi(r -> r.body(SdkBytes.fromUtf8String(swagger)));
            assertEquals(3, apiGateway.getResources(r -> r.restApiId(again.id())).items().size());
            apiGateway.deleteRestApi(r -> r.restApiId(again.id()));
            apiGateway.deleteRestApi(r -> r.restApiId(api.id()));
        }
    }

    @Test
    void importsSwagger20AndRefusesBrokenDefinitions() {
        try (ApiGatewayClient apiGateway = apiGateway(RunningSandbox.ROOT)) {
            ImportRestApiResponse api = apiGateway.importRestApi(r -> r.body(SdkBytes.fromByteArray(resource("petstore-swagger20.yaml"))));
            Resource pets = apiGateway.getResources(r -> r.restApiId(api.id()).embed("methods")).items().stream()
                    .filter(resource -> resource.path().equals("/pets")).findFirst().orElseThrow();
            assertEquals(Map.of("application/json", "NewPet"), pets.resourceMethods().get("POST").requestModels());
            assertNotNull(pets.resourceMethods().get("POST").requestValidatorId());
            apiGateway.deleteRestApi(r -> r.restApiId(api.id()));

            BadRequestException broken = assertThrows(BadRequestException.class, () -> apiGateway.importRestApi(r -> r
                    .body(SdkBytes.fromUtf8String("{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"x\",\"version\":\"1\"},"
                            + "\"paths\":{\"/a\":{\"get\":{\"responses\":{},\"x-amazon-apigateway-integration\":"
                            + "{\"type\":\"http_proxy\",\"httpMethod\":\"GET\"}}}}}"))));
            assertTrue(broken.getMessage().startsWith("Errors found during import:"), broken.getMessage());
        }
    }

    @Test
    void apiKeysAndUsagePlans() {
        try (ApiGatewayClient apiGateway = apiGateway(RunningSandbox.ROOT)) {
            String apiId = apiGateway.importRestApi(r -> r.body(SdkBytes.fromByteArray(resource("petstore-oas30.json")))).id();
            apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
            var key = apiGateway.createApiKey(r -> r.name("student-1").enabled(true));
            assertEquals(40, key.value().length());
            assertEquals(null, apiGateway.getApiKey(r -> r.apiKey(key.id())).value());
            assertEquals(key.value(), apiGateway.getApiKey(r -> r.apiKey(key.id()).includeValue(true)).value());
            UsagePlan plan = toPlan(apiGateway.createUsagePlan(r -> r.name("basic").apiStages(s -> s.apiId(apiId).stage("prod"))
                    .throttle(t -> t.rateLimit(1.0).burstLimit(2)).quota(q -> q.limit(5).period("DAY"))));
            assertEquals(5, plan.quota().limit());
            apiGateway.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()).keyType("API_KEY"));
            assertEquals(List.of(key.id()), apiGateway.getUsagePlanKeys(r -> r.usagePlanId(plan.id())).items().stream()
                    .map(planKey -> planKey.id()).toList());
            assertThrows(ConflictException.class, () -> apiGateway.createUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id())
                    .keyType("API_KEY")));
            assertThrows(BadRequestException.class, () -> apiGateway.createUsagePlan(r -> r.name("bad")
                    .apiStages(s -> s.apiId(apiId).stage("nope"))));
            apiGateway.deleteUsagePlanKey(r -> r.usagePlanId(plan.id()).keyId(key.id()));
            apiGateway.deleteUsagePlan(r -> r.usagePlanId(plan.id()));
            apiGateway.deleteApiKey(r -> r.apiKey(key.id()));
            apiGateway.deleteRestApi(r -> r.restApiId(apiId));
        }
    }

    private static UsagePlan toPlan(software.amazon.awssdk.services.apigateway.model.CreateUsagePlanResponse created) {
        return UsagePlan.builder().id(created.id()).quota(created.quota()).throttle(created.throttle()).build();
    }

    /** https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-to-api.html */
    @Test
    void everyCallNeedsItsHttpMethodOnItsPath() {
        AwsCredentials student = sandbox.newUser("apigw-student");
        try (ApiGatewayClient apiGateway = apiGateway(student)) {
            ApiGatewayException denied = assertThrows(ApiGatewayException.class, () -> apiGateway.createRestApi(r -> r.name("x")));
            assertEquals(403, denied.statusCode());
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertEquals("User: arn:aws:iam::" + RunningSandbox.ACCOUNT + ":user/apigw-student is not authorized to perform: "
                    + "apigateway:POST on resource: arn:aws:apigateway:us-east-1::/restapis because no identity-based policy "
                    + "allows the apigateway:POST action", denied.awsErrorDetails().errorMessage());
        }
        String log = sandbox.log();
        assertTrue(log.contains("apigateway:POST on arn:aws:apigateway:us-east-1::/restapis: DENIED"), log);
    }

    @Test
    void anOperationTheSandboxLacksIs501NotImplementedNamingItsPath() {
        try (ApiGatewayClient apiGateway = apiGateway(RunningSandbox.ROOT)) {
            ApiGatewayException lacking = assertThrows(ApiGatewayException.class, () -> apiGateway.getVpcLinks(r -> { }));
            assertEquals(501, lacking.statusCode());
            assertEquals("The sandbox does not serve Amazon API Gateway GET /vpclinks yet.", lacking.awsErrorDetails().errorMessage());
        }
    }
}
