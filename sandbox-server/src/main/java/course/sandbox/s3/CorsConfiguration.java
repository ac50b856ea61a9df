package course.sandbox.s3;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A bucket's CORS configuration: its rules, validated as PutBucketCors does, and matched as S3
 * matches a browser's request — the first rule whose origin, method and (for a preflight)
 * requested headers all match wins.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html
 */
public record CorsConfiguration(List<CorsRule> rules) {
    static final int MAX_RULES = 100;
    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");

    public CorsConfiguration {
        rules = List.copyOf(rules);
    }

    /** The configuration after PutBucketCors's checks; throws InvalidRequest or MalformedXML. */
    public static CorsConfiguration validated(List<CorsRule> rules, String bucket) {
        if (rules.isEmpty() || rules.size() > MAX_RULES) {
            throw ConfigErrors.malformedXml(bucket);
        }
        for (CorsRule rule : rules) {
            if (rule.allowedMethods().isEmpty() || rule.allowedOrigins().isEmpty()) {
                throw ConfigErrors.malformedXml(bucket);
            }
            if (rule.id() != null && rule.id().length() > 255) {
                throw ConfigErrors.invalidArgument("The ID of a CORSRule cannot be longer than 255 characters", bucket);
            }
            for (String method : rule.allowedMethods()) {
                if (!METHODS.contains(method)) {
                    throw ConfigErrors.invalidRequest(
                            "Found unsupported HTTP method in CORS config. Unsupported method is " + method, bucket);
                }
            }
            for (String origin : rule.allowedOrigins()) {
                if (wildcards(origin) > 1) {
                    throw ConfigErrors.invalidRequest(
                            "AllowedOrigin \"" + origin + "\" can not have more than one wildcard.", bucket);
                }
            }
            for (String header : rule.allowedHeaders()) {
                if (wildcards(header) > 1) {
                    throw ConfigErrors.invalidRequest(
                            "AllowedHeader \"" + header + "\" can not have more than one wildcard.", bucket);
                }
            }
            if (rule.maxAgeSeconds() != null && rule.maxAgeSeconds() < 0) {
                throw ConfigErrors.malformedXml(bucket);
            }
        }
        return new CorsConfiguration(rules);
    }

    /** The first rule allowing an actual request from {@code origin} with {@code method}. */
    public Optional<CorsRule> match(String origin, String method) {
        return rules.stream().filter(rule -> rule.allowsOrigin(origin) && rule.allowsMethod(method)).findFirst();
    }

    /** The first rule allowing a preflight: origin, Access-Control-Request-Method and -Headers. */
    public Optional<CorsRule> matchPreflight(String origin, String method, List<String> requestHeaders) {
        return rules.stream().filter(rule -> rule.allowsOrigin(origin) && rule.allowsMethod(method)
                && rule.allowsHeaders(requestHeaders)).findFirst();
    }

    /** The comma-separated header names of Access-Control-Request-Headers, lower case. */
    public static List<String> headerList(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT))
                .toList();
    }

    private static long wildcards(String text) {
        return text.chars().filter(c -> c == '*').count();
    }
}
