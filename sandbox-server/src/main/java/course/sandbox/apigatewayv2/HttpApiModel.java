package course.sandbox.apigatewayv2;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.apigateway.ApiGatewayErrors;
import course.sandbox.apigateway.StateFile;
import course.sandbox.apigatewayv2.HttpApiShapes.Api;
import course.sandbox.apigatewayv2.HttpApiShapes.Deployment;
import course.sandbox.apigatewayv2.HttpApiShapes.HttpApiDefinition;
import course.sandbox.apigatewayv2.HttpApiShapes.Integration;
import course.sandbox.apigatewayv2.HttpApiShapes.Route;
import course.sandbox.apigatewayv2.HttpApiShapes.Stage;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API Gateway V2 HTTP APIs: APIs with routes ({@code GET /pets/{id}}, {@code ANY /{proxy+}},
 * {@code $default}) that target integrations (Lambda proxy with payload 2.0 or 1.0, HTTP proxy),
 * deployments that freeze them, and stages, which redeploy on every change when {@code autoDeploy}
 * is on. Quick create (a name and a target) makes the route, the integration and an auto-deploying
 * {@code $default} stage in one call. One state per account and region; ids unique across them.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api.html">HTTP APIs</a>
 */
public final class HttpApiModel {
    public static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    public static final String DEFAULT = "$default";
    private static final Pattern ROUTE_KEY = Pattern.compile("\\$default|(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) /[^ ]*");
    private static final Pattern STAGE_NAME = Pattern.compile("\\$default|[A-Za-z0-9_-]{1,128}");
    private static final String ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The account and region an API lives in. */
    public record Scope(String account, String region) {
        /** HTTP APIs are authorized on {@code /apis/…}, the V2 path without its {@code /v2} prefix. */
        public String resourceArn(String path) {
            return "arn:aws:apigateway:" + region + "::" + path;
        }
    }

    /** A stage's deployed definition, as an invocation runs it. */
    public record Deployed(Scope scope, String apiId, Stage stage, String deploymentId, HttpApiDefinition definition) {
    }

    private static final class ApiState {
        final Scope scope;
        Api api;
        final Map<String, Route> routes = new LinkedHashMap<>();
        final Map<String, Integration> integrations = new LinkedHashMap<>();
        final Map<String, Stage> stages = new LinkedHashMap<>();
        final Map<String, Deployment> deployments = new LinkedHashMap<>();
        final Map<String, HttpApiDefinition> frozen = new HashMap<>();

        ApiState(Scope scope, Api api) {
            this.scope = scope;
            this.api = api;
        }
    }

    private final Map<Scope, Map<String, ApiState>> scopes = new HashMap<>();
    private final Map<String, ApiState> apisById = new HashMap<>();
    private final Optional<StateFile> file;

    /** How the state is kept under {@code --data}. */
    record StoredApi(String account, String region, Api api, List<Route> routes, List<Integration> integrations,
                     List<Stage> stages, List<Deployment> deployments, Map<String, HttpApiDefinition> frozen) {
    }

    record StoredState(List<StoredApi> apis) {
    }

    /** In memory. */
    public HttpApiModel() {
        this.file = Optional.empty();
    }

    /** Kept in {@code directory} (the sandbox's {@code --data DIR/apigatewayv2}). */
    public HttpApiModel(java.nio.file.Path directory) {
        this.file = Optional.of(new StateFile(directory, JSON));
        file.get().load(StoredState.class).ifPresent(stored -> stored.apis().forEach(api -> {
            ApiState state = new ApiState(new Scope(api.account(), api.region()), api.api());
            api.routes().forEach(route -> state.routes.put(route.routeId, route));
            api.integrations().forEach(integration -> state.integrations.put(integration.integrationId, integration));
            api.stages().forEach(stage -> state.stages.put(stage.stageName, stage));
            api.deployments().forEach(deployment -> state.deployments.put(deployment.deploymentId, deployment));
            state.frozen.putAll(api.frozen());
            scopes.computeIfAbsent(state.scope, key -> new LinkedHashMap<>()).put(api.api().apiId, state);
            apisById.put(api.api().apiId, state);
        }));
    }

