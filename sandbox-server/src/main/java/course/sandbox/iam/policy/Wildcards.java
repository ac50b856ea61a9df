package course.sandbox.iam.policy;

/**
 * Glob matching with IAM's two wildcards, {@code *} (any run of characters, including none) and
 * {@code ?} (exactly one character). Patterns are int arrays so that text coming from policy
 * variables can stay literal: {@link #ANY_RUN} and {@link #ANY_CHAR} are the wildcards, every
 * other element is a UTF-16 code unit.
 */
final class Wildcards {

    static final int ANY_RUN = -1;
    static final int ANY_CHAR = -2;

    private Wildcards() {
    }

    /** Compiles a pattern in which {@code *} and {@code ?} are wildcards. */
    static int[] compile(String pattern) {
        int[] tokens = new int[pattern.length()];
        for (int i = 0; i < pattern.length(); i++) {
            tokens[i] = token(pattern.charAt(i), true);
        }
        return tokens;
    }

    static int token(char c, boolean wildcards) {
        if (wildcards && c == '*') {
            return ANY_RUN;
        }
        if (wildcards && c == '?') {
            return ANY_CHAR;
        }
        return c;
    }

    static boolean matches(String pattern, String text, boolean ignoreCase) {
        return matches(compile(pattern), 0, pattern.length(), text, ignoreCase);
    }

    static boolean matches(int[] pattern, String text, boolean ignoreCase) {
        return matches(pattern, 0, pattern.length, text, ignoreCase);
    }

    /**
     * Matches {@code pattern[from, to)} against the whole text. Linear backtracking to the last
     * {@code *} keeps this O(pattern × text) with no recursion, whatever the input.
     */
    static boolean matches(int[] pattern, int from, int to, String text, boolean ignoreCase) {
        int p = from;
        int t = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length()) {
            if (p < to && (pattern[p] == ANY_CHAR || (pattern[p] >= 0 && same(pattern[p], text.charAt(t), ignoreCase)))) {
                p++;
                t++;
            } else if (p < to && pattern[p] == ANY_RUN) {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < to && pattern[p] == ANY_RUN) {
            p++;
        }
        return p == to;
    }

    private static boolean same(int patternChar, char textChar, boolean ignoreCase) {
        if (patternChar == textChar) {
            return true;
        }
        return ignoreCase && Character.toLowerCase((char) patternChar) == Character.toLowerCase(textChar);
    }
}
