package course.sandbox.iam.query;

import course.sandbox.http.SandboxResponse;
import course.sandbox.iam.IamModel;
import course.sandbox.protocol.QueryCodec;
import course.sandbox.protocol.QueryResponse;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRegistry;
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
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("iam");
    }

    /** Every served action names its permission ({@link IamOperation}); any other is InvalidAction, unrun. */
    @Override
    public Operation operation(ServiceRequest request) {
        Map<String, String> form = QueryCodec.parameters(request.http());
        String action = form.get("Action");
        if (action == null) {
            throw new ServiceException(400, "MissingAction", "Missing Action");
        }
        IamOperation operation = IamOperation.of(action).orElseThrow(() -> new ServiceException(400, "InvalidAction",
                "Could not find operation " + action + " for version " + IamQueryHandler.VERSION));
        if (operation.target() == IamOperation.Target.SIMULATOR) {
            return Operation.of(action, simulator.permission(form));
        }
        RequiredPermission required = permissions.requiredPermission(form, request.caller().principal()).orElseThrow();
        return Operation.of(action, Permission.of(required.action(), required.resourceArn()));
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        Map<String, String> form = QueryCodec.parameters(request.http());
        QueryResponse response = PolicySimulator.handles(operation.name())
                ? simulator.handle(form, request.requestId())
                : handler.handle(form, request.caller().principal());
        return response.toSandboxResponse();
    }

    @Override
    public void reset() {
        iam.reset();
    }
}
