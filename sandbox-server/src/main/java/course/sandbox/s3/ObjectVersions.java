package course.sandbox.s3;

import static course.sandbox.s3.S3Store.NULL_VERSION;
import static course.sandbox.s3.S3Store.DEFAULT_CONTENT_TYPE;

import course.sandbox.service.ServiceException;
import course.sandbox.protocol.ChecksumAlgorithm;
import course.sandbox.s3.StoreState.BucketState;
import course.sandbox.s3.StoreState.VersionState;
import course.sandbox.service.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** The object aggregate of {@link S3Store}: writing, reading, copying, deleting and tagging versions. */
final class ObjectVersions extends StoreAggregate {
    private static final int MAX_DELETE_OBJECTS = 1000;

    ObjectVersions(StoreCore core) {
        super(core);
    }

    PutResult putObject(String account, String bucket, String key, ObjectWrite write) {
        String resource = S3Errors.resource(bucket, key);
        requireValidKey(key, resource);
        TagSets.validateObjectTags(write.tags(), resource);
        byte[] body = write.body();
        Map<ChecksumAlgorithm, String> checksums = verifyIntegrity(body, write, resource, true);
        VersionState version = newVersion(account, write);
        version.etag = Digests.etagOf(write.md5());
        version.size = body.length;
        version.checksums.putAll(checksums);
        String blobId = core.backend.writeBlob(body);
        version.blobId = blobId;
        return core.mutateWithBlob(blobId, () -> {
            BucketState b = core.bucket(bucket);
            checkWriteConditions(b, key, write, resource);
            addVersion(b, key, version);
            return new PutResult(version.etag, reportedVersionId(b, version), readOnly(version.checksums));
        });
    }

    ObjectContent getObject(String bucket, String key, String versionId, RangeRequest range,
                                   ReadConditions conditions) {
        String resource = S3Errors.resource(bucket, key);
        return core.read(() -> withBody(resolveForRead(bucket, key, versionId, conditions, "GET",
                version -> range == null ? null : range.within(version.size, resource))));
    }

    ObjectContent headObject(String bucket, String key, String versionId, RangeRequest range,
                                    ReadConditions conditions) {
        String resource = S3Errors.resource(bucket, key);
        return core.read(() -> withoutBody(resolveForRead(bucket, key, versionId, conditions, "HEAD",
                version -> range == null ? null : range.within(version.size, resource))));
    }

    ObjectContent getObjectPart(String bucket, String key, String versionId, int partNumber,
                                       ReadConditions conditions) {
        String resource = S3Errors.resource(bucket, key);
        requireValidPartNumber(partNumber, resource);
        return core.read(() -> withBody(resolveForRead(bucket, key, versionId, conditions, "GET",
                version -> partRange(version, partNumber, resource))));
    }

    ObjectContent headObjectPart(String bucket, String key, String versionId, int partNumber,
                                        ReadConditions conditions) {
        String resource = S3Errors.resource(bucket, key);
        requireValidPartNumber(partNumber, resource);
        return core.read(() -> withoutBody(resolveForRead(bucket, key, versionId, conditions, "HEAD",
                version -> partRange(version, partNumber, resource))));
    }

    private ObjectContent withBody(Resolved resolved) {
        byte[] data = core.backend.readBlob(resolved.version.blobId);
        ByteRange satisfied = resolved.range;
        byte[] body = satisfied == null ? data.clone()
                : Arrays.copyOfRange(data, (int) satisfied.first(), (int) satisfied.last() + 1);
        return new ObjectContent(resolved.info, body, satisfied);
    }

    private static ObjectContent withoutBody(Resolved resolved) {
        return new ObjectContent(resolved.info, new byte[0], resolved.range);
    }

    DeleteResult deleteObject(String bucket, String key, String versionId) {
        return core.mutate(() -> deleteLocked(core.bucket(bucket), bucket, key, versionId));
    }