    /** Writes the state when it is kept on disk; the protocol layer calls it after every change. */
    public synchronized void save() {
        file.ifPresent(store -> store.save(new StoredState(apisById.values().stream().map(state -> new StoredApi(
                state.scope.account(), state.scope.region(), state.api, List.copyOf(state.routes.values()),
                List.copyOf(state.integrations.values()), List.copyOf(state.stages.values()),
                List.copyOf(state.deployments.values()), state.frozen)).toList())));
    }

    // ---- APIs --------------------------------------------------------------------------------

    /** CreateApi; with {@code target} it is a quick create. */
    public synchronized Api createApi(Scope scope, Api request, Instant now) {
        if (request.name == null || request.name.isBlank()) {
            throw ApiGatewayErrors.badRequest("Api name is required");
        }
        if (!"HTTP".equals(request.protocolType)) {
            throw ApiGatewayErrors.badRequest("The sandbox serves HTTP APIs only (protocolType HTTP); WEBSOCKET is not served");
        }
        Api api = copy(request, Api.class);
        api.target = null;
        api.routeKey = null;
        ApiState state = add(scope, api, now);
        if (request.target != null) {
            Integration integration = new Integration();
            boolean lambda = request.target.startsWith("arn:");
            integration.integrationType = lambda ? "AWS_PROXY" : "HTTP_PROXY";
            integration.integrationUri = request.target;
            integration.integrationMethod = lambda ? "POST" : "ANY";
            integration.payloadFormatVersion = lambda ? "2.0" : "1.0";
            integration.apiGatewayManaged = true;
            Integration created = addIntegration(state, integration);
            Route route = new Route();
            route.routeKey = request.routeKey == null ? DEFAULT : request.routeKey;
            route.target = "integrations/" + created.integrationId;
            route.apiGatewayManaged = true;
            addRoute(state, route);
            Stage stage = new Stage();
            stage.stageName = DEFAULT;
            stage.autoDeploy = true;
            stage.apiGatewayManaged = true;
            addStage(state, stage, now);
        }
        return state.api;
    }

    private ApiState add(Scope scope, Api api, Instant now) {
        api.apiId = newId(10);
        api.createdDate = iso(now);
        api.apiEndpoint = "https://" + api.apiId + ".execute-api." + scope.region() + ".amazonaws.com";
        if (api.routeSelectionExpression == null) {
            api.routeSelectionExpression = "$request.method $request.path";
        }
        if (api.apiKeySelectionExpression == null) {
            api.apiKeySelectionExpression = "$request.header.x-api-key";
        }
        if (api.disableExecuteApiEndpoint == null) {
            api.disableExecuteApiEndpoint = false;
        }
        ApiState state = new ApiState(scope, api);
        scopes.computeIfAbsent(scope, key -> new LinkedHashMap<>()).put(api.apiId, state);
        apisById.put(api.apiId, state);
        return state;
    }

    public synchronized List<Api> getApis(Scope scope) {
        return scopes.getOrDefault(scope, Map.of()).values().stream().map(state -> state.api).toList();
    }

    public synchronized Api getApi(Scope scope, String apiId) {
        return api(scope, apiId).api;
    }

    public synchronized Api updateApi(Scope scope, String apiId, JsonNode changes) {
        ApiState state = api(scope, apiId);
        state.api = merge(state.api, Api.class, changes, Set.of("name", "description", "version", "corsConfiguration",
                "disableExecuteApiEndpoint", "routeSelectionExpression"));
        return state.api;
    }

    public synchronized void deleteApi(Scope scope, String apiId) {
        api(scope, apiId);
        scopes.get(scope).remove(apiId);
        apisById.remove(apiId);
    }

    /** ImportApi: a new API from a definition read by {@link HttpApiOpenApi}. */
    public synchronized Api importApi(Scope scope, HttpApiDefinition definition, Instant now) {
        ApiState state = add(scope, copy(definition.api, Api.class), now);
        load(state, definition, now);
        return state.api;
    }

