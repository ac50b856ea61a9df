package course.sandbox.apigatewayv2.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.apigateway.ApiGatewayErrors;
import course.sandbox.apigatewayv2.HttpApiModel;
import course.sandbox.apigatewayv2.HttpApiModel.Scope;
import course.sandbox.apigatewayv2.HttpApiOpenApi;
import course.sandbox.apigatewayv2.HttpApiShapes.Api;
import course.sandbox.apigatewayv2.HttpApiShapes.Integration;
import course.sandbox.apigatewayv2.HttpApiShapes.Route;
import course.sandbox.apigatewayv2.HttpApiShapes.Stage;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.DocumentCodec;
import course.sandbox.protocol.FormParameters;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRegistry;
import course.sandbox.service.ServiceRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * API Gateway V2's HTTP API control plane ({@code apigatewayv2}, REST-JSON under {@code /v2/})
 * over {@link HttpApiModel}: 201 for creations and imports, 204 for deletions, lists as
 * {@code {"items": […]}}. Each request needs {@code apigateway:<METHOD>} on its path.
 */
public final class ApiGatewayV2Service implements AwsService {
    private final HttpApiModel model;

    public ApiGatewayV2Service(HttpApiModel model) {
        this.model = model;
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("apigatewayv2");
    }

    @Override
    public Operation operation(ServiceRequest request) {
        ApiGatewayV2Operation.Match match = match(request);
        return Operation.of(match.operation().name(), Permission.of(match.operation().action(),
                scope(request).resourceArn(match.resourcePath())));
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        ApiGatewayV2Operation.Match match = match(request);
        DocumentCodec codec = request.documentCodec();
        JsonNode input = codec.input(request.body());
        Scope scope = scope(request);
        Instant now = request.now();
        String api = match.label("apiId");
        Map<String, String> query = FormParameters.parse(request.http().rawQuery());
        SandboxResponse response = switch (match.operation()) {
            case CreateApi -> answer(codec, request, 201, model.createApi(scope, read(input, Api.class), now));
            case ImportApi -> answer(codec, request, 201, model.importApi(scope, HttpApiOpenApi.read(text(input, "body")), now));
            case GetApis -> items(codec, request, model.getApis(scope));
            case GetApi -> answer(codec, request, 200, model.getApi(scope, api));
            case UpdateApi -> answer(codec, request, 200, model.updateApi(scope, api, input));
            case DeleteApi -> empty(request, () -> model.deleteApi(scope, api));
            case ReimportApi -> answer(codec, request, 201, model.reimportApi(scope, api, HttpApiOpenApi.read(text(input, "body")), now));
            case ExportApi -> export(request, scope, api, match.label("specification"), query);
            case CreateRoute -> answer(codec, request, 201, model.createRoute(scope, api, read(input, Route.class), now));
            case GetRoutes -> items(codec, request, model.getRoutes(scope, api));
            case GetRoute -> answer(codec, request, 200, model.getRoute(scope, api, match.label("routeId")));
            case UpdateRoute -> answer(codec, request, 200, model.updateRoute(scope, api, match.label("routeId"), input, now));
            case DeleteRoute -> empty(request, () -> model.deleteRoute(scope, api, match.label("routeId"), now));
            case CreateIntegration -> answer(codec, request, 201, model.createIntegration(scope, api, read(input, Integration.class), now));
            case GetIntegrations -> items(codec, request, model.getIntegrations(scope, api));
            case GetIntegration -> answer(codec, request, 200, model.getIntegration(scope, api, match.label("integrationId")));
            case UpdateIntegration -> answer(codec, request, 200, model.updateIntegration(scope, api, match.label("integrationId"),
                    input, now));
            case DeleteIntegration -> empty(request, () -> model.deleteIntegration(scope, api, match.label("integrationId"), now));
            case CreateStage -> answer(codec, request, 201, model.createStage(scope, api, read(input, Stage.class), now));
            case GetStages -> items(codec, request, model.getStages(scope, api));
            case GetStage -> answer(codec, request, 200, model.getStage(scope, api, match.label("stageName")));
            case UpdateStage -> answer(codec, request, 200, model.updateStage(scope, api, match.label("stageName"), input, now));
            case DeleteStage -> empty(request, () -> model.deleteStage(scope, api, match.label("stageName")));
            case CreateDeployment -> answer(codec, request, 201, model.createDeployment(scope, api, text(input, "stageName"),
                    text(input, "description"), now));
            case GetDeployments -> items(codec, request, model.getDeployments(scope, api));
            case GetDeployment -> answer(codec, request, 200, model.getDeployment(scope, api, match.label("deploymentId")));
            case DeleteDeployment -> empty(request, () -> model.deleteDeployment(scope, api, match.label("deploymentId")));
        };
        if (!request.http().method().equals("GET")) {
            model.save();
        }
        return response;
    }

    /** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-exports-specification.html */
    private SandboxResponse export(ServiceRequest request, Scope scope, String api, String specification, Map<String, String> query) {
        if (!"OAS30".equals(specification)) {
            throw ApiGatewayErrors.badRequest("Invalid specification: " + specification + ". Valid values are [OAS30]");
        }
        String outputType = query.getOrDefault("outputType", "");
        if (!outputType.equals("JSON") && !outputType.equals("YAML")) {
            throw ApiGatewayErrors.badRequest("Invalid outputType: " + outputType + ". Valid values are [JSON, YAML]");
        }
        boolean extensions = !"false".equals(query.get("includeExtensions"));
        byte[] body = HttpApiOpenApi.export(model.definition(scope, api, query.get("stageName")), query.get("stageName"),
                extensions, outputType.equals("YAML"));
        Headers headers = new Headers().add("Content-Type", outputType.equals("YAML") ? "application/yaml" : "application/json")
                .add("x-amzn-RequestId", request.requestId());
        return new SandboxResponse(200, headers, body);
    }

    @Override
    public void reset() {
        model.reset();
    }

    private ApiGatewayV2Operation.Match match(ServiceRequest request) {
        return ApiGatewayV2Operation.match(request.http().method(), request.http().rawPath())
                .orElseThrow(() -> notServed(request.http().method() + " " + request.http().rawPath()));
    }

    private static Scope scope(ServiceRequest request) {
        return new Scope(request.caller().principal().accountId(), request.region());
    }

    private static SandboxResponse answer(DocumentCodec codec, ServiceRequest request, int status, Object output) {
        return codec.answer(status, HttpApiModel.JSON.valueToTree(output), request.requestId());
    }

    private static SandboxResponse items(DocumentCodec codec, ServiceRequest request, List<?> items) {
        ObjectNode output = HttpApiModel.JSON.createObjectNode();
        ArrayNode list = output.putArray("items");
        items.forEach(item -> list.add(HttpApiModel.JSON.valueToTree(item)));
        return codec.answer(200, output, request.requestId());
    }

    private static SandboxResponse empty(ServiceRequest request, Runnable action) {
        action.run();
        return new SandboxResponse(204, new Headers().add("x-amzn-RequestId", request.requestId()), new byte[0]);
    }

    private static <T> T read(JsonNode input, Class<T> type) {
        try {
            return HttpApiModel.JSON.treeToValue(input, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new ServiceException(400, "BadRequestException", e.getMessage().lines().findFirst().orElse("Malformed input"));
        }
    }

    private static String text(JsonNode input, String member) {
        JsonNode value = input.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }
}
