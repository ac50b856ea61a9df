package course.sandbox.apigateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.apigateway.ApiGatewayErrors;
import course.sandbox.apigateway.OpenApiExport;
import course.sandbox.apigateway.OpenApiImport;
import course.sandbox.apigateway.PatchOperations;
import course.sandbox.apigateway.RestApiModel;
import course.sandbox.apigateway.RestApiModel.Scope;
import course.sandbox.apigateway.RestApiShapes.ApiKey;
import course.sandbox.apigateway.RestApiShapes.CanarySettings;
import course.sandbox.apigateway.RestApiShapes.Integration;
import course.sandbox.apigateway.RestApiShapes.IntegrationResponse;
import course.sandbox.apigateway.RestApiShapes.Method;
import course.sandbox.apigateway.RestApiShapes.MethodResponse;
import course.sandbox.apigateway.RestApiShapes.Model;
import course.sandbox.apigateway.RestApiShapes.RequestValidator;
import course.sandbox.apigateway.RestApiShapes.RestApi;
import course.sandbox.apigateway.RestApiShapes.Stage;
import course.sandbox.apigateway.RestApiShapes.UsagePlan;
import course.sandbox.apigateway.UsageMeter;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.DocumentCodec;
import course.sandbox.protocol.FormParameters;
import course.sandbox.service.ServiceRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * API Gateway's REST-JSON inputs and outputs: path labels, query parameters and the JSON body
 * read into the shapes of {@link course.sandbox.apigateway.RestApiShapes}, handed to
 * {@link RestApiModel}, and the answer written with AWS's status codes (201 for creations,
 * 202 or 204 for deletions) and its list form {@code {"item": […]}}.
 */
final class ApiGatewayHandlers {
    private final RestApiModel model;
    private final UsageMeter meter;

    ApiGatewayHandlers(RestApiModel model, UsageMeter meter) {
        this.model = model;
        this.meter = meter;
    }

