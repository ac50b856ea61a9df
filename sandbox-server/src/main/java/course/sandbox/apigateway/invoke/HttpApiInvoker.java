package course.sandbox.apigateway.invoke;

import course.sandbox.apigatewayv2.HttpApiModel;
import course.sandbox.apigatewayv2.HttpApiShapes.Integration;
import course.sandbox.apigatewayv2.HttpApiShapes.Route;
import course.sandbox.http.SandboxResponse;
import course.sandbox.service.ServiceException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API at run time: the stage (named by the first path segment, else {@code $default},
 * whose URLs have none), the most specific route ({@code GET /pets/{id}} before {@code GET /pets/{proxy+}}
 * before {@code ANY /pets/{proxy+}}, {@code $default} last), and its integration: a Lambda proxy
 * with payload 2.0 or 1.0, or an HTTP proxy. HTTP APIs have no request validation, API keys,
 * usage plans or canaries; those stay with REST APIs.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html">Routes for HTTP APIs</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html">Lambda proxy integrations for HTTP APIs</a>
 */
public final class HttpApiInvoker {
    private final HttpApiModel model;
    private final HttpBackend http = new HttpBackend();
    private volatile LambdaInvoker lambda;

    public HttpApiInvoker(HttpApiModel model, LambdaInvoker lambda) {
        this.model = model;
        this.lambda = lambda;
    }

    public void lambda(LambdaInvoker invoker) {
        this.lambda = invoker;
    }

    public boolean serves(String apiId) {
        return model.serves(apiId);
    }

    /** The route a request reaches, and the path as the route sees it. */
    public record Target(HttpApiModel.Deployed deployed, Route route, String stage, String path,
                         Map<String, String> pathParameters) {
        /** {@code arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/METHOD/PATH}. */
        public String routeArn(CallSite call) {
            return "arn:aws:execute-api:" + deployed.scope().region() + ":" + deployed.scope().account() + ":" + call.apiId()
                    + "/" + stage + "/" + call.httpMethod() + path;
        }
    }

