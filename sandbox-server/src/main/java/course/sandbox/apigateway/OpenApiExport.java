package course.sandbox.apigateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.apigateway.RestApiShapes.ApiDefinition;
import course.sandbox.apigateway.RestApiShapes.Integration;
import course.sandbox.apigateway.RestApiShapes.IntegrationResponse;
import course.sandbox.apigateway.RestApiShapes.Method;
import course.sandbox.apigateway.RestApiShapes.MethodResponse;
import course.sandbox.apigateway.RestApiShapes.Model;
import course.sandbox.apigateway.RestApiShapes.RequestValidator;
import course.sandbox.apigateway.RestApiShapes.Resource;
import io.swagger.v3.core.util.Yaml;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * GetExport: a stage's deployed API as OpenAPI 3.0.1 ({@code oas30}) or Swagger 2.0
 * ({@code swagger}), in JSON or YAML, with or without the {@code x-amazon-apigateway-*}
 * extensions ({@code extensions=integrations} or {@code apigateway} adds them).
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html">Export a REST API</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/api/API_GetExport.html">GetExport</a>
 */
public final class OpenApiExport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** An export's body and the media type it is in. */
    public record Export(byte[] body, String contentType) {
    }

    private OpenApiExport() {
    }

    /**
     * @param exportType     {@code oas30} or {@code swagger}
     * @param extensions     the {@code extensions} parameter, or null
     * @param accept         the Accept header: {@code application/yaml} for YAML, else JSON
     */
    public static Export export(ApiDefinition definition, String apiId, String region, String stageName, String exportType,
                                String extensions, String accept) {
        boolean oas30 = switch (exportType) {
            case "oas30" -> true;
            case "swagger" -> false;
            default -> throw ApiGatewayErrors.badRequest("Invalid export type specified: " + exportType
                    + ". Valid values are [oas30, swagger, postman]");
        };
        boolean withExtensions = extensions != null && Set.of(extensions.toLowerCase(Locale.ROOT).split(","))
                .stream().anyMatch(value -> value.strip().equals("integrations") || value.strip().equals("apigateway"));
        ObjectNode document = oas30 ? oas30(definition, apiId, region, stageName, withExtensions)
                : swagger(definition, apiId, region, stageName, withExtensions);
        boolean yaml = accept != null && accept.toLowerCase(Locale.ROOT).contains("yaml");
        try {
            if (yaml) {
                return new Export(Yaml.mapper().writeValueAsString(document).getBytes(StandardCharsets.UTF_8), "application/yaml");
            }
            return new Export(RestApiModel.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }

    private static ObjectNode oas30(ApiDefinition definition, String apiId, String region, String stageName, boolean extensions) {
        ObjectNode document = NODES.objectNode();
        document.put("openapi", "3.0.1");
        document.set("info", info(definition));
        ObjectNode server = document.putArray("servers").addObject();
        server.put("url", "https://" + apiId + ".execute-api." + region + ".amazonaws.com/{basePath}");
        server.putObject("variables").putObject("basePath").put("default", stageName);
        ObjectNode paths = document.putObject("paths");
        ObjectNode components = NODES.objectNode();
        Set<String> schemes = new TreeSet<>();
        for (Resource resource : sorted(definition)) {
            if (resource.resourceMethods == null || resource.resourceMethods.isEmpty()) {
                continue;
            }
            ObjectNode item = paths.putObject(resource.path);
            for (Method method : resource.resourceMethods.values()) {
                ObjectNode operation = method.httpMethod.equals("ANY")
                        ? (extensions ? item.putObject(OpenApiImport.ANY_METHOD) : null)
                        : item.putObject(method.httpMethod.toLowerCase(Locale.ROOT));
                if (operation == null) {
                    continue;
                }
                if (method.operationName != null) {
                    operation.put("operationId", method.operationName);
                }
                ArrayNode parameters = parameters(method);
                if (!parameters.isEmpty()) {
                    for (JsonNode parameter : parameters) {
                        ((ObjectNode) parameter).putObject("schema").put("type", "string");
                    }
                    operation.set("parameters", parameters);
                }
                if (method.requestModels != null && !method.requestModels.isEmpty()) {
                    ObjectNode content = operation.putObject("requestBody").putObject("content");
                    method.requestModels.forEach((type, model) -> content.putObject(type).putObject("schema")
                            .put("$ref", "#/components/schemas/" + model));
                    ((ObjectNode) operation.get("requestBody")).put("required", true);
                }
                ObjectNode responses = operation.putObject("responses");
                if (method.methodResponses != null) {
                    for (MethodResponse response : method.methodResponses.values()) {
                        ObjectNode node = responses.putObject(response.statusCode);
                        node.put("description", response.statusCode + " response");
                        if (response.responseParameters != null) {
                            ObjectNode headers = node.putObject("headers");
                            response.responseParameters.keySet().stream().filter(name -> name.startsWith("method.response.header."))
                                    .forEach(name -> headers.putObject(name.substring("method.response.header.".length()))
                                            .putObject("schema").put("type", "string"));
                        }
                        if (response.responseModels != null && !response.responseModels.isEmpty()) {
                            ObjectNode content = node.putObject("content");
                            response.responseModels.forEach((type, model) -> content.putObject(type).putObject("schema")
                                    .put("$ref", "#/components/schemas/" + model));
                        }
                    }
                }
                security(operation, method, schemes);
                if (extensions) {
                    operationExtensions(operation, method, definition);
                }
            }
        }
        ObjectNode schemas = NODES.objectNode();
        for (Model model : definition.models.values()) {
            schemas.set(model.name, schema(model, apiId, "#/components/schemas/"));
        }
        if (!schemas.isEmpty()) {
            components.set("schemas", schemas);
        }
        if (!schemes.isEmpty()) {
            components.set("securitySchemes", securitySchemes(schemes, extensions));
        }
        if (!components.isEmpty()) {
            document.set("components", components);
        }
        if (extensions) {
            apiExtensions(document, definition);
        }
        return document;
    }

    private static ObjectNode swagger(ApiDefinition definition, String apiId, String region, String stageName, boolean extensions) {
        ObjectNode document = NODES.objectNode();
        document.put("swagger", "2.0");
        document.set("info", info(definition));
        document.put("host", apiId + ".execute-api." + region + ".amazonaws.com");
        document.put("basePath", "/" + stageName);
        document.putArray("schemes").add("https");
        ObjectNode paths = document.putObject("paths");
        Set<String> schemes = new TreeSet<>();
        for (Resource resource : sorted(definition)) {
            if (resource.resourceMethods == null || resource.resourceMethods.isEmpty()) {
                continue;
            }
            ObjectNode item = paths.putObject(resource.path);
            for (Method method : resource.resourceMethods.values()) {
                ObjectNode operation = method.httpMethod.equals("ANY")
                        ? (extensions ? item.putObject(OpenApiImport.ANY_METHOD) : null)
                        : item.putObject(method.httpMethod.toLowerCase(Locale.ROOT));
                if (operation == null) {
                    continue;
                }
                if (method.operationName != null) {
                    operation.put("operationId", method.operationName);
                }
                Set<String> consumes = new TreeSet<>(method.requestModels == null ? Set.of() : method.requestModels.keySet());
                Set<String> produces = new TreeSet<>();
                if (method.methodResponses != null) {
                    method.methodResponses.values().stream().filter(response -> response.responseModels != null)
                            .forEach(response -> produces.addAll(response.responseModels.keySet()));
                }
                if (!consumes.isEmpty()) {
                    consumes.forEach(operation.putArray("consumes")::add);
                }
                if (!produces.isEmpty()) {
                    produces.forEach(operation.putArray("produces")::add);
                }
                ArrayNode parameters = parameters(method);
                parameters.forEach(parameter -> ((ObjectNode) parameter).put("type", "string"));
                if (method.requestModels != null && !method.requestModels.isEmpty()) {
                    String model = method.requestModels.values().iterator().next();
                    ObjectNode body = parameters.addObject();
                    body.put("in", "body");
                    body.put("name", model);
                    body.put("required", true);
                    body.putObject("schema").put("$ref", "#/definitions/" + model);
                }
                if (!parameters.isEmpty()) {
                    operation.set("parameters", parameters);
                }
                ObjectNode responses = operation.putObject("responses");
                if (method.methodResponses != null) {
                    for (MethodResponse response : method.methodResponses.values()) {
                        ObjectNode node = responses.putObject(response.statusCode);
                        node.put("description", response.statusCode + " response");
                        if (response.responseModels != null && !response.responseModels.isEmpty()) {
                            node.putObject("schema").put("$ref", "#/definitions/" + response.responseModels.values().iterator().next());
                        }
                        if (response.responseParameters != null) {
                            ObjectNode headers = node.putObject("headers");
                            response.responseParameters.keySet().stream().filter(name -> name.startsWith("method.response.header."))
                                    .forEach(name -> headers.putObject(name.substring("method.response.header.".length()))
                                            .put("type", "string"));
                        }
                    }
                }
                security(operation, method, schemes);
                if (extensions) {
                    operationExtensions(operation, method, definition);
                }
            }
        }
        if (!schemes.isEmpty()) {
            document.set("securityDefinitions", securitySchemes(schemes, extensions));
        }
        if (!definition.models.isEmpty()) {
            ObjectNode definitions = document.putObject("definitions");
            for (Model model : definition.models.values()) {
                definitions.set(model.name, schema(model, apiId, "#/definitions/"));
            }
        }
        if (extensions) {
            apiExtensions(document, definition);
        }
        return document;
    }

    private static ObjectNode info(ApiDefinition definition) {
        ObjectNode info = NODES.objectNode();
        if (definition.api.description != null) {
            info.put("description", definition.api.description);
        }
        info.put("title", definition.api.name);
        info.put("version", definition.api.version != null ? definition.api.version
                : java.time.Instant.ofEpochSecond(definition.api.createdDate).toString());
        return info;
    }

    private static Iterable<Resource> sorted(ApiDefinition definition) {
        return definition.resources.values().stream().sorted(Comparator.comparing(resource -> resource.path)).toList();
    }

    private static ArrayNode parameters(Method method) {
        ArrayNode parameters = NODES.arrayNode();
        if (method.requestParameters == null) {
            return parameters;
        }
        method.requestParameters.forEach((name, required) -> {
            String[] parts = name.split("\\.", 4);
            if (parts.length < 4) {
                return;
            }
            String location = switch (parts[2]) {
                case "querystring", "multivaluequerystring" -> "query";
                case "header", "multivalueheader" -> "header";
                case "path" -> "path";
                default -> null;
            };
            if (location != null) {
                ObjectNode parameter = parameters.addObject();
                parameter.put("name", parts[3]);
                parameter.put("in", location);
                parameter.put("required", location.equals("path") || Boolean.TRUE.equals(required));
            }
        });
        return parameters;
    }

    private static void security(ObjectNode operation, Method method, Set<String> schemes) {
        ArrayNode security = NODES.arrayNode();
        if ("AWS_IAM".equals(method.authorizationType)) {
            security.addObject().putArray("sigv4");
            schemes.add("sigv4");
        }
        if (Boolean.TRUE.equals(method.apiKeyRequired)) {
            security.addObject().putArray("api_key");
            schemes.add("api_key");
        }
        if (!security.isEmpty()) {
            operation.set("security", security);
        }
    }

    private static ObjectNode securitySchemes(Set<String> names, boolean extensions) {
        ObjectNode schemes = NODES.objectNode();
        for (String name : names) {
            ObjectNode scheme = schemes.putObject(name);
            scheme.put("type", "apiKey");
            scheme.put("name", name.equals("sigv4") ? "Authorization" : "x-api-key");
            scheme.put("in", "header");
            if (name.equals("sigv4") && extensions) {
                scheme.put(OpenApiImport.AUTH_TYPE, "awsSigv4");
            }
        }
        return schemes;
    }

    private static void operationExtensions(ObjectNode operation, Method method, ApiDefinition definition) {
        if (method.requestValidatorId != null && definition.validators.containsKey(method.requestValidatorId)) {
            operation.put(OpenApiImport.VALIDATOR, definition.validators.get(method.requestValidatorId).name);
        }
        Integration integration = method.methodIntegration;
        if (integration == null) {
            return;
        }
        ObjectNode node = operation.putObject(OpenApiImport.INTEGRATION);
        node.put("type", integration.type.toLowerCase(Locale.ROOT));
        putIfPresent(node, "httpMethod", integration.httpMethod);
        putIfPresent(node, "uri", integration.uri);
        putIfPresent(node, "credentials", integration.credentials);
        if (integration.integrationResponses != null && !integration.integrationResponses.isEmpty()) {
            ObjectNode responses = node.putObject("responses");
            for (IntegrationResponse response : integration.integrationResponses.values()) {
                ObjectNode entry = responses.putObject(response.selectionPattern == null ? "default" : response.selectionPattern);
                entry.put("statusCode", response.statusCode);
                putMap(entry, "responseParameters", response.responseParameters);
                putMap(entry, "responseTemplates", response.responseTemplates);
                putIfPresent(entry, "contentHandling", response.contentHandling);
            }
        }
        putMap(node, "requestParameters", integration.requestParameters);
        putMap(node, "requestTemplates", integration.requestTemplates);
        putIfPresent(node, "passthroughBehavior", integration.passthroughBehavior == null ? null
                : integration.passthroughBehavior.toLowerCase(Locale.ROOT));
        putIfPresent(node, "contentHandling", integration.contentHandling);
        if (integration.timeoutInMillis != null) {
            node.put("timeoutInMillis", integration.timeoutInMillis);
        }
    }

    private static void apiExtensions(ObjectNode document, ApiDefinition definition) {
        if (!definition.validators.isEmpty()) {
            ObjectNode validators = document.putObject(OpenApiImport.VALIDATORS);
            for (RequestValidator validator : definition.validators.values()) {
                ObjectNode node = validators.putObject(validator.name);
                node.put("validateRequestParameters", Boolean.TRUE.equals(validator.validateRequestParameters));
                node.put("validateRequestBody", Boolean.TRUE.equals(validator.validateRequestBody));
            }
        }
        if (definition.api.apiKeySource != null && !definition.api.apiKeySource.equals("HEADER")) {
            document.put(OpenApiImport.API_KEY_SOURCE, definition.api.apiKeySource);
        }
        if (definition.api.binaryMediaTypes != null && !definition.api.binaryMediaTypes.isEmpty()) {
            definition.api.binaryMediaTypes.forEach(document.putArray(OpenApiImport.BINARY_MEDIA_TYPES)::add);
        }
    }

    /** A model's schema with references to other models pointing into the document, without {@code $schema}. */
    private static JsonNode schema(Model model, String apiId, String refPrefix) {
        try {
            String text = model.schema == null ? "{}" : model.schema.replace(RestApiModel.modelUrl(apiId, ""), refPrefix);
            ObjectNode schema = (ObjectNode) RestApiModel.JSON.readTree(text);
            schema.remove("$schema");
            return schema;
        } catch (JsonProcessingException | ClassCastException e) {
            return NODES.objectNode();
        }
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void putMap(ObjectNode node, String name, Map<String, String> values) {
        if (values != null && !values.isEmpty()) {
            ObjectNode map = node.putObject(name);
            values.forEach(map::put);
        }
    }
}
