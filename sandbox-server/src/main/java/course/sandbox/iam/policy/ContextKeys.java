package course.sandbox.iam.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The context keys a set of policies uses, as IAM's GetContextKeysForCustomPolicy and
 * GetContextKeysForPrincipalPolicy report them: condition keys and policy variables,
 * de-duplicated case-insensitively, in first-seen order, spelled as first written.
 */
public final class ContextKeys {

    private ContextKeys() {
    }

    public static List<String> of(PolicyDocument... documents) {
        return of(List.of(documents));
    }

    public static List<String> of(List<PolicyDocument> documents) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (PolicyDocument document : documents) {
            boolean variables = document.supportsVariables();
            for (Statement statement : document.statements()) {
                if (variables) {
                    statement.resources().forEach(resource -> PolicyVariables.names(resource,
                            name -> keys.putIfAbsent(name.toLowerCase(Locale.ROOT), name)));
                }
                for (Condition condition : statement.conditions()) {
                    keys.putIfAbsent(condition.key().toLowerCase(Locale.ROOT), condition.key());
                    if (variables) {
                        condition.values().forEach(value -> PolicyVariables.names(value,
                                name -> keys.putIfAbsent(name.toLowerCase(Locale.ROOT), name)));
                    }
                }
            }
        }
        return new ArrayList<>(keys.values());
    }
}
