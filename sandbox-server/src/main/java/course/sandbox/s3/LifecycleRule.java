package course.sandbox.s3;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One rule of a bucket's lifecycle configuration, in the actions the sandbox runs: expiring
 * current versions (Days or Date), removing expired delete markers, expiring noncurrent
 * versions, aborting incomplete multipart uploads.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html
 *
 * @param filter                   which objects the rule applies to
 * @param expiration               the Expiration action, or null
 * @param noncurrentDays           NoncurrentVersionExpiration/NoncurrentDays, or null
 * @param newerNoncurrentVersions  NoncurrentVersionExpiration/NewerNoncurrentVersions, or null
 * @param abortAfterDays           AbortIncompleteMultipartUpload/DaysAfterInitiation, or null
 */
public record LifecycleRule(String id, boolean enabled, Filter filter, Expiration expiration, Integer noncurrentDays,
                            Integer newerNoncurrentVersions, Integer abortAfterDays) {

    /**
     * The rule's filter. {@code legacyPrefix} is a rule written with the old top-level Prefix
     * element; {@code and} one whose Filter used And. Sizes are exclusive bounds, or null.
     */
    public record Filter(String prefix, List<Tag> tags, Long sizeGreaterThan, Long sizeLessThan, boolean and,
                         boolean legacyPrefix) {
        public Filter {
            prefix = prefix == null ? "" : prefix;
            tags = List.copyOf(tags);
        }

        boolean matches(String key, long size, List<Tag> objectTags) {
            return key.startsWith(prefix)
                    && objectTags.containsAll(tags)
                    && (sizeGreaterThan == null || size > sizeGreaterThan)
                    && (sizeLessThan == null || size < sizeLessThan);
        }
    }

    /**
     * Exactly one of: days, date, or expiredObjectDeleteMarker.
     *
     * @param date an ISO-8601 instant (text, so the data directory's JSON can hold it), or null
     */
    public record Expiration(Integer days, String date, boolean expiredObjectDeleteMarker) {

        public Instant dateInstant() {
            return date == null ? null : Instant.parse(date);
        }
    }

    /**
     * When an object written at {@code since} expires under {@code days}: S3 adds the days and
     * rounds up to the next midnight UTC.
     * https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html
     */
    static Instant dueAfter(Instant since, int days) {
        return since.plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    }

    /** When a current version written at {@code lastModified} expires under this rule, or null. */
    Instant currentExpiry(Instant lastModified) {
        if (expiration == null || expiration.expiredObjectDeleteMarker()) {
            return null;
        }
        return expiration.date() != null ? expiration.dateInstant() : dueAfter(lastModified, expiration.days());
    }

    /** Age-based expiration also removes expired delete markers, as ExpiredObjectDeleteMarker does. */
    boolean removesExpiredDeleteMarkers() {
        return expiration != null && (expiration.expiredObjectDeleteMarker() || expiration.days() != null);
    }
}
