package course.sandbox.s3;

import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.PolicyValidator;
import course.sandbox.service.ServiceException;

import course.sandbox.protocol.ChecksumAlgorithm;
import course.sandbox.s3.StoreState.BucketState;
import course.sandbox.s3.StoreState.PartState;
import course.sandbox.s3.StoreState.UploadState;
import course.sandbox.s3.StoreState.VersionState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 model: buckets, objects, versions, multipart uploads, tags and bucket policies, with
 * AWS's rules. No HTTP here; every rule violation is an {@link ServiceException}.
 *
 * <p>State lives in memory ({@link #S3Store()}) or in a data directory ({@link #S3Store(Path)})
 * that survives restarts. All methods are thread-safe: a read-write lock guards the state, and a
 * read always returns exactly one version that was written.
 *
 * <p>Arguments are decoded values (keys not percent-encoded). {@code account} parameters are the
 * caller's account id, used for bucket ownership and object owners.
 */
public final class S3Store {
    public static final long DEFAULT_MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final int MAX_PART_NUMBER = 10_000;
    public static final int MAX_KEYS = 1000;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String NULL_VERSION = "null";
    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    private static final Pattern VERSION_ID = Pattern.compile("[A-Za-z0-9_-]{32}");
    private static final Pattern COPY_SOURCE_RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");
    private static final int MAX_KEY_BYTES = 1024;
    private static final int MAX_DELETE_OBJECTS = 1000;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Backend backend;
    private final long minPartSize;
    private final SecureRandom random = new SecureRandom();
    /** The sandbox's clock: object times and lifecycle rules follow it (--clock fixes it). */
    private final Clock clock;
    /** Per bucket, when lifecycle last ran and what it found due next; in memory only. */
    private final Map<String, LifecycleRun> lifecycleRuns = new java.util.concurrent.ConcurrentHashMap<>();
    /** Counts committed mutations, so lifecycle knows when the bucket changed since it last ran. */
    private long mutations;
    /** Blobs no longer referenced by the state being committed; deleted after it is saved. */
    private final List<String> garbage = new ArrayList<>();
    private StoreState state;

    /** An in-memory store with the AWS minimum part size of 5 MiB. */
    public S3Store() {
        this(DEFAULT_MIN_PART_SIZE);
    }

    /** An in-memory store; {@code minPartSize} lets tests use small multipart uploads. */
    public S3Store(long minPartSize) {
        this(new MemoryBackend(), minPartSize, Clock.systemUTC());
    }

    /** A store keeping all state in {@code dataDir}, reopening whatever is there. */
    public S3Store(Path dataDir) {
        this(dataDir, DEFAULT_MIN_PART_SIZE);
    }

    public S3Store(Path dataDir, long minPartSize) {
        this(new DirectoryBackend(dataDir), minPartSize, Clock.systemUTC());
    }

    /** The sandbox's store: in {@code dataDir} when present, else in memory, on the sandbox's clock. */
    public S3Store(java.util.Optional<Path> dataDir, Clock clock) {
        this(dataDir.<Backend>map(DirectoryBackend::new).orElseGet(MemoryBackend::new), DEFAULT_MIN_PART_SIZE, clock);
    }

    /** An in-memory store on a clock of the caller's (tests move time). */
    public S3Store(long minPartSize, Clock clock) {
        this(new MemoryBackend(), minPartSize, clock);
    }

    private S3Store(Backend backend, long minPartSize, Clock clock) {
        this.backend = backend;
        this.minPartSize = minPartSize;
        this.clock = clock;
        this.state = backend.load();
    }

    public long minPartSize() {
        return minPartSize;
    }

    /** Drops every bucket, object, upload and body. */
    public void reset() {
        lock.writeLock().lock();
        try {
            backend.clear();
            state = new StoreState();
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ------------------------------------------------------------------ buckets

    /**
     * CreateBucket. Bucket names are global across accounts.
     *
     * @param region the location constraint, or null for us-east-1
     * @throws ServiceException InvalidBucketName (400), BucketAlreadyExists (409, other account),
     *                     BucketAlreadyOwnedByYou (409, same account, any region but us-east-1;
     *                     in us-east-1 AWS answers 200 and keeps the bucket as it is)
     */
    public BucketInfo createBucket(String account, String bucket, String region) {
        return createBucket(account, bucket, region, BucketConfiguration.newBucket());
    }

    /** CreateBucket with the configuration the request chose (Object Ownership). */
    public BucketInfo createBucket(String account, String bucket, String region, BucketConfiguration configuration) {
        BucketNames.requireValid(bucket);
        String location = region == null || region.isEmpty() ? DEFAULT_REGION : region;
        return mutate(() -> {
            BucketState existing = state.buckets.get(bucket);
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
            created.created = now();
            created.configuration = configuration;
            state.buckets.put(bucket, created);
            return bucketInfo(created);
        });
    }

    /** HeadBucket. @throws ServiceException NoSuchBucket (404) */
    public BucketInfo headBucket(String bucket) {
        return read(() -> bucketInfo(bucket(bucket)));
    }

    /** ListBuckets: the account's buckets in name order, with creation dates. */
    public List<BucketInfo> listBuckets(String account) {
        return read(() -> state.buckets.values().stream()
                .filter(b -> b.owner.equals(account))
                .map(S3Store::bucketInfo)
                .toList());
    }

    /** GetBucketLocation: the region (the protocol layer renders us-east-1 as an empty constraint). */
    public String getBucketLocation(String bucket) {
        return read(() -> bucket(bucket).region);
    }

    /**
     * DeleteBucket. In-progress multipart uploads do not block it (as on AWS); they are discarded.
     *
     * @throws ServiceException BucketNotEmpty (409) while any object, version or delete marker exists
     */
    public void deleteBucket(String bucket) {
        mutate(() -> {
            BucketState b = bucket(bucket);
            if (!b.objects.isEmpty()) {
                String message = b.versioning == VersioningStatus.UNVERSIONED
                        ? "The bucket you tried to delete is not empty"
                        : "The bucket you tried to delete is not empty. You must delete all versions in the bucket.";
                throw S3Errors.error("BucketNotEmpty", 409, message, "/" + bucket).detail("BucketName", bucket);
            }
            b.uploads.values().forEach(upload -> upload.parts.values().forEach(part -> garbage.add(part.blobId)));
            state.buckets.remove(bucket);
            return null;
        });
    }

    /** PutBucketVersioning. @throws ServiceException MalformedXML for UNVERSIONED (there is no such Status) */
    public void putBucketVersioning(String bucket, VersioningStatus status) {
        if (status == VersioningStatus.UNVERSIONED) {
            throw S3Errors.malformedXml("/" + bucket);
        }
        mutate(() -> {
            bucket(bucket).versioning = status;
            return null;
        });
    }

    public VersioningStatus getBucketVersioning(String bucket) {
        return read(() -> bucket(bucket).versioning);
    }

    /** PutBucketTagging: replaces the tag set. @throws ServiceException InvalidTag (400) */
    public void putBucketTagging(String bucket, List<Tag> tags) {
        Tag.validateBucketTags(tags, "/" + bucket);
        mutate(() -> {
            bucket(bucket).tags = new ArrayList<>(tags);
            return null;
        });
    }

    /** GetBucketTagging. @throws ServiceException NoSuchTagSet (404) when the bucket has no tags */
    public List<Tag> getBucketTagging(String bucket) {
        return read(() -> {
            BucketState b = bucket(bucket);
            if (b.tags == null || b.tags.isEmpty()) {
                throw S3Errors.error("NoSuchTagSet", 404, "The TagSet does not exist", "/" + bucket)
                        .detail("BucketName", bucket);
            }
            return List.copyOf(b.tags);
        });
    }

    public void deleteBucketTagging(String bucket) {
        mutate(() -> {
            bucket(bucket).tags = null;
            return null;
        });
    }

    /**
     * PutBucketPolicy: stores the JSON text as given after {@code validator} accepted it (the
     * validator throws, normally MalformedPolicy, to reject it).
     */
    public void putBucketPolicy(String bucket, String policyJson, PolicyValidator validator) {
        read(() -> bucket(bucket));
        validator.validate(policyJson, PolicyKind.RESOURCE);
        mutate(() -> {
            bucket(bucket).policy = policyJson;
            return null;
        });
    }

    /** GetBucketPolicy. @throws ServiceException NoSuchBucketPolicy (404) when none is set */
    public String getBucketPolicy(String bucket) {
        return read(() -> {
            BucketState b = bucket(bucket);
            if (b.policy == null) {
                throw S3Errors.error("NoSuchBucketPolicy", 404, "The bucket policy does not exist", "/" + bucket)
                        .detail("BucketName", bucket);
            }
            return b.policy;
        });
    }

    public void deleteBucketPolicy(String bucket) {
        mutate(() -> {
            bucket(bucket).policy = null;
            return null;
        });
    }

    // ------------------------------------------------------------------ configuration

    /** The bucket's configuration (CORS, website, lifecycle, public access, ownership, encryption). */
    public BucketConfiguration configuration(String bucket) {
        return read(() -> bucket(bucket).configuration);
    }

    /**
     * Replaces the bucket's configuration with what {@code change} makes of it; {@code change}
     * throws to refuse. Changing the lifecycle rules makes them run again.
     */
    public BucketConfiguration configure(String bucket, java.util.function.UnaryOperator<BucketConfiguration> change) {
        return mutate(() -> {
            BucketState b = bucket(bucket);
            b.configuration = change.apply(b.configuration);
            return b.configuration;
        });
    }

    /** x-amz-expiration of a current object: when a lifecycle rule expires it, or null. */
    public LifecycleConfiguration.Expiry expiryOf(String bucket, String key) {
        return read(() -> {
            BucketState b = bucket(bucket);
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

    /**
     * Carries out what the bucket's lifecycle rules make due by the sandbox's clock, as S3 does
     * in the background: called whenever a request names the bucket, it works only when the
     * bucket changed since the last run or the clock reached the next due date.
     */
    public void applyLifecycle(String bucket) {
        Instant now = clock.instant();
        LifecyclePlan plan;
        long seen;
        lock.readLock().lock();
        try {
            BucketState b = state.buckets.get(bucket);
            if (b == null || b.configuration.lifecycle() == null) {
                lifecycleRuns.remove(bucket);
                return;
            }
            LifecycleRun last = lifecycleRuns.get(bucket);
            if (last != null && last.mutations() == mutations && now.isBefore(last.nextDue())) {
                return;
            }
            plan = LifecyclePlan.of(b, b.configuration.lifecycle(), now);
            seen = mutations;
        } finally {
            lock.readLock().unlock();
        }
        if (plan.actions().isEmpty()) {
            lifecycleRuns.put(bucket, new LifecycleRun(seen, plan.nextDue()));
            return;
        }
        // Expiring makes versions noncurrent now, so the next request plans again.
        lifecycleRuns.remove(bucket);
        mutate(() -> {
            BucketState b = state.buckets.get(bucket);
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
                deleteLocked(b, b.name, expire.key(), null);
            }
        } else if (action instanceof LifecyclePlan.DeleteVersion delete) {
            List<VersionState> versions = b.objects.get(delete.key());
            if (versions != null && versions.stream().anyMatch(v -> v.versionId.equals(delete.versionId()))) {
                deleteLocked(b, b.name, delete.key(), delete.versionId());
            }
        } else if (action instanceof LifecyclePlan.AbortUpload abort) {
            UploadState upload = b.uploads.remove(abort.uploadId());
            if (upload != null) {
                upload.parts.values().forEach(part -> garbage.add(part.blobId));
            }
        }
    }

    // ------------------------------------------------------------------ objects

    /**
     * PutObject. Verifies Content-MD5 and any x-amz-checksum-* value against the body, applies
     * If-Match / If-None-Match: *, and stores a new version (or replaces the null version). When
     * no checksum is given S3 stores a CRC64NVME (its default integrity protection).
     *
     * @throws ServiceException NoSuchBucket, KeyTooLongError, InvalidDigest, BadDigest, InvalidRequest
     *                     (malformed or several checksums), InvalidTag, PreconditionFailed (412),
     *                     NoSuchKey (If-Match on a missing key), NotImplemented (If-None-Match
     *                     other than *)
     */
    public PutResult putObject(String account, String bucket, String key, ObjectWrite write) {
        String resource = S3Errors.resource(bucket, key);
        requireValidKey(key, resource);
        Tag.validateObjectTags(write.tags(), resource);
        byte[] body = write.body();
        Map<ChecksumAlgorithm, String> checksums = verifyIntegrity(body, write, resource, true);
        VersionState version = newVersion(account, write);
        version.etag = Digests.etagOf(write.md5());
        version.size = body.length;
        version.checksums.putAll(checksums);
        String blobId = backend.writeBlob(body);
        version.blobId = blobId;
        return mutateWithBlob(blobId, () -> {
            BucketState b = bucket(bucket);
            checkWriteConditions(b, key, write, resource);
            addVersion(b, key, version);
            return new PutResult(version.etag, reportedVersionId(b, version), readOnly(version.checksums));
        });
    }

    /**
     * GetObject.
     *
     * @param versionId  a specific version, or null for the latest
     * @param range      the Range header as sent, or null. A single range bytes=a-b, a- or -n is
     *                   honoured; several ranges or a syntactically invalid one are ignored and the
     *                   whole object returned (as AWS does)
     * @throws ServiceException NoSuchBucket, NoSuchKey (with the delete-marker flag when the latest is a
     *                     delete marker), NoSuchVersion, InvalidArgument (malformed version id),
     *                     MethodNotAllowed (version id of a delete marker), PreconditionFailed
     *                     (412), NotModified (304), InvalidRange (416)
     */
    public ObjectContent getObject(String bucket, String key, String versionId, String range,
                                   ReadConditions conditions) {
        String resource = S3Errors.resource(bucket, key);
        return read(() -> withBody(resolveForRead(bucket, key, versionId, conditions, "GET",
                version -> parseRange(range, version.size, resource))));
    }

    /** HeadObject: like {@link #getObject} (same errors, same range answer) but with an empty body. */
    public ObjectContent headObject(String bucket, String key, String versionId, String range,
                                    ReadConditions conditions) {
        String resource = S3Errors.resource(bucket, key);
        return read(() -> withoutBody(resolveForRead(bucket, key, versionId, conditions, "HEAD",
                version -> parseRange(range, version.size, resource))));
    }

    /**
     * GetObject with partNumber: effectively a ranged read of one part as it was uploaded. An
     * object written in one piece has a single part, the whole object.
     *
     * @throws ServiceException as {@link #getObject}, InvalidArgument (part number outside 1 to 10000),
     *                     InvalidPartNumber (416, past the object's last part)
     */
    public ObjectContent getObjectPart(String bucket, String key, String versionId, int partNumber,
                                       ReadConditions conditions) {
        String resource = S3Errors.resource(bucket, key);
        requireValidPartNumber(partNumber, resource);
        return read(() -> withBody(resolveForRead(bucket, key, versionId, conditions, "GET",
                version -> partRange(version, partNumber, resource))));
    }

    /** HeadObject with partNumber: like {@link #getObjectPart} but with an empty body. */
    public ObjectContent headObjectPart(String bucket, String key, String versionId, int partNumber,
                                        ReadConditions conditions) {
        String resource = S3Errors.resource(bucket, key);
        requireValidPartNumber(partNumber, resource);
        return read(() -> withoutBody(resolveForRead(bucket, key, versionId, conditions, "HEAD",
                version -> partRange(version, partNumber, resource))));
    }

    private ObjectContent withBody(Resolved resolved) {
        byte[] data = backend.readBlob(resolved.version.blobId);
        ByteRange satisfied = resolved.range;
        byte[] body = satisfied == null ? data.clone()
                : Arrays.copyOfRange(data, (int) satisfied.first(), (int) satisfied.last() + 1);
        return new ObjectContent(resolved.info, body, satisfied);
    }

    private static ObjectContent withoutBody(Resolved resolved) {
        return new ObjectContent(resolved.info, new byte[0], resolved.range);
    }

    /**
     * DeleteObject. Without a version id: removes the object (unversioned), adds a delete marker
     * (enabled) or a "null" delete marker replacing the null version (suspended); a missing key is
     * not an error. With a version id: removes exactly that version; removing the latest delete
     * marker makes the previous version current again.
     */
    public DeleteResult deleteObject(String bucket, String key, String versionId) {
        return mutate(() -> deleteLocked(bucket(bucket), bucket, key, versionId));
    }

    /**
     * DeleteObjects: each key is deleted as by {@link #deleteObject}; failures are reported per
     * key, a key the caller may not delete as AccessDenied (and kept). In quiet mode only errors
     * are returned.
     *
     * @param mayDelete whether the caller may delete this key (or version)
     * @throws ServiceException MalformedXML when the list is empty or longer than 1000
     */
    public DeleteObjectsResult deleteObjects(String bucket, List<ObjectIdentifier> objects, boolean quiet,
                                             Predicate<ObjectIdentifier> mayDelete) {
        if (objects.isEmpty() || objects.size() > MAX_DELETE_OBJECTS) {
            throw S3Errors.malformedXml("/" + bucket);
        }
        // Decided before taking the lock: deciding reads IAM and the bucket policy.
        List<Boolean> permitted = objects.stream().map(mayDelete::test).toList();
        return mutate(() -> {
            BucketState b = bucket(bucket);
            List<DeleteObjectsResult.Deleted> deleted = new ArrayList<>();
            List<DeleteObjectsResult.Error> errors = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                ObjectIdentifier object = objects.get(i);
                try {
                    if (!permitted.get(i)) {
                        throw S3Errors.accessDenied(bucket, object.key());
                    }
                    DeleteResult result = deleteLocked(b, bucket, object.key(), object.versionId());
                    if (!quiet) {
                        deleted.add(object.versionId() == null
                                ? new DeleteObjectsResult.Deleted(object.key(), null, result.deleteMarker(),
                                        result.deleteMarker() ? result.versionId() : null)
                                : new DeleteObjectsResult.Deleted(object.key(), object.versionId(),
                                        result.deleteMarker(), result.deleteMarker() ? object.versionId() : null));
                    }
                } catch (ServiceException e) {
                    errors.add(new DeleteObjectsResult.Error(object.key(), object.versionId(), e.code(), e.getMessage()));
                }
            }
            return new DeleteObjectsResult(List.copyOf(deleted), List.copyOf(errors));
        });
    }

    /**
     * CopyObject. MetadataDirective COPY keeps content type, user metadata and stored headers;
     * REPLACE takes them from {@code request.replacement}. Tags follow the TaggingDirective.
     *
     * @throws ServiceException NoSuchBucket, NoSuchKey, NoSuchVersion, InvalidRequest (copy onto itself
     *                     without changes; version id of a delete marker), PreconditionFailed
     *                     (412 for every failed x-amz-copy-source-if-* condition)
     */
    public CopyResult copyObject(String account, CopyObject request) {
        String destination = S3Errors.resource(request.destinationBucket, request.destinationKey);
        requireValidKey(request.destinationKey, destination);
        boolean replaceMetadata = request.metadataDirective == CopyObject.Directive.REPLACE;
        boolean replaceTags = request.taggingDirective == CopyObject.Directive.REPLACE;
        if (replaceTags) {
            Tag.validateObjectTags(request.replacement.tags(), destination);
        }
        CopySource source = read(() -> {
            CopySource found = readCopySource(request.sourceBucket, request.sourceKey, request.sourceVersionId,
                    request.sourceConditions);
            bucket(request.destinationBucket);
            boolean sameObject = request.sourceBucket.equals(request.destinationBucket)
                    && request.sourceKey.equals(request.destinationKey);
            if (sameObject && !replaceMetadata && request.replacement.checksumAlgorithm() == null) {
                throw S3Errors.invalidRequest("This copy request is illegal because it is trying to copy an object to"
                        + " itself without changing the object's metadata, storage class, website redirect location or"
                        + " encryption attributes.", destination);
            }
            return found;
        });
        VersionState copy = replaceMetadata ? newVersion(account, request.replacement) : new VersionState();
        if (!replaceMetadata) {
            copy.owner = account;
            copy.contentType = source.version.contentType;
            copy.userMetadata.putAll(source.version.userMetadata);
            copy.headers.putAll(source.version.headers);
        }
        copy.tags = replaceTags ? request.replacement.tags() : new ArrayList<>(source.version.tags);
        copy.etag = Digests.etag(source.body);
        copy.size = source.body.length;
        ChecksumAlgorithm algorithm = request.replacement.checksumAlgorithm() != null
                ? request.replacement.checksumAlgorithm()
                : source.version.checksums.keySet().stream().findFirst().orElse(ChecksumAlgorithm.CRC64NVME);
        copy.checksums.put(algorithm, algorithm.base64(source.body));
        String blobId = backend.writeBlob(source.body);
        copy.blobId = blobId;
        return mutateWithBlob(blobId, () -> {
            BucketState b = bucket(request.destinationBucket);
            addVersion(b, request.destinationKey, copy);
            return new CopyResult(copy.etag, Instant.ofEpochMilli(copy.lastModified), reportedVersionId(b, copy),
                    source.reportedVersionId, readOnly(copy.checksums));
        });
    }

    // ------------------------------------------------------------------ object tagging

    /** PutObjectTagging: replaces the version's tags; returns the version id to report (or null). */
    public String putObjectTagging(String bucket, String key, String versionId, List<Tag> tags) {
        Tag.validateObjectTags(tags, S3Errors.resource(bucket, key));
        return mutate(() -> {
            BucketState b = bucket(bucket);
            VersionState version = resolve(b, bucket, key, versionId, "PUT");
            version.tags = new ArrayList<>(tags);
            return reportedVersionId(b, version);
        });
    }

    /** GetObjectTagging: the version's tags (an empty list when it has none). */
    public ObjectTagging getObjectTagging(String bucket, String key, String versionId) {
        return read(() -> {
            BucketState b = bucket(bucket);
            VersionState version = resolve(b, bucket, key, versionId, "GET");
            return new ObjectTagging(reportedVersionId(b, version), List.copyOf(version.tags));
        });
    }

    /** DeleteObjectTagging; returns the version id to report (or null). */
    public String deleteObjectTagging(String bucket, String key, String versionId) {
        return mutate(() -> {
            BucketState b = bucket(bucket);
            VersionState version = resolve(b, bucket, key, versionId, "DELETE");
            version.tags = new ArrayList<>();
            return reportedVersionId(b, version);
        });
    }

    // ------------------------------------------------------------------ listing

    /**
     * ListObjects (v1): latest versions that are not delete markers, in UTF-8 binary key order.
     *
     * @param maxKeys 0..1000 (larger values are capped at 1000, as AWS does)
     */
    public ObjectListing listObjects(String bucket, String prefix, String delimiter, String marker, int maxKeys) {
        int limit = checkMaxKeys(maxKeys, bucket, "max-keys");
        return read(() -> {
            BucketState b = bucket(bucket);
            Page page = listLatest(b, nonNull(prefix), emptyToNull(delimiter), emptyToNull(marker), limit);
            List<ObjectInfo> contents = page.keys.stream()
                    .map(key -> info(b, key, b.objects.get(key).get(0), true)).toList();
            String nextMarker = page.truncated && emptyToNull(delimiter) != null ? page.last : null;
            return new ObjectListing(contents, page.prefixes, page.truncated, nextMarker);
        });
    }

    /**
     * ListObjectsV2. The continuation token is opaque; {@code startAfter} is ignored when a token is
     * given. Owners are included only with {@code fetchOwner}.
     *
     * @throws ServiceException InvalidArgument for a continuation token this store did not issue
     */
    public ObjectListingV2 listObjectsV2(String bucket, String prefix, String delimiter, String continuationToken,
                                         String startAfter, int maxKeys, boolean fetchOwner) {
        int limit = checkMaxKeys(maxKeys, bucket, "max-keys");
        String after = continuationToken != null ? decodeToken(continuationToken, bucket) : emptyToNull(startAfter);
        return read(() -> {
            BucketState b = bucket(bucket);
            Page page = listLatest(b, nonNull(prefix), emptyToNull(delimiter), after, limit);
            List<ObjectInfo> contents = page.keys.stream()
                    .map(key -> info(b, key, b.objects.get(key).get(0), fetchOwner)).toList();
            String token = page.truncated ? encodeToken(page.last) : null;
            return new ObjectListingV2(contents, page.prefixes, contents.size() + page.prefixes.size(),
                    page.truncated, token);
        });
    }

    /**
     * ListObjectVersions: every version and delete marker, keys in UTF-8 binary order, newest
     * first per key. Version ids are reported as stored ("null" for the null version).
     *
     * @throws ServiceException InvalidArgument for a version-id-marker without key-marker or a malformed one
     */
    public VersionListing listObjectVersions(String bucket, String prefix, String delimiter, String keyMarker,
                                             String versionIdMarker, int maxKeys) {
        int limit = checkMaxKeys(maxKeys, bucket, "max-keys");
        String keyFrom = emptyToNull(keyMarker);
        String versionFrom = emptyToNull(versionIdMarker);
        if (versionFrom != null && keyFrom == null) {
            throw S3Errors.invalidArgument("A version-id marker cannot be specified without a key marker.",
                    "version-id-marker", versionFrom, "/" + bucket);
        }
        if (versionFrom != null && !isWellFormedVersionId(versionFrom)) {
            throw S3Errors.invalidArgument("Invalid version id specified", "version-id-marker", versionFrom, "/" + bucket);
        }
        String prefixText = nonNull(prefix);
        String delim = emptyToNull(delimiter);
        return read(() -> {
            BucketState b = bucket(bucket);
            List<VersionListing.Entry> entries = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            String lastKey = null;
            String lastVersion = null;
            boolean truncated = false;
            if (limit > 0) {
                outer:
                for (Map.Entry<String, List<VersionState>> entry : keysFrom(b.objects, prefixText, keyFrom, true)) {
                    String key = entry.getKey();
                    if (!key.startsWith(prefixText)) {
                        break;
                    }
                    if (keyFrom != null && skipAsRolledUp(key, keyFrom, delim)) {
                        continue;
                    }
                    String commonPrefix = commonPrefix(key, prefixText, delim);
                    if (commonPrefix != null) {
                        if (commonPrefix.equals(lastKey) && lastVersion == null) {
                            continue;
                        }
                        if (entries.size() + prefixes.size() == limit) {
                            truncated = true;
                            break;
                        }
                        prefixes.add(commonPrefix);
                        lastKey = commonPrefix;
                        lastVersion = null;
                        continue;
                    }
                    List<VersionState> versions = entry.getValue();
                    int start = 0;
                    if (key.equals(keyFrom)) {
                        start = versionFrom == null ? versions.size() : indexAfter(versions, versionFrom);
                    }
                    for (int i = start; i < versions.size(); i++) {
                        if (entries.size() + prefixes.size() == limit) {
                            truncated = true;
                            break outer;
                        }
                        VersionState version = versions.get(i);
                        ObjectInfo info = info(b, key, version, true);
                        entries.add(new VersionListing.Entry(withVersionId(info, version.versionId), i == 0));
                        lastKey = key;
                        lastVersion = version.versionId;
                    }
                }
            }
            return new VersionListing(List.copyOf(entries), List.copyOf(prefixes), truncated,
                    truncated ? lastKey : null, truncated ? lastVersion : null);
        });
    }

    // ------------------------------------------------------------------ multipart uploads

    /** CreateMultipartUpload: content type, metadata, headers, tags and checksum algorithm come from {@code write}. */
    public UploadInfo createMultipartUpload(String account, String bucket, String key, ObjectWrite write) {
        String resource = S3Errors.resource(bucket, key);
        requireValidKey(key, resource);
        Tag.validateObjectTags(write.tags(), resource);
        return mutate(() -> {
            BucketState b = bucket(bucket);
            UploadState upload = new UploadState();
            upload.uploadId = randomId(48);
            upload.key = key;
            upload.initiated = now();
            upload.sequence = b.uploads.values().stream().mapToLong(u -> u.sequence).max().orElse(0) + 1;
            upload.owner = account;
            upload.contentType = write.contentType() == null ? DEFAULT_CONTENT_TYPE : write.contentType();
            upload.userMetadata.putAll(write.userMetadata());
            upload.headers.putAll(write.headers());
            upload.tags = write.tags();
            upload.checksumAlgorithm = write.checksumAlgorithm();
            b.uploads.put(upload.uploadId, upload);
            return uploadInfo(upload);
        });
    }

    /**
     * UploadPart: the body, Content-MD5 and checksum come from {@code write}. Uploading a part
     * number again replaces that part.
     *
     * @throws ServiceException InvalidArgument (part number outside 1..10000), NoSuchUpload,
     *                     InvalidDigest, BadDigest
     */
    public PartInfo uploadPart(String bucket, String key, String uploadId, int partNumber, ObjectWrite write) {
        String resource = S3Errors.resource(bucket, key);
        requireValidPartNumber(partNumber, resource);
        byte[] body = write.body();
        Map<ChecksumAlgorithm, String> checksums = verifyIntegrity(body, write, resource, false);
        return storePart(bucket, key, uploadId, partNumber, body, write.md5(), checksums);
    }

    /**
     * UploadPartCopy: copies a source object, or the range {@code bytes=first-last} of it, as a part.
     *
     * @param copySourceRange x-amz-copy-source-range or null for the whole source
     * @throws ServiceException InvalidArgument (part number, malformed range, range outside the source),
     *                     NoSuchUpload, NoSuchKey, NoSuchVersion, PreconditionFailed
     */
    public PartInfo uploadPartCopy(String bucket, String key, String uploadId, int partNumber, String sourceBucket,
                                   String sourceKey, String sourceVersionId, String copySourceRange,
                                   ReadConditions sourceConditions) {
        String resource = S3Errors.resource(bucket, key);
        requireValidPartNumber(partNumber, resource);
        CopySource source = read(() -> {
            uploadOf(bucket(bucket), bucket, key, uploadId);
            return readCopySource(sourceBucket, sourceKey, sourceVersionId, sourceConditions);
        });
        byte[] data = source.body;
        if (copySourceRange != null) {
            Matcher matcher = COPY_SOURCE_RANGE.matcher(copySourceRange.trim());
            if (!matcher.matches()) {
                throw S3Errors.invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last"
                        + " where first and last are the zero-based offsets of the first and last bytes to copy",
                        "x-amz-copy-source-range", copySourceRange, resource);
            }
            long first = Long.parseLong(matcher.group(1));
            long last = Long.parseLong(matcher.group(2));
            if (first > last || last >= data.length) {
                throw S3Errors.invalidArgument("Range specified is not valid for source object of size: " + data.length,
                        "x-amz-copy-source-range", copySourceRange, resource);
            }
            data = Arrays.copyOfRange(data, (int) first, (int) last + 1);
        }
        return storePart(bucket, key, uploadId, partNumber, data, Digests.md5(data), Map.of());
    }

    /**
     * ListParts: parts after {@code partNumberMarker} in ascending order, at most {@code maxParts}.
     */
    public PartListing listParts(String bucket, String key, String uploadId, int partNumberMarker, int maxParts) {
        int limit = checkMaxKeys(maxParts, bucket, "max-parts");
        return read(() -> {
            UploadState upload = uploadOf(bucket(bucket), bucket, key, uploadId);
            List<PartInfo> parts = new ArrayList<>();
            boolean truncated = false;
            for (PartState part : upload.parts.tailMap(partNumberMarker, false).values()) {
                if (parts.size() == limit) {
                    truncated = true;
                    break;
                }
                parts.add(partInfo(part));
            }
            int next = parts.isEmpty() ? 0 : parts.get(parts.size() - 1).partNumber();
            return new PartListing(uploadInfo(upload), List.copyOf(parts), truncated, next);
        });
    }

    /**
     * ListMultipartUploads: in-progress uploads ordered by key, then by initiation. With only a
     * key marker, uploads for keys after it; with an upload-id marker as well, also the uploads of
     * that key initiated after the marker upload.
     */
    public UploadListing listMultipartUploads(String bucket, String prefix, String delimiter, String keyMarker,
                                              String uploadIdMarker, int maxUploads) {
        int limit = checkMaxKeys(maxUploads, bucket, "max-uploads");
        String prefixText = nonNull(prefix);
        String delim = emptyToNull(delimiter);
        String keyFrom = emptyToNull(keyMarker);
        String uploadFrom = emptyToNull(uploadIdMarker);
        return read(() -> {
            BucketState b = bucket(bucket);
            UploadState markerUpload = uploadFrom == null ? null : b.uploads.get(uploadFrom);
            List<UploadState> sorted = new ArrayList<>(b.uploads.values());
            sorted.sort(Comparator.comparing((UploadState u) -> u.key, KeyOrder.UTF8_BINARY)
                    .thenComparingLong(u -> u.sequence));
            List<UploadInfo> uploads = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            String lastKey = null;
            String lastUploadId = null;
            boolean truncated = false;
            for (UploadState upload : sorted) {
                if (!upload.key.startsWith(prefixText) || limit == 0) {
                    continue;
                }
                if (keyFrom != null) {
                    int order = KeyOrder.compare(upload.key, keyFrom);
                    boolean sameKeyLater = order == 0 && markerUpload != null && markerUpload.key.equals(keyFrom)
                            && upload.sequence > markerUpload.sequence;
                    if (order < 0 || (order == 0 && !sameKeyLater) || skipAsRolledUp(upload.key, keyFrom, delim)) {
                        continue;
                    }
                }
                String commonPrefix = commonPrefix(upload.key, prefixText, delim);
                if (commonPrefix != null && commonPrefix.equals(lastKey) && lastUploadId == null) {
                    continue;
                }
                if (uploads.size() + prefixes.size() == limit) {
                    truncated = true;
                    break;
                }
                if (commonPrefix != null) {
                    prefixes.add(commonPrefix);
                    lastKey = commonPrefix;
                    lastUploadId = null;
                } else {
                    uploads.add(uploadInfo(upload));
                    lastKey = upload.key;
                    lastUploadId = upload.uploadId;
                }
            }
            return new UploadListing(List.copyOf(uploads), List.copyOf(prefixes), truncated,
                    truncated ? lastKey : null, truncated ? lastUploadId : null);
        });
    }

    /**
     * CompleteMultipartUpload. The ETag is the hex MD5 of the concatenated binary part MD5s plus
     * "-N". Parts not listed are discarded.
     *
     * @throws ServiceException NoSuchUpload, MalformedXML (no parts), InvalidPartOrder, InvalidPart
     *                     (unknown part or ETag mismatch), EntityTooSmall (a part other than the
     *                     last below the minimum part size)
     */
    public PutResult completeMultipartUpload(String bucket, String key, String uploadId, List<CompletedPart> parts) {
        String resource = S3Errors.resource(bucket, key);
        return mutate(() -> {
            BucketState b = bucket(bucket);
            UploadState upload = uploadOf(b, bucket, key, uploadId);
            if (parts.isEmpty()) {
                throw S3Errors.malformedXml(resource);
            }
            List<PartState> chosen = new ArrayList<>();
            int previous = 0;
            for (CompletedPart requested : parts) {
                if (requested.partNumber() <= previous) {
                    throw S3Errors.error("InvalidPartOrder", 400,
                            "The list of parts was not in ascending order. Parts must be ordered by part number.",
                            resource).detail("UploadId", uploadId);
                }
                previous = requested.partNumber();
                PartState part = upload.parts.get(requested.partNumber());
                if (part == null || requested.etag() == null
                        || !Digests.unquote(part.etag).equals(Digests.unquote(requested.etag()))) {
                    throw S3Errors.error("InvalidPart", 400, "One or more of the specified parts could not be found."
                            + "  The part may not have been uploaded, or the specified entity tag may not match the"
                            + " part's entity tag.", resource)
                            .detail("UploadId", uploadId)
                            .detail("PartNumber", String.valueOf(requested.partNumber()))
                            .detail("ETag", String.valueOf(requested.etag()));
                }
                chosen.add(part);
            }
            for (int i = 0; i < chosen.size() - 1; i++) {
                PartState part = chosen.get(i);
                if (part.size < minPartSize) {
                    throw S3Errors.error("EntityTooSmall", 400,
                            "Your proposed upload is smaller than the minimum allowed object size.", resource)
                            .detail("ProposedSize", String.valueOf(part.size))
                            .detail("MinSizeAllowed", String.valueOf(minPartSize))
                            .detail("PartNumber", String.valueOf(part.partNumber))
                            .detail("ETag", Digests.unquote(part.etag));
                }
            }
            // One array of the final size: growing a buffer part by part copies the object many times.
            byte[] data = new byte[Math.toIntExact(chosen.stream().mapToLong(part -> part.size).sum())];
            List<byte[]> md5s = new ArrayList<>();
            List<byte[]> partData = new ArrayList<>();
            int offset = 0;
            for (PartState part : chosen) {
                byte[] bytes = backend.readBlob(part.blobId);
                System.arraycopy(bytes, 0, data, offset, bytes.length);
                offset += bytes.length;
                partData.add(bytes);
                md5s.add(Digests.md5FromEtag(part.etag));
            }
            VersionState version = new VersionState();
            version.owner = upload.owner;
            version.contentType = upload.contentType;
            version.userMetadata.putAll(upload.userMetadata);
            version.headers.putAll(upload.headers);
            version.tags = new ArrayList<>(upload.tags);
            version.etag = Digests.multipartEtag(md5s);
            version.size = data.length;
            version.partSizes = chosen.stream().map(part -> part.size).toList();
            version.lastModified = now();
            version.checksums.putAll(multipartChecksum(upload.checksumAlgorithm, chosen, partData));
            version.blobId = backend.writeBlob(data);
            b.uploads.remove(uploadId);
            upload.parts.values().forEach(part -> garbage.add(part.blobId));
            addVersion(b, key, version);
            return new PutResult(version.etag, reportedVersionId(b, version), readOnly(version.checksums));
        });
    }

    /** AbortMultipartUpload: discards the upload and its parts. @throws ServiceException NoSuchUpload */
    public void abortMultipartUpload(String bucket, String key, String uploadId) {
        mutate(() -> {
            BucketState b = bucket(bucket);
            UploadState upload = uploadOf(b, bucket, key, uploadId);
            b.uploads.remove(uploadId);
            upload.parts.values().forEach(part -> garbage.add(part.blobId));
            return null;
        });
    }

    // ------------------------------------------------------------------ internals: locking

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a mutation, saves the state, then deletes bodies the new state no longer references. */
    private <T> T mutate(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            T result = action.get();
            mutations++;
            backend.save(state);
            garbage.forEach(backend::deleteBlob);
            return result;
        } finally {
            garbage.clear();
            lock.writeLock().unlock();
        }
    }

    /** A mutation that references a body written beforehand; the body is dropped if it fails. */
    private <T> T mutateWithBlob(String blobId, Supplier<T> action) {
        try {
            return mutate(action);
        } catch (RuntimeException e) {
            backend.deleteBlob(blobId);
            throw e;
        }
    }

    // ------------------------------------------------------------------ internals: objects

    private BucketState bucket(String name) {
        BucketState b = state.buckets.get(name);
        if (b == null) {
            throw S3Errors.noSuchBucket(name);
        }
        return b;
    }

    private static BucketInfo bucketInfo(BucketState b) {
        return new BucketInfo(b.name, b.owner, Instant.ofEpochMilli(b.created), b.region);
    }

    private static void requireValidKey(String key, String resource) {
        if (key == null || key.isEmpty()) {
            throw S3Errors.invalidArgument("Object key must not be empty", "key", "", resource);
        }
        // A key is a sequence of Unicode characters: a lone surrogate has no UTF-8 form, and
        // encoding it would turn it into '?', the key of another object.
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw S3Errors.invalidUri(resource);
            }
        }
        int size = key.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_KEY_BYTES) {
            throw S3Errors.error("KeyTooLongError", 400, "Your key is too long", resource)
                    .detail("Size", String.valueOf(size)).detail("MaxSizeAllowed", String.valueOf(MAX_KEY_BYTES));
        }
    }

    private static void requireValidPartNumber(int partNumber, String resource) {
        if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                    "partNumber", String.valueOf(partNumber), resource);
        }
    }

    /** Checks Content-MD5 and x-amz-checksum-* against the body; returns the checksums to store. */
    private static Map<ChecksumAlgorithm, String> verifyIntegrity(byte[] body, ObjectWrite write, String resource,
                                                                  boolean defaultChecksum) {
        if (write.contentMd5() != null) {
            byte[] expected = decodeBase64(write.contentMd5());
            if (expected == null || expected.length != 16) {
                throw S3Errors.error("InvalidDigest", 400, "The Content-MD5 you specified is not valid.", resource)
                        .detail("Content-MD5", write.contentMd5());
            }
            byte[] actual = write.md5();
            if (!Arrays.equals(expected, actual)) {
                throw S3Errors.error("BadDigest", 400, "The Content-MD5 you specified did not match what we received.",
                        resource).detail("ExpectedDigest", write.contentMd5())
                        .detail("CalculatedDigest", Base64.getEncoder().encodeToString(actual));
            }
        }
        if (write.checksums().size() > 1) {
            throw S3Errors.invalidRequest(
                    "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.", resource);
        }
        Map<ChecksumAlgorithm, String> stored = new EnumMap<>(ChecksumAlgorithm.class);
        for (Map.Entry<ChecksumAlgorithm, String> given : write.checksums().entrySet()) {
            ChecksumAlgorithm algorithm = given.getKey();
            byte[] expected = decodeBase64(given.getValue());
            if (expected == null || expected.length != algorithm.length()) {
                throw S3Errors.invalidRequest("Value for " + algorithm.headerName() + " header is invalid.", resource);
            }
            if (!write.verified(algorithm) && !Arrays.equals(expected, algorithm.digest(body))) {
                throw S3Errors.error("BadDigest", 400,
                        "The " + algorithm.name() + " you specified did not match the calculated checksum.", resource);
            }
            stored.put(algorithm, given.getValue());
        }
        if (stored.isEmpty() && write.checksumAlgorithm() != null) {
            stored.put(write.checksumAlgorithm(), write.checksumAlgorithm().base64(body));
        }
        if (stored.isEmpty() && defaultChecksum) {
            stored.put(ChecksumAlgorithm.CRC64NVME, ChecksumAlgorithm.CRC64NVME.base64(body));
        }
        return stored;
    }

    private static byte[] decodeBase64(String value) {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static VersionState newVersion(String account, ObjectWrite write) {
        VersionState version = new VersionState();
        version.owner = account;
        version.contentType = write.contentType() == null ? DEFAULT_CONTENT_TYPE : write.contentType();
        version.userMetadata.putAll(write.userMetadata());
        version.headers.putAll(write.headers());
        version.tags = write.tags();
        return version;
    }

    private static void checkWriteConditions(BucketState b, String key, ObjectWrite write, String resource) {
        List<VersionState> versions = b.objects.get(key);
        VersionState current = versions == null || versions.get(0).deleteMarker ? null : versions.get(0);
        if (write.ifNoneMatch() != null) {
            if (!write.ifNoneMatch().trim().equals("*")) {
                throw S3Errors.error("NotImplemented", 501,
                        "A header you provided implies functionality that is not implemented", resource)
                        .detail("Header", "If-None-Match");
            }
            if (current != null) {
                throw S3Errors.preconditionFailed("If-None-Match", resource);
            }
        }
        if (write.ifMatch() != null) {
            if (current == null) {
                throw S3Errors.noSuchKey(b.name, key);
            }
            if (!etagMatches(write.ifMatch(), current.etag)) {
                throw S3Errors.preconditionFailed("If-Match", resource);
            }
        }
    }

    /** Adds a new latest version; outside ENABLED it becomes the null version, replacing the old one. */
    private void addVersion(BucketState b, String key, VersionState version) {
        if (version.lastModified == 0) {
            version.lastModified = now();
        }
        List<VersionState> versions = b.objects.computeIfAbsent(key, k -> new ArrayList<>());
        if (b.versioning == VersioningStatus.ENABLED) {
            version.versionId = randomId(24);
        } else {
            version.versionId = NULL_VERSION;
            versions.removeIf(old -> {
                boolean replaced = NULL_VERSION.equals(old.versionId);
                if (replaced && old.blobId != null) {
                    garbage.add(old.blobId);
                }
                return replaced;
            });
        }
        versions.add(0, version);
    }

    private DeleteResult deleteLocked(BucketState b, String bucket, String key, String versionId) {
        requireValidKey(key, S3Errors.resource(bucket, key));
        List<VersionState> versions = b.objects.get(key);
        if (versionId != null) {
            requireWellFormedVersionId(bucket, key, versionId);
            VersionState found = versions == null ? null
                    : versions.stream().filter(v -> v.versionId.equals(versionId)).findFirst().orElse(null);
            if (found == null) {
                return new DeleteResult(false, versionId);
            }
            versions.remove(found);
            if (found.blobId != null) {
                garbage.add(found.blobId);
            }
            if (versions.isEmpty()) {
                b.objects.remove(key);
            }
            return new DeleteResult(found.deleteMarker, versionId);
        }
        if (b.versioning == VersioningStatus.UNVERSIONED) {
            if (versions != null) {
                versions.stream().filter(v -> v.blobId != null).forEach(v -> garbage.add(v.blobId));
                b.objects.remove(key);
            }
            return new DeleteResult(false, null);
        }
        VersionState marker = new VersionState();
        marker.deleteMarker = true;
        marker.owner = b.owner;
        addVersion(b, key, marker);
        return new DeleteResult(true, marker.versionId);
    }

    private record Resolved(ObjectInfo info, VersionState version, ByteRange range) {}

    /** @param selection the bytes asked for (null: all), decided once the version is known and its conditions hold */
    private Resolved resolveForRead(String bucket, String key, String versionId, ReadConditions conditions,
                                    String method, Function<VersionState, ByteRange> selection) {
        BucketState b = bucket(bucket);
        VersionState version = resolve(b, bucket, key, versionId, method);
        checkReadConditions(conditions == null ? ReadConditions.NONE : conditions, version,
                S3Errors.resource(bucket, key), false);
        return new Resolved(info(b, key, version, true), version, selection.apply(version));
    }

    /** The bytes of one part; null for part 1 of an empty object, which has no byte to range over. */
    private static ByteRange partRange(VersionState version, int partNumber, String resource) {
        List<Long> sizes = version.partSizes == null ? List.of(version.size) : version.partSizes;
        if (partNumber > sizes.size()) {
            throw S3Errors.error("InvalidPartNumber", 416, "The requested partnumber is not satisfiable", resource)
                    .detail("PartNumberRequested", String.valueOf(partNumber))
                    .detail("ActualPartCount", String.valueOf(sizes.size()));
        }
        if (version.size == 0) {
            return null;
        }
        long first = sizes.subList(0, partNumber - 1).stream().mapToLong(Long::longValue).sum();
        return new ByteRange(first, first + sizes.get(partNumber - 1) - 1, version.size);
    }

    /** The requested version, or the latest; delete markers are answered as AWS does. */
    private VersionState resolve(BucketState b, String bucket, String key, String versionId, String method) {
        List<VersionState> versions = b.objects.get(key);
        if (versionId == null) {
            if (versions == null) {
                throw S3Errors.noSuchKey(bucket, key);
            }
            VersionState latest = versions.get(0);
            if (latest.deleteMarker) {
                throw S3Errors.atDeleteMarker(S3Errors.noSuchKey(bucket, key), reportedVersionId(b, latest),
                        Instant.ofEpochMilli(latest.lastModified));
            }
            return latest;
        }
        VersionState found = findVersion(b, bucket, key, versionId);
        if (found.deleteMarker) {
            throw S3Errors.atDeleteMarker(S3Errors.methodNotAllowed(method, "DeleteMarker", S3Errors.resource(bucket, key)),
                    found.versionId, Instant.ofEpochMilli(found.lastModified));
        }
        return found;
    }

    private static VersionState findVersion(BucketState b, String bucket, String key, String versionId) {
        requireWellFormedVersionId(bucket, key, versionId);
        List<VersionState> versions = b.objects.get(key);
        if (versions != null) {
            for (VersionState version : versions) {
                if (version.versionId.equals(versionId)) {
                    return version;
                }
            }
        }
        throw S3Errors.noSuchVersion(bucket, key, versionId);
    }

    private static boolean isWellFormedVersionId(String versionId) {
        return NULL_VERSION.equals(versionId) || VERSION_ID.matcher(versionId).matches();
    }

    private static void requireWellFormedVersionId(String bucket, String key, String versionId) {
        if (!isWellFormedVersionId(versionId)) {
            throw S3Errors.invalidVersionId(bucket, key, versionId);
        }
    }

    private record CopySource(VersionState version, byte[] body, String reportedVersionId) {}

    private CopySource readCopySource(String bucket, String key, String versionId, ReadConditions conditions) {
        BucketState b = bucket(bucket);
        VersionState version;
        if (versionId != null) {
            version = findVersion(b, bucket, key, versionId);
            if (version.deleteMarker) {
                throw S3Errors.invalidRequest(
                        "The source of a copy request may not specifically refer to a delete marker by version id.",
                        S3Errors.resource(bucket, key));
            }
        } else {
            version = resolve(b, bucket, key, null, "GET");
        }
        checkReadConditions(conditions == null ? ReadConditions.NONE : conditions, version,
                S3Errors.resource(bucket, key), true);
        return new CopySource(version, backend.readBlob(version.blobId), reportedVersionId(b, version));
    }

    /**
     * AWS's precedence: a true If-Match overrides a false If-Unmodified-Since, a false
     * If-None-Match overrides a true If-Modified-Since. Failures are 412, except the
     * If-None-Match / If-Modified-Since ones of a GET or HEAD, which are 304.
     */
    private static void checkReadConditions(ReadConditions conditions, VersionState version, String resource,
                                            boolean copySource) {
        Instant lastModified = Instant.ofEpochMilli(version.lastModified);
        String prefix = copySource ? "x-amz-copy-source-" : "";
        if (conditions.ifMatch() != null) {
            if (!etagMatches(conditions.ifMatch(), version.etag)) {
                throw S3Errors.preconditionFailed(prefix + "If-Match", resource);
            }
        } else if (conditions.ifUnmodifiedSince() != null && lastModified.isAfter(conditions.ifUnmodifiedSince())) {
            throw S3Errors.preconditionFailed(prefix + "If-Unmodified-Since", resource);
        }
        boolean notModified;
        String condition;
        if (conditions.ifNoneMatch() != null) {
            notModified = etagMatches(conditions.ifNoneMatch(), version.etag);
            condition = "If-None-Match";
        } else {
            notModified = conditions.ifModifiedSince() != null && !lastModified.isAfter(conditions.ifModifiedSince());
            condition = "If-Modified-Since";
        }
        if (notModified) {
            throw copySource ? S3Errors.preconditionFailed(prefix + condition, resource)
                    : S3Errors.notModified(resource, version.etag, lastModified);
        }
    }

    /** Whether an If-Match/If-None-Match list ("*", or ETags quoted or not, comma-separated) matches. */
    static boolean etagMatches(String header, String etag) {
        String actual = Digests.unquote(etag);
        for (String candidate : header.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || Digests.unquote(trimmed).equals(actual)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A Range header against an object of {@code size} bytes: null for the whole object (no,
     * several or syntactically invalid ranges), else the satisfied range.
     */
    static ByteRange parseRange(String header, long size, String resource) {
        if (header == null || !header.trim().startsWith("bytes=")) {
            return null;
        }
        String spec = header.trim().substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (spec.contains(",") || dash < 0) {
            return null;
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        if (!isDigits(from) && !from.isEmpty() || !isDigits(to) && !to.isEmpty() || from.isEmpty() && to.isEmpty()) {
            return null;
        }
        try {
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix == 0 || size == 0) {
                    throw invalidRange(header, size, resource);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1, size);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? size - 1 : Long.parseLong(to);
            // Only an explicit end before the start makes the range invalid (ignored); an open
            // range starting past the end is unsatisfiable like any other.
            if (!to.isEmpty() && last < first) {
                return null;
            }
            if (first >= size) {
                throw invalidRange(header, size, resource);
            }
            return new ByteRange(first, Math.min(last, size - 1), size);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    private static boolean isDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static ServiceException invalidRange(String header, long size, String resource) {
        return S3Errors.error("InvalidRange", 416, "The requested range is not satisfiable", resource)
                .detail("RangeRequested", header).detail("ActualObjectSize", String.valueOf(size));
    }

    private static String reportedVersionId(BucketState b, VersionState version) {
        return b.versioning == VersioningStatus.UNVERSIONED ? null : version.versionId;
    }

    private static ObjectInfo info(BucketState b, String key, VersionState v, boolean includeOwner) {
        return new ObjectInfo(key, reportedVersionId(b, v), v.deleteMarker, v.etag, v.size,
                Instant.ofEpochMilli(v.lastModified), v.contentType,
                Collections.unmodifiableMap(new LinkedHashMap<>(v.userMetadata)),
                Collections.unmodifiableMap(new LinkedHashMap<>(v.headers)),
                readOnly(v.checksums), v.partSizes == null ? null : v.partSizes.size(),
                includeOwner ? v.owner : null, v.tags.size());
    }

    private static ObjectInfo withVersionId(ObjectInfo info, String versionId) {
        return new ObjectInfo(info.key(), versionId, info.deleteMarker(), info.etag(), info.size(), info.lastModified(),
                info.contentType(), info.userMetadata(), info.headers(), info.checksums(), info.partsCount(),
                info.owner(), info.tagCount());
    }

    private static Map<ChecksumAlgorithm, String> readOnly(Map<ChecksumAlgorithm, String> checksums) {
        EnumMap<ChecksumAlgorithm, String> copy = new EnumMap<>(ChecksumAlgorithm.class);
        copy.putAll(checksums);
        return Collections.unmodifiableMap(copy);
    }

    private long now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
    }

    /** A URL-safe id that never starts with '-': the AWS CLI would read `--upload-id -x…` as an option. */
    private String randomId(int randomBytes) {
        byte[] bytes = new byte[randomBytes];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    // ------------------------------------------------------------------ internals: listing

    private record Page(List<String> keys, List<String> prefixes, boolean truncated, String last) {}

    /** Keys whose latest version is not a delete marker, rolled up by delimiter, after {@code after}. */
    private static Page listLatest(BucketState b, String prefix, String delimiter, String after, int limit) {
        List<String> keys = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        if (limit > 0) {
            for (Map.Entry<String, List<VersionState>> entry : keysFrom(b.objects, prefix, after, false)) {
                String key = entry.getKey();
                if (!key.startsWith(prefix)) {
                    break;
                }
                if (entry.getValue().get(0).deleteMarker || (after != null && skipAsRolledUp(key, after, delimiter))) {
                    continue;
                }
                String commonPrefix = commonPrefix(key, prefix, delimiter);
                if (commonPrefix != null && commonPrefix.equals(last)) {
                    continue;
                }
                if (keys.size() + prefixes.size() == limit) {
                    truncated = true;
                    break;
                }
                if (commonPrefix != null) {
                    prefixes.add(commonPrefix);
                    last = commonPrefix;
                } else {
                    keys.add(key);
                    last = key;
                }
            }
        }
        return new Page(List.copyOf(keys), List.copyOf(prefixes), truncated, last);
    }

    /** Entries from the prefix on, or after the marker when that comes later. */
    private static Iterable<Map.Entry<String, List<VersionState>>> keysFrom(
            TreeMap<String, List<VersionState>> objects, String prefix, String marker, boolean markerInclusive) {
        SortedMap<String, List<VersionState>> tail;
        if (marker != null && KeyOrder.compare(marker, prefix) >= 0) {
            tail = objects.tailMap(marker, markerInclusive);
        } else {
            tail = objects.tailMap(prefix, true);
        }
        return new ArrayList<>(tail.entrySet());
    }

    /** A marker ending in the delimiter names a common prefix already returned: skip its keys. */
    private static boolean skipAsRolledUp(String key, String marker, String delimiter) {
        return delimiter != null && marker.endsWith(delimiter) && key.startsWith(marker);
    }

    private static String commonPrefix(String key, String prefix, String delimiter) {
        if (delimiter == null) {
            return null;
        }
        int index = key.indexOf(delimiter, prefix.length());
        return index < 0 ? null : key.substring(0, index + delimiter.length());
    }

    private static int indexAfter(List<VersionState> versions, String versionId) {
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).versionId.equals(versionId)) {
                return i + 1;
            }
        }
        return versions.size();
    }

    private static int checkMaxKeys(int maxKeys, String bucket, String argument) {
        if (maxKeys < 0) {
            throw S3Errors.invalidArgument("Argument " + argument + " must be an integer between 0 and 2147483647",
                    argument, String.valueOf(maxKeys), "/" + bucket);
        }
        return Math.min(maxKeys, MAX_KEYS);
    }

    private static String encodeToken(String lastItem) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v2:" + lastItem).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token, String bucket) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("v2:")) {
                return decoded.substring(3);
            }
        } catch (IllegalArgumentException malformed) {
            // reported below like any other token we did not issue
        }
        throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", token,
                "/" + bucket);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    // ------------------------------------------------------------------ internals: multipart

    private static UploadState uploadOf(BucketState b, String bucket, String key, String uploadId) {
        UploadState upload = uploadId == null ? null : b.uploads.get(uploadId);
        if (upload == null || !upload.key.equals(key)) {
            throw S3Errors.noSuchUpload(bucket, key, uploadId);
        }
        return upload;
    }

    private PartInfo storePart(String bucket, String key, String uploadId, int partNumber, byte[] data, byte[] md5,
                               Map<ChecksumAlgorithm, String> checksums) {
        PartState part = new PartState();
        part.partNumber = partNumber;
        part.etag = Digests.etagOf(md5);
        part.size = data.length;
        part.lastModified = now();
        part.checksums.putAll(checksums);
        String blobId = backend.writeBlob(data);
        part.blobId = blobId;
        return mutateWithBlob(blobId, () -> {
            UploadState upload = uploadOf(bucket(bucket), bucket, key, uploadId);
            ChecksumAlgorithm algorithm = upload.checksumAlgorithm;
            if (algorithm != null && !part.checksums.containsKey(algorithm)) {
                part.checksums.put(algorithm, algorithm.base64(data));
            }
            PartState replaced = upload.parts.put(partNumber, part);
            if (replaced != null) {
                garbage.add(replaced.blobId);
            }
            return partInfo(part);
        });
    }

    /**
     * The checksum of a completed upload: for CRC32, CRC32C, SHA1 and SHA256 a composite checksum
     * (the checksum of the concatenated binary part checksums, then "-N"); CRC64NVME, and the
     * default when no algorithm was chosen, is a full-object checksum.
     */
    private static Map<ChecksumAlgorithm, String> multipartChecksum(ChecksumAlgorithm algorithm,
                                                                    List<PartState> parts, List<byte[]> partData) {
        if (algorithm == null || algorithm == ChecksumAlgorithm.CRC64NVME) {
            return Map.of(ChecksumAlgorithm.CRC64NVME, Base64.getEncoder().encodeToString(
                    ChecksumAlgorithm.crc64NvmeOfConcatenation(partData)));
        }
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        for (PartState part : parts) {
            concatenated.writeBytes(Base64.getDecoder().decode(part.checksums.get(algorithm)));
        }
        return Map.of(algorithm, algorithm.base64(concatenated.toByteArray()) + "-" + parts.size());
    }

    private static UploadInfo uploadInfo(UploadState upload) {
        return new UploadInfo(upload.key, upload.uploadId, Instant.ofEpochMilli(upload.initiated), upload.owner,
                upload.checksumAlgorithm);
    }

    private static PartInfo partInfo(PartState part) {
        return new PartInfo(part.partNumber, part.etag, part.size, Instant.ofEpochMilli(part.lastModified),
                readOnly(part.checksums));
    }
}
