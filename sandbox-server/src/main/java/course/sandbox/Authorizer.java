package course.sandbox;

import course.sandbox.iam.Credential;
import course.sandbox.iam.IamModel;
import course.sandbox.iam.IdentityPolicy;
import course.sandbox.iam.Principal;
import course.sandbox.iam.PrincipalPolicies;
import course.sandbox.iam.policy.AttachedPolicy;
import course.sandbox.iam.policy.ContextKeyType;
import course.sandbox.iam.policy.ContextValue;
import course.sandbox.iam.policy.Effect;
import course.sandbox.iam.policy.EvaluationRequest;
import course.sandbox.iam.policy.EvaluationResult;
import course.sandbox.iam.policy.PolicyDocument;
import course.sandbox.iam.policy.PolicyEngine;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.PolicySourceType;
import course.sandbox.iam.policy.RequestContext;
import course.sandbox.iam.policy.RequestPrincipal;
import course.sandbox.service.Caller;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceRequest;
import course.sandbox.service.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipeline's authorize step: gathers everything IAM knows about the caller (identity
 * policies, boundary, session policies, tags), adds the global condition keys AWS fills in,
 * and asks the one {@link PolicyEngine}, the same one behind IAM's policy simulator.
 */
public final class Authorizer {
    private final IamModel iam;
    private final PolicyEngine engine = new PolicyEngine();
    /** Parsed documents by text: policies change rarely, requests come often. */
    private final Map<String, PolicyDocument> parsed = new ConcurrentHashMap<>();

    public Authorizer(IamModel iam) {
        this.iam = iam;
    }

    /** The question asked and the engine's answer, kept together for messages and --explain. */
    public record Decision(EvaluationRequest request, EvaluationResult result) {
    }

    public Decision decide(ServiceRequest request, Permission permission) {
        Caller caller = request.caller();
        RequestPrincipal principal = requestPrincipal(caller);
        EvaluationRequest.Builder evaluation = EvaluationRequest.builder(principal, permission.action(), permission.resource());
        Map<String, ContextValue> context = new LinkedHashMap<>(globalContext(request));
        if (!caller.isAnonymous()) {
            Credential credential = caller.credential().orElseThrow();
            PrincipalPolicies policies = iam.principalPolicies(credential.principal());
            for (IdentityPolicy policy : policies.identityPolicies()) {
                evaluation.identityPolicy(new AttachedPolicy(policy.sourceId(), policy.sourceType(), document(policy.document())));
            }
            policies.permissionsBoundary().ifPresent(boundary -> evaluation.permissionsBoundary(
                    new AttachedPolicy("permissions-boundary", PolicySourceType.NONE, document(boundary))));
            credential.sessionPolicy().ifPresent(policy -> evaluation.sessionPolicy(
                    new AttachedPolicy("session-policy", PolicySourceType.NONE, document(policy))));
            for (String arn : credential.sessionPolicyArns()) {
                iam.managedPolicyDocument(arn).ifPresent(policy -> evaluation.sessionPolicy(
                        new AttachedPolicy(arn, PolicySourceType.NONE, document(policy))));
            }
            for (Tag tag : policies.principalTags()) {
                context.put("aws:PrincipalTag/" + tag.key(), ContextValue.string(tag.value()));
            }
        }
        context.putAll(permission.context());
        permission.resourcePolicy().ifPresent(evaluation::resourcePolicy);
        EvaluationRequest question = evaluation.context(RequestContext.of(context)).build();
        return new Decision(question, engine.evaluate(question));
    }

    /** Parses a stored policy once; documents in IAM were validated when they were stored. */
    public PolicyDocument document(String json) {
        return parsed.computeIfAbsent(json, text -> PolicyDocument.parse(text, PolicyKind.IDENTITY));
    }

    static RequestPrincipal requestPrincipal(Caller caller) {
        if (caller.isAnonymous()) {
            return RequestPrincipal.anonymous();
        }
        Principal principal = caller.principal();
        if (principal instanceof Principal.Root root) {
            return RequestPrincipal.root(root.accountId());
        }
        if (principal instanceof Principal.AssumedRole session) {
            return RequestPrincipal.assumedRole(session.arn(), session.roleArn());
        }
        return RequestPrincipal.user(principal.arn());
    }

    /** The keys AWS adds to every request's context (the engine adds the aws:Principal* ones). */
    private static Map<String, ContextValue> globalContext(ServiceRequest request) {
        Map<String, ContextValue> context = new LinkedHashMap<>();
        context.put("aws:SourceIp", ContextValue.of(ContextKeyType.IP,
                request.http().remote().getAddress().getHostAddress()));
        context.put("aws:CurrentTime", ContextValue.of(ContextKeyType.DATE, request.now().toString()));
        context.put("aws:EpochTime", ContextValue.of(ContextKeyType.NUMERIC,
                String.valueOf(request.now().getEpochSecond())));
        // The sandbox speaks plain HTTP on loopback, so a policy demanding TLS denies, as AWS would.
        context.put("aws:SecureTransport", ContextValue.of(ContextKeyType.BOOLEAN, "false"));
        context.put("aws:RequestedRegion", ContextValue.string(request.region()));
        request.caller().credential().ifPresent(credential -> {
            context.put("aws:userid", ContextValue.string(credential.principal().userId()));
            if (credential.isTemporary()) {
                context.put("aws:MultiFactorAuthPresent", ContextValue.of(ContextKeyType.BOOLEAN, "false"));
            }
        });
        return context;
    }

    /** Trust policies must allow AssumeRole themselves; an identity policy alone is not enough. */
    public static boolean resourcePolicyAllowed(EvaluationResult result) {
        return result.matchedStatements().stream()
                .anyMatch(statement -> statement.sourceType() == PolicySourceType.RESOURCE
                        && statement.effect() == Effect.ALLOW);
    }

    static List<String> describe(Decision decision) {
        EvaluationResult result = decision.result();
        String verdict = result.decision().wireName() + " by " + result.decidedBy();
        return result.decidingStatement()
                .map(statement -> List.of(verdict, "statement " + (statement.sid() == null ? "#" + statement.statementIndex() : "'" + statement.sid() + "'")
                        + " of " + statement.sourceId() + " (" + statement.sourceType().wireName() + ", " + statement.effect() + ")"))
                .orElse(List.of(verdict + ": no statement matched"));
    }
}
