///usr/bin/env jbang "$0" "$@" ; exit $?
// API Gateway's updates are HTTP PATCH, which the SDK's lighter HTTP client (HttpURLConnection) cannot send.
//RUNTIME_OPTIONS -Dsoftware.amazon.awssdk.http.service.impl=software.amazon.awssdk.http.apache.ApacheSdkHttpService
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:lambda
//DEPS software.amazon.awssdk:apigateway
//DEPS software.amazon.awssdk:apigatewayv2
//DEPS software.amazon.awssdk:cloudwatchlogs
//DEPS com.amazonaws:aws-lambda-java-core:1.4.0
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.1
//SOURCES ../lib/DemoCommand.java
//SOURCES ../m09-lambda/LambdaDemo.java
//SOURCES ApiCalls.java
//FILES handlers/EventEcho.java=handlers/EventEcho.java

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "api-http-vs-rest", mixinStandardHelpOptions = true,
        description = {"The same Lambda function behind an HTTP API and a REST API: the event each delivers (payload 2.0",
                "against 1.0) side by side, then what only the REST API offers, each shown acting on requests:",
                "request validation, an API key with a usage plan, a canary deployment."})
class api_http_vs_rest implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new api_http_vs_rest(), args);
    }

    @Override
    public Integer call() throws IOException {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String name = Demo.uniqueName("course-api-echo");
        try (IamClient iam = IamClient.builder().build();
             LambdaClient lambda = LambdaClient.create();
             ApiGatewayClient rest = ApiGatewayClient.create();
             ApiGatewayV2Client http = ApiGatewayV2Client.create();
             CloudWatchLogsClient logs = CloudWatchLogsClient.create()) {
            try {
                Demo.step("One function for both APIs: it answers with the event it receives");
                byte[] zip = LambdaDemo.buildZip(List.of("handlers/EventEcho.java"), List.of(), "");
                String roleArn = LambdaDemo.createRole(iam, name, cleanup);
                String functionArn = LambdaDemo.createFunction(lambda, CreateFunctionRequest.builder().functionName(name)
                        .runtime(Runtime.JAVA21).role(roleArn).memorySize(512).timeout(15).handler("echo.EventEcho::handleRequest")
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).build(), cleanup).functionArn();
                cleanup.add("log group /aws/lambda/" + name, () -> logs.deleteLogGroup(r -> r.logGroupName("/aws/lambda/" + name)));
                Demo.show("Function", functionArn);
                // API Gateway invokes the function as apigateway.amazonaws.com: the function's resource policy must allow it.
                lambda.addPermission(r -> r.functionName(name).statementId("api-gateway").action("lambda:InvokeFunction")
                        .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:" + target.region().id() + ":"
                                + target.account() + ":*/*"));
                Demo.say("Resource policy: apigateway.amazonaws.com may invoke it (lambda add-permission)");

                Demo.step("An HTTP API in one call (quick create): a $default route, the integration, an auto-deployed stage");
                String httpApi = http.createApi(r -> r.name(name).protocolType(ProtocolType.HTTP).target(functionArn)).apiId();
                cleanup.add("HTTP API " + httpApi, () -> http.deleteApi(r -> r.apiId(httpApi)));
                ApiCalls httpCalls = new ApiCalls(target, httpApi, "");
                Demo.show("Invoke URL", httpCalls.baseUrl());

                Demo.step("A REST API: resource /hello, method GET with Lambda proxy integration (AWS_PROXY), stage 'live'");
                CreateRestApiResponse restApi = rest.createRestApi(r -> r.name(name).endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
                cleanup.add("REST API " + restApi.id(), () -> rest.deleteRestApi(r -> r.restApiId(restApi.id())));
                String hello = rest.createResource(r -> r.restApiId(restApi.id()).parentId(restApi.rootResourceId()).pathPart("hello")).id();
                rest.putMethod(r -> r.restApiId(restApi.id()).resourceId(hello).httpMethod("GET").authorizationType("NONE"));
                rest.putIntegration(r -> r.restApiId(restApi.id()).resourceId(hello).httpMethod("GET").type(IntegrationType.AWS_PROXY)
                        .integrationHttpMethod("POST").uri("arn:aws:apigateway:" + target.region().id()
                                + ":lambda:path/2015-03-31/functions/" + functionArn + "/invocations"));
                String first = rest.createDeployment(r -> r.restApiId(restApi.id()).stageName("live").variables(Map.of("color", "blue"))).id();
                ApiCalls restCalls = new ApiCalls(target, restApi.id(), "live");
                Demo.show("Invoke URL", restCalls.baseUrl());
                httpCalls.awaitDeployed("/hello?lang=en&lang=fr");
                restCalls.awaitDeployed("/hello?lang=en&lang=fr");

                Demo.step("The same request to both: GET /hello?lang=en&lang=fr with a cookie");
                JsonNode v2 = event(httpCalls.get("/hello?lang=en&lang=fr", "Cookie", "theme=dark"));
                JsonNode v1 = event(restCalls.get("/hello?lang=en&lang=fr", "Cookie", "theme=dark"));
                compare("payload version", v2.path("version"), v1.path("version"));
                compare("route / resource", v2.path("routeKey"), v1.path("resource"));
                compare("method", v2.at("/requestContext/http/method"), v1.path("httpMethod"));
                compare("path", v2.path("rawPath"), v1.path("path"));
                compare("query string", v2.path("queryStringParameters"), v1.path("multiValueQueryStringParameters"));
                compare("cookie", v2.path("cookies"), v1.at("/headers/cookie"));
                compare("stage", v2.at("/requestContext/stage"), v1.at("/requestContext/stage"));
                compare("stage variables", v2.path("stageVariables"), v1.path("stageVariables"));
                compare("source IP", v2.at("/requestContext/http/sourceIp"), v1.at("/requestContext/identity/sourceIp"));
                Demo.say("2.0 joins repeated values with commas and keeps cookies apart; 1.0 keeps every value twice.");

                Demo.step("Only REST: a request validator (query string 'lang' required)");
                String validator = rest.createRequestValidator(r -> r.restApiId(restApi.id()).name("params").validateRequestParameters(true)).id();
                rest.updateMethod(r -> r.restApiId(restApi.id()).resourceId(hello).httpMethod("GET").patchOperations(
                        op("add", "/requestParameters/method.request.querystring.lang", "true"),
                        op("replace", "/requestValidatorId", validator)));
                Demo.show("Validator", "params (" + validator + "): checks the method's required parameters before the function runs");
                Demo.step("Only REST: an API key, in a usage plan of 5 requests a day");
                rest.updateMethod(r -> r.restApiId(restApi.id()).resourceId(hello).httpMethod("GET").patchOperations(
                        op("replace", "/apiKeyRequired", "true")));
                String second = rest.createDeployment(r -> r.restApiId(restApi.id()).stageName("live")).id();
                var key = rest.createApiKey(r -> r.name(name).enabled(true));
                cleanup.add("API key " + key.id(), () -> rest.deleteApiKey(r -> r.apiKey(key.id())));
                String plan = rest.createUsagePlan(r -> r.name(name).apiStages(s -> s.apiId(restApi.id()).stage("live"))
                        .quota(q -> q.limit(5).period("DAY"))).id();
                cleanup.add("usage plan " + plan, () -> rest.deleteUsagePlan(r -> r.usagePlanId(plan)));
                rest.createUsagePlanKey(r -> r.usagePlanId(plan).keyId(key.id()).keyType("API_KEY"));
                if (!target.isSandbox()) {
                    LambdaDemo.sleep(java.time.Duration.ofSeconds(10));
                }
                Demo.show("No API key", ApiCalls.line(restCalls.get("/hello?lang=en")));
                Demo.show("Key, no 'lang'", ApiCalls.line(restCalls.get("/hello", "x-api-key", key.value())));
                HttpResponse<String> keyed = restCalls.get("/hello?lang=en", "x-api-key", key.value());
                Demo.show("Key and 'lang'", keyed.statusCode() + ", requestContext.identity.apiKeyId = "
                        + event(keyed).at("/requestContext/identity/apiKeyId").asText());
                Demo.say("The HTTP API has none of these: the same calls there all reach the function.");
                Demo.show("HTTP API, no key, no 'lang'", httpCalls.get("/hello").statusCode());

                Demo.step("Only REST: a canary. Deployment " + first + " again at 50% with color=green, counted over 30 calls");
                rest.updateStage(r -> r.restApiId(restApi.id()).stageName("live").patchOperations(
                        op("replace", "/canarySettings/percentTraffic", "50.0"),
                        op("replace", "/canarySettings/deploymentId", first),
                        op("replace", "/canarySettings/stageVariableOverrides/color", "green")));
                if (!target.isSandbox()) {
                    LambdaDemo.sleep(java.time.Duration.ofSeconds(10));
                }
                Map<String, Integer> seen = new TreeMap<>();
                for (int i = 0; i < 30; i++) {
                    HttpResponse<String> answer = restCalls.get("/hello?lang=en", "x-api-key", key.value());
                    JsonNode event = answer.statusCode() == 200 ? event(answer) : null;
                    String who = event == null ? ApiCalls.line(answer) : "deployment " + event.at("/requestContext/deploymentId").asText()
                            + ", color " + event.at("/stageVariables/color").asText();
                    seen.merge(who, 1, Integer::sum);
                }
                seen.forEach((who, count) -> Demo.show(who, count));
                Demo.say("(" + second + " is the stable deployment; the 5-a-day quota answers 429 Limit Exceeded once it is spent.)");
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private static software.amazon.awssdk.services.apigateway.model.PatchOperation op(String op, String path, String value) {
        return software.amazon.awssdk.services.apigateway.model.PatchOperation.builder().op(op).path(path).value(value).build();
    }

    /** The event the function echoed back. */
    private static JsonNode event(HttpResponse<String> answer) throws IOException {
        if (answer.statusCode() != 200) {
            throw new Demo.UserError("Expected the function's answer, got " + ApiCalls.line(answer));
        }
        return JSON.readTree(answer.body());
    }

    private static void compare(String what, JsonNode http, JsonNode rest) {
        Demo.show(String.format("%-16s", what), "HTTP API " + show(http) + "   ·   REST API " + show(rest));
    }

    private static String show(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "(none)" : node.isTextual() ? node.asText() : node.toString();
    }
}
