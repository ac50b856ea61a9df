package course.sandbox.protocol;

/** Small helpers for writing AWS's XML bodies. */
public final class Xml {
    public static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    /** What stands in for a character XML 1.0 cannot carry, not even as a character reference. */
    private static final char REPLACEMENT = '\uFFFD';

    private Xml() {
    }

    /**
     * Escapes text for an element or attribute. Characters XML 1.0 forbids (most C0 controls,
     * NUL, U+FFFE, U+FFFF, an unpaired surrogate) become U+FFFD: a request may echo anything,
     * and the answer must still parse.
     */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                case '\r' -> escaped.append("&#13;");
                case '\t', '\n' -> escaped.append(c);
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        escaped.append(c).append(text.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                        escaped.append(REPLACEMENT);
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
