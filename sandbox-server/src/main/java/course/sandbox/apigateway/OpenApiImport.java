package course.sandbox.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import course.sandbox.apigateway.RestApiShapes.ApiDefinition;
import course.sandbox.apigateway.RestApiShapes.Integration;
import course.sandbox.apigateway.RestApiShapes.IntegrationResponse;
import course.sandbox.apigateway.RestApiShapes.Method;
import course.sandbox.apigateway.RestApiShapes.MethodResponse;
import course.sandbox.apigateway.RestApiShapes.Model;
import course.sandbox.apigateway.RestApiShapes.RequestValidator;
import course.sandbox.apigateway.RestApiShapes.Resource;
import course.sandbox.apigateway.RestApiShapes.RestApi;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * ImportRestApi and PutRestApi: an OpenAPI 3 or Swagger 2 definition (JSON or YAML), read by
 * swagger-parser (which also turns Swagger 2 into OpenAPI 3), then mapped to API Gateway's
 * resources as AWS maps it: paths become resources, operations methods, parameters method
 * request parameters, {@code components.schemas} models, and the {@code x-amazon-apigateway-*}
 * extensions integrations, request validators and the API key source.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html">OpenAPI extensions for API Gateway</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/import-edge-optimized-api.html">Import a REST API</a>
 */
public final class OpenApiImport {
    static final String INTEGRATION = "x-amazon-apigateway-integration";
    static final String VALIDATORS = "x-amazon-apigateway-request-validators";
    static final String VALIDATOR = "x-amazon-apigateway-request-validator";
    static final String API_KEY_SOURCE = "x-amazon-apigateway-api-key-source";
    static final String BINARY_MEDIA_TYPES = "x-amazon-apigateway-binary-media-types";
    static final String ANY_METHOD = "x-amazon-apigateway-any-method";
    static final String AUTH_TYPE = "x-amazon-apigateway-authtype";
    static final String MODEL_REF_PREFIX = "https://apigateway.amazonaws.com/restapis/";
    private static final List<String> OPERATIONS = List.of("get", "put", "post", "delete", "options", "head", "patch");

    /** What an import produced: the definition, and what AWS would report as warnings. */
    public record Result(ApiDefinition definition, List<String> warnings) {
    }

    private OpenApiImport() {
    }

