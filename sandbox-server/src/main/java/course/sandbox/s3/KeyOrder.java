package course.sandbox.s3;

import java.util.Comparator;

/**
 * S3 lists keys in UTF-8 binary order. Comparing Unicode code points gives the same order;
 * {@link String#compareTo} does not (it compares UTF-16 units, which misorders supplementary
 * characters against U+E000..U+FFFF).
 */
final class KeyOrder {
    static final Comparator<String> UTF8_BINARY = KeyOrder::compare;

    private KeyOrder() {}

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
