package course.sandbox.iam.query;

import course.sandbox.protocol.QueryParams;
import course.sandbox.protocol.QueryResponse;
import course.sandbox.protocol.QueryXml;
import course.sandbox.service.ServiceException;
import course.sandbox.iam.IamErrors;

import course.sandbox.iam.IamModel;
import course.sandbox.iam.IdentityPolicy;
import course.sandbox.iam.PrincipalPolicies;
import course.sandbox.iam.policy.AttachedPolicy;
import course.sandbox.iam.policy.ContextKeyType;
import course.sandbox.iam.policy.ContextKeys;
import course.sandbox.iam.policy.ContextValue;
import course.sandbox.iam.policy.EvaluationRequest;
import course.sandbox.iam.policy.EvaluationResult;
import course.sandbox.iam.policy.MalformedPolicyException;
import course.sandbox.iam.policy.MatchedStatement;
import course.sandbox.iam.policy.PolicyDocument;
import course.sandbox.iam.policy.PolicyEngine;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.PolicySourceType;
import course.sandbox.iam.policy.RequestContext;
import course.sandbox.iam.policy.RequestPrincipal;
import course.sandbox.iam.policy.ResourcePolicy;
import course.sandbox.protocol.XmlBuilder;
import course.sandbox.service.Permission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IAM's policy simulator (SimulatePrincipalPolicy, SimulateCustomPolicy) and its context-key
 * helpers (GetContextKeysFor*), answered by the same {@link PolicyEngine} that enforces every
 * sandbox request, so what the simulator says is what the sandbox does.
 */
public final class PolicySimulator {
    private static final Set<String> ACTIONS = Set.of("SimulatePrincipalPolicy", "SimulateCustomPolicy",
            "GetContextKeysForPrincipalPolicy", "GetContextKeysForCustomPolicy");

    private final IamModel iam;
    private final PolicyEngine engine = new PolicyEngine();

    public PolicySimulator(IamModel iam) {
        this.iam = iam;
    }

    public static boolean handles(String action) {
        return ACTIONS.contains(action);
    }

    /** The permission each simulator action needs: on the simulated principal, or on "*" for custom policies. */
    public Permission permission(Map<String, String> form) {
        String action = form.get("Action");
        String source = form.get("PolicySourceArn");
        return Permission.of("iam:" + action, source != null && action.endsWith("PrincipalPolicy") ? source : "*");
    }

    public QueryResponse handle(Map<String, String> form, String requestId) {
        QueryParams params = new QueryParams(form);
        String action = params.action();
        try {
            XmlBuilder result = new XmlBuilder();
            switch (action) {
                case "SimulatePrincipalPolicy" -> simulate(result, params, principalPolicies(params), true);
                case "SimulateCustomPolicy" -> simulate(result, params,
                        inputPolicies(params.list("PolicyInputList"), "PolicyInputList", true), false);
                case "GetContextKeysForPrincipalPolicy" -> contextKeys(result, principalPolicies(params));
                case "GetContextKeysForCustomPolicy" -> contextKeys(result,
                        inputPolicies(params.list("PolicyInputList"), "PolicyInputList", true));
                default -> throw new IllegalStateException("not a simulator action: " + action);
            }
            return QueryXml.success(IamQueryHandler.NAMESPACE, action, result, requestId);
        } catch (ServiceException e) {
            return QueryXml.error(IamQueryHandler.NAMESPACE, e, requestId);
        }
    }

    /** The principal's own policies plus any PolicyInputList, as SimulatePrincipalPolicy weighs them. */
    private List<AttachedPolicy> principalPolicies(QueryParams params) {
        String source = params.required("PolicySourceArn", "policySourceArn");
        List<AttachedPolicy> policies = new ArrayList<>();
        for (IdentityPolicy policy : entityPolicies(source).identityPolicies()) {
            String id = policy.sourceType() == PolicySourceType.AWS_MANAGED || policy.sourceType() == PolicySourceType.CUSTOMER_MANAGED
                    ? policy.sourceId() : policy.policyName();
            policies.add(new AttachedPolicy(id, policy.sourceType(), parse(policy.document(), PolicyKind.IDENTITY)));
        }
        policies.addAll(inputPolicies(params.list("PolicyInputList"), "PolicyInputList", false));
        return policies;
    }

