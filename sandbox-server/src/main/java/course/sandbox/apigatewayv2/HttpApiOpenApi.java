package course.sandbox.apigatewayv2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.apigateway.ApiGatewayErrors;
import course.sandbox.apigatewayv2.HttpApiShapes.Api;
import course.sandbox.apigatewayv2.HttpApiShapes.HttpApiDefinition;
import course.sandbox.apigatewayv2.HttpApiShapes.Integration;
import course.sandbox.apigatewayv2.HttpApiShapes.Route;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ImportApi / ReimportApi and ExportApi for HTTP APIs: OpenAPI 3 paths and operations as routes,
 * {@code x-amazon-apigateway-integration} as their integrations (read by swagger-parser), and
 * back.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html">OpenAPI definitions of HTTP APIs</a>
 */
public final class HttpApiOpenApi {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> OPERATIONS = List.of("get", "put", "post", "delete", "options", "head", "patch");
    private static final String INTEGRATION = "x-amazon-apigateway-integration";
    private static final String ANY_METHOD = "x-amazon-apigateway-any-method";

    private HttpApiOpenApi() {
    }

    public static HttpApiDefinition read(String text) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult parsed;
        try {
            parsed = new OpenAPIParser().readContents(text == null ? "" : text, null, options);
        } catch (RuntimeException e) {
            throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
        }
        OpenAPI openApi = parsed == null ? null : parsed.getOpenAPI();
        if (openApi == null || openApi.getInfo() == null || openApi.getInfo().getTitle() == null) {
            throw ApiGatewayErrors.badRequest("Invalid OpenAPI input: an OpenAPI 3 definition with info.title is required");
        }
        ObjectNode document = Json.mapper().valueToTree(openApi);
        HttpApiDefinition definition = new HttpApiDefinition();
        Api api = new Api();
        api.name = openApi.getInfo().getTitle();
        api.description = openApi.getInfo().getDescription();
        api.version = openApi.getInfo().getVersion();
        api.protocolType = "HTTP";
        definition.api = api;
        Map<String, String> integrationKeys = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            Map<String, JsonNode> operations = new LinkedHashMap<>();
            for (String name : OPERATIONS) {
                if (path.getValue().hasNonNull(name)) {
                    operations.put(name.toUpperCase(Locale.ROOT), path.getValue().get(name));
                }
            }
            if (path.getValue().hasNonNull(ANY_METHOD)) {
                operations.put("ANY", path.getValue().get(ANY_METHOD));
            }
            for (Map.Entry<String, JsonNode> operation : operations.entrySet()) {
                Route route = new Route();
                route.routeKey = path.getKey().equals("/$default") ? HttpApiModel.DEFAULT : operation.getKey() + " " + path.getKey();
                route.operationName = operation.getValue().hasNonNull("operationId") ? operation.getValue().get("operationId").asText() : null;
                JsonNode integration = operation.getValue().path(INTEGRATION);
                if (integration.isObject()) {
                    Integration target = integration(integration);
                    String key = target.integrationType + " " + target.integrationMethod + " " + target.integrationUri + " "
                            + target.payloadFormatVersion;
                    String id = integrationKeys.computeIfAbsent(key, k -> "i" + integrationKeys.size());
                    definition.integrations.putIfAbsent(id, target);
                    route.target = "integrations/" + id;
                }
                definition.routes.put(route.routeKey, route);
            }
        }
        return definition;
    }

    private static Integration integration(JsonNode node) {
        Integration integration = new Integration();
        integration.integrationType = node.path("type").asText("").toUpperCase(Locale.ROOT);
        integration.integrationUri = node.hasNonNull("uri") ? node.get("uri").asText() : null;
        integration.integrationMethod = node.hasNonNull("httpMethod") ? node.get("httpMethod").asText().toUpperCase(Locale.ROOT) : null;
        integration.payloadFormatVersion = node.hasNonNull("payloadFormatVersion") ? node.get("payloadFormatVersion").asText() : null;
        integration.timeoutInMillis = node.hasNonNull("timeoutInMillis") ? node.get("timeoutInMillis").asInt() : null;
        integration.connectionType = node.hasNonNull("connectionType") ? node.get("connectionType").asText() : null;
        return integration;
    }

    /** ExportApi: OAS 3.0.1 in JSON or YAML, with or without the integrations. */
    public static byte[] export(HttpApiDefinition definition, String stageName, boolean includeExtensions, boolean yaml) {
        ObjectNode document = NODES.objectNode();
        document.put("openapi", "3.0.1");
        ObjectNode info = document.putObject("info");
        info.put("title", definition.api.name);
        if (definition.api.description != null) {
            info.put("description", definition.api.description);
        }
        info.put("version", definition.api.version != null ? definition.api.version : definition.api.createdDate);
        ObjectNode server = document.putArray("servers").addObject();
        server.put("url", definition.api.apiEndpoint + "/{basePath}");
        server.putObject("variables").putObject("basePath").put("default", stageName == null || stageName.equals(HttpApiModel.DEFAULT)
                ? "" : stageName);
        ObjectNode paths = document.putObject("paths");
        for (Route route : definition.routes.values().stream().sorted(Comparator.comparing(route -> route.routeKey)).toList()) {
            String method = route.routeKey.equals(HttpApiModel.DEFAULT) ? "ANY" : route.routeKey.substring(0, route.routeKey.indexOf(' '));
            String path = route.routeKey.equals(HttpApiModel.DEFAULT) ? "/$default" : route.routeKey.substring(route.routeKey.indexOf(' ') + 1);
            ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            if (method.equals("ANY") && !includeExtensions) {
                continue;
            }
            ObjectNode operation = item.putObject(method.equals("ANY") ? ANY_METHOD : method.toLowerCase(Locale.ROOT));
            if (route.operationName != null) {
                operation.put("operationId", route.operationName);
            }
            if (path.contains("{")) {
                var parameters = operation.putArray("parameters");
                for (String part : path.split("/")) {
                    if (part.startsWith("{")) {
                        ObjectNode parameter = parameters.addObject();
                        parameter.put("name", part.substring(1, part.length() - (part.endsWith("+}") ? 2 : 1)));
                        parameter.put("in", "path");
                        parameter.put("required", true);
                        parameter.putObject("schema").put("type", "string");
                    }
                }
            }
            operation.putObject("responses").putObject("default").put("description", "Default response for " + route.routeKey);
            if (includeExtensions && route.target != null) {
                Integration integration = definition.integrations.get(route.target.substring("integrations/".length()));
                if (integration != null) {
                    ObjectNode node = operation.putObject(INTEGRATION);
                    node.put("payloadFormatVersion", integration.payloadFormatVersion);
                    node.put("type", integration.integrationType.toLowerCase(Locale.ROOT));
                    if (integration.integrationMethod != null) {
                        node.put("httpMethod", integration.integrationMethod);
                    }
                    node.put("uri", integration.integrationUri);
                    node.put("connectionType", integration.connectionType);
                    node.put("timeoutInMillis", integration.timeoutInMillis);
                }
            }
        }
        if (includeExtensions) {
            document.put("x-amazon-apigateway-importexport-version", "1.0");
        }
        try {
            return yaml ? Yaml.mapper().writeValueAsString(document).getBytes(StandardCharsets.UTF_8)
                    : HttpApiModel.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }
}