    /**
     * Reads a definition. {@code failOnWarnings} makes any warning an error, as {@code failonwarnings=true} does.
     */
    public static Result read(byte[] body, boolean failOnWarnings) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult parsed;
        try {
            parsed = new OpenAPIParser().readContents(text, null, options);
        } catch (RuntimeException e) {
            throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
        }
        OpenAPI openApi = parsed == null ? null : parsed.getOpenAPI();
        if (openApi == null || openApi.getPaths() == null && openApi.getInfo() == null) {
            List<String> messages = parsed == null || parsed.getMessages() == null ? List.of() : parsed.getMessages();
            throw ApiGatewayErrors.badRequest("Errors found during import:\n\t"
                    + (messages.isEmpty() ? "Unable to parse API definition" : String.join("\n\t", messages)));
        }
        List<String> warnings = new ArrayList<>(parsed.getMessages() == null ? List.of() : parsed.getMessages());
        ObjectNode document = Json.mapper().valueToTree(openApi);
        Result result = map(document, warnings);
        if (failOnWarnings && !result.warnings().isEmpty()) {
            throw ApiGatewayErrors.badRequest("Warnings found during import:\n\t" + String.join("\n\t", result.warnings()));
        }
        return result;
    }

    private static Result map(ObjectNode document, List<String> warnings) {
        ApiDefinition definition = new ApiDefinition();
        RestApi api = new RestApi();
        JsonNode info = document.path("info");
        api.name = text(info, "title");
        if (api.name == null) {
            throw ApiGatewayErrors.badRequest("Errors found during import:\n\tinfo.title is missing: a REST API needs a name");
        }
        api.description = text(info, "description");
        api.version = text(info, "version");
        JsonNode extensions = document; // swagger-core writes x-… extensions inline
        api.apiKeySource = extensions.hasNonNull(API_KEY_SOURCE) ? extensions.get(API_KEY_SOURCE).asText().toUpperCase(Locale.ROOT) : null;
        if (extensions.path(BINARY_MEDIA_TYPES).isArray()) {
            api.binaryMediaTypes = new ArrayList<>();
            extensions.get(BINARY_MEDIA_TYPES).forEach(type -> api.binaryMediaTypes.add(type.asText()));
        }
        definition.api = api;

        for (Iterator<Map.Entry<String, JsonNode>> schemas = document.path("components").path("schemas").fields(); schemas.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = schemas.next();
            definition.models.put(schema.getKey(), model(schema.getKey(), schema.getValue(), "application/json"));
        }
        // Validators keyed by name: methods refer to them by name until the model gives them ids.
        for (Iterator<Map.Entry<String, JsonNode>> validators = extensions.path(VALIDATORS).fields(); validators.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = validators.next();
            RequestValidator validator = new RequestValidator();
            validator.name = entry.getKey();
            validator.validateRequestBody = entry.getValue().path("validateRequestBody").asBoolean(false);
            validator.validateRequestParameters = entry.getValue().path("validateRequestParameters").asBoolean(false);
            definition.validators.put(validator.name, validator);
        }
        String defaultValidator = text(extensions, VALIDATOR);
        Map<String, JsonNode> securitySchemes = new LinkedHashMap<>();
        document.path("components").path("securitySchemes").fields().forEachRemaining(entry -> securitySchemes.put(entry.getKey(), entry.getValue()));
        JsonNode globalSecurity = document.path("security");

        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            Resource resource = new Resource();
            resource.path = normalize(path.getKey());
            JsonNode item = path.getValue();
            Map<String, JsonNode> operations = new LinkedHashMap<>();
            for (String name : OPERATIONS) {
                if (item.hasNonNull(name)) {
                    operations.put(name.toUpperCase(Locale.ROOT), item.get(name));
                }
            }
            if (item.hasNonNull(ANY_METHOD)) {
                operations.put("ANY", item.get(ANY_METHOD));
            }
            for (Map.Entry<String, JsonNode> operation : operations.entrySet()) {
                Method method = method(operation.getKey(), operation.getValue(), item.path("parameters"), definition,
                        defaultValidator, securitySchemes, globalSecurity, warnings, resource.path);
                if (resource.resourceMethods == null) {
                    resource.resourceMethods = new TreeMap<>();
                }
                resource.resourceMethods.put(operation.getKey(), method);
            }
            definition.resources.put(resource.path, resource);
        }
        return new Result(definition, warnings);
    }

    private static Method method(String httpMethod, JsonNode operation, JsonNode pathParameters, ApiDefinition definition,
                                 String defaultValidator, Map<String, JsonNode> securitySchemes, JsonNode globalSecurity,
                                 List<String> warnings, String path) {
        Method method = new Method();
        method.httpMethod = httpMethod;
        method.operationName = text(operation, "operationId");
        method.authorizationType = "NONE";
        method.apiKeyRequired = false;
        JsonNode security = operation.has("security") ? operation.get("security") : globalSecurity;
        for (JsonNode requirement : security) {
            requirement.fieldNames().forEachRemaining(name -> {
                JsonNode scheme = securitySchemes.get(name);
                if (scheme == null) {
                    warnings.add("Security definition '" + name + "' referenced by " + httpMethod + " " + path + " is not defined");
                } else if ("awsSigv4".equalsIgnoreCase(scheme.path(AUTH_TYPE).asText())) {
                    method.authorizationType = "AWS_IAM";
                } else if ("APIKEY".equalsIgnoreCase(scheme.path("type").asText()) && "x-api-key".equalsIgnoreCase(scheme.path("name").asText())) {
                    method.apiKeyRequired = true;
                } else {
                    warnings.add("Ignoring security definition '" + name + "' of " + httpMethod + " " + path
                            + ": the sandbox imports SigV4 and API key security only");
                }
            });
        }
        Map<String, Boolean> parameters = new TreeMap<>();
        for (JsonNode list : List.of(pathParameters, operation.path("parameters"))) {
            for (JsonNode parameter : list) {
                String location = switch (parameter.path("in").asText()) {
                    case "query" -> "querystring";
                    case "header" -> "header";
                    case "path" -> "path";
                    default -> null;
                };
                if (location != null) {
                    parameters.put("method.request." + location + "." + parameter.path("name").asText(),
                            location.equals("path") || parameter.path("required").asBoolean(false));
                }
            }
        }
        method.requestParameters = parameters.isEmpty() ? null : parameters;
        for (Iterator<Map.Entry<String, JsonNode>> contents = operation.path("requestBody").path("content").fields(); contents.hasNext(); ) {
            Map.Entry<String, JsonNode> content = contents.next();
            String contentType = mediaType(content.getKey());
            String model = modelName(content.getValue().path("schema"), definition, contentType);
            if (model != null) {
                if (method.requestModels == null) {
                    method.requestModels = new TreeMap<>();
                }
                method.requestModels.put(contentType, model);
            }
        }
        String validator = operation.hasNonNull(VALIDATOR) ? operation.get(VALIDATOR).asText()
                : defaultValidator;
        if (validator != null) {
            if (!definition.validators.containsKey(validator)) {
                throw ApiGatewayErrors.badRequest("Errors found during import:\n\tValidator " + validator + " for method "
                        + httpMethod + " " + path + " is not defined.");
            }
            method.requestValidatorId = validator;
        }
        for (Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").fields(); responses.hasNext(); ) {
            Map.Entry<String, JsonNode> response = responses.next();
            if (!response.getKey().matches("[1-5]\\d\\d")) {
                continue;
            }
            MethodResponse methodResponse = new MethodResponse();
            methodResponse.statusCode = response.getKey();
            Map<String, Boolean> headers = new TreeMap<>();
            response.getValue().path("headers").fieldNames().forEachRemaining(header -> headers.put("method.response.header." + header, false));
            methodResponse.responseParameters = headers.isEmpty() ? null : headers;
            for (Iterator<Map.Entry<String, JsonNode>> contents = response.getValue().path("content").fields(); contents.hasNext(); ) {
                Map.Entry<String, JsonNode> content = contents.next();
                String contentType = mediaType(content.getKey());
                String model = modelName(content.getValue().path("schema"), definition, contentType);
                if (model != null) {
                    if (methodResponse.responseModels == null) {
                        methodResponse.responseModels = new TreeMap<>();
                    }
                    methodResponse.responseModels.put(contentType, model);
                }
            }
            if (method.methodResponses == null) {
                method.methodResponses = new TreeMap<>();
            }
            method.methodResponses.put(methodResponse.statusCode, methodResponse);
        }
        JsonNode integration = operation.path(INTEGRATION);
        if (integration.isObject()) {
            method.methodIntegration = integration(integration, httpMethod, path);
        } else {
            warnings.add("No integration defined for method " + httpMethod + " " + path);
        }
        return method;
    }

    /** The model a schema names: a {@code $ref} to a schema, or a new model for an inline schema. */
    private static String modelName(JsonNode schema, ApiDefinition definition, String contentType) {
        if (schema.isMissingNode() || schema.isNull() || schema.isEmpty()) {
            return null;
        }
        String ref = text(schema, "$ref");
        if (ref != null) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            if (!definition.models.containsKey(name)) {
                throw ApiGatewayErrors.badRequest("Errors found during import:\n\tModel reference " + ref + " is not defined");
            }
            return name;
        }
        String name = "MODEL" + RestApiModel.newId(6);
        definition.models.put(name, model(name, schema, contentType));
        return name;
    }

    /** Swagger 2 without {@code consumes}/{@code produces} comes out as {@code *}{@code /*}: API Gateway takes JSON. */
    private static String mediaType(String contentType) {
        return contentType.equals("*/*") ? "application/json" : contentType;
    }

    /**
     * A model from an OpenAPI schema, as JSON Schema draft 4 (API Gateway's model language);
     * {@code #/components/schemas/X} references become model URLs when the model gets its API's id.
     */
    private static Model model(String name, JsonNode schema, String contentType) {
        ObjectNode jsonSchema = (ObjectNode) schema.deepCopy();
        jsonSchema.put("$schema", "http://json-schema.org/draft-04/schema#");
        jsonSchema.put("title", name);
        Model model = new Model();
        model.name = name;
        model.contentType = contentType;
        model.schema = jsonSchema.toString();
        return model;
    }

    private static Integration integration(JsonNode node, String httpMethod, String path) {
        Integration integration = new Integration();
        integration.type = upper(text(node, "type"));
        integration.httpMethod = upper(text(node, "httpMethod"));
        integration.uri = text(node, "uri");
        integration.credentials = text(node, "credentials");
        integration.passthroughBehavior = upper(text(node, "passthroughBehavior"));
        integration.contentHandling = upper(text(node, "contentHandling"));
        integration.connectionType = upper(text(node, "connectionType"));
        integration.connectionId = text(node, "connectionId");
        integration.cacheNamespace = text(node, "cacheNamespace");
        integration.timeoutInMillis = node.hasNonNull("timeoutInMillis") ? node.get("timeoutInMillis").asInt() : null;
        integration.requestParameters = strings(node.path("requestParameters"));
        integration.requestTemplates = strings(node.path("requestTemplates"));
        if (node.path("cacheKeyParameters").isArray()) {
            integration.cacheKeyParameters = new ArrayList<>();
            node.get("cacheKeyParameters").forEach(key -> integration.cacheKeyParameters.add(key.asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> responses = node.path("responses").fields(); responses.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = responses.next();
            IntegrationResponse response = new IntegrationResponse();
            response.statusCode = text(entry.getValue(), "statusCode");
            response.selectionPattern = entry.getKey().equals("default") ? null : entry.getKey();
            response.responseParameters = strings(entry.getValue().path("responseParameters"));
            response.responseTemplates = strings(entry.getValue().path("responseTemplates"));
            response.contentHandling = upper(text(entry.getValue(), "contentHandling"));
            if (response.statusCode == null) {
                throw ApiGatewayErrors.badRequest("Errors found during import:\n\tUnable to put integration response on '"
                        + httpMethod + "' for resource at path '" + path + "': Invalid status code specified");
            }
            if (integration.integrationResponses == null) {
                integration.integrationResponses = new TreeMap<>();
            }
            integration.integrationResponses.put(response.statusCode, response);
        }
        try {
            RestApiModel.checkIntegration(integration);
        } catch (course.sandbox.service.ServiceException e) {
            throw ApiGatewayErrors.badRequest("Errors found during import:\n\tUnable to put integration on '" + httpMethod
                    + "' for resource at path '" + path + "': " + e.getMessage());
        }
        return integration;
    }

    private static Map<String, String> strings(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return null;
        }
        Map<String, String> values = new TreeMap<>();
        node.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().isTextual()
                ? entry.getValue().asText() : entry.getValue().toString()));
        return values;
    }

    private static String normalize(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value instanceof TextNode ? value.asText() : value.toString();
    }
}
