package course.sandbox.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import course.sandbox.apigateway.RestApiModel;
import course.sandbox.apigateway.RestApiModel.Deployed;
import course.sandbox.apigateway.RestApiModel.KeyPlan;
import course.sandbox.apigateway.RestApiShapes.ApiDefinition;
import course.sandbox.apigateway.RestApiShapes.Integration;
import course.sandbox.apigateway.RestApiShapes.IntegrationResponse;
import course.sandbox.apigateway.RestApiShapes.Method;
import course.sandbox.apigateway.RestApiShapes.RequestValidator;
import course.sandbox.apigateway.RestApiShapes.Resource;
import course.sandbox.apigateway.RestApiShapes.ThrottleSettings;
import course.sandbox.apigateway.UsageMeter;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxResponse;
import course.sandbox.service.ServiceException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A REST API at run time: the stage's deployment (or its canary's, by percentTraffic), the
 * resource and method the path matches, then what API Gateway does in order: API key and usage
 * plan (throttle, quota), request validation, the integration (MOCK, HTTP, HTTP_PROXY, AWS and
 * AWS_PROXY to Lambda) with its mapping templates, and the method response.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-method-settings.html">Methods for REST APIs</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/canary-release.html">Canary release deployments</a>
 */
public final class RestApiInvoker {
    private static final Pattern LAMBDA_URI = Pattern.compile("arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path/[0-9-]+/functions/(.+)/invocations");
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");

    private final RestApiModel model;
    private final UsageMeter meter;
    private final MappingTemplates templates;
    private final RequestValidation validation;
    private final HttpBackend http = new HttpBackend();
    private volatile LambdaInvoker lambda;

    public RestApiInvoker(RestApiModel model, UsageMeter meter, MappingTemplates templates, RequestValidation validation,
                          LambdaInvoker lambda) {
        this.model = model;
        this.meter = meter;
        this.templates = templates;
        this.validation = validation;
        this.lambda = lambda;
    }

    /** The method a request reaches: its deployment, resource, path parameters. */
    public record Target(Deployed deployed, Resource resource, Method method, Map<String, String> pathParameters) {
        public ApiDefinition definition() {
            return deployed.deployment().definition();
        }

        /** {@code arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/METHOD/PATH}: what execute-api:Invoke is decided on. */
        public String methodArn(CallSite call) {
            return "arn:aws:execute-api:" + deployed.scope().region() + ":" + deployed.scope().account() + ":" + call.apiId()
                    + "/" + call.stage() + "/" + call.httpMethod() + call.decodedPath();
        }
    }

    /** Whether an API of this id is a REST API the sandbox knows. */
    public boolean serves(String apiId) {
        return model.scopeOf(apiId).isPresent();
    }

    /**
     * Finds the method: an unknown stage is 403 Forbidden, a path or method the deployment does
     * not have is 403 Missing Authentication Token, as API Gateway answers both.
     */
    public Target target(CallSite call) {
        Deployed deployed = model.deployed(call.apiId(), call.stage(), ThreadLocalRandom.current().nextDouble(100.0))
                .orElseThrow(GatewayErrors::forbidden);
        ApiDefinition definition = deployed.deployment().definition();
        Resource root = definition.resources.get(definition.api.rootResourceId);
        Map<String, String> parameters = new LinkedHashMap<>();
        Resource resource = match(definition, root, call.segments(), 0, call.httpMethod(), parameters)
                .orElseThrow(GatewayErrors::missingAuthenticationToken);
        Method method = resource.resourceMethods.containsKey(call.httpMethod()) ? resource.resourceMethods.get(call.httpMethod())
                : resource.resourceMethods.get("ANY");
        return new Target(deployed, resource, method, parameters);
    }