    /** ReimportApi: the definition replaces the API's routes and integrations. */
    public synchronized Api reimportApi(Scope scope, String apiId, HttpApiDefinition definition, Instant now) {
        ApiState state = api(scope, apiId);
        state.routes.clear();
        state.integrations.clear();
        if (definition.api.name != null) {
            state.api.name = definition.api.name;
        }
        state.api.description = definition.api.description;
        state.api.version = definition.api.version;
        load(state, definition, now);
        return state.api;
    }

    private void load(ApiState state, HttpApiDefinition definition, Instant now) {
        Map<String, String> integrationIds = new HashMap<>();
        definition.integrations.forEach((key, integration) -> integrationIds.put(key,
                addIntegration(state, copy(integration, Integration.class)).integrationId));
        for (Route route : definition.routes.values()) {
            Route added = copy(route, Route.class);
            if (added.target != null && added.target.startsWith("integrations/")) {
                added.target = "integrations/" + integrationIds.get(added.target.substring("integrations/".length()));
            }
            addRoute(state, added);
        }
        autoDeploy(state, now);
    }

    // ---- routes ------------------------------------------------------------------------------

    public synchronized Route createRoute(Scope scope, String apiId, Route request, Instant now) {
        ApiState state = api(scope, apiId);
        Route route = addRoute(state, copy(request, Route.class));
        autoDeploy(state, now);
        return route;
    }

    private Route addRoute(ApiState state, Route route) {
        if (route.routeKey == null || !ROUTE_KEY.matcher(route.routeKey).matches()) {
            throw ApiGatewayErrors.badRequest("Invalid route key: " + route.routeKey + ". Use '$default' or 'METHOD /path'");
        }
        if (state.routes.values().stream().anyMatch(existing -> existing.routeKey.equals(route.routeKey))) {
            throw ApiGatewayErrors.conflict("Unable to create Route. Route with key " + route.routeKey + " already exists for this API");
        }
        checkTarget(state, route.target);
        route.routeId = newId(7);
        if (route.authorizationType == null) {
            route.authorizationType = "NONE";
        }
        if (!List.of("NONE", "AWS_IAM").contains(route.authorizationType)) {
            throw ApiGatewayErrors.badRequest("The sandbox does not serve " + route.authorizationType
                    + " authorizers on HTTP APIs yet; use NONE or AWS_IAM");
        }
        if (route.apiKeyRequired == null) {
            route.apiKeyRequired = false;
        }
        state.routes.put(route.routeId, route);
        return route;
    }

    private static void checkTarget(ApiState state, String target) {
        if (target != null && (!target.startsWith("integrations/")
                || !state.integrations.containsKey(target.substring("integrations/".length())))) {
            throw ApiGatewayErrors.badRequest("Invalid target: " + target + ". A target is integrations/{integrationId}");
        }
    }

    public synchronized List<Route> getRoutes(Scope scope, String apiId) {
        return List.copyOf(api(scope, apiId).routes.values());
    }

    public synchronized Route getRoute(Scope scope, String apiId, String routeId) {
        return route(api(scope, apiId), routeId);
    }

    public synchronized Route updateRoute(Scope scope, String apiId, String routeId, JsonNode changes, Instant now) {
        ApiState state = api(scope, apiId);
        Route updated = merge(route(state, routeId), Route.class, changes, Set.of("routeKey", "target", "authorizationType",
                "apiKeyRequired", "operationName"));
        if (!ROUTE_KEY.matcher(updated.routeKey).matches()) {
            throw ApiGatewayErrors.badRequest("Invalid route key: " + updated.routeKey);
        }
        checkTarget(state, updated.target);
        state.routes.put(routeId, updated);
        autoDeploy(state, now);
        return updated;
    }

    public synchronized void deleteRoute(Scope scope, String apiId, String routeId, Instant now) {
        ApiState state = api(scope, apiId);
        route(state, routeId);
        state.routes.remove(routeId);
        autoDeploy(state, now);
    }

