package course.sandbox.s3;

import course.sandbox.s3.StoreState.BucketState;
import course.sandbox.s3.StoreState.UploadState;
import course.sandbox.s3.StoreState.VersionState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a bucket's lifecycle rules make due at an instant, and when the next thing becomes due.
 * Worked out under the store's read lock; the store carries the actions out under its write lock.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html
 */
record LifecyclePlan(List<Action> actions, Instant nextDue) {

    sealed interface Action permits ExpireCurrent, DeleteVersion, AbortUpload {
    }

    /** The current version is expired: removed, or hidden behind a delete marker when versioned. */
    record ExpireCurrent(String key, String versionId) implements Action {
    }

    /** A noncurrent version, or an expired delete marker, is deleted for good. */
    record DeleteVersion(String key, String versionId) implements Action {
    }

    record AbortUpload(String uploadId) implements Action {
    }

    static LifecyclePlan of(BucketState bucket, LifecycleConfiguration configuration, Instant now) {
        Planner planner = new Planner(now);
        for (LifecycleRule rule : configuration.rules()) {
            if (rule.enabled()) {
                planner.apply(bucket, rule);
            }
        }
        return new LifecyclePlan(List.copyOf(planner.actions), planner.nextDue);
    }

    private static final class Planner {
        private final Instant now;
        private final List<Action> actions = new ArrayList<>();
        private Instant nextDue = Instant.MAX;

        Planner(Instant now) {
            this.now = now;
        }

        /** Adds the action when {@code due} has come, else remembers the earliest date still to come. */
        private void due(Instant due, Action action) {
            if (!due.isAfter(now)) {
                if (!actions.contains(action)) {
                    actions.add(action);
                }
            } else if (due.isBefore(nextDue)) {
                nextDue = due;
            }
        }

        void apply(BucketState bucket, LifecycleRule rule) {
            LifecycleRule.Filter filter = rule.filter();
            for (Map.Entry<String, List<VersionState>> entry : bucket.objects.tailMap(filter.prefix(), true).entrySet()) {
                String key = entry.getKey();
                if (!key.startsWith(filter.prefix())) {
                    break;
                }
                List<VersionState> versions = entry.getValue();
                VersionState current = versions.get(0);
                if (current.deleteMarker) {
                    // A delete marker with no noncurrent version left hides nothing: it is expired.
                    if (versions.size() == 1 && rule.removesExpiredDeleteMarkers() && filter.tags().isEmpty()
                            && filter.sizeGreaterThan() == null) {
                        due(now, new DeleteVersion(key, current.versionId));
                    }
                } else if (filter.matches(key, current.size, current.tags)) {
                    Instant expiry = rule.currentExpiry(Instant.ofEpochMilli(current.lastModified));
                    if (expiry != null) {
                        due(expiry, new ExpireCurrent(key, current.versionId));
                    }
                }
                if (rule.noncurrentDays() != null) {
                    int newer = 0;
                    for (int i = 1; i < versions.size(); i++) {
                        VersionState version = versions.get(i);
                        // A version becomes noncurrent when the next one is written.
                        Instant noncurrentSince = Instant.ofEpochMilli(versions.get(i - 1).lastModified);
                        boolean kept = rule.newerNoncurrentVersions() != null && newer < rule.newerNoncurrentVersions();
                        newer++;
                        if (kept || (!version.deleteMarker && !filter.matches(key, version.size, version.tags))) {
                            continue;
                        }
                        due(LifecycleRule.dueAfter(noncurrentSince, rule.noncurrentDays()),
                                new DeleteVersion(key, version.versionId));
                    }
                }
            }
            if (rule.abortAfterDays() != null) {
                for (UploadState upload : bucket.uploads.values()) {
                    if (upload.key.startsWith(filter.prefix())) {
                        due(LifecycleRule.dueAfter(Instant.ofEpochMilli(upload.initiated), rule.abortAfterDays()),
                                new AbortUpload(upload.uploadId));
                    }
                }
            }
        }
    }
}
