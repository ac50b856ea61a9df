package course.sandbox.s3.protocol;

import course.sandbox.http.Headers;
import course.sandbox.s3.CorsConfiguration;
import course.sandbox.s3.CorsRule;

/**
 * The CORS headers S3 adds to an answer for a browser request whose Origin a bucket's CORS rule
 * allows (for a preflight, and for the actual request that follows it).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
 */
final class CorsHeaders {
    private CorsHeaders() {
    }

    /** The headers for an actual request, when the bucket has CORS and a rule matches; none otherwise. */
    static void forRequest(Headers answer, CorsConfiguration cors, String origin, String method) {
        if (cors == null || origin == null) {
            return;
        }
        cors.match(origin, method).ifPresent(rule -> write(answer, rule, origin));
    }

    static void write(Headers answer, CorsRule rule, String origin) {
        boolean any = rule.allowedOrigins().contains("*");
        answer.add("Access-Control-Allow-Origin", any ? "*" : origin);
        answer.add("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!any) {
            answer.add("Access-Control-Allow-Credentials", "true");
        }
        if (!rule.exposeHeaders().isEmpty()) {
            answer.add("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
        if (rule.maxAgeSeconds() != null) {
            answer.add("Access-Control-Max-Age", String.valueOf(rule.maxAgeSeconds()));
        }
        answer.add("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
    }
}
