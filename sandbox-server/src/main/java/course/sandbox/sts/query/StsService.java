package course.sandbox.sts.query;

import course.sandbox.http.SandboxResponse;
import course.sandbox.iam.IamModel;
import course.sandbox.iam.Principal;
import course.sandbox.iam.Role;
import course.sandbox.iam.policy.ContextValue;
import course.sandbox.iam.policy.PolicyDocument;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.ResourcePolicy;
import course.sandbox.iam.query.QueryResponse;
import course.sandbox.protocol.ServiceRoute;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceException;
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
    public String name() {
        return "sts";
    }

    @Override
    public Operation operation(ServiceRequest request) {
        if (request.caller().isAnonymous()) {
            throw new ServiceException(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        Map<String, String> form = ServiceRoute.queryParameters(request.http());
        String action = form.getOrDefault("Action", "-");
        String roleArn = form.get("RoleArn");
        // STS turns root away before any policy is read ("Roles may not be assumed by root accounts.").
        if (!action.equals("AssumeRole") || roleArn == null || request.caller().principal() instanceof Principal.Root) {
            return Operation.of(action);
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
        QueryResponse response = handler.handle(ServiceRoute.queryParameters(request.http()),
                request.caller().credential().orElseThrow());
        return response.toSandboxResponse();
    }

    @Override
    public SandboxResponse render(ServiceException error, ServiceRequest request) {
        return QueryResponse.error(StsQueryHandler.NAMESPACE, error, request.requestId());
    }

    @Override
    public boolean quotesResourcesInDenials() {
        return false;
    }

    @Override
    public void reset() {
        // STS sessions live in IAM's credential store; IamService's reset drops them.
    }
}