    DeleteObjectsResult deleteObjects(String bucket, List<ObjectIdentifier> objects, boolean quiet,
                                             Predicate<ObjectIdentifier> mayDelete) {
        if (objects.isEmpty() || objects.size() > MAX_DELETE_OBJECTS) {
            throw S3Errors.malformedXml("/" + bucket);
        }
        // Decided before taking the lock: deciding reads IAM and the bucket policy.
        List<Boolean> permitted = objects.stream().map(mayDelete::test).toList();
        return core.mutate(() -> {
            BucketState b = core.bucket(bucket);
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

    CopyResult copyObject(String account, CopyObject request) {
        String destination = S3Errors.resource(request.destinationBucket, request.destinationKey);
        requireValidKey(request.destinationKey, destination);
        boolean replaceMetadata = request.metadataDirective == CopyObject.Directive.REPLACE;
        boolean replaceTags = request.taggingDirective == CopyObject.Directive.REPLACE;
        if (replaceTags) {
            TagSets.validateObjectTags(request.replacement.tags(), destination);
        }
        CopySource source = core.read(() -> {
            CopySource found = readCopySource(request.sourceBucket, request.sourceKey, request.sourceVersionId,
                    request.sourceConditions);
            core.bucket(request.destinationBucket);
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
        String blobId = core.backend.writeBlob(source.body);
        copy.blobId = blobId;
        return core.mutateWithBlob(blobId, () -> {
            BucketState b = core.bucket(request.destinationBucket);
            addVersion(b, request.destinationKey, copy);
            return new CopyResult(copy.etag, Instant.ofEpochMilli(copy.lastModified), reportedVersionId(b, copy),
                    source.reportedVersionId, readOnly(copy.checksums));
        });
    }

    String putObjectTagging(String bucket, String key, String versionId, List<Tag> tags) {
        TagSets.validateObjectTags(tags, S3Errors.resource(bucket, key));
        return core.mutate(() -> {
            BucketState b = core.bucket(bucket);
            VersionState version = resolve(b, bucket, key, versionId, "PUT");
            version.tags = new ArrayList<>(tags);
            return reportedVersionId(b, version);
        });
    }

    ObjectTagging getObjectTagging(String bucket, String key, String versionId) {
        return core.read(() -> {
            BucketState b = core.bucket(bucket);
            VersionState version = resolve(b, bucket, key, versionId, "GET");
            return new ObjectTagging(reportedVersionId(b, version), List.copyOf(version.tags));
        });
    }

    String deleteObjectTagging(String bucket, String key, String versionId) {
        return core.mutate(() -> {
            BucketState b = core.bucket(bucket);
            VersionState version = resolve(b, bucket, key, versionId, "DELETE");
            version.tags = new ArrayList<>();
            return reportedVersionId(b, version);
        });
    }

    /** Checks Content-MD5 and x-amz-checksum-* against the body; returns the checksums to store. */
    static Map<ChecksumAlgorithm, String> verifyIntegrity(byte[] body, ObjectWrite write, String resource,
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
            if (!write.ifNoneMatch().isAny()) {
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
            if (!write.ifMatch().matches(current.etag)) {
                throw S3Errors.preconditionFailed("If-Match", resource);
            }
        }
    }

    /** Adds a new latest version; outside ENABLED it becomes the null version, replacing the old one. */
    void addVersion(BucketState b, String key, VersionState version) {
        if (version.lastModified == 0) {
            version.lastModified = core.now();
        }
        List<VersionState> versions = b.objects.computeIfAbsent(key, k -> new ArrayList<>());
        if (b.versioning == VersioningStatus.ENABLED) {
            version.versionId = core.randomId(24);
        } else {
            version.versionId = NULL_VERSION;
            versions.removeIf(old -> {
                boolean replaced = NULL_VERSION.equals(old.versionId);
                if (replaced && old.blobId != null) {
                    core.garbage.add(old.blobId);
                }
                return replaced;
            });
        }
        versions.add(0, version);
    }

    DeleteResult deleteLocked(BucketState b, String bucket, String key, String versionId) {
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
                core.garbage.add(found.blobId);
            }
            if (versions.isEmpty()) {
                b.objects.remove(key);
            }
            return new DeleteResult(found.deleteMarker, versionId);
        }
        if (b.versioning == VersioningStatus.UNVERSIONED) {
            if (versions != null) {
                versions.stream().filter(v -> v.blobId != null).forEach(v -> core.garbage.add(v.blobId));
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
        BucketState b = core.bucket(bucket);
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

    record CopySource(VersionState version, byte[] body, String reportedVersionId) {}

    CopySource readCopySource(String bucket, String key, String versionId, ReadConditions conditions) {
        BucketState b = core.bucket(bucket);
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
        return new CopySource(version, core.backend.readBlob(version.blobId), reportedVersionId(b, version));
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
            if (!conditions.ifMatch().matches(version.etag)) {
                throw S3Errors.preconditionFailed(prefix + "If-Match", resource);
            }
        } else if (conditions.ifUnmodifiedSince() != null && lastModified.isAfter(conditions.ifUnmodifiedSince())) {
            throw S3Errors.preconditionFailed(prefix + "If-Unmodified-Since", resource);
        }
        boolean notModified;
        String condition;
        if (conditions.ifNoneMatch() != null) {
            notModified = conditions.ifNoneMatch().matches(version.etag);
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
}
