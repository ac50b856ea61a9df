package course.sandbox.s3;

import static course.sandbox.s3.S3Store.DEFAULT_REGION;

import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.PolicyValidator;
import course.sandbox.s3.StoreState.BucketState;
import course.sandbox.s3.StoreState.UploadState;
import course.sandbox.s3.StoreState.VersionState;
import course.sandbox.service.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The bucket aggregate of {@link S3Store}: buckets, their tags, policy and configuration, and lifecycle runs. */
final class Buckets extends StoreAggregate {
    /** Per bucket, when lifecycle last ran and what it found due next; in memory only. */
    private final Map<String, LifecycleRun> lifecycleRuns = new java.util.concurrent.ConcurrentHashMap<>();

    private final ObjectVersions objects;

    Buckets(StoreCore core, ObjectVersions objects) {
        super(core);
        this.objects = objects;
    }

    BucketInfo createBucket(String account, String bucket, String region) {
        return createBucket(account, bucket, region, BucketConfiguration.newBucket());
    }

    BucketInfo createBucket(String account, String bucket, String region, BucketConfiguration configuration) {
        BucketNames.requireValid(bucket);
        String location = region == null || region.isEmpty() ? DEFAULT_REGION : region;
        return core.mutate(() -> {
            BucketState existing = core.state.buckets.get(bucket);
            if (existing != null) {
                if (!existing.owner.equals(account)) {
                    throw S3Errors.error("BucketAlreadyExists", 409,
                            "The requested bucket name is not available. The bucket namespace is shared by all users of"
                                    + " the system. Please select a different name and try again.", "/" + bucket)
                            .detail("BucketName", bucket);
                }
                if (existing.region.equals(DEFAULT_REGION) && location.equals(DEFAULT_REGION)) {
                    return bucketInfo(existing);
                }
                throw S3Errors.error("BucketAlreadyOwnedByYou", 409,
                        "Your previous request to create the named bucket succeeded and you already own it.", "/" + bucket)
                        .detail("BucketName", bucket);
            }
            BucketState created = new BucketState();
            created.name = bucket;
            created.owner = account;
            created.region = location;
            created.created = core.now();
            created.configuration = configuration;
            core.state.buckets.put(bucket, created);
            return bucketInfo(created);
        });
    }

    BucketInfo headBucket(String bucket) {
        return core.read(() -> bucketInfo(core.bucket(bucket)));
    }

    List<BucketInfo> listBuckets(String account) {
        return core.read(() -> core.state.buckets.values().stream()
                .filter(b -> b.owner.equals(account))
                .map(Buckets::bucketInfo)
                .toList());
    }

    String getBucketLocation(String bucket) {
        return core.read(() -> core.bucket(bucket).region);
    }

    void deleteBucket(String bucket) {
        core.mutate(() -> {
            BucketState b = core.bucket(bucket);
            if (!b.objects.isEmpty()) {
                String message = b.versioning == VersioningStatus.UNVERSIONED
                        ? "The bucket you tried to delete is not empty"
                        : "The bucket you tried to delete is not empty. You must delete all versions in the bucket.";
                throw S3Errors.error("BucketNotEmpty", 409, message, "/" + bucket).detail("BucketName", bucket);
            }
            b.uploads.values().forEach(upload -> upload.parts.values().forEach(part -> core.garbage.add(part.blobId)));
            core.state.buckets.remove(bucket);
            return null;
        });
    }

    void putBucketVersioning(String bucket, VersioningStatus status) {
        if (status == VersioningStatus.UNVERSIONED) {
            throw S3Errors.malformedXml("/" + bucket);
        }
        core.mutate(() -> {
            core.bucket(bucket).versioning = status;
            return null;
        });
    }

    VersioningStatus getBucketVersioning(String bucket) {
        return core.read(() -> core.bucket(bucket).versioning);
    }

    void putBucketTagging(String bucket, List<Tag> tags) {
        TagSets.validateBucketTags(tags, "/" + bucket);
        core.mutate(() -> {
            core.bucket(bucket).tags = new ArrayList<>(tags);
            return null;
        });
    }

    List<Tag> getBucketTagging(String bucket) {
        return core.read(() -> {
            BucketState b = core.bucket(bucket);
            if (b.tags == null || b.tags.isEmpty()) {
                throw S3Errors.error("NoSuchTagSet", 404, "The TagSet does not exist", "/" + bucket)
                        .detail("BucketName", bucket);
            }
            return List.copyOf(b.tags);
        });
    }

