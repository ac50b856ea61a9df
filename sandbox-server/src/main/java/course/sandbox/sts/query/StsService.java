package course.sandbox.sts.query;

import course.sandbox.http.SandboxResponse;
import course.sandbox.iam.IamModel;
import course.sandbox.iam.Principal;
import course.sandbox.iam.Role;
import course.sandbox.iam.policy.ContextValue;
import course.sandbox.iam.policy.PolicyDocument;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.ResourcePolicy;
import course.sandbox.iam.IamErrors;
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
import course.sandbox.sts.StsModel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * STS behind the pipeline. AssumeRole's permission carries the role's trust policy as its
 * resource policy, so the engine weighs trust and identity policies together, as AWS does.
 */
public final class StsService implements AwsService {
    private final IamModel iam;
    private final StsQueryHandler handler;

    public StsService(IamModel iam) {
        this.iam = iam;
        this.handler = new StsQueryHandler(new StsModel(iam));
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("sts");
    }

    /** Only the actions of {@link StsOperation} run; AWS's other STS actions are NotImplemented here. */
    @Override
    public Operation operation(ServiceRequest request) {
        Map<String, String> form = QueryCodec.parameters(request.http());
        String action = form.get("Action");
        if (action == null) {
            throw new ServiceException(400, "MissingAction", "Missing Action");
        }
        Optional<StsOperation> served = StsOperation.of(action);
        if (served.isEmpty()) {
            throw descriptor().queryActions().contains(action)
                    ? new ServiceException(501, "NotImplemented", "The sandbox does not serve STS " + action + " yet.")
                    : new ServiceException(400, "InvalidAction", "Could not find operation " + action + " for version "
                            + StsQueryHandler.VERSION);
        }
        if (served.get().access() == Operation.Access.NO_POLICY) {
            return Operation.noPolicy(action);
        }
        String roleArn = form.get("RoleArn");
        if (roleArn == null) {
            throw IamErrors.missing("roleArn");
        }
        // STS turns root away before any policy is read ("Roles may not be assumed by root accounts.").
        if (request.caller().principal() instanceof Principal.Root) {
            throw IamErrors.accessDenied("Roles may not be assumed by root accounts.");
        }
        Map<String, ContextValue> keys = new LinkedHashMap<>();
        Optional.ofNullable(form.get("ExternalId")).ifPresent(id -> keys.put("sts:ExternalId", ContextValue.string(id)));
        Optional.ofNullable(form.get("RoleSessionName")).ifPresent(name -> keys.put("sts:RoleSessionName", ContextValue.string(name)));
        Optional<ResourcePolicy> trust = iam.findRoleByArn(roleArn).map(this::trustPolicy);
        return Operation.of(action, Permission.of("sts:AssumeRole", roleArn).withContext(keys)
                .withResourcePolicy(trust).requiringResourcePolicyAllow());
    }

    private ResourcePolicy trustPolicy(Role role) {
        return new ResourcePolicy(role.arn() + "#trust-policy", iam.accountId(),
                PolicyDocument.parse(role.assumeRolePolicyDocument(), PolicyKind.TRUST));
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        QueryResponse response = handler.handle(QueryCodec.parameters(request.http()),
                request.caller().credential().orElseThrow());
        return response.toSandboxResponse();
    }

    @Override
    public void reset() {
        // STS sessions live in IAM's credential store; IamService's reset drops them.
    }
}
