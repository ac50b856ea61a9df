package course.sandbox.apigateway;

import course.sandbox.apigateway.RestApiModel.Scope;
import course.sandbox.apigateway.RestApiShapes.ApiKey;
import course.sandbox.apigateway.RestApiShapes.ApiStage;
import course.sandbox.apigateway.RestApiShapes.RestApi;
import course.sandbox.apigateway.RestApiShapes.UsagePlan;
import course.sandbox.apigatewayv2.HttpApiModel;
import course.sandbox.apigatewayv2.HttpApiShapes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Under --data, REST and HTTP APIs survive a restart: definitions, deployments, stages, keys and plans. */
class ApiGatewayPersistenceTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    @Test
    void restApisSurviveARestart(@TempDir Path data) throws IOException {
        RestApiModel before = new RestApiModel(data);
        byte[] petStore;
        try (InputStream in = getClass().getResourceAsStream("/course/sandbox/apigateway/petstore-oas30.json")) {
            petStore = in.readAllBytes();
        }
        RestApi api = before.importRestApi(SCOPE, OpenApiImport.read(petStore, true).definition(), NOW);
        String deployment = before.createDeployment(SCOPE, api.id, "prod", null, "first", null, null, NOW).id;
        ApiKey key = new ApiKey();
        key.name = "k";
        key.enabled = true;
        String keyId = before.createApiKey(SCOPE, key, NOW).id;
        UsagePlan plan = new UsagePlan();
        plan.name = "p";
        ApiStage stage = new ApiStage();
        stage.apiId = api.id;
        stage.stage = "prod";
        plan.apiStages = List.of(stage);
        String planId = before.createUsagePlan(SCOPE, plan).id;
        before.createUsagePlanKey(SCOPE, planId, keyId, "API_KEY");
        before.save();
        assertTrue(Files.exists(data.resolve("state.json")));

        RestApiModel after = new RestApiModel(data);
        assertEquals(List.of("PetStore"), after.getRestApis(SCOPE).stream().map(restApi -> restApi.name).toList());
        assertEquals(3, after.getResources(SCOPE, api.id, true).size());
        assertEquals(deployment, after.deployed(api.id, "prod", 50.0).orElseThrow().deployment().deployment().id);
        String value = after.getApiKey(SCOPE, keyId).value;
        assertEquals(planId, after.keyPlan(SCOPE, api.id, "prod", value).orElseThrow().plan().id);
    }

    @Test
    void httpApisSurviveARestart(@TempDir Path data) {
        HttpApiModel before = new HttpApiModel(data);
        HttpApiShapes.Api request = new HttpApiShapes.Api();
        request.name = "quick";
        request.protocolType = "HTTP";
        request.target = "http://127.0.0.1:9/backend";
        String apiId = before.createApi(new HttpApiModel.Scope("000000000000", "us-east-1"), request, NOW).apiId;
        before.save();

        HttpApiModel after = new HttpApiModel(data);
        HttpApiModel.Deployed deployed = after.deployed(apiId, "anything").orElseThrow();
        assertEquals("$default", deployed.stage().stageName);
        assertEquals(List.of("$default"), deployed.definition().routes.values().stream().map(route -> route.routeKey).toList());
    }
}
