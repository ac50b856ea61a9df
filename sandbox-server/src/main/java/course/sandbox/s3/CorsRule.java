package course.sandbox.s3;

import java.util.List;
import java.util.Locale;

/**
 * One CORSRule of a bucket's CORS configuration.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html
 *
 * @param maxAgeSeconds null when the rule sets none
 */
public record CorsRule(String id, List<String> allowedMethods, List<String> allowedOrigins, List<String> allowedHeaders,
                       List<String> exposeHeaders, Integer maxAgeSeconds) {

    public CorsRule {
        allowedMethods = List.copyOf(allowedMethods);
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /** Whether an origin matches one AllowedOrigin; an origin may hold one '*' wildcard. */
    boolean allowsOrigin(String origin) {
        return allowedOrigins.stream().anyMatch(pattern -> wildcardMatch(pattern, origin, false));
    }

    boolean allowsMethod(String method) {
        return allowedMethods.contains(method);
    }

    /** Whether every header a preflight asks for matches an AllowedHeader, ignoring case. */
    boolean allowsHeaders(List<String> requested) {
        return requested.stream().allMatch(header -> allowedHeaders.stream()
                .anyMatch(pattern -> wildcardMatch(pattern, header, true)));
    }

    /** Whether the rule lets every origin in, so S3 answers {@code Access-Control-Allow-Origin: *}. */
    boolean anyOrigin() {
        return allowedOrigins.contains("*");
    }

    static boolean wildcardMatch(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int star = p.indexOf('*');
        if (star < 0) {
            return p.equals(v);
        }
        String prefix = p.substring(0, star);
        String suffix = p.substring(star + 1);
        return v.length() >= prefix.length() + suffix.length() && v.startsWith(prefix) && v.endsWith(suffix);
    }
}
