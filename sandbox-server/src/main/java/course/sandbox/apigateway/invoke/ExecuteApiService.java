package course.sandbox.apigateway.invoke;

import course.sandbox.apigateway.RestApiShapes.AccessLogSettings;
import course.sandbox.http.SandboxResponse;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRegistry;
import course.sandbox.service.ServiceRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The execute-api endpoint: invocations of deployed APIs, addressed by host
 * ({@code {api-id}.execute-api.localhost:PORT/{stage}/path}, or the {@code /_host/{api-id}.execute-api.{region}.amazonaws.com/…}
 * path form) and run by {@link RestApiInvoker}. A method with authorization NONE takes anonymous
 * and signed requests alike; an AWS_IAM method needs a SigV4 signature for {@code execute-api}
 * and {@code execute-api:Invoke} on the method's ARN, decided by the one policy engine.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html">Control access for invoking an API</a>
 */
public final class ExecuteApiService implements AwsService {
    private static final int MAX_PENDING = 10_000;
    /** API Gateway's payload limit: 10 MB. */
    private static final int MAX_PAYLOAD = 10 * 1024 * 1024;

    private final RestApiInvoker restApis;
    private final HttpApiInvoker httpApis;
    private final AccessLogs accessLogs;
    /** Requests between {@link #operation} and {@link #handle}: the method or route they matched, by request id. */
    private final Map<String, RestPending> pending = new ConcurrentHashMap<>();
    private final Map<String, HttpPending> httpPending = new ConcurrentHashMap<>();

    private record RestPending(CallSite call, RestApiInvoker.Target target) {
    }

    private record HttpPending(CallSite call, HttpApiInvoker.Target target) {
    }

    public ExecuteApiService(RestApiInvoker restApis, HttpApiInvoker httpApis, AccessLogs accessLogs) {
        this.restApis = restApis;
        this.httpApis = httpApis;
        this.accessLogs = accessLogs;
    }

    /** Lambda, once it is served: both kinds of API invoke functions in-process through it. */
    public void lambda(LambdaInvoker invoker) {
        restApis.lambda(invoker);
        httpApis.lambda(invoker);
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("execute-api");
    }

    @Override
    public Operation operation(ServiceRequest request) {
        if (request.body().length > MAX_PAYLOAD) {
            throw new ServiceException(413, "RequestTooLongException", "Request Too Long");
        }
        CallSite call = CallSite.of(request, request.region());
        if (pending.size() + httpPending.size() > MAX_PENDING) {
            pending.clear();
            httpPending.clear();
        }
        if (httpApis.serves(call.apiId())) {
            return httpOperation(request, call);
        }
        if (!restApis.serves(call.apiId())) {
            throw GatewayErrors.forbidden();
        }
        RestApiInvoker.Target target = restApis.target(call);
        String authorization = target.method().authorizationType;
        if ("AWS_IAM".equals(authorization) && request.caller().isAnonymous()) {
            throw GatewayErrors.missingAuthenticationToken();
        }
        if (!"AWS_IAM".equals(authorization) && !"NONE".equals(authorization)) {
            throw new ServiceException(501, "NotImplemented", "The sandbox does not serve API Gateway " + authorization
                    + " authorizers yet.");
        }
        pending.put(request.requestId(), new RestPending(call, target));
        if ("AWS_IAM".equals(authorization)) {
            return Operation.of("Invoke", Permission.of("execute-api:Invoke", target.methodArn(call)));
        }
        return request.caller().isAnonymous() ? Operation.unsigned("Invoke") : Operation.noPolicy("Invoke");
    }

    /** HTTP API routes: NONE or AWS_IAM, as for REST methods. */
    private Operation httpOperation(ServiceRequest request, CallSite call) {
        HttpApiInvoker.Target target = httpApis.target(call);
        boolean iam = "AWS_IAM".equals(target.route().authorizationType);
        if (iam && request.caller().isAnonymous()) {
            throw new ServiceException(403, "ForbiddenException", "Forbidden");
        }
        httpPending.put(request.requestId(), new HttpPending(call, target));
        if (iam) {
            return Operation.of("Invoke", Permission.of("execute-api:Invoke", target.routeArn(call)));
        }
        return request.caller().isAnonymous() ? Operation.unsigned("Invoke") : Operation.noPolicy("Invoke");
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        HttpPending route = httpPending.remove(request.requestId());
        if (route != null) {
            return httpApis.invoke(route.call(), route.target());
        }
        RestPending invocation = pending.remove(request.requestId());
        RestApiInvoker.Outcome outcome = restApis.invoke(invocation.call(), invocation.target());
        accessLog(invocation, outcome.context());
        return outcome.response();
    }

    /** Errors are gateway responses ({@code {"message": …}}); a matched request is access-logged too. */
    @Override
    public SandboxResponse render(ServiceException error, ServiceRequest request) {
        SandboxResponse response = RestApiInvoker.gatewayResponse(error, request.requestId());
        httpPending.remove(request.requestId());
        RestPending invocation = pending.remove(request.requestId());
        if (invocation != null) {
            Map<String, Object> context = restApis.context(invocation.call(), invocation.target());
            context.put("status", response.status());
            context.put("responseLength", response.body().length);
            ((Map<String, Object>) context.get("error")).put("message", error.getMessage());
            accessLog(invocation, context);
        }
        return response;
    }

    private void accessLog(RestPending invocation, Map<String, Object> context) {
        AccessLogSettings settings = invocation.target().deployed().stage().accessLogSettings;
        if (settings != null && settings.destinationArn != null && settings.format != null) {
            accessLogs.write(settings.destinationArn, invocation.call().apiId() + "/" + invocation.call().stage(),
                    AccessLogs.format(settings.format, context), invocation.call().now());
        }
    }

    @Override
    public void reset() {
        pending.clear();
        httpPending.clear();
    }
}
