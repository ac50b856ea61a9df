package course.sandbox.s3;

import java.util.List;
import java.util.Optional;

/**
 * A bucket's static website configuration: an index document suffix and an error document,
 * or a redirect of every request to another host; optionally routing rules. Validated as
 * PutBucketWebsite does.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketWebsite.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-page-redirect.html
 *
 * @param indexSuffix   IndexDocument/Suffix, e.g. index.html; null with redirectAll
 * @param errorKey      ErrorDocument/Key, or null
 * @param redirectAll   RedirectAllRequestsTo, or null
 * @param routingRules  RoutingRules in order (the first match applies)
 */
public record WebsiteConfiguration(String indexSuffix, String errorKey, RedirectAll redirectAll,
                                   List<RoutingRule> routingRules) {
    static final int MAX_ROUTING_RULES = 50;

    public WebsiteConfiguration {
        routingRules = List.copyOf(routingRules);
    }

    /** RedirectAllRequestsTo: every request goes to {@code protocol://hostName/key}. */
    public record RedirectAll(String hostName, String protocol) {
    }

    /** Condition of a routing rule; either part may be null, not both. */
    public record Condition(String keyPrefixEquals, Integer httpErrorCodeReturnedEquals) {
    }

    /** Where a routing rule sends the browser; every part optional. */
    public record Redirect(String protocol, String hostName, String replaceKeyPrefixWith, String replaceKeyWith,
                           Integer httpRedirectCode) {

        /** The Location for {@code key}, which matched {@code condition}; {@code host} is the request's own. */
        public String location(String key, Condition condition, String requestProtocol, String host) {
            String newKey = key;
            if (replaceKeyWith != null) {
                newKey = replaceKeyWith;
            } else if (replaceKeyPrefixWith != null) {
                String prefix = condition == null || condition.keyPrefixEquals() == null ? "" : condition.keyPrefixEquals();
                newKey = replaceKeyPrefixWith + key.substring(Math.min(prefix.length(), key.length()));
            }
            return (protocol != null ? protocol : requestProtocol) + "://" + (hostName != null ? hostName : host) + "/" + newKey;
        }

        public int status() {
            return httpRedirectCode == null ? 301 : httpRedirectCode;
        }
    }

    public record RoutingRule(Condition condition, Redirect redirect) {

        /** Whether the rule applies to {@code key}; {@code errorCode} is null before the object was looked up. */
        boolean matches(String key, Integer errorCode) {
            if (condition == null) {
                return errorCode == null;
            }
            boolean prefix = condition.keyPrefixEquals() == null || key.startsWith(condition.keyPrefixEquals());
            boolean error = condition.httpErrorCodeReturnedEquals() == null
                    ? errorCode == null
                    : condition.httpErrorCodeReturnedEquals().equals(errorCode);
            return prefix && error;
        }
    }

    /** The first routing rule for a key before it is looked up (conditions on the key only). */
    public Optional<RoutingRule> ruleBeforeLookup(String key) {
        return routingRules.stream().filter(rule -> rule.matches(key, null)).findFirst();
    }

    /** The first routing rule for a key whose lookup ended in {@code errorCode} (403, 404). */
    public Optional<RoutingRule> ruleForError(String key, int errorCode) {
        return routingRules.stream()
                .filter(rule -> rule.condition() != null && rule.condition().httpErrorCodeReturnedEquals() != null)
                .filter(rule -> rule.matches(key, errorCode))
                .findFirst();
    }

    /** The configuration after PutBucketWebsite's checks. */
    public static WebsiteConfiguration validated(String indexSuffix, String errorKey, RedirectAll redirectAll,
                                                 List<RoutingRule> routingRules, String bucket) {
        if (redirectAll != null) {
            if (indexSuffix != null || errorKey != null || !routingRules.isEmpty()) {
                throw ConfigErrors.invalidRequest(
                        "RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.", bucket);
            }
            if (redirectAll.hostName() == null || redirectAll.hostName().isBlank()) {
                throw ConfigErrors.malformedXml(bucket);
            }
            requireProtocol(redirectAll.protocol(), bucket);
            return new WebsiteConfiguration(null, null, redirectAll, List.of());
        }
        if (indexSuffix == null) {
            throw ConfigErrors.invalidArgument(
                    "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty", bucket);
        }
        if (indexSuffix.isEmpty() || indexSuffix.contains("/")) {
            throw ConfigErrors.invalidArgument("The IndexDocument Suffix is not well formed", bucket);
        }
        if (routingRules.size() > MAX_ROUTING_RULES) {
            throw ConfigErrors.invalidRequest("The number of routing rules must not exceed the allowed limit of "
                    + MAX_ROUTING_RULES + ".", bucket);
        }
        for (RoutingRule rule : routingRules) {
            Redirect redirect = rule.redirect();
            if (redirect == null) {
                throw ConfigErrors.malformedXml(bucket);
            }
            if (redirect.replaceKeyWith() != null && redirect.replaceKeyPrefixWith() != null) {
                throw ConfigErrors.invalidRequest("You can only define ReplaceKeyPrefix or ReplaceKey but not both.", bucket);
            }
            requireProtocol(redirect.protocol(), bucket);
            Integer code = redirect.httpRedirectCode();
            if (code != null && (code < 301 || code > 399)) {
                throw ConfigErrors.invalidRequest("The provided HTTP redirect code (" + code
                        + ") is not valid. Valid codes are 3XX except 300.", bucket);
            }
            Condition condition = rule.condition();
            if (condition != null) {
                if (condition.keyPrefixEquals() == null && condition.httpErrorCodeReturnedEquals() == null) {
                    throw ConfigErrors.invalidRequest("Condition cannot be empty. To redirect all requests without a"
                            + " condition, the condition element shouldn't be present.", bucket);
                }
                Integer error = condition.httpErrorCodeReturnedEquals();
                if (error != null && (error < 400 || error > 599)) {
                    throw ConfigErrors.invalidRequest("The provided HTTP error code (" + error
                            + ") is not valid. Valid codes are 4XX or 5XX.", bucket);
                }
            }
        }
        return new WebsiteConfiguration(indexSuffix, errorKey, null, routingRules);
    }

    private static void requireProtocol(String protocol, String bucket) {
        if (protocol != null && !protocol.equals("http") && !protocol.equals("https")) {
            throw ConfigErrors.invalidRequest("Invalid protocol, protocol can be http or https. If not defined the"
                    + " protocol will be selected automatically.", bucket);
        }
    }
}
