package course.sandbox.apigateway.protocol;

import course.sandbox.auth.SigV4;

import java.util.Map;
import java.util.Optional;

/**
 * Every API Gateway (v1) operation the sandbox serves: its HTTP method and path, as the REST-JSON
 * clients send them. API Gateway authorizes its control plane by HTTP method and path, not by
 * operation name: the IAM action is {@code apigateway:GET}, {@code POST}, {@code PUT}, {@code PATCH}
 * or {@code DELETE}, the resource {@code arn:aws:apigateway:REGION::PATH}.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-to-api.html">Control access to API Gateway with IAM permissions</a>
 * @see <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigatewaymanagement.html">Actions, resources, and condition keys for Amazon API Gateway Management</a>
 */
public enum ApiGatewayOperation {
    CreateRestApi("POST", "/restapis"),
    ImportRestApi("POST", "/restapis", "mode=import"),
    GetRestApis("GET", "/restapis"),
    GetRestApi("GET", "/restapis/{restapi_id}"),
    UpdateRestApi("PATCH", "/restapis/{restapi_id}"),
    DeleteRestApi("DELETE", "/restapis/{restapi_id}"),
    PutRestApi("PUT", "/restapis/{restapi_id}"),
    GetResources("GET", "/restapis/{restapi_id}/resources"),
    GetResource("GET", "/restapis/{restapi_id}/resources/{resource_id}"),
    CreateResource("POST", "/restapis/{restapi_id}/resources/{resource_id}"),
    UpdateResource("PATCH", "/restapis/{restapi_id}/resources/{resource_id}"),
    DeleteResource("DELETE", "/restapis/{restapi_id}/resources/{resource_id}"),
    PutMethod("PUT", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}"),
    GetMethod("GET", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}"),
    UpdateMethod("PATCH", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}"),
    DeleteMethod("DELETE", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}"),
    PutMethodResponse("PUT", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/responses/{status_code}"),
    GetMethodResponse("GET", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/responses/{status_code}"),
    UpdateMethodResponse("PATCH", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/responses/{status_code}"),
    DeleteMethodResponse("DELETE", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/responses/{status_code}"),
    PutIntegration("PUT", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration"),
    GetIntegration("GET", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration"),
    UpdateIntegration("PATCH", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration"),
    DeleteIntegration("DELETE", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration"),
    PutIntegrationResponse("PUT", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration/responses/{status_code}"),
    GetIntegrationResponse("GET", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration/responses/{status_code}"),
    UpdateIntegrationResponse("PATCH", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration/responses/{status_code}"),
    DeleteIntegrationResponse("DELETE", "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration/responses/{status_code}"),
    CreateModel("POST", "/restapis/{restapi_id}/models"),
    GetModels("GET", "/restapis/{restapi_id}/models"),
    GetModel("GET", "/restapis/{restapi_id}/models/{model_name}"),
    UpdateModel("PATCH", "/restapis/{restapi_id}/models/{model_name}"),
    DeleteModel("DELETE", "/restapis/{restapi_id}/models/{model_name}"),
    CreateRequestValidator("POST", "/restapis/{restapi_id}/requestvalidators"),
    GetRequestValidators("GET", "/restapis/{restapi_id}/requestvalidators"),
    GetRequestValidator("GET", "/restapis/{restapi_id}/requestvalidators/{requestvalidator_id}"),
    UpdateRequestValidator("PATCH", "/restapis/{restapi_id}/requestvalidators/{requestvalidator_id}"),
    DeleteRequestValidator("DELETE", "/restapis/{restapi_id}/requestvalidators/{requestvalidator_id}"),
    CreateDeployment("POST", "/restapis/{restapi_id}/deployments"),
    GetDeployments("GET", "/restapis/{restapi_id}/deployments"),
    GetDeployment("GET", "/restapis/{restapi_id}/deployments/{deployment_id}"),
    UpdateDeployment("PATCH", "/restapis/{restapi_id}/deployments/{deployment_id}"),
    DeleteDeployment("DELETE", "/restapis/{restapi_id}/deployments/{deployment_id}"),
    CreateStage("POST", "/restapis/{restapi_id}/stages"),
    GetStages("GET", "/restapis/{restapi_id}/stages"),
    GetStage("GET", "/restapis/{restapi_id}/stages/{stage_name}"),
    UpdateStage("PATCH", "/restapis/{restapi_id}/stages/{stage_name}"),
    DeleteStage("DELETE", "/restapis/{restapi_id}/stages/{stage_name}"),
    GetExport("GET", "/restapis/{restapi_id}/stages/{stage_name}/exports/{export_type}"),
    CreateApiKey("POST", "/apikeys"),
    GetApiKeys("GET", "/apikeys"),
    GetApiKey("GET", "/apikeys/{api_Key}"),
    UpdateApiKey("PATCH", "/apikeys/{api_Key}"),
    DeleteApiKey("DELETE", "/apikeys/{api_Key}"),
    CreateUsagePlan("POST", "/usageplans"),
    GetUsagePlans("GET", "/usageplans"),
    GetUsagePlan("GET", "/usageplans/{usageplanId}"),
    UpdateUsagePlan("PATCH", "/usageplans/{usageplanId}"),
    DeleteUsagePlan("DELETE", "/usageplans/{usageplanId}"),
    CreateUsagePlanKey("POST", "/usageplans/{usageplanId}/keys"),
    GetUsagePlanKeys("GET", "/usageplans/{usageplanId}/keys"),
    GetUsagePlanKey("GET", "/usageplans/{usageplanId}/keys/{keyId}"),
    DeleteUsagePlanKey("DELETE", "/usageplans/{usageplanId}/keys/{keyId}"),
    GetUsage("GET", "/usageplans/{usageplanId}/usage");

    private final String httpMethod;
    private final PathTemplate path;
    private final String queryMarker;

    ApiGatewayOperation(String httpMethod, String path) {
        this(httpMethod, path, null);
    }

    ApiGatewayOperation(String httpMethod, String path, String queryMarker) {
        this.httpMethod = httpMethod;
        this.path = PathTemplate.of(path);
        this.queryMarker = queryMarker;
    }

    /** A request matched to an operation, with the path's labels decoded. */
    public record Match(ApiGatewayOperation operation, Map<String, String> labels, String path) {
        public String label(String name) {
            return labels.get(name);
        }
    }

    public String httpMethod() {
        return httpMethod;
    }

    /** The IAM action: API Gateway's control plane is authorized by HTTP method. */
    public String action() {
        return "apigateway:" + httpMethod;
    }

    /** The operation a method, raw path and raw query name; a more specific query marker wins. */
    public static Optional<Match> match(String method, String rawPath, String rawQuery) {
        Match found = null;
        for (ApiGatewayOperation operation : values()) {
            if (!operation.httpMethod.equals(method)
                    || operation.queryMarker != null && !PathTemplate.hasParameter(rawQuery, operation.queryMarker)) {
                continue;
            }
            Optional<Map<String, String>> labels = operation.path.match(rawPath);
            if (labels.isPresent() && (found == null || operation.queryMarker != null)) {
                found = new Match(operation, labels.get(), SigV4.percentDecode(PathTemplate.trim(rawPath)));
            }
        }
        return Optional.ofNullable(found);
    }

    public static Optional<ApiGatewayOperation> of(String name) {
        for (ApiGatewayOperation operation : values()) {
            if (operation.name().equals(name)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
