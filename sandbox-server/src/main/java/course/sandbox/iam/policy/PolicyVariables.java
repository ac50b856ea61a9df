package course.sandbox.iam.policy;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team, 'none'}}, and the
 * escapes {@code ${*}}, {@code ${?}}, {@code ${$}}) as IAM substitutes them in Resource elements
 * and in String/Arn condition values of 2012-10-17 policies.
 */
final class PolicyVariables {

    private PolicyVariables() {
    }

    /**
     * Expands a policy value into a wildcard pattern. Text from variables is always literal, so a
     * user name containing {@code *} cannot widen a match.
     *
     * @param wildcards whether {@code *} and {@code ?} written in the policy are wildcards
     * @param variables whether {@code ${...}} is substituted (false for 2008-10-17 policies)
     * @return the pattern, or null when a variable has no value in the context and no default
     */
    static int[] expand(String value, boolean wildcards, boolean variables, RequestContext context) {
        int[] out = new int[value.length()];
        int size = 0;
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            int close = variables && c == '$' ? variableEnd(value, i) : -1;
            if (close < 0) {
                out[size++] = Wildcards.token(c, wildcards);
                i++;
                continue;
            }
            String replacement = resolve(value.substring(i + 2, close), context);
            if (replacement == null) {
                return null;
            }
            // Room for the replacement and for every character after the variable, each at most one token.
            int needed = size + replacement.length() + (value.length() - close - 1);
            if (needed > out.length) {
                out = Arrays.copyOf(out, needed);
            }
            for (int k = 0; k < replacement.length(); k++) {
                out[size++] = replacement.charAt(k);
            }
            i = close + 1;
        }
        return Arrays.copyOf(out, size);
    }

    /** Reports every variable name used in a value (not the escapes), in order. */
    static void names(String value, Consumer<String> sink) {
        int i = 0;
        while (i < value.length()) {
            int close = value.charAt(i) == '$' ? variableEnd(value, i) : -1;
            if (close < 0) {
                i++;
                continue;
            }
            String name = nameOf(value.substring(i + 2, close));
            if (!isEscape(name)) {
                sink.accept(name);
            }
            i = close + 1;
        }
    }


    private static int variableEnd(String value, int dollar) {
        if (dollar + 1 >= value.length() || value.charAt(dollar + 1) != '{') {
            return -1;
        }
        return value.indexOf('}', dollar + 2);
    }

    private static String nameOf(String body) {
        int comma = body.indexOf(',');
        return (comma < 0 ? body : body.substring(0, comma)).trim();
    }

    private static boolean isEscape(String name) {
        return name.equals("*") || name.equals("?") || name.equals("$");
    }

    private static String resolve(String body, RequestContext context) {
        String name = nameOf(body);
        if (isEscape(name)) {
            return name;
        }
        ContextValue value = context.get(name);
        if (value != null && value.values().size() == 1) {
            return value.values().get(0);
        }
        int comma = body.indexOf(',');
        if (comma >= 0) {
            String fallback = body.substring(comma + 1).trim();
            if (fallback.length() >= 2 && fallback.startsWith("'") && fallback.endsWith("'")) {
                return fallback.substring(1, fallback.length() - 1);
            }
        }
        return null;
    }
}