    // ---- integrations --------------------------------------------------------------------------

    public synchronized Integration createIntegration(Scope scope, String apiId, Integration request, Instant now) {
        ApiState state = api(scope, apiId);
        Integration integration = addIntegration(state, copy(request, Integration.class));
        autoDeploy(state, now);
        return integration;
    }

    private Integration addIntegration(ApiState state, Integration integration) {
        check(integration);
        integration.integrationId = newId(7);
        state.integrations.put(integration.integrationId, integration);
        return integration;
    }

    private static void check(Integration integration) {
        if (!List.of("AWS_PROXY", "HTTP_PROXY").contains(String.valueOf(integration.integrationType))) {
            throw ApiGatewayErrors.badRequest("Invalid integration type: " + integration.integrationType
                    + ". HTTP APIs take AWS_PROXY or HTTP_PROXY");
        }
        if (integration.integrationUri == null) {
            throw ApiGatewayErrors.badRequest("IntegrationUri is required for integration type " + integration.integrationType);
        }
        if (integration.payloadFormatVersion == null) {
            if (integration.integrationType.equals("AWS_PROXY")) {
                throw ApiGatewayErrors.badRequest("PayloadFormatVersion is required for AWS_PROXY integrations");
            }
            integration.payloadFormatVersion = "1.0";
        }
        if (!List.of("1.0", "2.0").contains(integration.payloadFormatVersion)) {
            throw ApiGatewayErrors.badRequest("Invalid payload format version: " + integration.payloadFormatVersion);
        }
        if (integration.integrationType.equals("HTTP_PROXY") && integration.integrationMethod == null) {
            integration.integrationMethod = "ANY";
        }
        if (integration.timeoutInMillis == null) {
            integration.timeoutInMillis = 30_000;
        }
        if (integration.timeoutInMillis < 50 || integration.timeoutInMillis > 30_000) {
            throw ApiGatewayErrors.badRequest("Timeout must be between 50 and 30000 milliseconds");
        }
        if (integration.connectionType == null) {
            integration.connectionType = "INTERNET";
        }
    }

    public synchronized List<Integration> getIntegrations(Scope scope, String apiId) {
        return List.copyOf(api(scope, apiId).integrations.values());
    }

    public synchronized Integration getIntegration(Scope scope, String apiId, String integrationId) {
        return integration(api(scope, apiId), integrationId);
    }

    public synchronized Integration updateIntegration(Scope scope, String apiId, String integrationId, JsonNode changes, Instant now) {
        ApiState state = api(scope, apiId);
        Integration updated = merge(integration(state, integrationId), Integration.class, changes, Set.of("integrationType",
                "integrationUri", "integrationMethod", "payloadFormatVersion", "timeoutInMillis", "description",
                "requestParameters", "connectionType"));
        check(updated);
        state.integrations.put(integrationId, updated);
        autoDeploy(state, now);
        return updated;
    }

    public synchronized void deleteIntegration(Scope scope, String apiId, String integrationId, Instant now) {
        ApiState state = api(scope, apiId);
        integration(state, integrationId);
        if (state.routes.values().stream().anyMatch(route -> ("integrations/" + integrationId).equals(route.target))) {
            throw ApiGatewayErrors.conflict("Integration " + integrationId + " is the target of a route; change the route first");
        }
        state.integrations.remove(integrationId);
        autoDeploy(state, now);
    }

    // ---- stages and deployments -------------------------------------------------------------------

    public synchronized Stage createStage(Scope scope, String apiId, Stage request, Instant now) {
        return addStage(api(scope, apiId), copy(request, Stage.class), now);
    }

