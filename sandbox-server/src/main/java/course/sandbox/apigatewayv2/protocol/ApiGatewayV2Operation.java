package course.sandbox.apigatewayv2.protocol;

import course.sandbox.apigateway.protocol.PathTemplate;

import java.util.Map;
import java.util.Optional;

/**
 * Every API Gateway V2 (HTTP API) operation the sandbox serves, by HTTP method and path. As for
 * REST APIs, IAM decides {@code apigateway:<METHOD>} on {@code arn:aws:apigateway:REGION::<path>},
 * the path without its {@code /v2} prefix ({@code /apis/a1b2c3/routes}).
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-control-access-with-iam.html">Control access to HTTP APIs with IAM</a>
 */
public enum ApiGatewayV2Operation {
    CreateApi("POST", "/v2/apis"),
    ImportApi("PUT", "/v2/apis"),
    GetApis("GET", "/v2/apis"),
    GetApi("GET", "/v2/apis/{apiId}"),
    UpdateApi("PATCH", "/v2/apis/{apiId}"),
    DeleteApi("DELETE", "/v2/apis/{apiId}"),
    ReimportApi("PUT", "/v2/apis/{apiId}"),
    ExportApi("GET", "/v2/apis/{apiId}/exports/{specification}"),
    CreateRoute("POST", "/v2/apis/{apiId}/routes"),
    GetRoutes("GET", "/v2/apis/{apiId}/routes"),
    GetRoute("GET", "/v2/apis/{apiId}/routes/{routeId}"),
    UpdateRoute("PATCH", "/v2/apis/{apiId}/routes/{routeId}"),
    DeleteRoute("DELETE", "/v2/apis/{apiId}/routes/{routeId}"),
    CreateIntegration("POST", "/v2/apis/{apiId}/integrations"),
    GetIntegrations("GET", "/v2/apis/{apiId}/integrations"),
    GetIntegration("GET", "/v2/apis/{apiId}/integrations/{integrationId}"),
    UpdateIntegration("PATCH", "/v2/apis/{apiId}/integrations/{integrationId}"),
    DeleteIntegration("DELETE", "/v2/apis/{apiId}/integrations/{integrationId}"),
    CreateStage("POST", "/v2/apis/{apiId}/stages"),
    GetStages("GET", "/v2/apis/{apiId}/stages"),
    GetStage("GET", "/v2/apis/{apiId}/stages/{stageName}"),
    UpdateStage("PATCH", "/v2/apis/{apiId}/stages/{stageName}"),
    DeleteStage("DELETE", "/v2/apis/{apiId}/stages/{stageName}"),
    CreateDeployment("POST", "/v2/apis/{apiId}/deployments"),
    GetDeployments("GET", "/v2/apis/{apiId}/deployments"),
    GetDeployment("GET", "/v2/apis/{apiId}/deployments/{deploymentId}"),
    DeleteDeployment("DELETE", "/v2/apis/{apiId}/deployments/{deploymentId}");

    private final String httpMethod;
    private final PathTemplate path;

    ApiGatewayV2Operation(String httpMethod, String path) {
        this.httpMethod = httpMethod;
        this.path = PathTemplate.of(path);
    }

    /** A request matched to an operation; {@code resourcePath} is what IAM decides on. */
    public record Match(ApiGatewayV2Operation operation, Map<String, String> labels, String resourcePath) {
        public String label(String name) {
            return labels.get(name);
        }
    }

    public String action() {
        return "apigateway:" + httpMethod;
    }

    public static Optional<Match> match(String method, String rawPath) {
        for (ApiGatewayV2Operation operation : values()) {
            if (operation.httpMethod.equals(method)) {
                Optional<Map<String, String>> labels = operation.path.match(rawPath);
                if (labels.isPresent()) {
                    String resourcePath = "/" + String.join("/", operation.resolved(labels.get()));
                    return Optional.of(new Match(operation, labels.get(), resourcePath.substring("/v2".length())));
                }
            }
        }
        return Optional.empty();
    }

    private java.util.List<String> resolved(Map<String, String> labels) {
        return path.segments().stream().map(segment -> segment.startsWith("{")
                ? labels.get(segment.substring(1, segment.length() - 1)) : segment).toList();
    }
}
