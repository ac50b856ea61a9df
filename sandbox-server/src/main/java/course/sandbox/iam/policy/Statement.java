package course.sandbox.iam.policy;

import java.util.List;

/**
 * One statement of a policy document.
 *
 * @param index        0-based index of the statement within its document
 * @param sid          the Sid, or null
 * @param principal    the Principal or NotPrincipal value, or null when there is none
 * @param notPrincipal true when {@code principal} came from NotPrincipal
 * @param actions      the Action or NotAction patterns
 * @param notAction    true when {@code actions} came from NotAction
 * @param resources    the Resource or NotResource patterns (empty in trust policies)
 * @param notResource  true when {@code resources} came from NotResource
 * @param conditions   all operator/key pairs of the Condition element, in document order
 * @param start        where the statement's opening brace is
 * @param end          the position just after the statement's closing brace
 */
public record Statement(int index, String sid, Effect effect,
                        PrincipalBlock principal, boolean notPrincipal,
                        List<String> actions, boolean notAction,
                        List<String> resources, boolean notResource,
                        List<Condition> conditions, Position start, Position end) {

    public Statement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }
}