    private Stage addStage(ApiState state, Stage stage, Instant now) {
        if (stage.stageName == null || !STAGE_NAME.matcher(stage.stageName).matches()) {
            throw ApiGatewayErrors.badRequest("Invalid stage name: " + stage.stageName);
        }
        if (state.stages.containsKey(stage.stageName)) {
            throw ApiGatewayErrors.conflict("Unable to create Stage. Stage " + stage.stageName + " already exists for this API");
        }
        if (stage.deploymentId != null && !state.deployments.containsKey(stage.deploymentId)) {
            throw ApiGatewayErrors.notFound("Invalid deployment identifier specified");
        }
        if (stage.autoDeploy == null) {
            stage.autoDeploy = false;
        }
        stage.createdDate = iso(now);
        stage.lastUpdatedDate = stage.createdDate;
        state.stages.put(stage.stageName, stage);
        if (stage.autoDeploy) {
            deploy(state, stage, null, true, now);
        }
        return stage;
    }

    public synchronized List<Stage> getStages(Scope scope, String apiId) {
        return List.copyOf(api(scope, apiId).stages.values());
    }

    public synchronized Stage getStage(Scope scope, String apiId, String stageName) {
        return stage(api(scope, apiId), stageName);
    }

    public synchronized Stage updateStage(Scope scope, String apiId, String stageName, JsonNode changes, Instant now) {
        ApiState state = api(scope, apiId);
        Stage updated = merge(stage(state, stageName), Stage.class, changes, Set.of("autoDeploy", "deploymentId", "description",
                "stageVariables", "accessLogSettings", "defaultRouteSettings"));
        if (updated.deploymentId != null && !state.deployments.containsKey(updated.deploymentId)) {
            throw ApiGatewayErrors.notFound("Invalid deployment identifier specified");
        }
        updated.lastUpdatedDate = iso(now);
        state.stages.put(stageName, updated);
        return updated;
    }

    public synchronized void deleteStage(Scope scope, String apiId, String stageName) {
        ApiState state = api(scope, apiId);
        stage(state, stageName);
        state.stages.remove(stageName);
    }

    /** CreateDeployment; with a stage name that stage serves it (an auto-deploying stage refuses manual deployments). */
    public synchronized Deployment createDeployment(Scope scope, String apiId, String stageName, String description, Instant now) {
        ApiState state = api(scope, apiId);
        Stage stage = stageName == null ? null : stage(state, stageName);
        if (stage != null && Boolean.TRUE.equals(stage.autoDeploy)) {
            throw ApiGatewayErrors.badRequest("Cannot create a deployment for a stage with autoDeploy enabled");
        }
        return deploy(state, stage, description, false, now);
    }

    private Deployment deploy(ApiState state, Stage stage, String description, boolean automatic, Instant now) {
        Deployment deployment = new Deployment();
        deployment.deploymentId = newId(6);
        deployment.deploymentStatus = "DEPLOYED";
        deployment.description = description;
        deployment.createdDate = iso(now);
        deployment.autoDeployed = automatic;
        HttpApiDefinition definition = new HttpApiDefinition();
        definition.api = state.api;
        definition.routes = new LinkedHashMap<>(state.routes);
        definition.integrations = new LinkedHashMap<>(state.integrations);
        state.deployments.put(deployment.deploymentId, deployment);
        state.frozen.put(deployment.deploymentId, copy(definition, HttpApiDefinition.class));
        if (stage != null) {
            stage.deploymentId = deployment.deploymentId;
            stage.lastUpdatedDate = iso(now);
            stage.lastDeploymentStatusMessage = automatic ? "Successfully deployed stage with deployment ID '"
                    + deployment.deploymentId + "'" : null;
        }
        return deployment;
    }

    /** Every auto-deploying stage gets a new deployment of the current routes and integrations. */
    private void autoDeploy(ApiState state, Instant now) {
        for (Stage stage : state.stages.values()) {
            if (Boolean.TRUE.equals(stage.autoDeploy)) {
                deploy(state, stage, null, true, now);
            }
        }
    }

    public synchronized List<Deployment> getDeployments(Scope scope, String apiId) {
        return List.copyOf(api(scope, apiId).deployments.values());
    }

    public synchronized Deployment getDeployment(Scope scope, String apiId, String deploymentId) {
        Deployment deployment = api(scope, apiId).deployments.get(deploymentId);
        if (deployment == null) {
            throw ApiGatewayErrors.notFound("Invalid deployment identifier specified");
        }
        return deployment;
    }

