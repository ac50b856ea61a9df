package course.sandbox.s3;

import course.sandbox.iam.policy.PolicyValidator;
import course.sandbox.service.ServiceException;
import course.sandbox.service.Tag;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;

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
 *
 * <p>This class is the model's one entry; the work is done by its aggregates, which share one
 * {@link StoreCore}: {@link Buckets} (with their configuration and lifecycle),
 * {@link ObjectVersions}, {@link Listings} and {@link MultipartUploads}.
 */
public final class S3Store {
    public static final long DEFAULT_MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final int MAX_PART_NUMBER = 10_000;
    public static final int MAX_KEYS = 1000;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String NULL_VERSION = "null";
    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    private final StoreCore core;
    private final Buckets buckets;
    private final ObjectVersions objects;
    private final Listings listings;
    private final MultipartUploads uploads;

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
        this.core = new StoreCore(backend, minPartSize, clock);
        this.objects = new ObjectVersions(core);
        this.buckets = new Buckets(core, objects);
        this.listings = new Listings(core);
        this.uploads = new MultipartUploads(core, objects);
    }

    public long minPartSize() {
        return core.minPartSize;
    }

    /** Drops every bucket, object, upload and body. */
    public void reset() {
        core.reset();
    }

    // ------------------------------------------------------------------ buckets and configuration

    /**
     * CreateBucket. Bucket names are global across accounts.
     *
     * @param region the location constraint, or null for us-east-1
     * @throws ServiceException InvalidBucketName (400), BucketAlreadyExists (409, other account),
     *                     BucketAlreadyOwnedByYou (409, same account, any region but us-east-1;
     *                     in us-east-1 AWS answers 200 and keeps the bucket as it is)
     */
    public BucketInfo createBucket(String account, String bucket, String region) {
        return buckets.createBucket(account, bucket, region);
    }

    /** CreateBucket with the configuration the request chose (Object Ownership). */
    public BucketInfo createBucket(String account, String bucket, String region, BucketConfiguration configuration) {
        return buckets.createBucket(account, bucket, region, configuration);
    }

    /** HeadBucket. @throws ServiceException NoSuchBucket (404) */
    public BucketInfo headBucket(String bucket) {
        return buckets.headBucket(bucket);
    }

    /** ListBuckets: the account's buckets in name order, with creation dates. */
    public List<BucketInfo> listBuckets(String account) {
        return buckets.listBuckets(account);
    }

    /** GetBucketLocation: the region (the protocol layer renders us-east-1 as an empty constraint). */
    public String getBucketLocation(String bucket) {
        return buckets.getBucketLocation(bucket);
    }

    /**
     * DeleteBucket. In-progress multipart uploads do not block it (as on AWS); they are discarded.
     *
     * @throws ServiceException BucketNotEmpty (409) while any object, version or delete marker exists
     */
    public void deleteBucket(String bucket) {
        buckets.deleteBucket(bucket);
    }

    /** PutBucketVersioning. @throws ServiceException MalformedXML for UNVERSIONED (there is no such Status) */
    public void putBucketVersioning(String bucket, VersioningStatus status) {
        buckets.putBucketVersioning(bucket, status);
    }

    public VersioningStatus getBucketVersioning(String bucket) {
        return buckets.getBucketVersioning(bucket);
    }

    /** PutBucketTagging: replaces the tag set. @throws ServiceException InvalidTag (400) */
    public void putBucketTagging(String bucket, List<Tag> tags) {
        buckets.putBucketTagging(bucket, tags);
    }

    /** GetBucketTagging. @throws ServiceException NoSuchTagSet (404) when the bucket has no tags */
    public List<Tag> getBucketTagging(String bucket) {
        return buckets.getBucketTagging(bucket);
    }

    public void deleteBucketTagging(String bucket) {
        buckets.deleteBucketTagging(bucket);
    }

    /**
     * PutBucketPolicy: stores the JSON text as given after {@code validator} accepted it (the
     * validator throws, normally MalformedPolicy, to reject it).
     */
    public void putBucketPolicy(String bucket, String policyJson, PolicyValidator validator) {
        buckets.putBucketPolicy(bucket, policyJson, validator);
    }

    /** GetBucketPolicy. @throws ServiceException NoSuchBucketPolicy (404) when none is set */
    public String getBucketPolicy(String bucket) {
        return buckets.getBucketPolicy(bucket);
    }

    public void deleteBucketPolicy(String bucket) {
        buckets.deleteBucketPolicy(bucket);
    }

    /** The bucket's configuration (CORS, website, lifecycle, public access, ownership, encryption). */
    public BucketConfiguration configuration(String bucket) {
        return buckets.configuration(bucket);
    }

    /**
     * Replaces the bucket's configuration with what {@code change} makes of it; {@code change}
     * throws to refuse. Changing the lifecycle rules makes them run again.
     */
    public BucketConfiguration configure(String bucket, java.util.function.UnaryOperator<BucketConfiguration> change) {
        return buckets.configure(bucket, change);
    }

    /** x-amz-expiration of a current object: when a lifecycle rule expires it, or null. */
    public LifecycleConfiguration.Expiry expiryOf(String bucket, String key) {
        return buckets.expiryOf(bucket, key);
    }

    /**
     * Carries out what the bucket's lifecycle rules make due by the sandbox's clock, as S3 does
     * in the background: called whenever a request names the bucket, it works only when the
     * bucket changed since the last run or the clock reached the next due date.
     */
    public void applyLifecycle(String bucket) {
        buckets.applyLifecycle(bucket);
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
        return objects.putObject(account, bucket, key, write);
    }

    /**
     * GetObject.
     *
     * @param versionId  a specific version, or null for the latest
     * @param range      the bytes asked for, or null for the whole object
     * @throws ServiceException NoSuchBucket, NoSuchKey (with the delete-marker flag when the latest is a
     *                     delete marker), NoSuchVersion, InvalidArgument (malformed version id),
     *                     MethodNotAllowed (version id of a delete marker), PreconditionFailed
     *                     (412), NotModified (304), InvalidRange (416)
     */
    public ObjectContent getObject(String bucket, String key, String versionId, RangeRequest range,
                                   ReadConditions conditions) {
        return objects.getObject(bucket, key, versionId, range, conditions);
    }

    /** HeadObject: like {@link #getObject} (same errors, same range answer) but with an empty body. */
    public ObjectContent headObject(String bucket, String key, String versionId, RangeRequest range,
                                    ReadConditions conditions) {
        return objects.headObject(bucket, key, versionId, range, conditions);
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
        return objects.getObjectPart(bucket, key, versionId, partNumber, conditions);
    }

    /** HeadObject with partNumber: like {@link #getObjectPart} but with an empty body. */
    public ObjectContent headObjectPart(String bucket, String key, String versionId, int partNumber,
                                        ReadConditions conditions) {
        return objects.headObjectPart(bucket, key, versionId, partNumber, conditions);
    }

    /**
     * DeleteObject. Without a version id: removes the object (unversioned), adds a delete marker
     * (enabled) or a "null" delete marker replacing the null version (suspended); a missing key is
     * not an error. With a version id: removes exactly that version; removing the latest delete
     * marker makes the previous version current again.
     */
    public DeleteResult deleteObject(String bucket, String key, String versionId) {
        return objects.deleteObject(bucket, key, versionId);
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
        return this.objects.deleteObjects(bucket, objects, quiet, mayDelete);
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
        return objects.copyObject(account, request);
    }

    /** PutObjectTagging: replaces the version's tags; returns the version id to report (or null). */
    public String putObjectTagging(String bucket, String key, String versionId, List<Tag> tags) {
        return objects.putObjectTagging(bucket, key, versionId, tags);
    }

    /** GetObjectTagging: the version's tags (an empty list when it has none). */
    public ObjectTagging getObjectTagging(String bucket, String key, String versionId) {
        return objects.getObjectTagging(bucket, key, versionId);
    }

    /** DeleteObjectTagging; returns the version id to report (or null). */
    public String deleteObjectTagging(String bucket, String key, String versionId) {
        return objects.deleteObjectTagging(bucket, key, versionId);
    }

    // ------------------------------------------------------------------ listings

    /**
     * ListObjects (v1): latest versions that are not delete markers, in UTF-8 binary key order.
     *
     * @param maxKeys 0..1000 (larger values are capped at 1000, as AWS does)
     */
    public ObjectListing listObjects(String bucket, String prefix, String delimiter, String marker, int maxKeys) {
        return listings.listObjects(bucket, prefix, delimiter, marker, maxKeys);
    }

    /**
     * ListObjectsV2. The continuation token is opaque; {@code startAfter} is ignored when a token is
     * given. Owners are included only with {@code fetchOwner}.
     *
     * @throws ServiceException InvalidArgument for a continuation token this store did not issue
     */
    public ObjectListingV2 listObjectsV2(String bucket, String prefix, String delimiter, String continuationToken,
                                         String startAfter, int maxKeys, boolean fetchOwner) {
        return listings.listObjectsV2(bucket, prefix, delimiter, continuationToken, startAfter, maxKeys, fetchOwner);
    }

    /**
     * ListObjectVersions: every version and delete marker, keys in UTF-8 binary order, newest
     * first per key. Version ids are reported as stored ("null" for the null version).
     *
     * @throws ServiceException InvalidArgument for a version-id-marker without key-marker or a malformed one
     */
    public VersionListing listObjectVersions(String bucket, String prefix, String delimiter, String keyMarker,
                                             String versionIdMarker, int maxKeys) {
        return listings.listObjectVersions(bucket, prefix, delimiter, keyMarker, versionIdMarker, maxKeys);
    }

    /**
     * ListMultipartUploads: in-progress uploads ordered by key, then by initiation. With only a
     * key marker, uploads for keys after it; with an upload-id marker as well, also the uploads of
     * that key initiated after the marker upload.
     */
    public UploadListing listMultipartUploads(String bucket, String prefix, String delimiter, String keyMarker,
                                              String uploadIdMarker, int maxUploads) {
        return listings.listMultipartUploads(bucket, prefix, delimiter, keyMarker, uploadIdMarker, maxUploads);
    }

    // ------------------------------------------------------------------ multipart uploads

    /** CreateMultipartUpload: content type, metadata, headers, tags and checksum algorithm come from {@code write}. */
    public UploadInfo createMultipartUpload(String account, String bucket, String key, ObjectWrite write) {
        return uploads.createMultipartUpload(account, bucket, key, write);
    }

    /**
     * UploadPart: the body, Content-MD5 and checksum come from {@code write}. Uploading a part
     * number again replaces that part.
     *
     * @throws ServiceException InvalidArgument (part number outside 1..10000), NoSuchUpload,
     *                     InvalidDigest, BadDigest
     */
    public PartInfo uploadPart(String bucket, String key, String uploadId, int partNumber, ObjectWrite write) {
        return uploads.uploadPart(bucket, key, uploadId, partNumber, write);
    }

    /**
     * UploadPartCopy: copies a source object, or the range {@code bytes=first-last} of it, as a part.
     *
     * @param copySourceRange the bytes of the source to copy (first to last), or null for the whole source
     * @throws ServiceException InvalidArgument (part number, malformed range, range outside the source),
     *                     NoSuchUpload, NoSuchKey, NoSuchVersion, PreconditionFailed
     */
    public PartInfo uploadPartCopy(String bucket, String key, String uploadId, int partNumber, String sourceBucket,
                                   String sourceKey, String sourceVersionId, RangeRequest copySourceRange,
                                   ReadConditions sourceConditions) {
        return uploads.uploadPartCopy(bucket, key, uploadId, partNumber, sourceBucket, sourceKey, sourceVersionId, copySourceRange, sourceConditions);
    }

    /**
     * ListParts: parts after {@code partNumberMarker} in ascending order, at most {@code maxParts}.
     */
    public PartListing listParts(String bucket, String key, String uploadId, int partNumberMarker, int maxParts) {
        return uploads.listParts(bucket, key, uploadId, partNumberMarker, maxParts);
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
        return uploads.completeMultipartUpload(bucket, key, uploadId, parts);
    }

    /** AbortMultipartUpload: discards the upload and its parts. @throws ServiceException NoSuchUpload */
    public void abortMultipartUpload(String bucket, String key, String uploadId) {
        uploads.abortMultipartUpload(bucket, key, uploadId);
    }
}
