///usr/bin/env jbang "$0" "$@" ; exit $?
// API Gateway's updates are HTTP PATCH, which the SDK's lighter HTTP client (HttpURLConnection) cannot send.
//RUNTIME_OPTIONS -Dsoftware.amazon.awssdk.http.service.impl=software.amazon.awssdk.http.apache.ApacheSdkHttpService
//DEPS software.amazon.awssdk:apigateway
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.1
//SOURCES ../lib/DemoCommand.java
//SOURCES ApiCalls.java

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "api-canary", mixinStandardHelpOptions = true,
        description = "An API Gateway canary release: a stage serving v1, a canary deployment at 10% with its own stage "
                + "variables, the split counted over many calls, the canary promoted, then a new canary rolled back.")
class api_canary implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    @Option(names = "--calls", paramLabel = "N", defaultValue = "200", description = "Calls per count (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--percent", paramLabel = "P", defaultValue = "10", description = "The canary's share of traffic in percent "
            + "(default: ${DEFAULT-VALUE}).")
    double percent;

    public static void main(String[] args) {
        DemoCommand.main(new api_canary(), args);
    }

    @Override
    public Integer call() {
        if (calls < 1 || calls > 5000) {
            throw new Demo.UserError("--calls must be between 1 and 5000.");
        }
        if (percent < 0 || percent > 100) {
            throw new Demo.UserError("--percent must be between 0 and 100.");
        }
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        try (ApiGatewayClient apiGateway = ApiGatewayClient.create()) {
            try {
                Demo.step("A REST API whose GET /version names the deployment that answered");
                CreateRestApiResponse api = apiGateway.createRestApi(r -> r.name(Demo.uniqueName("course-canary"))
                        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
                String apiId = api.id();
                cleanup.add("REST API " + apiId, () -> apiGateway.deleteRestApi(r -> r.restApiId(apiId)));
                String resource = apiGateway.createResource(r -> r.restApiId(apiId).parentId(api.rootResourceId())
                        .pathPart("version")).id();
                apiGateway.putMethod(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").authorizationType("NONE"));
                apiGateway.putIntegration(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").type(IntegrationType.MOCK)
                        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
                apiGateway.putMethodResponse(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").statusCode("200"));
                apiGateway.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").statusCode("200")
                        .responseTemplates(Map.of("application/json", "{\"version\": \"$stageVariables.version\", "
                                + "\"deployment\": \"$context.deploymentId\", \"canary\": $context.isCanaryRequest}")));
                Demo.show("API", api.name() + " (" + apiId + ")");
                Demo.say("Response template: {\"version\": \"$stageVariables.version\", \"deployment\": \"$context.deploymentId\", …}");

                Demo.step("Deploy v1 to the stage 'live' (stage variable version=v1)");
                String v1 = apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("live").description("v1")
                        .variables(Map.of("version", "v1"))).id();
                Demo.show("Deployment", v1);
                ApiCalls live = new ApiCalls(target, apiId, "live");
                Demo.show("Invoke URL", live.baseUrl());
                live.awaitDeployed("/version");

                Demo.step("Deploy v2 as the stage's canary: " + percent + "% of traffic, version=v2 for it alone");
                String v2 = apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("live").description("v2")
                        .canarySettings(c -> c.percentTraffic(percent).stageVariableOverrides(Map.of("version", "v2")))).id();
                Demo.show("Canary deployment", v2);
                settle(target);

                Demo.step(calls + " calls: who answered?");
                count(live);

                Demo.step("Promote the canary: its deployment and variables become the stage's, its share goes to 0");
                apiGateway.updateStage(r -> r.restApiId(apiId).stageName("live").patchOperations(
                        PatchOperation.builder().op(Op.REPLACE).path("/canarySettings/percentTraffic").value("0.0").build(),
                        PatchOperation.builder().op(Op.COPY).from("/canarySettings/stageVariableOverrides").path("/variables").build(),
                        PatchOperation.builder().op(Op.COPY).from("/canarySettings/deploymentId").path("/deploymentId").build()));
                Demo.show("Stage deployment", apiGateway.getStage(r -> r.restApiId(apiId).stageName("live")).deploymentId());
                settle(target);
                count(live);

                Demo.step("A v3 canary at 50%, then rolled back: delete the canary settings");
                apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("live").description("v3")
                        .canarySettings(c -> c.percentTraffic(50.0).stageVariableOverrides(Map.of("version", "v3"))));
                settle(target);
                count(live);
                apiGateway.updateStage(r -> r.restApiId(apiId).stageName("live").patchOperations(
                        PatchOperation.builder().op(Op.REMOVE).path("/canarySettings").build()));
                Demo.say("Canary removed:");
                settle(target);
                count(live);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    /** Counts the answers per version and deployment. */
    private void count(ApiCalls live) {
        Map<String, Integer> answers = new TreeMap<>();
        for (int i = 0; i < calls; i++) {
            HttpResponse<String> answer = live.get("/version");
            String key;
            try {
                JsonNode body = JSON.readTree(answer.body());
                key = body.path("version").asText() + " (deployment " + body.path("deployment").asText()
                        + (body.path("canary").asBoolean() ? ", canary)" : ")");
            } catch (IOException e) {
                key = ApiCalls.line(answer);
            }
            answers.merge(key, 1, Integer::sum);
        }
        answers.forEach((key, count) -> Demo.show(key, count + " of " + calls + String.format(" (%.1f%%)", 100.0 * count / calls)));
    }

    /** Stage changes reach AWS's fleet within seconds; the sandbox applies them at once. */
    private static void settle(Demo.Target target) {
        if (!target.isSandbox()) {
            ApiCalls.sleep(Duration.ofSeconds(10));
        }
    }
}