    public synchronized void deleteDeployment(Scope scope, String apiId, String deploymentId) {
        ApiState state = api(scope, apiId);
        getDeployment(scope, apiId, deploymentId);
        if (state.stages.values().stream().anyMatch(stage -> deploymentId.equals(stage.deploymentId))) {
            throw ApiGatewayErrors.badRequest("Active stages pointing to this deployment must be moved or deleted");
        }
        state.deployments.remove(deploymentId);
        state.frozen.remove(deploymentId);
    }

    /** What ExportApi exports: a stage's deployment, or the working copy when no stage is named. */
    public synchronized HttpApiDefinition definition(Scope scope, String apiId, String stageName) {
        ApiState state = api(scope, apiId);
        if (stageName == null) {
            HttpApiDefinition current = new HttpApiDefinition();
            current.api = state.api;
            current.routes = new LinkedHashMap<>(state.routes);
            current.integrations = new LinkedHashMap<>(state.integrations);
            return copy(current, HttpApiDefinition.class);
        }
        Stage stage = stage(state, stageName);
        if (stage.deploymentId == null) {
            throw ApiGatewayErrors.badRequest("Stage " + stageName + " has no deployment");
        }
        return state.frozen.get(stage.deploymentId);
    }

    // ---- what an invocation needs ------------------------------------------------------------

    public synchronized boolean serves(String apiId) {
        return apisById.containsKey(apiId);
    }

    /**
     * The stage a path reaches: the named stage its first segment names, else {@code $default}
     * (whose URLs have no stage segment).
     */
    public synchronized Optional<Deployed> deployed(String apiId, String firstSegment) {
        ApiState state = apisById.get(apiId);
        if (state == null) {
            return Optional.empty();
        }
        Stage stage = state.stages.containsKey(firstSegment) && !firstSegment.equals(DEFAULT) ? state.stages.get(firstSegment)
                : state.stages.get(DEFAULT);
        if (stage == null || stage.deploymentId == null) {
            return Optional.empty();
        }
        return Optional.of(new Deployed(state.scope, apiId, copy(stage, Stage.class), stage.deploymentId,
                state.frozen.get(stage.deploymentId)));
    }

    public synchronized void reset() {
        scopes.clear();
        apisById.clear();
        save();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private ApiState api(Scope scope, String apiId) {
        ApiState state = scopes.getOrDefault(scope, Map.of()).get(apiId);
        if (state == null) {
            throw ApiGatewayErrors.notFound("Invalid API identifier specified " + scope.account() + ":" + apiId);
        }
        return state;
    }

    private static Route route(ApiState state, String routeId) {
        Route route = state.routes.get(routeId);
        if (route == null) {
            throw ApiGatewayErrors.notFound("Invalid Route identifier specified " + routeId);
        }
        return route;
    }

    private static Integration integration(ApiState state, String integrationId) {
        Integration integration = state.integrations.get(integrationId);
        if (integration == null) {
            throw ApiGatewayErrors.notFound("Invalid Integration identifier specified " + integrationId);
        }
        return integration;
    }

    private static Stage stage(ApiState state, String stageName) {
        Stage stage = state.stages.get(stageName);
        if (stage == null) {
            throw ApiGatewayErrors.notFound("Invalid stage identifier specified");
        }
        return stage;
    }

    public static <T> T copy(Object value, Class<T> type) {
        return JSON.convertValue(value, type);
    }

    /** V2 updates carry the changed members themselves (PATCH with a body of members), not patch operations. */
    private static <T> T merge(T value, Class<T> type, JsonNode changes, Set<String> updatable) {
        ObjectNode tree = JSON.valueToTree(value);
        changes.fields().forEachRemaining(change -> {
            if (updatable.contains(change.getKey())) {
                tree.set(change.getKey(), change.getValue());
            }
        });
        return JSON.convertValue(tree, type);
    }

    static String newId(int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ID_CHARACTERS.charAt(RANDOM.nextInt(ID_CHARACTERS.length()));
        }
        return new String(id);
    }

    private static String iso(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
