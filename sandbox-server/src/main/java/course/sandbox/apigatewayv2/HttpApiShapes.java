package course.sandbox.apigatewayv2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway V2's HTTP API resources as its API reference shapes them (timestamps in ISO 8601):
 * the model keeps them and the protocol layer writes them as they are.
 *
 * @see <a href="https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/resources.html">API Gateway V2 resources</a>
 */
public final class HttpApiShapes {
    private HttpApiShapes() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Api {
        public String apiId;
        public String name;
        public String protocolType;
        public String apiEndpoint;
        public String createdDate;
        public String description;
        public String version;
        public String routeSelectionExpression;
        public String apiKeySelectionExpression;
        public Boolean disableExecuteApiEndpoint;
        public Map<String, Object> corsConfiguration;
        public Map<String, String> tags;
        public List<String> warnings;
        /** Quick create only: the Lambda ARN or URL the $default route integrates with. */
        public String target;
        /** Quick create only: the route key (default {@code $default}). */
        public String routeKey;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Route {
        public String routeId;
        public String routeKey;
        public String target;
        public String authorizationType;
        public String authorizerId;
        public List<String> authorizationScopes;
        public Boolean apiKeyRequired;
        public String operationName;
        public Boolean apiGatewayManaged;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Integration {
        public String integrationId;
        public String integrationType;
        public String integrationUri;
        public String integrationMethod;
        public String payloadFormatVersion;
        public Integer timeoutInMillis;
        public String connectionType;
        public String description;
        public Map<String, String> requestParameters;
        public Boolean apiGatewayManaged;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Stage {
        public String stageName;
        public Boolean autoDeploy;
        public String deploymentId;
        public String description;
        public Map<String, String> stageVariables;
        public Map<String, Object> accessLogSettings;
        public Map<String, Object> defaultRouteSettings;
        public String createdDate;
        public String lastUpdatedDate;
        public String lastDeploymentStatusMessage;
        public Boolean apiGatewayManaged;
        public Map<String, String> tags;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Deployment {
        public String deploymentId;
        public String deploymentStatus;
        public String description;
        public String createdDate;
        public Boolean autoDeployed;
    }

    /** What a deployment freezes: the routes and the integrations they target. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class HttpApiDefinition {
        public Api api;
        public Map<String, Route> routes = new LinkedHashMap<>();
        public Map<String, Integration> integrations = new LinkedHashMap<>();
    }
}