    SandboxResponse handle(ApiGatewayOperation.Match match, ServiceRequest request, DocumentCodec codec, Scope scope) {
        Map<String, String> query = FormParameters.parse(request.http().rawQuery());
        String api = match.label("restapi_id");
        String resource = match.label("resource_id");
        String httpMethod = match.label("http_method");
        String status = match.label("status_code");
        Instant now = request.now();
        JsonNode input = switch (match.operation()) {
            case ImportRestApi, PutRestApi -> null;
            default -> codec.input(request.body());
        };
        return switch (match.operation()) {
            case CreateRestApi -> created(codec, request, model.createRestApi(scope, read(input, RestApi.class), now));
            case ImportRestApi -> created(codec, request, withWarnings(model, scope, request.body(), query, now));
            case GetRestApis -> items(codec, request, model.getRestApis(scope));
            case GetRestApi -> ok(codec, request, model.getRestApi(scope, api));
            case UpdateRestApi -> ok(codec, request, model.updateRestApi(scope, api, PatchOperations.read(input)));
            case DeleteRestApi -> empty(202, request, () -> model.deleteRestApi(scope, api));
            case PutRestApi -> {
                OpenApiImport.Result imported = OpenApiImport.read(request.body(), "true".equals(query.get("failonwarnings")));
                RestApi updated = model.putRestApi(scope, api, imported.definition(), "merge".equals(query.get("mode")));
                yield ok(codec, request, withWarnings(updated, imported.warnings()));
            }
            case GetResources -> items(codec, request, model.getResources(scope, api, embedsMethods(query)));
            case GetResource -> ok(codec, request, model.getResource(scope, api, resource, embedsMethods(query)));
            case CreateResource -> created(codec, request, model.createResource(scope, api, resource, text(input, "pathPart")));
            case UpdateResource -> ok(codec, request, model.updateResource(scope, api, resource, PatchOperations.read(input)));
            case DeleteResource -> empty(202, request, () -> model.deleteResource(scope, api, resource));
            case PutMethod -> created(codec, request, model.putMethod(scope, api, resource, httpMethod, read(input, Method.class)));
            case GetMethod -> ok(codec, request, model.getMethod(scope, api, resource, httpMethod));
            case UpdateMethod -> ok(codec, request, model.updateMethod(scope, api, resource, httpMethod, PatchOperations.read(input)));
            case DeleteMethod -> empty(204, request, () -> model.deleteMethod(scope, api, resource, httpMethod));
            case PutMethodResponse -> created(codec, request, model.putMethodResponse(scope, api, resource, httpMethod, status,
                    read(input, MethodResponse.class)));
            case GetMethodResponse -> ok(codec, request, model.getMethodResponse(scope, api, resource, httpMethod, status));
            case UpdateMethodResponse -> ok(codec, request, model.updateMethodResponse(scope, api, resource, httpMethod, status,
                    PatchOperations.read(input)));
            case DeleteMethodResponse -> empty(204, request, () -> model.deleteMethodResponse(scope, api, resource, httpMethod, status));
            case PutIntegration -> created(codec, request, model.putIntegration(scope, api, resource, httpMethod,
                    read(input, Integration.class)));
            case GetIntegration -> ok(codec, request, model.getIntegration(scope, api, resource, httpMethod));
            case UpdateIntegration -> ok(codec, request, model.updateIntegration(scope, api, resource, httpMethod,
                    PatchOperations.read(input)));
            case DeleteIntegration -> empty(204, request, () -> model.deleteIntegration(scope, api, resource, httpMethod));
            case PutIntegrationResponse -> created(codec, request, model.putIntegrationResponse(scope, api, resource, httpMethod,
                    status, read(input, IntegrationResponse.class)));
            case GetIntegrationResponse -> ok(codec, request, model.getIntegrationResponse(scope, api, resource, httpMethod, status));
            case UpdateIntegrationResponse -> ok(codec, request, model.updateIntegrationResponse(scope, api, resource, httpMethod,
                    status, PatchOperations.read(input)));
            case DeleteIntegrationResponse -> empty(204, request,
                    () -> model.deleteIntegrationResponse(scope, api, resource, httpMethod, status));
            case CreateModel -> created(codec, request, model.createModel(scope, api, read(input, Model.class)));
            case GetModels -> items(codec, request, model.getModels(scope, api));
            case GetModel -> ok(codec, request, model.getModel(scope, api, match.label("model_name")));
            case UpdateModel -> ok(codec, request, model.updateModel(scope, api, match.label("model_name"), PatchOperations.read(input)));
            case DeleteModel -> empty(202, request, () -> model.deleteModel(scope, api, match.label("model_name")));
            case CreateRequestValidator -> created(codec, request, model.createRequestValidator(scope, api,
                    read(input, RequestValidator.class)));
            case GetRequestValidators -> items(codec, request, model.getRequestValidators(scope, api));
            case GetRequestValidator -> ok(codec, request, model.getRequestValidator(scope, api, match.label("requestvalidator_id")));
            case UpdateRequestValidator -> ok(codec, request, model.updateRequestValidator(scope, api,
                    match.label("requestvalidator_id"), PatchOperations.read(input)));
            case DeleteRequestValidator -> empty(202, request,
                    () -> model.deleteRequestValidator(scope, api, match.label("requestvalidator_id")));
            case CreateDeployment -> created(codec, request, model.createDeployment(scope, api, text(input, "stageName"),
                    text(input, "stageDescription"), text(input, "description"), strings(input.get("variables")),
                    input.hasNonNull("canarySettings") ? read(input.get("canarySettings"), CanarySettings.class) : null, now));
            case GetDeployments -> items(codec, request, model.getDeployments(scope, api));
            case GetDeployment -> ok(codec, request, model.getDeployment(scope, api, match.label("deployment_id")));
            case UpdateDeployment -> ok(codec, request, model.updateDeployment(scope, api, match.label("deployment_id"),
                    PatchOperations.read(input)));
            case DeleteDeployment -> empty(202, request, () -> model.deleteDeployment(scope, api, match.label("deployment_id")));
            case CreateStage -> created(codec, request, model.createStage(scope, api, read(input, Stage.class), now));
            case GetStages -> items(codec, request, model.getStages(scope, api, query.get("deploymentId")));
            case GetStage -> ok(codec, request, model.getStage(scope, api, match.label("stage_name")));
            case UpdateStage -> ok(codec, request, model.updateStage(scope, api, match.label("stage_name"),
                    PatchOperations.read(input), now));
            case DeleteStage -> empty(202, request, () -> model.deleteStage(scope, api, match.label("stage_name")));
            case GetExport -> export(request, scope, api, match.label("stage_name"), match.label("export_type"), query);
            case CreateApiKey -> created(codec, request, model.createApiKey(scope, read(input, ApiKey.class), now));
            case GetApiKeys -> {
                boolean values = "true".equals(query.get("includeValues"));
                yield items(codec, request, model.getApiKeys(scope, query.get("name")).stream()
                        .map(key -> values ? key : withoutValue(key)).toList());
            }
            case GetApiKey -> {
                ApiKey key = model.getApiKey(scope, match.label("api_Key"));
                yield ok(codec, request, "true".equals(query.get("includeValue")) ? key : withoutValue(key));
            }
            case UpdateApiKey -> ok(codec, request, withoutValue(model.updateApiKey(scope, match.label("api_Key"),
                    PatchOperations.read(input), now)));
            case DeleteApiKey -> empty(202, request, () -> model.deleteApiKey(scope, match.label("api_Key")));
            case CreateUsagePlan -> created(codec, request, model.createUsagePlan(scope, read(input, UsagePlan.class)));
            case GetUsagePlans -> items(codec, request, model.getUsagePlans(scope, query.get("keyId")));
            case GetUsagePlan -> ok(codec, request, model.getUsagePlan(scope, match.label("usageplanId")));
            case UpdateUsagePlan -> ok(codec, request, model.updateUsagePlan(scope, match.label("usageplanId"),
                    PatchOperations.read(input)));
            case DeleteUsagePlan -> empty(202, request, () -> model.deleteUsagePlan(scope, match.label("usageplanId")));
            case CreateUsagePlanKey -> created(codec, request, model.createUsagePlanKey(scope, match.label("usageplanId"),
                    text(input, "keyId"), text(input, "keyType")));
            case GetUsagePlanKeys -> items(codec, request, model.getUsagePlanKeys(scope, match.label("usageplanId")));
            case GetUsagePlanKey -> ok(codec, request, model.getUsagePlanKey(scope, match.label("usageplanId"), match.label("keyId")));
            case DeleteUsagePlanKey -> empty(202, request,
                    () -> model.deleteUsagePlanKey(scope, match.label("usageplanId"), match.label("keyId")));
            case GetUsage -> usage(codec, request, scope, match.label("usageplanId"), query);
        };
    }