    private PrincipalPolicies entityPolicies(String arn) {
        try {
            return iam.simulationPolicies(arn);
        } catch (IllegalArgumentException notAnEntityArn) {
            throw IamErrors.invalidInput("Invalid ARN: " + arn + ". Use the ARN of an IAM user, group or role.");
        }
    }

    private List<AttachedPolicy> inputPolicies(List<String> documents, String parameter, boolean required) {
        if (required && documents.isEmpty()) {
            throw IamErrors.validation("1 validation error detected: Value null at '" + lowerFirst(parameter)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        List<AttachedPolicy> policies = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            String id = parameter + "." + (i + 1);
            policies.add(new AttachedPolicy(id, PolicySourceType.NONE, parse(documents.get(i), PolicyKind.IDENTITY)));
        }
        return policies;
    }

    private void simulate(XmlBuilder x, QueryParams params, List<AttachedPolicy> identity, boolean principal) {
        List<String> actions = params.list("ActionNames");
        if (actions.isEmpty()) {
            throw IamErrors.validation("1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null");
        }
        List<String> resources = params.list("ResourceArns");
        if (resources.isEmpty()) {
            resources = List.of("*");
        }
        List<AttachedPolicy> boundaries = inputPolicies(params.list("PermissionsBoundaryPolicyInputList"),
                "PermissionsBoundaryPolicyInputList", false);
        Optional<AttachedPolicy> boundary = boundaries.stream().findFirst();
        if (boundary.isEmpty() && principal) {
            boundary = entityPolicies(params.optional("PolicySourceArn")).permissionsBoundary()
                    .map(doc -> new AttachedPolicy("PermissionsBoundary", PolicySourceType.NONE, parse(doc, PolicyKind.IDENTITY)));
        }
        String owner = Optional.ofNullable(params.optional("ResourceOwner")).map(PolicySimulator::accountOf).orElse(iam.accountId());
        Optional<ResourcePolicy> resourcePolicy = Optional.ofNullable(params.optional("ResourcePolicy"))
                .map(doc -> new ResourcePolicy("ResourcePolicy", owner, parse(doc, PolicyKind.RESOURCE)));
        RequestPrincipal caller = caller(params, principal);
        RequestContext context = context(params);

        x.open("EvaluationResults");
        for (String action : actions) {
            for (String resource : resources) {
                EvaluationRequest.Builder request = EvaluationRequest.builder(caller, action, resource)
                        .context(context).identityPolicies(identity).rootBypass(false);
                boundary.ifPresent(request::permissionsBoundary);
                resourcePolicy.ifPresent(request::resourcePolicy);
                EvaluationResult result = engine.evaluate(request.build());
                x.open("member").element("EvalActionName", action).element("EvalResourceName", resource)
                        .element("EvalDecision", result.decision().wireName());
                statements(x, result.matchedStatements());
                missing(x, result.missingContextValues());
                resourcePolicy.ifPresent(policy -> x.open("EvalDecisionDetails").open("entry")
                        .element("key", "ResourcePolicy").element("value", result.decision().wireName())
                        .close("entry").close("EvalDecisionDetails"));
                result.allowedByPermissionsBoundary().ifPresent(allowed -> x.open("PermissionsBoundaryDecisionDetail")
                        .element("AllowedByPermissionsBoundary", allowed).close("PermissionsBoundaryDecisionDetail"));
                x.open("ResourceSpecificResults").open("member").element("EvalResourceName", resource)
                        .element("EvalResourceDecision", result.decision().wireName());
                statements(x, result.matchedStatements());
                missing(x, result.missingContextValues());
                x.close("member").close("ResourceSpecificResults");
                x.close("member");
            }
        }
        x.close("EvaluationResults").element("IsTruncated", false);
    }

    private RequestPrincipal caller(QueryParams params, boolean principal) {
        String arn = Optional.ofNullable(params.optional("CallerArn"))
                .orElse(principal ? params.optional("PolicySourceArn") : null);
        if (arn == null || arn.contains(":group/")) {
            return RequestPrincipal.user("arn:aws:iam::" + iam.accountId() + ":user/simulated-caller");
        }
        if (arn.matches("arn:aws:iam::\\d{12}:root")) {
            return RequestPrincipal.root(accountOf(arn));
        }
        if (arn.contains(":assumed-role/")) {
            String[] parts = arn.substring(arn.indexOf(":assumed-role/") + ":assumed-role/".length()).split("/");
            return RequestPrincipal.assumedRole(arn, "arn:aws:iam::" + accountOf(arn) + ":role/" + parts[0]);
        }
        if (arn.contains(":role/")) {
            String name = arn.substring(arn.lastIndexOf('/') + 1);
            return RequestPrincipal.assumedRole("arn:aws:sts::" + accountOf(arn) + ":assumed-role/" + name + "/simulation", arn);
        }
        return RequestPrincipal.user(arn);
    }

    private static RequestContext context(QueryParams params) {
        Map<String, ContextValue> entries = new LinkedHashMap<>();
        for (int n = 1; params.optional("ContextEntries.member." + n + ".ContextKeyName") != null; n++) {
            String prefix = "ContextEntries.member." + n + ".";
            String name = params.optional(prefix + "ContextKeyName");
            String typeName = Optional.ofNullable(params.optional(prefix + "ContextKeyType")).orElse("string");
            ContextKeyType type;
            try {
                type = ContextKeyType.fromWireName(typeName);
            } catch (IllegalArgumentException unknown) {
                throw IamErrors.validation("1 validation error detected: Value '" + typeName + "' at 'contextEntries."
                        + n + ".member.contextKeyType' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList]");
            }
            List<String> values = params.list(prefix + "ContextKeyValues");
            if (!type.multiValued() && values.size() != 1) {
                // A single-valued type with no value or several is the caller's mistake: InvalidInput, not a fault.
                throw IamErrors.invalidInput("Context key " + name + " of type " + type.wireName()
                        + " needs exactly one value in ContextKeyValues, not " + values.size() + ".");
            }
            entries.put(name, ContextValue.of(type, values.toArray(String[]::new)));
        }
        return RequestContext.of(entries);
    }

    private void contextKeys(XmlBuilder x, List<AttachedPolicy> policies) {
        x.open("ContextKeyNames");
        for (String key : ContextKeys.of(policies.stream().map(AttachedPolicy::document).toArray(PolicyDocument[]::new))) {
            x.element("member", key);
        }
        x.close("ContextKeyNames");
    }

    private static void statements(XmlBuilder x, List<MatchedStatement> matched) {
        x.open("MatchedStatements");
        for (MatchedStatement statement : matched) {
            x.open("member").element("SourcePolicyId", statement.sourceId())
                    .element("SourcePolicyType", statement.sourceType().wireName())
                    .open("StartPosition").element("Line", statement.start().line()).element("Column", statement.start().column()).close("StartPosition")
                    .open("EndPosition").element("Line", statement.end().line()).element("Column", statement.end().column()).close("EndPosition")
                    .close("member");
        }
        x.close("MatchedStatements");
    }

    private static void missing(XmlBuilder x, List<String> keys) {
        x.open("MissingContextValues");
        keys.forEach(key -> x.element("member", key));
        x.close("MissingContextValues");
    }

    private static PolicyDocument parse(String json, PolicyKind kind) {
        try {
            return PolicyDocument.parse(json, kind);
        } catch (MalformedPolicyException e) {
            throw IamErrors.malformedPolicy(e.getMessage());
        }
    }

    private static String accountOf(String arnOrAccount) {
        if (arnOrAccount.matches("\\d{12}")) {
            return arnOrAccount;
        }
        String[] parts = arnOrAccount.split(":");
        return parts.length > 4 ? parts[4] : arnOrAccount;
    }

    private static String lowerFirst(String text) {
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
