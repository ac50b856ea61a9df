package course.sandbox.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one authorization decision needs. Build with {@link #builder(RequestPrincipal, String, String)}.
 *
 * @param principal           who asks
 * @param action              the action, e.g. {@code s3:GetObject}
 * @param resource            the resource ARN, or {@code "*"} for actions without a resource
 * @param context             request context keys; principal keys are added by the engine
 * @param identityPolicies    the principal's identity-based policies (inline and managed)
 * @param permissionsBoundary the principal's permissions boundary, or null
 * @param sessionPolicies     session policies of a role session (empty when none were passed)
 * @param resourcePolicy      the resource-based policy, or null
 * @param rootBypass          whether the account root user is allowed without any policy
 */
public record EvaluationRequest(RequestPrincipal principal, String action, String resource, RequestContext context,
                                List<AttachedPolicy> identityPolicies, AttachedPolicy permissionsBoundary,
                                List<AttachedPolicy> sessionPolicies, ResourcePolicy resourcePolicy,
                                boolean rootBypass) {

    public EvaluationRequest {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(context, "context");
        identityPolicies = List.copyOf(identityPolicies);
        sessionPolicies = List.copyOf(sessionPolicies);
    }

    public static Builder builder(RequestPrincipal principal, String action, String resource) {
        return new Builder(principal, action, resource);
    }

    /** Builder with IAM's defaults: empty context, no policies, root bypass on. */
    public static final class Builder {
        private final RequestPrincipal principal;
        private final String action;
        private final String resource;
        private RequestContext context = RequestContext.empty();
        private final List<AttachedPolicy> identityPolicies = new ArrayList<>();
        private AttachedPolicy permissionsBoundary;
        private final List<AttachedPolicy> sessionPolicies = new ArrayList<>();
        private ResourcePolicy resourcePolicy;
        private boolean rootBypass = true;

        private Builder(RequestPrincipal principal, String action, String resource) {
            this.principal = principal;
            this.action = action;
            this.resource = resource;
        }

        public Builder context(RequestContext context) {
            this.context = context;
            return this;
        }

        public Builder identityPolicy(AttachedPolicy policy) {
            identityPolicies.add(policy);
            return this;
        }

        public Builder identityPolicies(List<AttachedPolicy> policies) {
            identityPolicies.addAll(policies);
            return this;
        }

        public Builder permissionsBoundary(AttachedPolicy boundary) {
            this.permissionsBoundary = boundary;
            return this;
        }

        public Builder sessionPolicy(AttachedPolicy policy) {
            sessionPolicies.add(policy);
            return this;
        }

        public Builder resourcePolicy(ResourcePolicy policy) {
            this.resourcePolicy = policy;
            return this;
        }

        public Builder rootBypass(boolean rootBypass) {
            this.rootBypass = rootBypass;
            return this;
        }

        public EvaluationRequest build() {
            return new EvaluationRequest(principal, action, resource, context, identityPolicies,
                    permissionsBoundary, sessionPolicies, resourcePolicy, rootBypass);
        }
    }
}
