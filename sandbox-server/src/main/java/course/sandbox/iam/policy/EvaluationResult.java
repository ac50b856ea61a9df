package course.sandbox.iam.policy;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link PolicyEngine#evaluate}.
 *
 * @param decision                     allowed, explicit deny or implicit deny
 * @param decidedBy                    which kind of policy settled it
 * @param denialReason                 for denials, why (to render AWS's AccessDenied message); null when allowed
 * @param matchedStatements            for an allow the Allow statements that applied, for an explicit
 *                                     deny the Deny statements; statements of the deciding policy come first
 * @param missingContextValues         condition keys and variables used by statements that apply to
 *                                     the action and resource but absent from the context, first-seen order
 * @param allowedByPermissionsBoundary whether the boundary allows the request; empty when there is none
 */
public record EvaluationResult(Decision decision, DecidedBy decidedBy, DenialReason denialReason,
                               List<MatchedStatement> matchedStatements, List<String> missingContextValues,
                               Optional<Boolean> allowedByPermissionsBoundary) {

    public EvaluationResult {
        matchedStatements = List.copyOf(matchedStatements);
        missingContextValues = List.copyOf(missingContextValues);
    }

    public boolean allowed() {
        return decision == Decision.ALLOWED;
    }

    /** The first statement of the deciding policy, if a statement decided. */
    public Optional<MatchedStatement> decidingStatement() {
        return matchedStatements.isEmpty() ? Optional.empty() : Optional.of(matchedStatements.get(0));
    }
}
