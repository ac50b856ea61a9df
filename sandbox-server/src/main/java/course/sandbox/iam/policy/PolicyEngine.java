package course.sandbox.iam.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * AWS's single-account policy evaluation logic, shared by request enforcement and IAM's policy
 * simulator so the two can never disagree. Stateless and thread-safe.
 *
 * <p>Order of evaluation:
 * <ol>
 *   <li>An applicable Deny in any policy wins ({@code EXPLICIT_DENY}). When several kinds deny,
 *       the one reported follows AWS's evaluation flow: resource, identity, boundary, session.</li>
 *   <li>The account root user is allowed (unless {@code rootBypass} is off); only a resource
 *       policy's Deny can stop it.</li>
 *   <li>Same account: a resource policy Allow naming the IAM user ARN, the role session ARN or
 *       {@code "*"} allows on its own; boundary and session policies do not limit it.</li>
 *   <li>Otherwise an Allow from an identity policy, or from a resource policy naming the role
 *       ARN, must also be allowed by the permissions boundary and by the session policies,
 *       when those are present.</li>
 *   <li>Cross-account (resource owner differs from the principal's account): both the identity
 *       side (as in 4) and the resource policy must allow.</li>
 * </ol>
 * A resource policy naming only the principal's account delegates to the account: within the
 * account it grants the root user alone, other principals need identity-based permissions.
 */
public final class PolicyEngine {

    /** How strongly a resource policy statement's Principal names the caller. */
    private enum Grant { NONE, ACCOUNT, ROLE, DIRECT }

    public EvaluationResult evaluate(EvaluationRequest request) {
        RequestPrincipal principal = request.principal();
        RequestContext context = withPrincipalKeys(request.context(), principal);
        Evaluation evaluation = new Evaluation(request, context);

        ResourcePolicy resourcePolicy = request.resourcePolicy();
        boolean crossAccount = resourcePolicy != null && principal.accountId() != null
                && !principal.accountId().equals(resourcePolicy.ownerAccountId());
        boolean rootIdentity = principal.type() == PrincipalType.ROOT && request.rootBypass();

        Group resource = resourcePolicy == null ? Group.ABSENT : evaluation.resourceGroup(resourcePolicy);
        Group identity = Group.ABSENT;
        Group boundary = Group.ABSENT;
        Group session = Group.ABSENT;
        // The root user has no identity policies of its own; boundaries and sessions cannot apply to it.
        if (!rootIdentity) {
            identity = evaluation.group(request.identityPolicies(), PolicyRole.IDENTITY);
            if (request.permissionsBoundary() != null) {
                boundary = evaluation.group(List.of(request.permissionsBoundary()), PolicyRole.PERMISSIONS_BOUNDARY);
            }
            if (!request.sessionPolicies().isEmpty()) {
                session = evaluation.group(request.sessionPolicies(), PolicyRole.SESSION);
            }
        }
        Optional<Boolean> allowedByBoundary = boundary.present
                ? Optional.of(boundary.denies.isEmpty() && !boundary.allows.isEmpty())
                : Optional.empty();
        List<String> missing = List.copyOf(evaluation.missingKeys.values());

        List<Group> denyOrder = List.of(resource, identity, boundary, session);
        for (Group group : denyOrder) {
            if (!group.denies.isEmpty()) {
                List<MatchedStatement> matched = new ArrayList<>(group.denies);
                denyOrder.stream().filter(other -> other != group).forEach(other -> matched.addAll(other.denies));
                return new EvaluationResult(Decision.EXPLICIT_DENY, group.decidedBy, group.explicitDenyReason,
                        matched, missing, allowedByBoundary);
            }
        }

        List<Group> allowOrder = List.of(identity, resource, boundary, session);
        Outcome outcome = crossAccount
                ? crossAccount(rootIdentity, identity, boundary, session, resource)
                : sameAccount(rootIdentity, identity, boundary, session, resource);
        if (outcome.reason != null) {
            return new EvaluationResult(Decision.IMPLICIT_DENY, outcome.decidedBy, outcome.reason,
                    List.of(), missing, allowedByBoundary);
        }
        Group deciding = outcome.decidedBy == DecidedBy.RESOURCE ? resource : identity;
        List<MatchedStatement> matched = new ArrayList<>(deciding.allows);
        allowOrder.stream().filter(other -> other != deciding).forEach(other -> matched.addAll(other.allows));
        return new EvaluationResult(Decision.ALLOWED, outcome.decidedBy, null, matched, missing, allowedByBoundary);
    }

    private record Outcome(DecidedBy decidedBy, DenialReason reason) {
        static Outcome allowedBy(DecidedBy decidedBy) {
            return new Outcome(decidedBy, null);
        }
    }

    private static Outcome sameAccount(boolean rootIdentity, Group identity, Group boundary, Group session, Group resource) {
        if (rootIdentity) {
            return Outcome.allowedBy(DecidedBy.ROOT_USER);
        }
        if (resource.directGrant) {
            return Outcome.allowedBy(DecidedBy.RESOURCE);
        }
        // A grant to the role ARN joins the identity-based permissions, so boundary and session still limit it.
        boolean identityAllows = !identity.allows.isEmpty();
        if (!identityAllows && !resource.roleGrant) {
            return new Outcome(DecidedBy.NONE, DenialReason.NO_IDENTITY_ALLOW);
        }
        Outcome limited = limits(boundary, session);
        if (limited != null) {
            return limited;
        }
        return Outcome.allowedBy(identityAllows ? DecidedBy.IDENTITY : DecidedBy.RESOURCE);
    }

    private static Outcome crossAccount(boolean rootIdentity, Group identity, Group boundary, Group session, Group resource) {
        if (!rootIdentity) {
            if (identity.allows.isEmpty()) {
                return new Outcome(DecidedBy.NONE, DenialReason.NO_IDENTITY_ALLOW);
            }
            Outcome limited = limits(boundary, session);
            if (limited != null) {
                return limited;
            }
        }
        if (resource.allows.isEmpty()) {
            return new Outcome(DecidedBy.RESOURCE, DenialReason.NO_RESOURCE_ALLOW);
        }
        return Outcome.allowedBy(rootIdentity ? DecidedBy.ROOT_USER : DecidedBy.IDENTITY);
    }

    private static Outcome limits(Group boundary, Group session) {
        if (boundary.present && boundary.allows.isEmpty()) {
            return new Outcome(DecidedBy.PERMISSIONS_BOUNDARY, DenialReason.NO_PERMISSIONS_BOUNDARY_ALLOW);
        }
        if (session.present && session.allows.isEmpty()) {
            return new Outcome(DecidedBy.SESSION, DenialReason.NO_SESSION_ALLOW);
        }
        return null;
    }

    /** Adds the global keys IAM derives from the principal, unless the caller supplied them. */
    static RequestContext withPrincipalKeys(RequestContext context, RequestPrincipal principal) {
        Map<String, ContextValue> derived = new LinkedHashMap<>();
        if (principal.arn() != null && principal.type() != PrincipalType.SERVICE) {
            derived.put("aws:PrincipalArn", ContextValue.string(
                    principal.type() == PrincipalType.ASSUMED_ROLE && principal.roleArn() != null
                            ? principal.roleArn() : principal.arn()));
        }
        if (principal.accountId() != null) {
            derived.put("aws:PrincipalAccount", ContextValue.string(principal.accountId()));
        }
        if (principal.type().contextValue() != null) {
            derived.put("aws:PrincipalType", ContextValue.string(principal.type().contextValue()));
        }
        if (principal.userName() != null) {
            derived.put("aws:username", ContextValue.string(principal.userName()));
        }
        if (principal.type() == PrincipalType.SERVICE) {
            derived.put("aws:PrincipalServiceName", ContextValue.string(principal.arn()));
        }
        derived.put("aws:PrincipalIsAWSService", ContextValue.of(ContextKeyType.BOOLEAN,
                String.valueOf(principal.type() == PrincipalType.SERVICE)));
        return context.withDefaults(derived);
    }

    /** The statements of one kind of policy that apply to the request. */
    private static final class Group {
        static final Group ABSENT = new Group(false, DecidedBy.NONE, null);

        final boolean present;
        final DecidedBy decidedBy;
        final DenialReason explicitDenyReason;
        final List<MatchedStatement> allows = new ArrayList<>();
        final List<MatchedStatement> denies = new ArrayList<>();
        boolean directGrant;
        boolean roleGrant;

        Group(boolean present, DecidedBy decidedBy, DenialReason explicitDenyReason) {
            this.present = present;
            this.decidedBy = decidedBy;
            this.explicitDenyReason = explicitDenyReason;
        }

        static Group of(PolicyRole role) {
            return switch (role) {
                case IDENTITY -> new Group(true, DecidedBy.IDENTITY, DenialReason.EXPLICIT_DENY_IDENTITY);
                case PERMISSIONS_BOUNDARY -> new Group(true, DecidedBy.PERMISSIONS_BOUNDARY,
                        DenialReason.EXPLICIT_DENY_PERMISSIONS_BOUNDARY);
                case SESSION -> new Group(true, DecidedBy.SESSION, DenialReason.EXPLICIT_DENY_SESSION);
                case RESOURCE -> new Group(true, DecidedBy.RESOURCE, DenialReason.EXPLICIT_DENY_RESOURCE);
            };
        }
    }

    /** One evaluation's working state: the enriched context and the missing keys seen so far. */
    private static final class Evaluation {
        private final EvaluationRequest request;
        private final RequestContext context;
        private final Map<String, String> missingKeys = new LinkedHashMap<>();

        Evaluation(EvaluationRequest request, RequestContext context) {
            this.request = request;
            this.context = context;
        }

        Group group(List<AttachedPolicy> policies, PolicyRole role) {
            Group group = Group.of(role);
            for (AttachedPolicy policy : policies) {
                scan(group, policy.document(), policy.sourceId(), policy.sourceType(), role);
            }
            return group;
        }

        Group resourceGroup(ResourcePolicy policy) {
            Group group = Group.of(PolicyRole.RESOURCE);
            scan(group, policy.document(), policy.sourceId(), PolicySourceType.RESOURCE, PolicyRole.RESOURCE);
            return group;
        }

        private void scan(Group group, PolicyDocument document, String sourceId, PolicySourceType sourceType,
                          PolicyRole role) {
            boolean variables = document.supportsVariables();
            for (Statement statement : document.statements()) {
                if (!actionApplies(statement, request.action())) {
                    continue;
                }
                Grant grant = grantOf(statement, request.principal());
                if (grant == Grant.NONE) {
                    continue;
                }
                Boolean resourceApplies = resourceApplies(statement, variables);
                if (Boolean.FALSE.equals(resourceApplies)) {
                    continue;
                }
                recordMissingKeys(statement, variables);
                if (resourceApplies == null || !conditionsHold(statement, variables)) {
                    continue;
                }
                MatchedStatement matched = new MatchedStatement(sourceId, sourceType, role, statement.index(),
                        statement.sid(), statement.effect(), statement.start(), statement.end());
                if (statement.effect() == Effect.DENY) {
                    group.denies.add(matched);
                } else if (role != PolicyRole.RESOURCE) {
                    group.allows.add(matched);
                } else {
                    boolean rootOfAccount = grant == Grant.ACCOUNT && request.principal().type() == PrincipalType.ROOT;
                    group.directGrant |= grant == Grant.DIRECT || rootOfAccount;
                    group.roleGrant |= grant == Grant.ROLE;
                    group.allows.add(matched);
                }
            }
        }

        private boolean conditionsHold(Statement statement, boolean variables) {
            for (Condition condition : statement.conditions()) {
                if (!ConditionEvaluator.matches(condition, context, variables)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * TRUE when the statement covers the resource, FALSE when it does not, null when that
         * depends on a policy variable the request cannot resolve (the statement then does not
         * apply, but its keys still count as missing).
         */
        private Boolean resourceApplies(Statement statement, boolean variables) {
            if (statement.resources().isEmpty()) {
                return Boolean.TRUE;
            }
            boolean any = false;
            boolean unresolved = false;
            for (String pattern : statement.resources()) {
                int[] expanded = PolicyVariables.expand(pattern, true, variables, context);
                if (expanded == null) {
                    unresolved = true;
                } else if (Wildcards.matches(expanded, request.resource(), false)) {
                    any = true;
                    break;
                }
            }
            if (statement.notResource()) {
                return !any;
            }
            if (any) {
                return Boolean.TRUE;
            }
            return unresolved ? null : Boolean.FALSE;
        }

        private void recordMissingKeys(Statement statement, boolean variables) {
            if (variables) {
                statement.resources().forEach(resource -> PolicyVariables.names(resource, this::noteIfMissing));
            }
            for (Condition condition : statement.conditions()) {
                noteIfMissing(condition.key());
                ConditionOperator.Family family = condition.operator().comparison().family();
                if (variables && (family == ConditionOperator.Family.STRING || family == ConditionOperator.Family.ARN)) {
                    condition.values().forEach(value -> PolicyVariables.names(value, this::noteIfMissing));
                }
            }
        }

        private void noteIfMissing(String key) {
            if (!context.contains(key)) {
                missingKeys.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
            }
        }
    }

    static boolean actionApplies(Statement statement, String action) {
        boolean any = false;
        for (String pattern : statement.actions()) {
            if (actionMatches(pattern, action)) {
                any = true;
                break;
            }
        }
        return statement.notAction() != any;
    }

    /** Case-insensitive; the service prefix and the action name are matched separately. */
    static boolean actionMatches(String pattern, String action) {
        if (pattern.equals("*")) {
            return true;
        }
        int patternColon = pattern.indexOf(':');
        int actionColon = action.indexOf(':');
        if (patternColon < 0 || actionColon < 0) {
            return false;
        }
        return Wildcards.matches(pattern.substring(0, patternColon), action.substring(0, actionColon), true)
                && Wildcards.matches(pattern.substring(patternColon + 1), action.substring(actionColon + 1), true);
    }

    private static Grant grantOf(Statement statement, RequestPrincipal principal) {
        PrincipalBlock block = statement.principal();
        if (block == null) {
            return Grant.DIRECT;
        }
        PrincipalMatch match = PrincipalMatch.of(block, principal);
        if (!statement.notPrincipal()) {
            return match.grant();
        }
        // NotPrincipal exempts a user or role session only when its account is listed as well,
        // because AWS also evaluates the request as coming from the account.
        boolean needsAccount = principal.type() == PrincipalType.IAM_USER || principal.type() == PrincipalType.ASSUMED_ROLE;
        boolean exempt = match.wildcard
                || ((match.ownArn || match.roleArn) && (match.account || !needsAccount))
                || (principal.type() == PrincipalType.ROOT && match.account);
        return exempt ? Grant.NONE : Grant.DIRECT;
    }

    /** Which of the principal's names a Principal block lists. */
    private record PrincipalMatch(boolean wildcard, boolean ownArn, boolean roleArn, boolean account) {

        static PrincipalMatch of(PrincipalBlock block, RequestPrincipal principal) {
            if (block.anyone()) {
                return new PrincipalMatch(true, false, false, false);
            }
            boolean wildcard = false;
            boolean ownArn = false;
            boolean roleArn = false;
            boolean account = false;
            String rootArn = principal.accountId() == null ? null : "arn:aws:iam::" + principal.accountId() + ":root";
            for (String value : block.values("AWS")) {
                wildcard |= value.equals("*");
                ownArn |= principal.type() != PrincipalType.SERVICE && value.equals(principal.arn());
                roleArn |= value.equals(principal.roleArn());
                account |= principal.accountId() != null && (value.equals(principal.accountId()) || value.equals(rootArn));
            }
            for (String value : block.values("Service")) {
                ownArn |= principal.type() == PrincipalType.SERVICE && value.equals(principal.arn());
            }
            for (String value : block.values("Federated")) {
                ownArn |= principal.arn() != null && value.equals(principal.arn());
            }
            return new PrincipalMatch(wildcard, ownArn, roleArn, account);
        }

        Grant grant() {
            if (wildcard || ownArn) {
                return Grant.DIRECT;
            }
            if (roleArn) {
                return Grant.ROLE;
            }
            return account ? Grant.ACCOUNT : Grant.NONE;
        }
    }
}
