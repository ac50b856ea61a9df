package course.sandbox.iam.policy;

/**
 * A statement that applied to the request, as IAM's simulator lists it in MatchedStatements.
 *
 * @param sourceId       the policy's source id
 * @param sourceType     the policy's source type
 * @param role           the part the policy played
 * @param statementIndex 0-based index of the statement in its policy
 * @param sid            the statement's Sid, or null
 * @param effect         the statement's effect
 * @param start          position of the statement's opening brace
 * @param end            position just after its closing brace
 */
public record MatchedStatement(String sourceId, PolicySourceType sourceType, PolicyRole role,
                               int statementIndex, String sid, Effect effect, Position start, Position end) {
}