    /** Depth-first: literal path parts before {variable}, {variable} before {greedy+}, as API Gateway prefers them. */
    private static Optional<Resource> match(ApiDefinition definition, Resource resource, List<String> segments, int index,
                                            String httpMethod, Map<String, String> parameters) {
        if (index == segments.size()) {
            boolean hasMethod = resource.resourceMethods != null && (resource.resourceMethods.containsKey(httpMethod)
                    || resource.resourceMethods.containsKey("ANY"));
            return hasMethod ? Optional.of(resource) : Optional.empty();
        }
        List<Resource> children = definition.resources.values().stream().filter(child -> resource.id.equals(child.parentId)).toList();
        String segment = segments.get(index);
        for (Resource child : children) {
            if (child.pathPart.equals(segment)) {
                Optional<Resource> found = match(definition, child, segments, index + 1, httpMethod, parameters);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        for (Resource child : children) {
            if (child.pathPart.startsWith("{") && !child.pathPart.endsWith("+}")) {
                String name = child.pathPart.substring(1, child.pathPart.length() - 1);
                parameters.put(name, segment);
                Optional<Resource> found = match(definition, child, segments, index + 1, httpMethod, parameters);
                if (found.isPresent()) {
                    return found;
                }
                parameters.remove(name);
            }
        }
        for (Resource child : children) {
            if (child.pathPart.endsWith("+}")) {
                Optional<Resource> found = match(definition, child, segments, segments.size(), httpMethod, parameters);
                if (found.isPresent()) {
                    parameters.put(child.pathPart.substring(1, child.pathPart.length() - 2),
                            String.join("/", segments.subList(index, segments.size())));
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** What the invocation did, for the answer and the access log. */
    public record Outcome(SandboxResponse response, Map<String, Object> context) {
    }

    /** Runs the method; every failure becomes the gateway response AWS would give, recorded in the context. */
    public Outcome invoke(CallSite call, Target target) {
        Map<String, Object> context = context(call, target);
        long started = System.nanoTime();
        SandboxResponse response;
        try {
            response = run(call, target, context);
        } catch (ServiceException error) {
            Map<String, Object> errorContext = errorContext(context);
            errorContext.put("message", error.getMessage());
            errorContext.put("messageString", "\"" + error.getMessage() + "\"");
            response = gatewayResponse(error, call.requestId());
        }
        context.put("status", response.status());
        context.put("responseLength", response.body().length);
        context.put("responseLatency", (System.nanoTime() - started) / 1_000_000);
        return new Outcome(response, context);
    }

    /** A gateway response: {@code {"message": …}} with the error type header. */
    public static SandboxResponse gatewayResponse(ServiceException error, String requestId) {
        Headers headers = new Headers().add("Content-Type", "application/json").add("x-amzn-RequestId", requestId)
                .add("x-amzn-ErrorType", error.code());
        String body = RestApiModel.JSON.createObjectNode().put("message", error.getMessage()).toString();
        return new SandboxResponse(error.status(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private SandboxResponse run(CallSite call, Target target, Map<String, Object> context) {
        Method method = target.method();
        Optional<KeyPlan> keyPlan = Optional.empty();
        if (Boolean.TRUE.equals(method.apiKeyRequired)) {
            keyPlan = meterApiKey(call, target, context);
        }
        validate(call, target, context);
        Integration integration = method.methodIntegration;
        if (integration == null) {
            throw GatewayErrors.internal();
        }
        long integrationStarted = System.nanoTime();
        try {
            return switch (integration.type) {
                case "MOCK" -> mock(call, target, integration, context);
                case "HTTP_PROXY" -> httpProxy(call, target, integration);
                case "HTTP" -> http(call, target, integration, context);
                case "AWS_PROXY" -> lambdaProxy(call, target, integration, keyPlan);
                case "AWS" -> lambdaCustom(call, target, integration, context);
                default -> throw GatewayErrors.internal();
            };
        } finally {
            context.put("integrationLatency", (System.nanoTime() - integrationStarted) / 1_000_000);
        }
    }

    // ---- API keys and usage plans ---------------------------------------------------------------

    /** https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html */
    private Optional<KeyPlan> meterApiKey(CallSite call, Target target, Map<String, Object> context) {
        String value = call.header("x-api-key");
        if (value == null) {
            throw GatewayErrors.forbidden();
        }
        KeyPlan keyPlan = model.keyPlan(target.deployed().scope(), call.apiId(), call.stage(), value)
                .orElseThrow(GatewayErrors::forbidden);
        identity(context).put("apiKey", value);
        identity(context).put("apiKeyId", keyPlan.key().id);
        ThrottleSettings throttle = keyPlan.plan().throttle;
        if (keyPlan.apiStage().throttle != null) {
            // Per-method throttling of the plan's stage: "/pets/GET" → settings.
            ThrottleSettings method = keyPlan.apiStage().throttle.get(target.resource().path + "/" + call.httpMethod());
            throttle = method != null ? method : throttle;
        }
        UsageMeter.Verdict verdict = meter.admit(keyPlan.plan().id, keyPlan.key().id, throttle, keyPlan.plan().quota,
                call.now(), System.nanoTime());
        if (verdict == UsageMeter.Verdict.THROTTLED) {
            throw GatewayErrors.throttled();
        }
        if (verdict == UsageMeter.Verdict.QUOTA_EXCEEDED) {
            throw GatewayErrors.quotaExceeded();
        }
        return Optional.of(keyPlan);
    }

    // ---- validation ------------------------------------------------------------------------

    /** https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html */
    private void validate(CallSite call, Target target, Map<String, Object> context) {
        Method method = target.method();
        RequestValidator validator = method.requestValidatorId == null ? null
                : target.definition().validators.get(method.requestValidatorId);
        if (validator == null) {
            return;
        }
        if (Boolean.TRUE.equals(validator.validateRequestParameters) && method.requestParameters != null) {
            List<String> missing = new ArrayList<>();
            method.requestParameters.forEach((name, required) -> {
                if (Boolean.TRUE.equals(required) && parameter(call, target, name) == null) {
                    missing.add(name.substring(name.lastIndexOf('.') + 1));
                }
            });
            if (!missing.isEmpty()) {
                errorContext(context).put("validationErrorString", "Missing required request parameters: " + missing);
                throw GatewayErrors.missingParameters(missing);
            }
        }
        if (Boolean.TRUE.equals(validator.validateRequestBody) && method.requestModels != null && !method.requestModels.isEmpty()) {
            String model = method.requestModels.getOrDefault(call.contentType(), method.requestModels.get("$default"));
            if (model == null) {
                model = method.requestModels.size() == 1 ? method.requestModels.values().iterator().next() : null;
            }
            if (model != null && target.definition().models.containsKey(model)) {
                List<String> errors = validation.validate(call.apiId(), target.definition().models, model, call.bodyText());
                if (!errors.isEmpty()) {
                    errorContext(context).put("validationErrorString", errors.toString());
                    throw GatewayErrors.invalidBody();
                }
            }
        }
    }

    /** A method request parameter ({@code method.request.querystring.q}) of this request, or null. */
    private static String parameter(CallSite call, Target target, String name) {
        String[] parts = name.split("\\.", 4);
        if (parts.length < 4) {
            return null;
        }
        return switch (parts[2]) {
            case "querystring", "multivaluequerystring" -> Optional.ofNullable(call.query().get(parts[3]))
                    .map(values -> values.get(values.size() - 1)).orElse(null);
            case "header", "multivalueheader" -> call.header(parts[3]);
            case "path" -> target.pathParameters().get(parts[3]);
            default -> null;
        };
    }

    // ---- integrations ------------------------------------------------------------------------

    /** MOCK: the request template's statusCode picks the integration response. */
    private SandboxResponse mock(CallSite call, Target target, Integration integration, Map<String, Object> context) {
        String rendered = requestBody(call, target, integration, context);
        int status = 200;
        try {
            JsonNode mapped = RestApiModel.JSON.readTree(rendered.isBlank() ? "{}" : rendered);
            if (mapped.has("statusCode")) {
                status = mapped.get("statusCode").asInt(200);
            }
        } catch (java.io.IOException e) {
            throw GatewayErrors.internal();
        }
        return integrationResponse(call, target, integration, String.valueOf(status), "", new Headers(), context);
    }

    private SandboxResponse httpProxy(CallSite call, Target target, Integration integration) {
        URI uri = backendUri(call, target, integration, true);
        HttpBackend.Response answer = http.send(call.httpMethod(), uri, call.multiHeaders(), call.body(), timeout(integration));
        answer.headers().add("x-amzn-RequestId", call.requestId());
        return new SandboxResponse(answer.status(), answer.headers(), answer.body());
    }

    private SandboxResponse http(CallSite call, Target target, Integration integration, Map<String, Object> context) {
        String body = requestBody(call, target, integration, context);
        URI uri = backendUri(call, target, integration, false);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(call.contentType()));
        HttpBackend.Response answer = http.send(integration.httpMethod, uri, headers, body.getBytes(StandardCharsets.UTF_8),
                timeout(integration));
        return integrationResponse(call, target, integration, String.valueOf(answer.status()),
                new String(answer.body(), StandardCharsets.UTF_8), answer.headers(), context);
    }

    /** https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html */
    private SandboxResponse lambdaProxy(CallSite call, Target target, Integration integration, Optional<KeyPlan> keyPlan) {
        ProxyEvents.RestContext rest = new ProxyEvents.RestContext(target.deployed().scope().account(), target.resource().id,
                target.resource().path, target.deployed().deployment().deployment().id, target.pathParameters(),
                target.deployed().stageVariables(), keyPlan.map(plan -> plan.key().value), keyPlan.map(plan -> plan.key().id));
        byte[] event = ProxyEvents.version1(call, rest, false).toString().getBytes(StandardCharsets.UTF_8);
        LambdaInvoker.Result result = invokeLambda(call, target, integration, event);
        if (result.functionError().isPresent()) {
            throw GatewayErrors.badGateway();
        }
        ProxyEvents.ProxyResponse answer = ProxyEvents.response(result.payload(), false).orElseThrow(GatewayErrors::badGateway);
        answer.headers().add("x-amzn-RequestId", call.requestId());
        return new SandboxResponse(answer.status(), answer.headers(), answer.body());
    }

    /** https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-custom-integrations.html */
    private SandboxResponse lambdaCustom(CallSite call, Target target, Integration integration, Map<String, Object> context) {
        String payload = requestBody(call, target, integration, context);
        LambdaInvoker.Result result = invokeLambda(call, target, integration, payload.getBytes(StandardCharsets.UTF_8));
        String output = new String(result.payload(), StandardCharsets.UTF_8);
        String selector = "";
        if (result.functionError().isPresent()) {
            try {
                selector = RestApiModel.JSON.readTree(output).path("errorMessage").asText("");
            } catch (java.io.IOException e) {
                selector = output;
            }
        }
        return integrationResponse(call, target, integration, selector, output, new Headers(), context);
    }

    private LambdaInvoker.Result invokeLambda(CallSite call, Target target, Integration integration, byte[] payload) {
        Matcher function = LAMBDA_URI.matcher(substitute(integration.uri, target.deployed().stageVariables()));
        if (!function.matches()) {
            throw GatewayErrors.internal();
        }
        try {
            return lambda.invoke(function.group(1), target.methodArn(call), payload);
        } catch (ServiceException refused) {
            // "Execution failed due to configuration error": the client sees only a 500.
            throw GatewayErrors.internal();
        }
    }

    public void lambda(LambdaInvoker invoker) {
        this.lambda = invoker;
    }

    /** The integration request body: the template for the content type, or the body passed through. */
    private String requestBody(CallSite call, Target target, Integration integration, Map<String, Object> context) {
        Map<String, String> requestTemplates = integration.requestTemplates == null ? Map.of() : integration.requestTemplates;
        String template = requestTemplates.get(call.contentType());
        if (template == null) {
            boolean passThrough = switch (integration.passthroughBehavior == null ? "WHEN_NO_MATCH" : integration.passthroughBehavior) {
                case "NEVER" -> false;
                case "WHEN_NO_TEMPLATES" -> requestTemplates.isEmpty();
                default -> true;
            };
            if (!passThrough) {
                throw GatewayErrors.unsupportedMediaType();
            }
            return integration.type.equals("MOCK") && requestTemplates.isEmpty() ? "{\"statusCode\": 200}" : call.bodyText();
        }
        return render(template, call, target, call.bodyText(), context);
    }

    /**
     * Picks the integration response whose selection pattern matches {@code selector} (the status
     * code of HTTP and MOCK backends, a Lambda error message), else the default one, and renders it.
     */
    private SandboxResponse integrationResponse(CallSite call, Target target, Integration integration, String selector,
                                                String backendBody, Headers backendHeaders, Map<String, Object> context) {
        Map<String, IntegrationResponse> responses = integration.integrationResponses == null ? Map.of()
                : integration.integrationResponses;
        IntegrationResponse chosen = null;
        for (IntegrationResponse response : responses.values()) {
            if (response.selectionPattern != null && !response.selectionPattern.isEmpty() && matches(response.selectionPattern, selector)) {
                chosen = response;
                break;
            }
        }
        if (chosen == null) {
            chosen = responses.values().stream().filter(response -> response.selectionPattern == null
                    || response.selectionPattern.isEmpty()).findFirst().orElse(null);
        }
        if (chosen == null) {
            // "No match for output mapping and no default output mapping specified"
            throw GatewayErrors.internal();
        }
        Headers headers = new Headers();
        String contentType = "application/json";
        String body = backendBody;
        if (chosen.responseTemplates != null && !chosen.responseTemplates.isEmpty()) {
            contentType = chosen.responseTemplates.containsKey("application/json") ? "application/json"
                    : chosen.responseTemplates.keySet().iterator().next();
            String template = chosen.responseTemplates.get(contentType);
            body = template == null || template.isEmpty() ? backendBody : render(template, call, target, backendBody, context);
        }
        headers.add("Content-Type", contentType);
        if (chosen.responseParameters != null) {
            chosen.responseParameters.forEach((name, source) -> {
                if (name.startsWith("method.response.header.")) {
                    String value = source.startsWith("'") && source.endsWith("'") && source.length() >= 2
                            ? source.substring(1, source.length() - 1)
                            : source.startsWith("integration.response.header.")
                            ? backendHeaders.first(source.substring("integration.response.header.".length())).orElse(null) : null;
                    if (value != null) {
                        headers.add(name.substring("method.response.header.".length()), value);
                    }
                }
            });
        }
        headers.add("x-amzn-RequestId", call.requestId());
        return new SandboxResponse(Integer.parseInt(chosen.statusCode), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean matches(String pattern, String value) {
        try {
            return Pattern.compile(pattern, Pattern.DOTALL).matcher(value).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private String render(String template, CallSite call, Target target, String body, Map<String, Object> context) {
        Map<String, String> query = new LinkedHashMap<>();
        call.query().forEach((name, values) -> query.put(name, values.get(values.size() - 1)));
        MappingTemplates.Input input = new MappingTemplates.Input(body, target.pathParameters(), query, call.singleHeaders());
        try {
            return templates.render(template, input, context, target.deployed().stageVariables());
        } catch (IllegalArgumentException e) {
            throw GatewayErrors.internal();
        }
    }

    private URI backendUri(CallSite call, Target target, Integration integration, boolean withQuery) {
        String uri = substitute(integration.uri, target.deployed().stageVariables());
        Map<String, String> values = new LinkedHashMap<>(target.pathParameters());
        if (integration.requestParameters != null) {
            integration.requestParameters.forEach((to, from) -> {
                if (to.startsWith("integration.request.path.")) {
                    String value = from.startsWith("method.request.") ? parameter(call, target, from)
                            : from.startsWith("'") ? from.substring(1, from.length() - 1) : null;
                    if (value != null) {
                        values.put(to.substring("integration.request.path.".length()), value);
                    }
                }
            });
        }
        for (Map.Entry<String, String> entry : values.entrySet()) {
            uri = uri.replace("{" + entry.getKey() + "+}", entry.getValue()).replace("{" + entry.getKey() + "}", entry.getValue());
        }
        if (withQuery && !call.rawQuery().isEmpty()) {
            uri += (uri.contains("?") ? "&" : "?") + call.rawQuery();
        }
        try {
            return URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw GatewayErrors.internal();
        }
    }

    private static String substitute(String value, Map<String, String> stageVariables) {
        Matcher matcher = STAGE_VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(stageVariables.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static int timeout(Integration integration) {
        return integration.timeoutInMillis == null ? RestApiModel.MAX_TIMEOUT_MILLIS : integration.timeoutInMillis;
    }

    // ---- $context -----------------------------------------------------------------------------

    /** https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference */
    Map<String, Object> context(CallSite call, Target target) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", target.deployed().scope().account());
        context.put("apiId", call.apiId());
        context.put("deploymentId", target.deployed().deployment().deployment().id);
        context.put("domainName", call.domainName());
        context.put("domainPrefix", call.apiId());
        context.put("extendedRequestId", call.requestId());
        context.put("httpMethod", call.httpMethod());
        context.put("isCanaryRequest", target.deployed().canary());
        context.put("path", "/" + call.stage() + call.decodedPath());
        context.put("protocol", "HTTP/1.1");
        context.put("requestId", call.requestId());
        context.put("requestTime", call.requestTime());
        context.put("requestTimeEpoch", call.now().toEpochMilli());
        context.put("resourceId", target.resource().id);
        context.put("resourcePath", target.resource().path);
        context.put("stage", call.stage());
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", call.sourceIp());
        identity.put("userAgent", call.userAgent());
        call.caller().credential().ifPresent(credential -> {
            identity.put("accountId", credential.principal().accountId());
            identity.put("caller", credential.principal().userId());
            identity.put("user", credential.principal().userId());
            identity.put("userArn", credential.principal().arn());
            identity.put("accessKey", credential.accessKeyId());
        });
        context.put("identity", identity);
        context.put("error", new LinkedHashMap<String, Object>());
        return context;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> identity(Map<String, Object> context) {
        return (Map<String, Object>) context.get("identity");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> errorContext(Map<String, Object> context) {
        return (Map<String, Object>) context.get("error");
    }
}
