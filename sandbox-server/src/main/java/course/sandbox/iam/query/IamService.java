package course.sandbox.iam.query;

import course.sandbox.http.SandboxResponse;
import course.sandbox.iam.IamModel;
import course.sandbox.protocol.ServiceRoute;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRequest;

import java.util.Map;

/** IAM behind the pipeline: the Query protocol over {@link IamModel}, plus the policy simulator. */
public final class IamService implements AwsService {
    private final IamModel iam;
    private final IamQueryHandler handler;
    private final IamActionMapping permissions;
    private final PolicySimulator simulator;

    public IamService(IamModel iam, PolicySimulator simulator) {
        this.iam = iam;
        this.handler = new IamQueryHandler(iam);
        this.permissions = new IamActionMapping(iam);
        this.simulator = simulator;
    }

    @Override
    public String name() {
        return "iam";
    }

    @Override
    public Operation operation(ServiceRequest request) {
        Map<String, String> form = ServiceRoute.queryParameters(request.http());
        String action = form.getOrDefault("Action", "-");
        if (PolicySimulator.handles(action)) {
            return Operation.of(action, simulator.permission(form));
        }
        if (request.caller().isAnonymous()) {
            throw new ServiceException(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        return permissions.requiredPermission(form, request.caller().principal())
                .map(required -> Operation.of(action, Permission.of(required.action(), required.resourceArn())))
                .orElse(Operation.of(action));
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        Map<String, String> form = ServiceRoute.queryParameters(request.http());
        QueryResponse response = PolicySimulator.handles(operation.name())
                ? simulator.handle(form, request.requestId())
                : handler.handle(form, request.caller().principal());
        return response.toSandboxResponse();
    }

    @Override
    public SandboxResponse render(ServiceException error, ServiceRequest request) {
        return QueryResponse.error(IamQueryHandler.NAMESPACE, error, request.requestId());
    }

    @Override
    public boolean quotesResourcesInDenials() {
        return false;
    }

    @Override
    public void reset() {
        iam.reset();
    }
}