    public Target target(CallSite call) {
        HttpApiModel.Deployed deployed = model.deployed(call.apiId(), call.stage()).orElseThrow(GatewayErrors::notFound);
        boolean defaultStage = deployed.stage().stageName.equals(HttpApiModel.DEFAULT);
        String path = defaultStage ? pathOf(call.rawPath()) : call.decodedPath();
        List<String> segments = new ArrayList<>();
        for (String segment : path.substring(1).split("/", -1)) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        Route best = null;
        Map<String, String> bestParameters = Map.of();
        int bestScore = Integer.MIN_VALUE;
        for (Route route : deployed.definition().routes.values().stream()
                .sorted(Comparator.comparing(route -> route.routeKey)).toList()) {
            if (route.routeKey.equals(HttpApiModel.DEFAULT)) {
                continue;
            }
            String method = route.routeKey.substring(0, route.routeKey.indexOf(' '));
            if (!method.equals("ANY") && !method.equals(call.httpMethod())) {
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            Optional<Integer> score = score(route.routeKey.substring(route.routeKey.indexOf(' ') + 1), segments, parameters);
            if (score.isPresent()) {
                int total = score.get() * 2 + (method.equals("ANY") ? 0 : 1);
                if (total > bestScore) {
                    best = route;
                    bestScore = total;
                    bestParameters = parameters;
                }
            }
        }
        if (best == null) {
            best = deployed.definition().routes.values().stream().filter(route -> route.routeKey.equals(HttpApiModel.DEFAULT))
                    .findFirst().orElseThrow(GatewayErrors::notFound);
        }
        return new Target(deployed, best, defaultStage ? HttpApiModel.DEFAULT : deployed.stage().stageName, path, bestParameters);
    }

    /** How specifically a route path matches: literal segments count most; a greedy {proxy+} least. */
    private static Optional<Integer> score(String routePath, List<String> segments, Map<String, String> parameters) {
        List<String> parts = new ArrayList<>();
        for (String part : routePath.substring(1).split("/", -1)) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        int score = 0;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i != parts.size() - 1 || segments.size() <= i) {
                    return Optional.empty();
                }
                parameters.put(part.substring(1, part.length() - 2), String.join("/", segments.subList(i, segments.size())));
                return Optional.of(score);
            }
            if (i >= segments.size()) {
                return Optional.empty();
            }
            if (part.startsWith("{")) {
                parameters.put(part.substring(1, part.length() - 1), segments.get(i));
                score += 100;
            } else if (part.equals(segments.get(i))) {
                score += 1000;
            } else {
                return Optional.empty();
            }
        }
        return segments.size() == parts.size() ? Optional.of(score + 1) : Optional.empty();
    }

    /** The request's path, decoded; on the $default stage it keeps its first segment. */
    private static String pathOf(String rawPath) {
        return course.sandbox.auth.SigV4.percentDecode(rawPath.isEmpty() ? "/" : rawPath);
    }

    /** Runs the route's integration; failures are HTTP APIs' own answers. */
    public SandboxResponse invoke(CallSite call, Target target) {
        try {
            Integration integration = target.route().target == null ? null
                    : target.deployed().definition().integrations.get(target.route().target.substring("integrations/".length()));
            if (integration == null) {
                throw GatewayErrors.notFound();
            }
            return switch (integration.integrationType) {
                case "AWS_PROXY" -> lambdaProxy(call, target, integration);
                case "HTTP_PROXY" -> httpProxy(call, target, integration);
                default -> throw internalServerError();
            };
        } catch (ServiceException error) {
            return RestApiInvoker.gatewayResponse(error, call.requestId());
        }
    }

    private SandboxResponse lambdaProxy(CallSite call, Target target, Integration integration) {
        Map<String, String> variables = target.deployed().stage().stageVariables == null ? Map.of()
                : target.deployed().stage().stageVariables;
        boolean version2 = "2.0".equals(integration.payloadFormatVersion);
        CallSite seen = new CallSite(call.apiId(), call.region(), call.domainName(), call.httpMethod(), target.stage(), target.path(),
                call.rawPath(), call.rawQuery(), call.query(), call.headers(), call.body(), call.sourceIp(), call.caller(),
                call.requestId(), call.now());
        byte[] event;
        if (version2) {
            event = ProxyEvents.version2(seen, new ProxyEvents.HttpContext(target.deployed().scope().account(),
                    target.route().routeKey, target.pathParameters(), variables), false).toString().getBytes(StandardCharsets.UTF_8);
        } else {
            var version1 = ProxyEvents.version1(seen, new ProxyEvents.RestContext(target.deployed().scope().account(),
                    target.route().routeId, target.route().routeKey, target.deployed().deploymentId(), target.pathParameters(),
                    variables, Optional.empty(), Optional.empty()), false);
            var withVersion = ProxyEvents.JSON.createObjectNode().put("version", "1.0");
            withVersion.setAll(version1);
            event = withVersion.toString().getBytes(StandardCharsets.UTF_8);
        }
        String functionArn = integration.integrationUri.replaceFirst(
                "^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path/[0-9-]+/functions/(.+)/invocations$", "$1");
        LambdaInvoker.Result result;
        try {
            result = lambda.invoke(functionArn, target.routeArn(call), event);
        } catch (ServiceException refused) {
            throw internalServerError();
        }
        if (result.functionError().isPresent()) {
            throw internalServerError();
        }
        ProxyEvents.ProxyResponse answer = ProxyEvents.response(result.payload(), version2)
                .orElseThrow(HttpApiInvoker::internalServerError);
        answer.headers().add("apigw-requestid", call.requestId());
        return new SandboxResponse(answer.status(), answer.headers(), answer.body());
    }

    private SandboxResponse httpProxy(CallSite call, Target target, Integration integration) {
        String uri = integration.integrationUri;
        for (Map.Entry<String, String> parameter : target.pathParameters().entrySet()) {
            uri = uri.replace("{" + parameter.getKey() + "+}", parameter.getValue()).replace("{" + parameter.getKey() + "}", parameter.getValue());
        }
        if (!call.rawQuery().isEmpty()) {
            uri += (uri.contains("?") ? "&" : "?") + call.rawQuery();
        }
        String method = integration.integrationMethod == null || integration.integrationMethod.equals("ANY") ? call.httpMethod()
                : integration.integrationMethod;
        HttpBackend.Response answer;
        try {
            answer = http.send(method, URI.create(uri), call.multiHeaders(), call.body(), integration.timeoutInMillis);
        } catch (IllegalArgumentException e) {
            throw internalServerError();
        } catch (ServiceException failed) {
            throw failed.status() == 504 ? new ServiceException(503, "ServiceUnavailableException", "Service Unavailable")
                    : internalServerError();
        }
        answer.headers().add("apigw-requestid", call.requestId());
        return new SandboxResponse(answer.status(), answer.headers(), answer.body());
    }

    /** HTTP APIs word it with a capital S, unlike REST APIs. */
    private static ServiceException internalServerError() {
        return new ServiceException(500, "InternalServerErrorException", "Internal Server Error");
    }
}
