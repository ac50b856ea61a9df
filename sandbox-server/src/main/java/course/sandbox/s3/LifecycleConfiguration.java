package course.sandbox.s3;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A bucket's lifecycle configuration, validated as PutBucketLifecycleConfiguration does.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
 */
public record LifecycleConfiguration(List<LifecycleRule> rules) {
    static final int MAX_RULES = 1000;
    static final int MAX_ID_LENGTH = 255;

    public LifecycleConfiguration {
        rules = List.copyOf(rules);
    }

    /** The configuration after AWS's checks, in the order AWS reports them. */
    public static LifecycleConfiguration validated(List<LifecycleRule> rules, String bucket) {
        if (rules.isEmpty()) {
            throw ConfigErrors.malformedXml(bucket);
        }
        if (rules.size() > MAX_RULES) {
            throw ConfigErrors.invalidRequest("The number of lifecycle rules must not exceed the allowed limit of "
                    + MAX_RULES + " rules", bucket);
        }
        Set<String> ids = new HashSet<>();
        for (LifecycleRule rule : rules) {
            if (rule.id().length() > MAX_ID_LENGTH) {
                throw ConfigErrors.invalidArgument("ID length should not exceed allowed limit of " + MAX_ID_LENGTH, bucket);
            }
            if (!ids.add(rule.id())) {
                throw ConfigErrors.invalidArgument("Rule ID must be unique. Found same ID for more than one rule", bucket);
            }
            validate(rule, bucket);
        }
        return new LifecycleConfiguration(rules);
    }

    private static void validate(LifecycleRule rule, String bucket) {
        if (rule.expiration() == null && rule.noncurrentDays() == null && rule.abortAfterDays() == null) {
            throw ConfigErrors.invalidRequest("At least one action needs to be specified in a rule", bucket);
        }
        LifecycleRule.Filter filter = rule.filter();
        if (filter.sizeGreaterThan() != null && filter.sizeLessThan() != null
                && filter.sizeGreaterThan() >= filter.sizeLessThan()) {
            throw ConfigErrors.invalidArgument("ObjectSizeGreaterThan must be less than ObjectSizeLessThan", bucket);
        }
        LifecycleRule.Expiration expiration = rule.expiration();
        if (expiration != null) {
            int forms = (expiration.days() != null ? 1 : 0) + (expiration.date() != null ? 1 : 0);
            if (expiration.expiredObjectDeleteMarker() && forms > 0) {
                throw ConfigErrors.invalidRequest("'ExpiredObjectDeleteMarker' cannot be specified with 'Days' or"
                        + " 'Date' in a Lifecycle Expiration Policy", bucket);
            }
            if (forms > 1 || (forms == 0 && !expiration.expiredObjectDeleteMarker())) {
                throw ConfigErrors.malformedXml(bucket);
            }
            if (expiration.days() != null && expiration.days() <= 0) {
                throw ConfigErrors.invalidArgument("'Days' for Expiration action must be a positive integer", bucket);
            }
            if (expiration.date() != null
                    && !expiration.dateInstant().equals(expiration.dateInstant().truncatedTo(ChronoUnit.DAYS))) {
                throw ConfigErrors.invalidArgument("'Date' must be at midnight GMT", bucket);
            }
        }
        if (rule.noncurrentDays() != null && rule.noncurrentDays() <= 0) {
            throw ConfigErrors.invalidArgument(
                    "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer", bucket);
        }
        if (rule.newerNoncurrentVersions() != null) {
            if (rule.noncurrentDays() == null) {
                throw ConfigErrors.malformedXml(bucket);
            }
            if (rule.newerNoncurrentVersions() < 1 || rule.newerNoncurrentVersions() > 100) {
                throw ConfigErrors.invalidArgument(
                        "'NewerNoncurrentVersions' for NoncurrentVersionExpiration action must be between 1 and 100", bucket);
            }
        }
        if (rule.abortAfterDays() != null) {
            if (rule.abortAfterDays() <= 0) {
                throw ConfigErrors.invalidArgument(
                        "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer", bucket);
            }
            if (!filter.tags().isEmpty()) {
                throw ConfigErrors.invalidRequest("AbortIncompleteMultipartUpload cannot be specified with Tags.", bucket);
            }
        }
    }

    /** The x-amz-expiration a current object gets: the earliest date an enabled rule expires it, or null. */
    public Expiry expiryOf(String key, long size, List<Tag> tags, Instant lastModified) {
        Expiry earliest = null;
        for (LifecycleRule rule : rules) {
            if (!rule.enabled() || !rule.filter().matches(key, size, tags)) {
                continue;
            }
            Instant due = rule.currentExpiry(lastModified);
            if (due != null && (earliest == null || due.isBefore(earliest.date()))) {
                earliest = new Expiry(due, rule.id());
            }
        }
        return earliest;
    }

    /** When an object expires and which rule expires it. */
    public record Expiry(Instant date, String ruleId) {
    }
}