    private RestApi withWarnings(RestApiModel model, Scope scope, byte[] body, Map<String, String> query, Instant now) {
        OpenApiImport.Result imported = OpenApiImport.read(body, "true".equals(query.get("failonwarnings")));
        return withWarnings(model.importRestApi(scope, imported.definition(), now), imported.warnings());
    }

    private static RestApi withWarnings(RestApi api, List<String> warnings) {
        RestApi shown = RestApiModel.copy(api, RestApi.class);
        shown.warnings = warnings.isEmpty() ? null : warnings;
        return shown;
    }

    private SandboxResponse export(ServiceRequest request, Scope scope, String api, String stage, String type,
                                   Map<String, String> query) {
        OpenApiExport.Export export = OpenApiExport.export(model.deployedDefinition(scope, api, stage), api, scope.region(),
                stage, type, query.get("extensions"), request.http().headers().first("Accept").orElse("application/json"));
        String extension = export.contentType().contains("yaml") ? "yaml" : "json";
        Headers headers = new Headers().add("Content-Type", export.contentType())
                .add("Content-Disposition", "attachment; filename=\"" + type + "_" + stage + "." + extension + "\"")
                .add("x-amzn-RequestId", request.requestId());
        return new SandboxResponse(200, headers, export.body());
    }

    private SandboxResponse usage(DocumentCodec codec, ServiceRequest request, Scope scope, String planId, Map<String, String> query) {
        UsagePlan plan = model.getUsagePlan(scope, planId);
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(required(query, "startDate"));
            end = LocalDate.parse(required(query, "endDate"));
        } catch (DateTimeParseException e) {
            throw ApiGatewayErrors.badRequest("Invalid date format: dates are yyyy-MM-dd");
        }
        if (end.isBefore(start) || start.plusDays(90).isBefore(end)) {
            throw ApiGatewayErrors.badRequest("The usage data period cannot be more than 90 days and must end after it starts");
        }
        List<String> keys = query.containsKey("keyId") ? List.of(query.get("keyId"))
                : model.getUsagePlanKeys(scope, planId).stream().map(key -> key.id).toList();
        ObjectNode output = RestApiModel.JSON.createObjectNode();
        output.put("usagePlanId", planId);
        output.put("startDate", start.toString());
        output.put("endDate", end.toString());
        output.set("values", RestApiModel.JSON.valueToTree(meter.usage(planId, keys, plan.quota, start, end)));
        return codec.answer(200, output, request.requestId());
    }

    private static ApiKey withoutValue(ApiKey key) {
        ApiKey shown = RestApiModel.copy(key, ApiKey.class);
        shown.value = null;
        return shown;
    }

    private static boolean embedsMethods(Map<String, String> query) {
        return query.getOrDefault("embed", "").contains("methods");
    }

    private static SandboxResponse ok(DocumentCodec codec, ServiceRequest request, Object output) {
        return codec.answer(200, RestApiModel.JSON.valueToTree(output), request.requestId());
    }

    private static SandboxResponse created(DocumentCodec codec, ServiceRequest request, Object output) {
        return codec.answer(201, RestApiModel.JSON.valueToTree(output), request.requestId());
    }

    private static SandboxResponse items(DocumentCodec codec, ServiceRequest request, List<?> items) {
        ObjectNode output = RestApiModel.JSON.createObjectNode();
        ArrayNode list = output.putArray("item");
        items.forEach(item -> list.add(RestApiModel.JSON.valueToTree(item)));
        return codec.answer(200, output, request.requestId());
    }

    private static SandboxResponse empty(int status, ServiceRequest request, Runnable action) {
        action.run();
        return new SandboxResponse(status, new Headers().add("x-amzn-RequestId", request.requestId()), new byte[0]);
    }

    private static <T> T read(JsonNode input, Class<T> type) {
        try {
            return RestApiModel.JSON.treeToValue(input, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new course.sandbox.service.ServiceException(400, "SerializationException",
                    e.getMessage().lines().findFirst().orElse("Malformed input"));
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return read(node, Map.class);
    }

    private static String text(JsonNode input, String member) {
        JsonNode value = input.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            throw ApiGatewayErrors.badRequest("Required parameter " + name + " is missing");
        }
        return value;
    }
}
