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

    private final RestApiInvoker restApis;
    private final AccessLogs accessLogs;
    /** Requests between {@link #operation} and {@link #handle}: the method they matched, by request id. */
    private final Map<String, RestPending> pending = new ConcurrentHashMap<>();

    private record RestPending(CallSite call, RestApiInvoker.Target target) {
    }

    public ExecuteApiService(RestApiInvoker restApis, AccessLogs accessLogs) {
        this.restApis = restApis;
        this.accessLogs = accessLogs;
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("execute-api");
    }

    @Override
    public Operation operation(ServiceRequest request) {
        CallSite call = CallSite.of(request, request.region());
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
        if (pending.size() > MAX_PENDING) {
            pending.clear();
        }
        pending.put(request.requestId(), new RestPending(call, target));
        if ("AWS_IAM".equals(authorization)) {
            return Operation.of("Invoke", Permission.of("execute-api:Invoke", target.methodArn(call)));
        }
        return request.caller().isAnonymous() ? Operation.unsigned("Invoke") : Operation.noPolicy("Invoke");
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        RestPending invocation = pending.remove(request.requestId());
        RestApiInvoker.Outcome outcome = restApis.invoke(invocation.call(), invocation.target());
        accessLog(invocation, outcome.context());
        return outcome.response();
    }

    /** Errors are gateway responses ({@code {"message": …}}); a matched request is access-logged too. */
    @Override
    public SandboxResponse render(ServiceException error, ServiceRequest request) {
        SandboxResponse response = RestApiInvoker.gatewayResponse(error, request.requestId());
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

    /** A denied invocation: 403 with the policy engine's message, as API Gateway words it. */
    @Override
    public ServiceException accessDenied(String message) {
        return new ServiceException(403, "AccessDeniedException", message);
    }

    @Override
    public boolean quotesResourcesInDenials() {
        return false;
    }

    @Override
    public void reset() {
        pending.clear();
    }
}
