package course.sandbox.apigateway.protocol;

import course.sandbox.apigateway.RestApiModel;
import course.sandbox.apigateway.RestApiModel.Scope;
import course.sandbox.apigateway.UsageMeter;
import course.sandbox.http.SandboxResponse;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceRegistry;
import course.sandbox.service.ServiceRequest;

/**
 * API Gateway's REST API control plane ({@code apigateway}, REST-JSON) over {@link RestApiModel}.
 * Each request needs {@code apigateway:<HTTP method>} on {@code arn:aws:apigateway:REGION::<path>}.
 */
public final class ApiGatewayService implements AwsService {
    private final RestApiModel model;
    private final UsageMeter meter;
    private final ApiGatewayHandlers handlers;

    public ApiGatewayService(RestApiModel model, UsageMeter meter) {
        this.model = model;
        this.meter = meter;
        this.handlers = new ApiGatewayHandlers(model, meter);
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("apigateway");
    }

    @Override
    public Operation operation(ServiceRequest request) {
        ApiGatewayOperation.Match match = match(request);
        return Operation.of(match.operation().name(), Permission.of(match.operation().action(), scope(request).resourceArn(match.path())));
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        ApiGatewayOperation.Match match = match(request);
        SandboxResponse response = handlers.handle(match, request, request.documentCodec(), scope(request));
        if (!match.operation().httpMethod().equals("GET")) {
            model.save();
        }
        return response;
    }

    @Override
    public void reset() {
        model.reset();
        meter.reset();
    }

    private ApiGatewayOperation.Match match(ServiceRequest request) {
        return ApiGatewayOperation.match(request.http().method(), request.http().rawPath(), request.http().rawQuery())
                .orElseThrow(() -> notServed(request.http().method() + " " + request.http().rawPath()));
    }

    private static Scope scope(ServiceRequest request) {
        return new Scope(request.caller().principal().accountId(), request.region());
    }
}
