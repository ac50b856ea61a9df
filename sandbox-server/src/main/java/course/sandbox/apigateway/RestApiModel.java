package course.sandbox.apigateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.apigateway.RestApiShapes.ApiDefinition;
import course.sandbox.apigateway.RestApiShapes.ApiKey;
import course.sandbox.apigateway.RestApiShapes.ApiStage;
import course.sandbox.apigateway.RestApiShapes.CanarySettings;
import course.sandbox.apigateway.RestApiShapes.Deployment;
import course.sandbox.apigateway.RestApiShapes.Integration;
import course.sandbox.apigateway.RestApiShapes.IntegrationResponse;
import course.sandbox.apigateway.RestApiShapes.Method;
import course.sandbox.apigateway.RestApiShapes.MethodResponse;
import course.sandbox.apigateway.RestApiShapes.MethodSnapshot;
import course.sandbox.apigateway.RestApiShapes.Model;
import course.sandbox.apigateway.RestApiShapes.RequestValidator;
import course.sandbox.apigateway.RestApiShapes.Resource;
import course.sandbox.apigateway.RestApiShapes.RestApi;
import course.sandbox.apigateway.RestApiShapes.Stage;
import course.sandbox.apigateway.RestApiShapes.UsagePlan;
import course.sandbox.apigateway.RestApiShapes.UsagePlanKey;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * API Gateway REST APIs (v1): the APIs with their resources, methods, integrations, models and
 * request validators (the working copy), deployments (frozen copies of it), stages with
 * variables and canary settings, API keys and usage plans. One state per account and region; API
 * ids are unique across them, so an invocation finds its API by id alone. No HTTP here: the
 * protocol layer ({@code apigateway.protocol}) and the execute-api endpoint ({@code apigateway.invoke})
 * both use this model.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/api/API_Operations.html">API Gateway V1 operations</a>
 */
