package course.sandbox.apigateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway's REST API resources as its API reference shapes them, member for member: the
 * model keeps them, the protocol layer writes them as they are, and PATCH operations edit their
 * JSON form ({@link PatchOperations}). Absent members are left out of the wire form.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/api/API_Types.html">API Gateway data types</a>
 */
public final class RestApiShapes {
    private RestApiShapes() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class RestApi {
        public String id;
        public String name;
        public String description;
        public Long createdDate;
        public String version;
        public List<String> warnings;
        public List<String> binaryMediaTypes;
        public Integer minimumCompressionSize;
        public String apiKeySource;
        public EndpointConfiguration endpointConfiguration;
        public String policy;
        public Map<String, String> tags;
        public Boolean disableExecuteApiEndpoint;
        public String rootResourceId;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class EndpointConfiguration {
        public List<String> types;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Resource {
        public String id;
        public String parentId;
        public String pathPart;
        public String path;
        public Map<String, Method> resourceMethods;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Method {
        public String httpMethod;
        public String authorizationType;
        public String authorizerId;
        public Boolean apiKeyRequired;
        public String requestValidatorId;
        public String operationName;
        public Map<String, Boolean> requestParameters;
        public Map<String, String> requestModels;
        public Map<String, MethodResponse> methodResponses;
        public Integration methodIntegration;
        public List<String> authorizationScopes;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class MethodResponse {
        public String statusCode;
        public Map<String, Boolean> responseParameters;
        public Map<String, String> responseModels;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Integration {
        public String type;
        public String httpMethod;
        public String uri;
        public String connectionType;
        public String connectionId;
        public String credentials;
        public Map<String, String> requestParameters;
        public Map<String, String> requestTemplates;
        public String passthroughBehavior;
        public String contentHandling;
        public Integer timeoutInMillis;
        public String cacheNamespace;
        public List<String> cacheKeyParameters;
        public Map<String, IntegrationResponse> integrationResponses;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class IntegrationResponse {
        public String statusCode;
        public String selectionPattern;
        public Map<String, String> responseParameters;
        public Map<String, String> responseTemplates;
        public String contentHandling;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Model {
        public String id;
        public String name;
        public String description;
        public String schema;
        public String contentType;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class RequestValidator {
        public String id;
        public String name;
        public Boolean validateRequestBody;
        public Boolean validateRequestParameters;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Deployment {
        public String id;
        public String description;
        public Long createdDate;
        public Map<String, Map<String, MethodSnapshot>> apiSummary;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class MethodSnapshot {
        public String authorizationType;
        public Boolean apiKeyRequired;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Stage {
        public String deploymentId;
        public String clientCertificateId;
        public String stageName;
        public String description;
        public Boolean cacheClusterEnabled;
        public String cacheClusterStatus;
        public Map<String, MethodSetting> methodSettings;
        public Map<String, String> variables;
        public String documentationVersion;
        public AccessLogSettings accessLogSettings;
        public CanarySettings canarySettings;
        public Boolean tracingEnabled;
        public Map<String, String> tags;
        public Long createdDate;
        public Long lastUpdatedDate;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class MethodSetting {
        public Boolean metricsEnabled;
        public String loggingLevel;
        public Boolean dataTraceEnabled;
        public Integer throttlingBurstLimit;
        public Double throttlingRateLimit;
        public Boolean cachingEnabled;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class AccessLogSettings {
        public String format;
        public String destinationArn;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class CanarySettings {
        public Double percentTraffic;
        public String deploymentId;
        public Map<String, String> stageVariableOverrides;
        public Boolean useStageCache;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class ApiKey {
        public String id;
        public String value;
        public String name;
        public String customerId;
        public String description;
        public Boolean enabled;
        public Long createdDate;
        public Long lastUpdatedDate;
        public List<String> stageKeys;
        public Map<String, String> tags;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class UsagePlan {
        public String id;
        public String name;
        public String description;
        public List<ApiStage> apiStages = new ArrayList<>();
        public ThrottleSettings throttle;
        public QuotaSettings quota;
        public String productCode;
        public Map<String, String> tags;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class ApiStage {
        public String apiId;
        public String stage;
        public Map<String, ThrottleSettings> throttle;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class ThrottleSettings {
        public Integer burstLimit;
        public Double rateLimit;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class QuotaSettings {
        public Integer limit;
        public Integer offset;
        public String period;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class UsagePlanKey {
        public String id;
        public String type;
        public String value;
        public String name;
    }

    /**
     * What a deployment freezes: the API's resources, methods, models and validators as they were,
     * so a stage serves the deployed API while the working copy changes.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class ApiDefinition {
        public RestApi api;
        public Map<String, Resource> resources = new LinkedHashMap<>();
        public Map<String, Model> models = new LinkedHashMap<>();
        public Map<String, RequestValidator> validators = new LinkedHashMap<>();
    }
}
