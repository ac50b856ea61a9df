///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:apigateway
//SOURCES ../lib/DemoCommand.java
//SOURCES ApiCalls.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "api-validation", mixinStandardHelpOptions = true,
        description = "API Gateway request validation: a validator on a query string parameter, a header and a JSON body "
                + "model (JSON Schema); the 400s with API Gateway's own messages, then a valid call.")
class api_validation implements Callable<Integer> {
    /** What an order must look like: JSON Schema draft 4, API Gateway's model language. */
    static final String ORDER_SCHEMA = """
            {
              "$schema": "http://json-schema.org/draft-04/schema#",
              "title": "Order",
              "type": "object",
              "required": ["item", "quantity"],
              "properties": {
                "item": {"type": "string", "minLength": 1},
                "quantity": {"type": "integer", "minimum": 1, "maximum": 10}
              }
            }""";

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new api_validation(), args);
    }

    @Override
    public Integer call() {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        try (ApiGatewayClient apiGateway = ApiGatewayClient.create()) {
            try {
                Demo.step("Create a REST API with a resource /orders");
                CreateRestApiResponse api = apiGateway.createRestApi(r -> r.name(Demo.uniqueName("course-validation"))
                        .endpointConfiguration(e -> e.types(EndpointType.REGIONAL)));
                String apiId = api.id();
                cleanup.add("REST API " + apiId, () -> apiGateway.deleteRestApi(r -> r.restApiId(apiId)));
                String orders = apiGateway.createResource(r -> r.restApiId(apiId).parentId(api.rootResourceId())
                        .pathPart("orders")).id();
                Demo.show("API", api.name() + " (" + apiId + ")");

                Demo.step("A model: the JSON Schema an order body must satisfy");
                apiGateway.createModel(r -> r.restApiId(apiId).name("Order").contentType("application/json").schema(ORDER_SCHEMA));
                ORDER_SCHEMA.lines().forEach(line -> Demo.say("  " + line));

                Demo.step("A request validator that checks parameters and body");
                String validator = apiGateway.createRequestValidator(r -> r.restApiId(apiId).name("params-and-body")
                        .validateRequestParameters(true).validateRequestBody(true)).id();
                Demo.show("Validator", "params-and-body (" + validator + ")");

                Demo.step("POST /orders: query string 'channel' and header 'x-customer-id' required, body model Order");
                apiGateway.putMethod(r -> r.restApiId(apiId).resourceId(orders).httpMethod("POST").authorizationType("NONE")
                        .requestValidatorId(validator).requestModels(Map.of("application/json", "Order"))
                        .requestParameters(Map.of("method.request.querystring.channel", true,
                                "method.request.header.x-customer-id", true)));
                apiGateway.putIntegration(r -> r.restApiId(apiId).resourceId(orders).httpMethod("POST")
                        .type(IntegrationType.MOCK).requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
                apiGateway.putMethodResponse(r -> r.restApiId(apiId).resourceId(orders).httpMethod("POST").statusCode("200"));
                apiGateway.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(orders).httpMethod("POST")
                        .statusCode("200").responseTemplates(Map.of("application/json",
                                "{\"accepted\": true, \"channel\": \"$input.params('channel')\", \"requestId\": \"$context.requestId\"}")));
                Demo.say("Integration: MOCK (API Gateway answers itself; no backend is called)");

                Demo.step("Deploy to the stage 'demo'");
                apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("demo"));
                ApiCalls calls = new ApiCalls(target, apiId, "demo");
                Demo.show("Invoke URL", calls.baseUrl());
                calls.awaitDeployed("/orders?channel=web");

                String order = "{\"item\": \"coffee\", \"quantity\": 2}";
                Demo.step("No query string, no header: refused before any backend runs");
                Demo.show("POST /orders", ApiCalls.line(calls.post("/orders", order)));

                Demo.step("With both parameters, a body without 'quantity'");
                Demo.show("POST /orders?channel=web", ApiCalls.line(calls.post("/orders?channel=web", "{\"item\": \"coffee\"}",
                        "x-customer-id", "c-42")));

                Demo.step("A quantity over the model's maximum of 10");
                Demo.show("POST /orders?channel=web", ApiCalls.line(calls.post("/orders?channel=web",
                        "{\"item\": \"coffee\", \"quantity\": 42}", "x-customer-id", "c-42")));

                Demo.step("A valid order");
                Demo.show("POST /orders?channel=web", ApiCalls.line(calls.post("/orders?channel=web", order, "x-customer-id", "c-42")));
                Demo.say("Why the body failed is in $context.error.validationErrorString (access logs), never in the answer.");
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }
}