    void deleteBucketTagging(String bucket) {
        core.mutate(() -> {
            core.bucket(bucket).tags = null;
            return null;
        });
    }

    void putBucketPolicy(String bucket, String policyJson, PolicyValidator validator) {
        core.read(() -> core.bucket(bucket));
        validator.validate(policyJson, PolicyKind.RESOURCE);
        core.mutate(() -> {
            core.bucket(bucket).policy = policyJson;
            return null;
        });
    }

    String getBucketPolicy(String bucket) {
        return core.read(() -> {
            BucketState b = core.bucket(bucket);
            if (b.policy == null) {
                throw S3Errors.error("NoSuchBucketPolicy", 404, "The bucket policy does not exist", "/" + bucket)
                        .detail("BucketName", bucket);
            }
            return b.policy;
        });
    }

    void deleteBucketPolicy(String bucket) {
        core.mutate(() -> {
            core.bucket(bucket).policy = null;
            return null;
        });
    }

    BucketConfiguration configuration(String bucket) {
        return core.read(() -> core.bucket(bucket).configuration);
    }

    BucketConfiguration configure(String bucket, java.util.function.UnaryOperator<BucketConfiguration> change) {
        return core.mutate(() -> {
            BucketState b = core.bucket(bucket);
            b.configuration = change.apply(b.configuration);
            return b.configuration;
        });
    }

    LifecycleConfiguration.Expiry expiryOf(String bucket, String key) {
        return core.read(() -> {
            BucketState b = core.bucket(bucket);
            List<VersionState> versions = b.objects.get(key);
            LifecycleConfiguration lifecycle = b.configuration.lifecycle();
            if (lifecycle == null || versions == null || versions.get(0).deleteMarker) {
                return null;
            }
            VersionState current = versions.get(0);
            return lifecycle.expiryOf(key, current.size, current.tags, Instant.ofEpochMilli(current.lastModified));
        });
    }

    private record LifecycleRun(long mutations, Instant nextDue) {}

    void applyLifecycle(String bucket) {
        Instant now = core.clock.instant();
        LifecyclePlan plan;
        long seen;
        core.lock.readLock().lock();
        try {
            BucketState b = core.state.buckets.get(bucket);
            if (b == null || b.configuration.lifecycle() == null) {
                lifecycleRuns.remove(bucket);
                return;
            }
            LifecycleRun last = lifecycleRuns.get(bucket);
            if (last != null && last.mutations() == core.mutations && now.isBefore(last.nextDue())) {
                return;
            }
            plan = LifecyclePlan.of(b, b.configuration.lifecycle(), now);
            seen = core.mutations;
        } finally {
            core.lock.readLock().unlock();
        }
        if (plan.actions().isEmpty()) {
            lifecycleRuns.put(bucket, new LifecycleRun(seen, plan.nextDue()));
            return;
        }
        // Expiring makes versions noncurrent now, so the next request plans again.
        lifecycleRuns.remove(bucket);
        core.mutate(() -> {
            BucketState b = core.state.buckets.get(bucket);
            if (b != null) {
                plan.actions().forEach(action -> carryOut(b, action));
            }
            return null;
        });
    }

    /** One lifecycle action, skipped when a request changed the object since it was planned. */
    private void carryOut(BucketState b, LifecyclePlan.Action action) {
        if (action instanceof LifecyclePlan.ExpireCurrent expire) {
            List<VersionState> versions = b.objects.get(expire.key());
            if (versions != null && versions.get(0).versionId.equals(expire.versionId()) && !versions.get(0).deleteMarker) {
                objects.deleteLocked(b, b.name, expire.key(), null);
            }
        } else if (action instanceof LifecyclePlan.DeleteVersion delete) {
            List<VersionState> versions = b.objects.get(delete.key());
            if (versions != null && versions.stream().anyMatch(v -> v.versionId.equals(delete.versionId()))) {
                objects.deleteLocked(b, b.name, delete.key(), delete.versionId());
            }
        } else if (action instanceof LifecyclePlan.AbortUpload abort) {
            UploadState upload = b.uploads.remove(abort.uploadId());
            if (upload != null) {
                upload.parts.values().forEach(part -> core.garbage.add(part.blobId));
            }
        }
    }

    private static BucketInfo bucketInfo(BucketState b) {
        return new BucketInfo(b.name, b.owner, Instant.ofEpochMilli(b.created), b.region);
    }
}