public final class RestApiModel {
    /** How the shapes are read and written: wire member names, absent members left out. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
    public static final List<String> AUTHORIZATION_TYPES = List.of("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS");
    public static final List<String> INTEGRATION_TYPES = List.of("HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY", "MOCK");
    /** Integration timeouts: 50 ms to 29 s, 29 s by default. */
    public static final int MAX_TIMEOUT_MILLIS = 29_000;
    private static final Pattern PATH_PART = Pattern.compile("[A-Za-z0-9._:~@!$&'()*+,;=-]+|\\{[A-Za-z0-9._-]+\\+?}");
    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9]+");
    private static final String ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The account and region an API lives in. */
    public record Scope(String account, String region) {
        /** The ARN API Gateway authorizes control-plane calls on: {@code arn:aws:apigateway:region::/path}. */
        public String resourceArn(String path) {
            return "arn:aws:apigateway:" + region + "::" + path;
        }
    }

    /** One deployment: its wire form and the definition it froze. */
    public record DeploymentState(Deployment deployment, ApiDefinition definition) {
    }

    /** An API as an invocation sees it: where it lives, and its stages and deployments. */
    public record Deployed(Scope scope, String apiId, Stage stage, DeploymentState deployment, boolean canary,
                           Map<String, String> stageVariables) {
    }

    /** The usage plan an API key is in for one stage, and that key. */
    public record KeyPlan(ApiKey key, UsagePlan plan, ApiStage apiStage) {
    }

    private static final class ApiState {
        final Scope scope;
        RestApi api;
        final Map<String, Resource> resources = new LinkedHashMap<>();
        final Map<String, Model> models = new LinkedHashMap<>();
        final Map<String, RequestValidator> validators = new LinkedHashMap<>();
        final Map<String, DeploymentState> deployments = new LinkedHashMap<>();
        final Map<String, Stage> stages = new LinkedHashMap<>();

        ApiState(Scope scope, RestApi api) {
            this.scope = scope;
            this.api = api;
        }
    }

    private static final class ScopeState {
        final Map<String, ApiState> apis = new LinkedHashMap<>();
        final Map<String, ApiKey> apiKeys = new LinkedHashMap<>();
        final Map<String, UsagePlan> usagePlans = new LinkedHashMap<>();
        /** Usage plan id → API key ids in it. */
        final Map<String, List<String>> planKeys = new HashMap<>();
    }

    private final Map<Scope, ScopeState> scopes = new HashMap<>();
    private final Map<String, ApiState> apisById = new HashMap<>();
    private final Optional<StateFile> file;

    /** How the state is kept under {@code --data}: every API of every account and region. */
    record StoredApi(RestApi api, List<Resource> resources, List<Model> models, List<RequestValidator> validators,
                     List<DeploymentState> deployments, List<Stage> stages) {
    }

    record StoredScope(String account, String region, List<StoredApi> apis, List<ApiKey> apiKeys, List<UsagePlan> usagePlans,
                       Map<String, List<String>> planKeys) {
    }

    record StoredState(List<StoredScope> scopes) {
    }

    /** In memory. */
    public RestApiModel() {
        this.file = Optional.empty();
    }

    /** Kept in {@code directory} (the sandbox's {@code --data DIR/apigateway}). */
    public RestApiModel(java.nio.file.Path directory) {
        this.file = Optional.of(new StateFile(directory, JSON));
        file.get().load(StoredState.class).ifPresent(this::restore);
    }

    /** Writes the state when it is kept on disk; the protocol layer calls it after every change. */
    public synchronized void save() {
        if (file.isEmpty()) {
            return;
        }
        List<StoredScope> stored = new ArrayList<>();
        scopes.forEach((scope, state) -> stored.add(new StoredScope(scope.account(), scope.region(),
                state.apis.values().stream().map(api -> new StoredApi(api.api, List.copyOf(api.resources.values()),
                        List.copyOf(api.models.values()), List.copyOf(api.validators.values()),
                        List.copyOf(api.deployments.values()), List.copyOf(api.stages.values()))).toList(),
                List.copyOf(state.apiKeys.values()), List.copyOf(state.usagePlans.values()), state.planKeys)));
        file.get().save(new StoredState(stored));
    }

    private void restore(StoredState stored) {
        for (StoredScope storedScope : stored.scopes()) {
            Scope scope = new Scope(storedScope.account(), storedScope.region());
            ScopeState state = state(scope);
            for (StoredApi storedApi : storedScope.apis()) {
                ApiState api = new ApiState(scope, storedApi.api());
                storedApi.resources().forEach(resource -> api.resources.put(resource.id, resource));
                storedApi.models().forEach(model -> api.models.put(model.name, model));
                storedApi.validators().forEach(validator -> api.validators.put(validator.id, validator));
                storedApi.deployments().forEach(deployment -> api.deployments.put(deployment.deployment().id, deployment));
                storedApi.stages().forEach(stage -> api.stages.put(stage.stageName, stage));
                state.apis.put(api.api.id, api);
                apisById.put(api.api.id, api);
            }
            storedScope.apiKeys().forEach(key -> state.apiKeys.put(key.id, key));
            storedScope.usagePlans().forEach(plan -> state.usagePlans.put(plan.id, plan));
            storedScope.planKeys().forEach((plan, keys) -> state.planKeys.put(plan, new ArrayList<>(keys)));
        }
    }

    // ---- REST APIs ---------------------------------------------------------------------------

    public synchronized RestApi createRestApi(Scope scope, RestApi request, Instant now) {
        if (request.name == null || request.name.isBlank()) {
            throw ApiGatewayErrors.badRequest("Invalid REST API name specified");
        }
        ApiDefinition definition = new ApiDefinition();
        definition.api = request;
        // A new API comes with the models Empty and Error, as the console shows them.
        definition.models.put("Empty", defaultModel("Empty", "This is a default empty schema model",
                "{\n  \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Empty Schema\",\n  \"type\" : \"object\"\n}"));
        definition.models.put("Error", defaultModel("Error", "This is a default error schema model",
                "{\n  \"$schema\" : \"http://json-schema.org/draft-04/schema#\",\n  \"title\" : \"Error Schema\",\n  \"type\" : \"object\",\n"
                        + "  \"properties\" : {\n    \"message\" : { \"type\" : \"string\" }\n  }\n}"));
        return addApi(scope, definition, now).api;
    }

    private static Model defaultModel(String name, String description, String schema) {
        Model model = new Model();
        model.name = name;
        model.description = description;
        model.contentType = "application/json";
        model.schema = schema;
        return model;
    }

    /** Creates an API from a whole definition (CreateRestApi, ImportRestApi); resources keyed by path. */
    private ApiState addApi(Scope scope, ApiDefinition definition, Instant now) {
        RestApi api = copy(definition.api, RestApi.class);
        api.id = newId(10);
        api.createdDate = now.getEpochSecond();
        if (api.apiKeySource == null) {
            api.apiKeySource = "HEADER";
        }
        if (api.endpointConfiguration == null) {
            api.endpointConfiguration = new RestApiShapes.EndpointConfiguration();
            api.endpointConfiguration.types = List.of("EDGE");
        }
        if (api.disableExecuteApiEndpoint == null) {
            api.disableExecuteApiEndpoint = false;
        }
        ApiState state = new ApiState(scope, api);
        Resource root = new Resource();
        root.id = newId(10);
        root.path = "/";
        state.resources.put(root.id, root);
        api.rootResourceId = root.id;
        state(scope).apis.put(api.id, state);
        apisById.put(api.id, state);
        load(state, definition);
        return state;
    }

    public synchronized List<RestApi> getRestApis(Scope scope) {
        return state(scope).apis.values().stream().map(api -> api.api).toList();
    }

    public synchronized RestApi getRestApi(Scope scope, String apiId) {
        return api(scope, apiId).api;
    }

    public synchronized RestApi updateRestApi(Scope scope, String apiId, List<PatchOperations.Operation> operations) {
        ApiState state = api(scope, apiId);
        state.api = patch(state.api, RestApi.class, operations, Set.of("name", "description", "version", "binaryMediaTypes",
                "minimumCompressionSize", "apiKeySource", "policy", "disableExecuteApiEndpoint", "endpointConfiguration"));
        return state.api;
    }

    public synchronized void deleteRestApi(Scope scope, String apiId) {
        api(scope, apiId);
        ScopeState scopeState = state(scope);
        scopeState.apis.remove(apiId);
        apisById.remove(apiId);
        for (UsagePlan plan : scopeState.usagePlans.values()) {
            plan.apiStages.removeIf(stage -> apiId.equals(stage.apiId));
        }
    }

    /** ImportRestApi: a new API from an OpenAPI or Swagger definition ({@link OpenApiImport}). */
    public synchronized RestApi importRestApi(Scope scope, ApiDefinition definition, Instant now) {
        return addApi(scope, definition, now).api;
    }

    /** PutRestApi: the definition overwrites the API's resources, models and validators, or is merged into them. */
    public synchronized RestApi putRestApi(Scope scope, String apiId, ApiDefinition definition, boolean merge) {
        ApiState state = api(scope, apiId);
        if (!merge) {
            Resource root = state.resources.get(state.api.rootResourceId);
            root.resourceMethods = null;
            state.resources.clear();
            state.resources.put(root.id, root);
            state.models.clear();
            state.validators.clear();
            if (definition.api.name != null) {
                state.api.name = definition.api.name;
            }
            state.api.description = definition.api.description;
            state.api.version = definition.api.version;
            state.api.binaryMediaTypes = definition.api.binaryMediaTypes;
        }
        if (definition.api.apiKeySource != null) {
            state.api.apiKeySource = definition.api.apiKeySource;
        }
        load(state, definition);
        return state.api;
    }

    /**
     * Adds a definition's models, validators and resources (with their methods) to an API. Validator
     * ids and model names in the definition's methods refer to the definition's own entries.
     */
    private void load(ApiState state, ApiDefinition definition) {
        for (Model model : definition.models.values()) {
            Model added = copy(model, Model.class);
            added.id = newId(6);
            if (added.schema != null) {
                added.schema = added.schema.replace("\"#/components/schemas/", "\"" + modelUrl(state.api.id, ""));
            }
            state.models.put(added.name, added);
        }
        Map<String, String> validatorIds = new HashMap<>();
        for (Map.Entry<String, RequestValidator> entry : definition.validators.entrySet()) {
            RequestValidator existing = state.validators.values().stream()
                    .filter(validator -> validator.name.equals(entry.getValue().name)).findFirst().orElse(null);
            RequestValidator validator = copy(entry.getValue(), RequestValidator.class);
            validator.id = existing != null ? existing.id : newId(6);
            state.validators.put(validator.id, validator);
            validatorIds.put(entry.getKey(), validator.id);
        }
        Resource root = state.resources.get(state.api.rootResourceId);
        for (Resource resource : definition.resources.values().stream()
                .sorted(Comparator.comparing(resource -> resource.path)).toList()) {
            Resource target = root;
            if (!resource.path.equals("/")) {
                for (String part : resource.path.substring(1).split("/")) {
                    Resource parent = target;
                    target = state.resources.values().stream()
                            .filter(child -> parent.id.equals(child.parentId) && part.equals(child.pathPart)).findFirst()
                            .orElseGet(() -> addResource(state, parent, part));
                }
            }
            if (resource.resourceMethods != null) {
                for (Map.Entry<String, Method> method : resource.resourceMethods.entrySet()) {
                    Method added = copy(method.getValue(), Method.class);
                    if (added.requestValidatorId != null) {
                        added.requestValidatorId = validatorIds.get(added.requestValidatorId);
                    }
                    if (added.methodIntegration != null && added.methodIntegration.cacheNamespace == null) {
                        added.methodIntegration.cacheNamespace = target.id;
                    }
                    if (target.resourceMethods == null) {
                        target.resourceMethods = new TreeMap<>();
                    }
                    target.resourceMethods.put(method.getKey(), added);
                }
            }
        }
    }

    // ---- resources -------------------------------------------------------------------------

    public synchronized List<Resource> getResources(Scope scope, String apiId, boolean embedMethods) {
        return api(scope, apiId).resources.values().stream().map(resource -> view(resource, embedMethods)).toList();
    }

    public synchronized Resource getResource(Scope scope, String apiId, String resourceId, boolean embedMethods) {
        return view(resource(api(scope, apiId), resourceId), embedMethods);
    }

    public synchronized Resource createResource(Scope scope, String apiId, String parentId, String pathPart) {
        ApiState state = api(scope, apiId);
        Resource parent = resource(state, parentId);
        return view(addResource(state, parent, pathPart), false);
    }

    private Resource addResource(ApiState state, Resource parent, String pathPart) {
        if (pathPart == null || !PATH_PART.matcher(pathPart).matches()) {
            throw ApiGatewayErrors.badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning "
                    + "and the end and an optional plus sign before the closing brace.");
        }
        if (parent.pathPart != null && parent.pathPart.endsWith("+}")) {
            throw ApiGatewayErrors.badRequest("Cannot create a child of a resource with a greedy path variable: " + parent.path);
        }
        for (Resource sibling : state.resources.values()) {
            if (parent.id.equals(sibling.parentId)) {
                if (sibling.pathPart.equals(pathPart)) {
                    throw ApiGatewayErrors.conflict("Another resource with the same parent already has this name: " + pathPart);
                }
                if (sibling.pathPart.startsWith("{") && pathPart.startsWith("{")) {
                    throw ApiGatewayErrors.badRequest("A sibling (" + sibling.pathPart + ") of this resource already has a "
                            + "variable path part -- only one is allowed");
                }
            }
        }
        Resource resource = new Resource();
        resource.id = newId(6);
        resource.parentId = parent.id;
        resource.pathPart = pathPart;
        resource.path = (parent.path.equals("/") ? "" : parent.path) + "/" + pathPart;
        state.resources.put(resource.id, resource);
        return resource;
    }

    /** UpdateResource: a new path part, or a new parent (never one of its own descendants); children move along. */
    public synchronized Resource updateResource(Scope scope, String apiId, String resourceId,
                                                List<PatchOperations.Operation> operations) {
        ApiState state = api(scope, apiId);
        Resource resource = resource(state, resourceId);
        if (resource.parentId == null) {
            throw ApiGatewayErrors.badRequest("The root resource cannot be changed");
        }
        Resource patched = patch(resource, Resource.class, operations, Set.of("pathPart", "parentId"));
        if (patched.pathPart.equals(resource.pathPart) && patched.parentId.equals(resource.parentId)) {
            return view(resource, false);
        }
        Resource parent = resource(state, patched.parentId);
        for (Resource ancestor = parent; ancestor != null; ancestor = ancestor.parentId == null ? null
                : state.resources.get(ancestor.parentId)) {
            if (ancestor.id.equals(resourceId)) {
                throw ApiGatewayErrors.badRequest("A resource cannot be moved under itself or one of its children");
            }
        }
        state.resources.remove(resourceId);
        try {
            // The same name and sibling rules as CreateResource, checked on a stand-in.
            Resource standIn = addResource(state, parent, patched.pathPart);
            state.resources.remove(standIn.id);
            resource.parentId = parent.id;
            resource.pathPart = patched.pathPart;
            repath(state, resource, standIn.path);
        } finally {
            state.resources.put(resourceId, resource);
        }
        return view(resource, false);
    }

    private void repath(ApiState state, Resource resource, String path) {
        resource.path = path;
        for (Resource child : state.resources.values()) {
            if (resource.id.equals(child.parentId)) {
                repath(state, child, (path.equals("/") ? "" : path) + "/" + child.pathPart);
            }
        }
    }

    public synchronized void deleteResource(Scope scope, String apiId, String resourceId) {
        ApiState state = api(scope, apiId);
        Resource resource = resource(state, resourceId);
        if (resource.parentId == null) {
            throw ApiGatewayErrors.badRequest("Cannot delete the root resource");
        }
        List<String> doomed = new ArrayList<>(List.of(resourceId));
        for (int i = 0; i < doomed.size(); i++) {
            String parent = doomed.get(i);
            state.resources.values().stream().filter(child -> parent.equals(child.parentId)).forEach(child -> doomed.add(child.id));
        }
        doomed.forEach(state.resources::remove);
    }

    // ---- methods -----------------------------------------------------------------------------

    public synchronized Method putMethod(Scope scope, String apiId, String resourceId, String httpMethod, Method request) {
        ApiState state = api(scope, apiId);
        Resource resource = resource(state, resourceId);
        checkHttpMethod(httpMethod);
        if (resource.resourceMethods != null && resource.resourceMethods.containsKey(httpMethod)) {
            throw ApiGatewayErrors.conflict("Method already exists for this resource");
        }
        if (request.authorizationType == null || !AUTHORIZATION_TYPES.contains(request.authorizationType)) {
            throw ApiGatewayErrors.badRequest("Invalid authorization type specified. Valid values are " + AUTHORIZATION_TYPES);
        }
        Method method = copy(request, Method.class);
        method.httpMethod = httpMethod;
        if (method.apiKeyRequired == null) {
            method.apiKeyRequired = false;
        }
        method.methodResponses = null;
        method.methodIntegration = null;
        checkMethodReferences(state, method);
        if (resource.resourceMethods == null) {
            resource.resourceMethods = new TreeMap<>();
        }
        resource.resourceMethods.put(httpMethod, method);
        return method;
    }

    public synchronized Method getMethod(Scope scope, String apiId, String resourceId, String httpMethod) {
        return method(api(scope, apiId), resourceId, httpMethod);
    }

    public synchronized Method updateMethod(Scope scope, String apiId, String resourceId, String httpMethod,
                                            List<PatchOperations.Operation> operations) {
        ApiState state = api(scope, apiId);
        Method method = method(state, resourceId, httpMethod);
        Method patched = patch(method, Method.class, operations, Set.of("authorizationType", "authorizerId", "apiKeyRequired",
                "requestValidatorId", "operationName", "requestParameters", "requestModels", "authorizationScopes"));
        checkMethodReferences(state, patched);
        state.resources.get(resourceId).resourceMethods.put(httpMethod, patched);
        return patched;
    }

    public synchronized void deleteMethod(Scope scope, String apiId, String resourceId, String httpMethod) {
        ApiState state = api(scope, apiId);
        method(state, resourceId, httpMethod);
        state.resources.get(resourceId).resourceMethods.remove(httpMethod);
    }

    private static void checkMethodReferences(ApiState state, Method method) {
        if (method.requestValidatorId != null && !state.validators.containsKey(method.requestValidatorId)) {
            throw ApiGatewayErrors.badRequest("Invalid Request Validator identifier specified");
        }
        if (method.requestModels != null) {
            for (String model : method.requestModels.values()) {
                if (!state.models.containsKey(model)) {
                    throw ApiGatewayErrors.badRequest("Invalid model identifier specified: " + model);
                }
            }
        }
        if (method.requestParameters != null) {
            for (String parameter : method.requestParameters.keySet()) {
                if (!parameter.matches("method\\.request\\.(querystring|header|path|multivaluequerystring|multivalueheader)\\.[^.].*")) {
                    throw ApiGatewayErrors.badRequest("Invalid mapping expression specified: Validation Result: warnings : [], "
                            + "errors : [Invalid method request parameter name specified: " + parameter + "]");
                }
            }
        }
    }

    // ---- method responses --------------------------------------------------------------------

    public synchronized MethodResponse putMethodResponse(Scope scope, String apiId, String resourceId, String httpMethod,
                                                         String statusCode, MethodResponse request) {
        Method method = method(api(scope, apiId), resourceId, httpMethod);
        checkStatusCode(statusCode);
        MethodResponse response = copy(request, MethodResponse.class);
        response.statusCode = statusCode;
        if (method.methodResponses == null) {
            method.methodResponses = new TreeMap<>();
        }
        method.methodResponses.put(statusCode, response);
        return response;
    }

    public synchronized MethodResponse getMethodResponse(Scope scope, String apiId, String resourceId, String httpMethod,
                                                         String statusCode) {
        return methodResponse(method(api(scope, apiId), resourceId, httpMethod), statusCode);
    }

    public synchronized MethodResponse updateMethodResponse(Scope scope, String apiId, String resourceId, String httpMethod,
                                                            String statusCode, List<PatchOperations.Operation> operations) {
        Method method = method(api(scope, apiId), resourceId, httpMethod);
        MethodResponse patched = patch(methodResponse(method, statusCode), MethodResponse.class, operations,
                Set.of("responseParameters", "responseModels"));
        method.methodResponses.put(statusCode, patched);
        return patched;
    }

    public synchronized void deleteMethodResponse(Scope scope, String apiId, String resourceId, String httpMethod, String statusCode) {
        Method method = method(api(scope, apiId), resourceId, httpMethod);
        methodResponse(method, statusCode);
        method.methodResponses.remove(statusCode);
    }

    // ---- integrations --------------------------------------------------------------------------

    public synchronized Integration putIntegration(Scope scope, String apiId, String resourceId, String httpMethod,
                                                  Integration request) {
        Method method = method(api(scope, apiId), resourceId, httpMethod);
        Integration integration = copy(request, Integration.class);
        checkIntegration(integration);
        if (integration.passthroughBehavior == null) {
            integration.passthroughBehavior = "WHEN_NO_MATCH";
        }
        if (integration.timeoutInMillis == null) {
            integration.timeoutInMillis = MAX_TIMEOUT_MILLIS;
        }
        if (integration.cacheNamespace == null) {
            integration.cacheNamespace = resourceId;
        }
        if (integration.cacheKeyParameters == null) {
            integration.cacheKeyParameters = List.of();
        }
        if (integration.connectionType == null && !integration.type.equals("MOCK")) {
            integration.connectionType = "INTERNET";
        }
        integration.integrationResponses = method.methodIntegration == null ? null : method.methodIntegration.integrationResponses;
        method.methodIntegration = integration;
        return integration;
    }

    static void checkIntegration(Integration integration) {
        if (integration.type == null || !INTEGRATION_TYPES.contains(integration.type)) {
            throw ApiGatewayErrors.badRequest("Invalid integration type specified. Valid values are " + INTEGRATION_TYPES);
        }
        if (!integration.type.equals("MOCK")) {
            if (integration.httpMethod == null || integration.httpMethod.isBlank()) {
                throw ApiGatewayErrors.badRequest("Enumeration value for HttpMethod must be non-empty");
            }
            if (integration.uri == null || integration.uri.isBlank()) {
                throw ApiGatewayErrors.badRequest("Invalid integration URI specified");
            }
            boolean http = integration.type.startsWith("HTTP");
            if (http && !integration.uri.matches("https?://.+")) {
                throw ApiGatewayErrors.badRequest("Invalid HTTP endpoint specified for URI");
            }
            if (!http && !integration.uri.matches("arn:aws[a-z-]*:apigateway:[a-z0-9-]+:[a-z0-9.-]+:(path|action)/.+")) {
                throw ApiGatewayErrors.badRequest("AWS ARN for integration must contain path or action");
            }
            if (integration.type.equals("AWS_PROXY") && !integration.uri.contains(":lambda:path/")) {
                throw ApiGatewayErrors.badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function "
                        + "and Firehose stream invocations.");
            }
        }
        if (integration.timeoutInMillis != null
                && (integration.timeoutInMillis < 50 || integration.timeoutInMillis > MAX_TIMEOUT_MILLIS)) {
            throw ApiGatewayErrors.badRequest("Timeout should be between 50 ms and 29000 ms");
        }
    }

    public synchronized Integration getIntegration(Scope scope, String apiId, String resourceId, String httpMethod) {
        return integration(method(api(scope, apiId), resourceId, httpMethod));
    }

    public synchronized Integration updateIntegration(Scope scope, String apiId, String resourceId, String httpMethod,
                                                      List<PatchOperations.Operation> operations) {
        Method method = method(api(scope, apiId), resourceId, httpMethod);
        Integration patched = patch(integration(method), Integration.class, operations, Set.of("type", "httpMethod", "uri",
                "credentials", "requestParameters", "requestTemplates", "passthroughBehavior", "contentHandling",
                "timeoutInMillis", "cacheNamespace", "cacheKeyParameters", "connectionType", "connectionId"));
        checkIntegration(patched);
        method.methodIntegration = patched;
        return patched;
    }

    public synchronized void deleteIntegration(Scope scope, String apiId, String resourceId, String httpMethod) {
        Method method = method(api(scope, apiId), resourceId, httpMethod);
        integration(method);
        method.methodIntegration = null;
    }

    public synchronized IntegrationResponse putIntegrationResponse(Scope scope, String apiId, String resourceId,
                                                                   String httpMethod, String statusCode,
                                                                   IntegrationResponse request) {
        Integration integration = integration(method(api(scope, apiId), resourceId, httpMethod));
        checkStatusCode(statusCode);
        IntegrationResponse response = copy(request, IntegrationResponse.class);
        response.statusCode = statusCode;
        if (integration.integrationResponses == null) {
            integration.integrationResponses = new TreeMap<>();
        }
        integration.integrationResponses.put(statusCode, response);
        return response;
    }

    public synchronized IntegrationResponse getIntegrationResponse(Scope scope, String apiId, String resourceId,
                                                                   String httpMethod, String statusCode) {
        return integrationResponse(integration(method(api(scope, apiId), resourceId, httpMethod)), statusCode);
    }

    public synchronized IntegrationResponse updateIntegrationResponse(Scope scope, String apiId, String resourceId,
                                                                      String httpMethod, String statusCode,
                                                                      List<PatchOperations.Operation> operations) {
        Integration integration = integration(method(api(scope, apiId), resourceId, httpMethod));
        IntegrationResponse patched = patch(integrationResponse(integration, statusCode), IntegrationResponse.class, operations,
                Set.of("selectionPattern", "responseParameters", "responseTemplates", "contentHandling"));
        integration.integrationResponses.put(statusCode, patched);
        return patched;
    }

    public synchronized void deleteIntegrationResponse(Scope scope, String apiId, String resourceId, String httpMethod,
                                                       String statusCode) {
        Integration integration = integration(method(api(scope, apiId), resourceId, httpMethod));
        integrationResponse(integration, statusCode);
        integration.integrationResponses.remove(statusCode);
    }

    // ---- models ------------------------------------------------------------------------------

    public synchronized Model createModel(Scope scope, String apiId, Model request) {
        ApiState state = api(scope, apiId);
        if (request.name == null || !MODEL_NAME.matcher(request.name).matches()) {
            throw ApiGatewayErrors.badRequest("Model name must be non-empty and alphanumeric");
        }
        if (request.contentType == null || request.contentType.isBlank()) {
            throw ApiGatewayErrors.badRequest("Content type must be non-empty");
        }
        if (state.models.containsKey(request.name)) {
            throw ApiGatewayErrors.conflict("Model name already exists for this REST API");
        }
        checkSchema(request.schema);
        Model model = copy(request, Model.class);
        model.id = newId(6);
        state.models.put(model.name, model);
        return model;
    }

    private static void checkSchema(String schema) {
        if (schema == null) {
            return;
        }
        try {
            JsonNode tree = JSON.readTree(schema);
            if (!tree.isObject()) {
                throw ApiGatewayErrors.badRequest("Invalid model specified: Validation Result: warnings : [], errors : "
                        + "[Invalid model schema specified. Unsupported keyword(s): [\"\"]]");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiGatewayErrors.badRequest("Invalid model specified: Validation Result: warnings : [], errors : "
                    + "[Invalid model schema specified]");
        }
    }

    public synchronized List<Model> getModels(Scope scope, String apiId) {
        return List.copyOf(api(scope, apiId).models.values());
    }

    public synchronized Model getModel(Scope scope, String apiId, String name) {
        return model(api(scope, apiId), name);
    }

    public synchronized Model updateModel(Scope scope, String apiId, String name, List<PatchOperations.Operation> operations) {
        ApiState state = api(scope, apiId);
        Model patched = patch(model(state, name), Model.class, operations, Set.of("schema", "description"));
        checkSchema(patched.schema);
        state.models.put(name, patched);
        return patched;
    }

    public synchronized void deleteModel(Scope scope, String apiId, String name) {
        ApiState state = api(scope, apiId);
        model(state, name);
        for (Resource resource : state.resources.values()) {
            if (resource.resourceMethods != null && resource.resourceMethods.values().stream()
                    .anyMatch(method -> method.requestModels != null && method.requestModels.containsValue(name))) {
                throw ApiGatewayErrors.conflict("Cannot delete model '" + name + "', is referenced in method request: "
                        + resource.path);
            }
        }
        state.models.remove(name);
    }

    // ---- request validators --------------------------------------------------------------------

    public synchronized RequestValidator createRequestValidator(Scope scope, String apiId, RequestValidator request) {
        ApiState state = api(scope, apiId);
        if (request.name == null || request.name.isBlank()) {
            throw ApiGatewayErrors.badRequest("Request validator name must be non-empty");
        }
        if (state.validators.values().stream().anyMatch(validator -> validator.name.equals(request.name))) {
            throw ApiGatewayErrors.conflict("Validator with name '" + request.name + "' already exists");
        }
        RequestValidator validator = copy(request, RequestValidator.class);
        validator.id = newId(6);
        validator.validateRequestBody = Boolean.TRUE.equals(validator.validateRequestBody);
        validator.validateRequestParameters = Boolean.TRUE.equals(validator.validateRequestParameters);
        state.validators.put(validator.id, validator);
        return validator;
    }

    public synchronized List<RequestValidator> getRequestValidators(Scope scope, String apiId) {
        return List.copyOf(api(scope, apiId).validators.values());
    }

    public synchronized RequestValidator getRequestValidator(Scope scope, String apiId, String id) {
        return validator(api(scope, apiId), id);
    }

    public synchronized RequestValidator updateRequestValidator(Scope scope, String apiId, String id,
                                                                List<PatchOperations.Operation> operations) {
        ApiState state = api(scope, apiId);
        RequestValidator patched = patch(validator(state, id), RequestValidator.class, operations,
                Set.of("name", "validateRequestBody", "validateRequestParameters"));
        state.validators.put(id, patched);
        return patched;
    }

    public synchronized void deleteRequestValidator(Scope scope, String apiId, String id) {
        ApiState state = api(scope, apiId);
        validator(state, id);
        state.validators.remove(id);
    }

    // ---- deployments ---------------------------------------------------------------------------

    /**
     * CreateDeployment: freezes the working copy. With a stage name it also creates that stage or
     * points it at the new deployment; with canary settings it makes the deployment that stage's canary.
     */
    public synchronized Deployment createDeployment(Scope scope, String apiId, String stageName, String stageDescription,
                                                    String description, Map<String, String> variables,
                                                    CanarySettings canary, Instant now) {
        ApiState state = api(scope, apiId);
        Map<String, Map<String, MethodSnapshot>> summary = new TreeMap<>();
        for (Resource resource : state.resources.values()) {
            if (resource.resourceMethods == null) {
                continue;
            }
            for (Method method : resource.resourceMethods.values()) {
                if (method.methodIntegration == null) {
                    throw ApiGatewayErrors.badRequest("No integration defined for method");
                }
                MethodSnapshot snapshot = new MethodSnapshot();
                snapshot.authorizationType = method.authorizationType;
                snapshot.apiKeyRequired = method.apiKeyRequired;
                summary.computeIfAbsent(resource.path, path -> new TreeMap<>()).put(method.httpMethod, snapshot);
            }
        }
        if (summary.isEmpty()) {
            throw ApiGatewayErrors.badRequest("The REST API doesn't contain any methods");
        }
        if (canary != null && (stageName == null || !state.stages.containsKey(stageName))) {
            throw ApiGatewayErrors.badRequest("Invalid stage identifier specified");
        }
        if (stageName != null && !STAGE_NAME.matcher(stageName).matches()) {
            throw ApiGatewayErrors.badRequest("Stage name only allows a-zA-Z0-9_");
        }
        Deployment deployment = new Deployment();
        deployment.id = newId(6);
        deployment.description = description;
        deployment.createdDate = now.getEpochSecond();
        deployment.apiSummary = summary;
        state.deployments.put(deployment.id, new DeploymentState(deployment, definition(state)));
        if (stageName != null) {
            Stage stage = state.stages.get(stageName);
            if (canary != null) {
                CanarySettings settings = copy(canary, CanarySettings.class);
                settings.deploymentId = deployment.id;
                if (settings.percentTraffic == null) {
                    settings.percentTraffic = 0.0;
                }
                checkPercent(settings.percentTraffic);
                stage.canarySettings = settings;
            } else if (stage == null) {
                stage = new Stage();
                stage.stageName = stageName;
                stage.description = stageDescription;
                stage.variables = variables;
                stage.deploymentId = deployment.id;
                newStage(state, stage, now);
            } else {
                stage.deploymentId = deployment.id;
                if (variables != null) {
                    stage.variables = variables;
                }
            }
            stage.lastUpdatedDate = now.getEpochSecond();
        }
        return deployment;
    }

    private static ApiDefinition definition(ApiState state) {
        ApiDefinition definition = new ApiDefinition();
        definition.api = state.api;
        definition.resources = new LinkedHashMap<>(state.resources);
        definition.models = new LinkedHashMap<>(state.models);
        definition.validators = new LinkedHashMap<>(state.validators);
        return copy(definition, ApiDefinition.class);
    }

    public synchronized List<Deployment> getDeployments(Scope scope, String apiId) {
        return api(scope, apiId).deployments.values().stream().map(DeploymentState::deployment).toList();
    }

    public synchronized Deployment getDeployment(Scope scope, String apiId, String deploymentId) {
        return deployment(api(scope, apiId), deploymentId).deployment();
    }

    public synchronized Deployment updateDeployment(Scope scope, String apiId, String deploymentId,
                                                    List<PatchOperations.Operation> operations) {
        ApiState state = api(scope, apiId);
        DeploymentState deployment = deployment(state, deploymentId);
        Deployment patched = patch(deployment.deployment(), Deployment.class, operations, Set.of("description"));
        state.deployments.put(deploymentId, new DeploymentState(patched, deployment.definition()));
        return patched;
    }

    public synchronized void deleteDeployment(Scope scope, String apiId, String deploymentId) {
        ApiState state = api(scope, apiId);
        deployment(state, deploymentId);
        for (Stage stage : state.stages.values()) {
            if (deploymentId.equals(stage.deploymentId)
                    || stage.canarySettings != null && deploymentId.equals(stage.canarySettings.deploymentId)) {
                throw ApiGatewayErrors.badRequest("Active stages pointing to this deployment must be moved or deleted");
            }
        }
        state.deployments.remove(deploymentId);
    }

    /** The definition a deployment froze: what GetExport exports and an invocation runs. */
    public synchronized ApiDefinition deployedDefinition(Scope scope, String apiId, String stageName) {
        ApiState state = api(scope, apiId);
        return state.deployments.get(stage(state, stageName).deploymentId).definition();
    }

    // ---- stages --------------------------------------------------------------------------------

    public synchronized Stage createStage(Scope scope, String apiId, Stage request, Instant now) {
        ApiState state = api(scope, apiId);
        if (request.stageName == null || !STAGE_NAME.matcher(request.stageName).matches()) {
            throw ApiGatewayErrors.badRequest("Stage name only allows a-zA-Z0-9_");
        }
        if (state.stages.containsKey(request.stageName)) {
            throw ApiGatewayErrors.conflict("Stage already exists");
        }
        deployment(state, request.deploymentId);
        Stage stage = copy(request, Stage.class);
        if (stage.canarySettings != null) {
            checkCanary(state, stage.canarySettings);
        }
        return newStage(state, stage, now);
    }

    private static Stage newStage(ApiState state, Stage stage, Instant now) {
        stage.createdDate = now.getEpochSecond();
        stage.lastUpdatedDate = now.getEpochSecond();
        if (stage.cacheClusterEnabled == null) {
            stage.cacheClusterEnabled = false;
        }
        stage.cacheClusterStatus = "NOT_AVAILABLE";
        if (stage.tracingEnabled == null) {
            stage.tracingEnabled = false;
        }
        if (stage.methodSettings == null) {
            stage.methodSettings = new TreeMap<>();
        }
        state.stages.put(stage.stageName, stage);
        return stage;
    }

    private void checkCanary(ApiState state, CanarySettings canary) {
        if (canary.deploymentId != null) {
            deployment(state, canary.deploymentId);
        }
        if (canary.percentTraffic == null) {
            canary.percentTraffic = 0.0;
        }
        checkPercent(canary.percentTraffic);
        if (canary.useStageCache == null) {
            canary.useStageCache = false;
        }
    }

    private static void checkPercent(double percent) {
        if (percent < 0 || percent > 100) {
            throw ApiGatewayErrors.badRequest("Canary traffic percentage must be between 0.0 and 100.0");
        }
    }

    public synchronized List<Stage> getStages(Scope scope, String apiId, String deploymentId) {
        return api(scope, apiId).stages.values().stream()
                .filter(stage -> deploymentId == null || deploymentId.equals(stage.deploymentId)).toList();
    }

    public synchronized Stage getStage(Scope scope, String apiId, String stageName) {
        return stage(api(scope, apiId), stageName);
    }

    /**
     * UpdateStage. Promoting a canary is {@code copy /canarySettings/deploymentId → /deploymentId}
     * and {@code copy /canarySettings/stageVariableOverrides → /variables}; removing
     * {@code /canarySettings} ends it.
     *
     * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/promote-canary-deployment.html">Promote a canary release</a>
     */
    public synchronized Stage updateStage(Scope scope, String apiId, String stageName, List<PatchOperations.Operation> operations,
                                          Instant now) {
        ApiState state = api(scope, apiId);
        Stage stage = stage(state, stageName);
        List<PatchOperations.Operation> adjusted = new ArrayList<>();
        for (PatchOperations.Operation operation : operations) {
            if ("copy".equals(operation.op()) && "/canarySettings/stageVariableOverrides".equals(operation.from())
                    && "/variables".equals(operation.path())) {
                // Promotion merges the overrides into the stage's variables.
                if (stage.canarySettings != null && stage.canarySettings.stageVariableOverrides != null) {
                    stage.canarySettings.stageVariableOverrides.forEach((name, value) -> adjusted.add(
                            new PatchOperations.Operation("replace", "/variables/" + name.replace("/", "~1"), value, null)));
                }
            } else {
                adjusted.add(operation);
            }
        }
        Stage patched = patch(stage, Stage.class, adjusted, Set.of("deploymentId", "description", "variables",
                "canarySettings", "accessLogSettings", "tracingEnabled", "cacheClusterEnabled", "methodSettings",
                "clientCertificateId", "documentationVersion"));
        deployment(state, patched.deploymentId);
        if (patched.canarySettings != null) {
            checkCanary(state, patched.canarySettings);
        }
        if (patched.accessLogSettings != null && patched.accessLogSettings.destinationArn != null
                && !patched.accessLogSettings.destinationArn.startsWith("arn:aws:logs:")) {
            throw ApiGatewayErrors.badRequest("Invalid ARN specified in the request. ARN must be a valid CloudWatch Logs "
                    + "log group ARN");
        }
        patched.lastUpdatedDate = now.getEpochSecond();
        state.stages.put(stageName, patched);
        return patched;
    }

    public synchronized void deleteStage(Scope scope, String apiId, String stageName) {
        ApiState state = api(scope, apiId);
        stage(state, stageName);
        state.stages.remove(stageName);
        for (UsagePlan plan : state(scope).usagePlans.values()) {
            plan.apiStages.removeIf(stage -> apiId.equals(stage.apiId) && stageName.equals(stage.stage));
        }
    }

    // ---- API keys ------------------------------------------------------------------------------

    public synchronized ApiKey createApiKey(Scope scope, ApiKey request, Instant now) {
        if (request.value != null && request.value.length() < 20) {
            throw ApiGatewayErrors.badRequest("API Key value should be at least 20 characters");
        }
        ScopeState scopeState = state(scope);
        if (request.value != null && scopeState.apiKeys.values().stream().anyMatch(key -> request.value.equals(key.value))) {
            throw ApiGatewayErrors.conflict("API Key already exists");
        }
        ApiKey key = copy(request, ApiKey.class);
        key.id = newId(10);
        if (key.value == null) {
            key.value = newKeyValue();
        }
        if (key.enabled == null) {
            key.enabled = false;
        }
        if (key.stageKeys == null) {
            key.stageKeys = List.of();
        }
        key.createdDate = now.getEpochSecond();
        key.lastUpdatedDate = now.getEpochSecond();
        scopeState.apiKeys.put(key.id, key);
        return key;
    }

    public synchronized List<ApiKey> getApiKeys(Scope scope, String nameQuery) {
        return state(scope).apiKeys.values().stream()
                .filter(key -> nameQuery == null || key.name != null && key.name.startsWith(nameQuery)).toList();
    }

    public synchronized ApiKey getApiKey(Scope scope, String keyId) {
        return apiKey(state(scope), keyId);
    }

    public synchronized ApiKey updateApiKey(Scope scope, String keyId, List<PatchOperations.Operation> operations, Instant now) {
        ScopeState scopeState = state(scope);
        ApiKey patched = patch(apiKey(scopeState, keyId), ApiKey.class, operations,
                Set.of("name", "description", "enabled", "customerId", "stageKeys"));
        patched.lastUpdatedDate = now.getEpochSecond();
        scopeState.apiKeys.put(keyId, patched);
        return patched;
    }

    public synchronized void deleteApiKey(Scope scope, String keyId) {
        ScopeState scopeState = state(scope);
        apiKey(scopeState, keyId);
        scopeState.apiKeys.remove(keyId);
        scopeState.planKeys.values().forEach(keys -> keys.remove(keyId));
    }

    // ---- usage plans ---------------------------------------------------------------------------

    public synchronized UsagePlan createUsagePlan(Scope scope, UsagePlan request) {
        if (request.name == null || request.name.isBlank()) {
            throw ApiGatewayErrors.badRequest("Usage Plan name must be non-empty");
        }
        UsagePlan plan = copy(request, UsagePlan.class);
        if (plan.apiStages == null) {
            plan.apiStages = new ArrayList<>();
        }
        checkPlan(scope, plan);
        plan.id = newId(6);
        ScopeState scopeState = state(scope);
        scopeState.usagePlans.put(plan.id, plan);
        scopeState.planKeys.put(plan.id, new ArrayList<>());
        return plan;
    }

    private void checkPlan(Scope scope, UsagePlan plan) {
        for (ApiStage apiStage : plan.apiStages) {
            ApiState api = state(scope).apis.get(apiStage.apiId);
            if (api == null || !api.stages.containsKey(apiStage.stage)) {
                throw ApiGatewayErrors.badRequest("API Stage not found: " + apiStage.apiId + ":" + apiStage.stage);
            }
        }
        if (plan.quota != null) {
            if (plan.quota.limit == null || plan.quota.limit < 0 || plan.quota.period == null
                    || !List.of("DAY", "WEEK", "MONTH").contains(plan.quota.period)) {
                throw ApiGatewayErrors.badRequest("Invalid quota: a limit of at least 0 and a period of DAY, WEEK or MONTH");
            }
            if (plan.quota.offset == null) {
                plan.quota.offset = 0;
            }
        }
        if (plan.throttle != null && (plan.throttle.rateLimit != null && plan.throttle.rateLimit < 0
                || plan.throttle.burstLimit != null && plan.throttle.burstLimit < 0)) {
            throw ApiGatewayErrors.badRequest("Invalid throttle: rate and burst limits must not be negative");
        }
    }

    public synchronized List<UsagePlan> getUsagePlans(Scope scope, String keyId) {
        ScopeState scopeState = state(scope);
        return scopeState.usagePlans.values().stream()
                .filter(plan -> keyId == null || scopeState.planKeys.get(plan.id).contains(keyId)).toList();
    }

    public synchronized UsagePlan getUsagePlan(Scope scope, String planId) {
        return usagePlan(state(scope), planId);
    }

    /** UpdateUsagePlan; {@code add /apiStages value apiId:stage} attaches a stage, {@code remove} detaches it. */
    public synchronized UsagePlan updateUsagePlan(Scope scope, String planId, List<PatchOperations.Operation> operations) {
        ScopeState scopeState = state(scope);
        UsagePlan plan = usagePlan(scopeState, planId);
        List<PatchOperations.Operation> rest = new ArrayList<>();
        List<ApiStage> stages = new ArrayList<>(plan.apiStages);
        for (PatchOperations.Operation operation : operations) {
            if ("/apiStages".equals(operation.path()) && operation.value() != null && operation.value().contains(":")) {
                String[] apiAndStage = operation.value().split(":", 2);
                if ("add".equals(operation.op())) {
                    ApiStage added = new ApiStage();
                    added.apiId = apiAndStage[0];
                    added.stage = apiAndStage[1];
                    stages.add(added);
                } else if ("remove".equals(operation.op())) {
                    stages.removeIf(stage -> apiAndStage[0].equals(stage.apiId) && apiAndStage[1].equals(stage.stage));
                }
            } else {
                rest.add(operation);
            }
        }
        UsagePlan patched = patch(plan, UsagePlan.class, rest, Set.of("name", "description", "throttle", "quota", "productCode"));
        patched.apiStages = stages;
        checkPlan(scope, patched);
        scopeState.usagePlans.put(planId, patched);
        return patched;
    }

    public synchronized void deleteUsagePlan(Scope scope, String planId) {
        ScopeState scopeState = state(scope);
        usagePlan(scopeState, planId);
        scopeState.usagePlans.remove(planId);
        scopeState.planKeys.remove(planId);
    }

    public synchronized UsagePlanKey createUsagePlanKey(Scope scope, String planId, String keyId, String keyType) {
        ScopeState scopeState = state(scope);
        UsagePlan plan = usagePlan(scopeState, planId);
        if (!"API_KEY".equals(keyType)) {
            throw ApiGatewayErrors.badRequest("Invalid key type specified: " + keyType + ". Valid values are [API_KEY]");
        }
        ApiKey key = apiKey(scopeState, keyId);
        List<String> keys = scopeState.planKeys.get(planId);
        if (keys.contains(keyId)) {
            throw ApiGatewayErrors.conflict("Usage Plan " + planId + " cannot be added because API Key " + keyId
                    + " already references it");
        }
        for (UsagePlan other : scopeState.usagePlans.values()) {
            if (!other.id.equals(planId) && scopeState.planKeys.get(other.id).contains(keyId)
                    && other.apiStages.stream().anyMatch(stage -> plan.apiStages.stream().anyMatch(
                            mine -> mine.apiId.equals(stage.apiId) && mine.stage.equals(stage.stage)))) {
                throw ApiGatewayErrors.conflict("Usage Plan " + planId + " cannot be added because API Key " + keyId
                        + " cannot reference multiple Usage Plans with the same API Stage");
            }
        }
        keys.add(keyId);
        return planKey(key);
    }

    public synchronized List<UsagePlanKey> getUsagePlanKeys(Scope scope, String planId) {
        ScopeState scopeState = state(scope);
        usagePlan(scopeState, planId);
        return scopeState.planKeys.get(planId).stream().map(id -> planKey(scopeState.apiKeys.get(id))).toList();
    }

    public synchronized UsagePlanKey getUsagePlanKey(Scope scope, String planId, String keyId) {
        ScopeState scopeState = state(scope);
        usagePlan(scopeState, planId);
        if (!scopeState.planKeys.get(planId).contains(keyId)) {
            throw ApiGatewayErrors.notFound("Invalid API Key identifier specified");
        }
        return planKey(scopeState.apiKeys.get(keyId));
    }

    public synchronized void deleteUsagePlanKey(Scope scope, String planId, String keyId) {
        ScopeState scopeState = state(scope);
        usagePlan(scopeState, planId);
        if (!scopeState.planKeys.get(planId).remove(keyId)) {
            throw ApiGatewayErrors.notFound("Invalid API Key identifier specified");
        }
    }

    private static UsagePlanKey planKey(ApiKey key) {
        UsagePlanKey planKey = new UsagePlanKey();
        planKey.id = key.id;
        planKey.type = "API_KEY";
        planKey.value = key.value;
        planKey.name = key.name;
        return planKey;
    }

    // ---- what an invocation needs ------------------------------------------------------------

    /** The account and region of an API, by its id alone. */
    public synchronized Optional<Scope> scopeOf(String apiId) {
        return Optional.ofNullable(apisById.get(apiId)).map(state -> state.scope);
    }

    /**
     * The deployment a request to a stage runs: the canary's with probability percentTraffic/100
     * ({@code draw} is uniform in [0, 100)), else the stage's; with the stage variables it sees
     * (the canary's overrides on top of the stage's).
     */
    public synchronized Optional<Deployed> deployed(String apiId, String stageName, double draw) {
        ApiState state = apisById.get(apiId);
        if (state == null || !state.stages.containsKey(stageName)) {
            return Optional.empty();
        }
        Stage stage = state.stages.get(stageName);
        CanarySettings canary = stage.canarySettings;
        boolean toCanary = canary != null && canary.deploymentId != null && canary.percentTraffic != null
                && draw < canary.percentTraffic;
        Map<String, String> variables = new LinkedHashMap<>(stage.variables == null ? Map.of() : stage.variables);
        if (toCanary && canary.stageVariableOverrides != null) {
            variables.putAll(canary.stageVariableOverrides);
        }
        DeploymentState deployment = state.deployments.get(toCanary ? canary.deploymentId : stage.deploymentId);
        return Optional.of(new Deployed(state.scope, apiId, copy(stage, Stage.class), deployment, toCanary, variables));
    }

    /** The enabled API key with this value and the usage plan it is in for the stage, if any. */
    public synchronized Optional<KeyPlan> keyPlan(Scope scope, String apiId, String stageName, String keyValue) {
        ScopeState scopeState = state(scope);
        for (ApiKey key : scopeState.apiKeys.values()) {
            if (!key.value.equals(keyValue) || !Boolean.TRUE.equals(key.enabled)) {
                continue;
            }
            for (UsagePlan plan : scopeState.usagePlans.values()) {
                if (!scopeState.planKeys.get(plan.id).contains(key.id)) {
                    continue;
                }
                for (ApiStage apiStage : plan.apiStages) {
                    if (apiId.equals(apiStage.apiId) && stageName.equals(apiStage.stage)) {
                        return Optional.of(new KeyPlan(copy(key, ApiKey.class), copy(plan, UsagePlan.class), apiStage));
                    }
                }
            }
        }
        return Optional.empty();
    }

    public synchronized void reset() {
        scopes.clear();
        apisById.clear();
        save();
    }

    // ---- lookups ---------------------------------------------------------------------------

    private ScopeState state(Scope scope) {
        return scopes.computeIfAbsent(scope, key -> new ScopeState());
    }

    private ApiState api(Scope scope, String apiId) {
        ApiState state = state(scope).apis.get(apiId);
        if (state == null) {
            throw ApiGatewayErrors.notFound("Invalid API identifier specified " + scope.account() + ":" + apiId);
        }
        return state;
    }

    private static Resource resource(ApiState state, String resourceId) {
        Resource resource = state.resources.get(resourceId);
        if (resource == null) {
            throw ApiGatewayErrors.notFound("Invalid Resource identifier specified");
        }
        return resource;
    }

    private static Method method(ApiState state, String resourceId, String httpMethod) {
        Resource resource = resource(state, resourceId);
        Method method = resource.resourceMethods == null ? null : resource.resourceMethods.get(httpMethod);
        if (method == null) {
            throw ApiGatewayErrors.notFound("Invalid Method identifier specified");
        }
        return method;
    }

    private static MethodResponse methodResponse(Method method, String statusCode) {
        MethodResponse response = method.methodResponses == null ? null : method.methodResponses.get(statusCode);
        if (response == null) {
            throw ApiGatewayErrors.notFound("Invalid Response status code specified");
        }
        return response;
    }

    private static Integration integration(Method method) {
        if (method.methodIntegration == null) {
            throw ApiGatewayErrors.notFound("Invalid Integration identifier specified");
        }
        return method.methodIntegration;
    }

    private static IntegrationResponse integrationResponse(Integration integration, String statusCode) {
        IntegrationResponse response = integration.integrationResponses == null ? null
                : integration.integrationResponses.get(statusCode);
        if (response == null) {
            throw ApiGatewayErrors.notFound("Invalid Response status code specified");
        }
        return response;
    }

    private static Model model(ApiState state, String name) {
        Model model = state.models.get(name);
        if (model == null) {
            throw ApiGatewayErrors.notFound("Invalid model name specified: " + name);
        }
        return model;
    }

    private static RequestValidator validator(ApiState state, String id) {
        RequestValidator validator = state.validators.get(id);
        if (validator == null) {
            throw ApiGatewayErrors.notFound("Invalid Request Validator identifier specified");
        }
        return validator;
    }

    private static DeploymentState deployment(ApiState state, String deploymentId) {
        DeploymentState deployment = deploymentId == null ? null : state.deployments.get(deploymentId);
        if (deployment == null) {
            throw ApiGatewayErrors.notFound("Invalid Deployment identifier specified");
        }
        return deployment;
    }

    private static Stage stage(ApiState state, String stageName) {
        Stage stage = state.stages.get(stageName);
        if (stage == null) {
            throw ApiGatewayErrors.notFound("Invalid Stage identifier specified");
        }
        return stage;
    }

    private static ApiKey apiKey(ScopeState state, String keyId) {
        ApiKey key = state.apiKeys.get(keyId);
        if (key == null) {
            throw ApiGatewayErrors.notFound("Invalid API Key identifier specified");
        }
        return key;
    }

    private static UsagePlan usagePlan(ScopeState state, String planId) {
        UsagePlan plan = state.usagePlans.get(planId);
        if (plan == null) {
            throw ApiGatewayErrors.notFound("Invalid Usage Plan ID specified");
        }
        return plan;
    }

    private static void checkHttpMethod(String httpMethod) {
        if (!HTTP_METHODS.contains(httpMethod)) {
            throw ApiGatewayErrors.badRequest("Invalid HttpMethod specified. Valid options are " + HTTP_METHODS);
        }
    }

    private static void checkStatusCode(String statusCode) {
        if (statusCode == null || !statusCode.matches("[1-5]\\d\\d")) {
            throw ApiGatewayErrors.badRequest("Invalid status code specified: " + statusCode);
        }
    }

    /** A resource as GetResources shows it: its methods only when embedded (each then without its integration responses). */
    private static Resource view(Resource resource, boolean embedMethods) {
        Resource view = copy(resource, Resource.class);
        if (!embedMethods && view.resourceMethods != null) {
            // Without ?embed=methods AWS lists each method by name with an empty object.
            view.resourceMethods = view.resourceMethods.keySet().stream()
                    .collect(Collectors.toMap(name -> name, name -> new Method(), (a, b) -> a, TreeMap::new));
        }
        return view;
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** How one model's schema refers to another: {@code https://apigateway.amazonaws.com/restapis/ID/models/NAME}. */
    public static String modelUrl(String apiId, String modelName) {
        return OpenApiImport.MODEL_REF_PREFIX + apiId + "/models/" + modelName;
    }

    /** A deep copy through the wire form: what the model hands out can never change its state. */
    public static <T> T copy(Object value, Class<T> type) {
        return JSON.convertValue(value, type);
    }

    private static <T> T patch(T value, Class<T> type, List<PatchOperations.Operation> operations, Set<String> patchable) {
        ObjectNode tree = JSON.valueToTree(value);
        PatchOperations.apply(tree, operations, patchable);
        try {
            return JSON.treeToValue(tree, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw ApiGatewayErrors.badRequest("Invalid patch value: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    static String newId(int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ID_CHARACTERS.charAt(RANDOM.nextInt(ID_CHARACTERS.length()));
        }
        return new String(id);
    }

    private static String newKeyValue() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder value = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            value.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return value.toString();
    }
}
