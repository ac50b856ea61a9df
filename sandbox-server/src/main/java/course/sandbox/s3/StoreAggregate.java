package course.sandbox.s3;

import static course.sandbox.s3.S3Store.MAX_PART_NUMBER;
import static course.sandbox.s3.S3Store.MAX_KEYS;
import static course.sandbox.s3.S3Store.NULL_VERSION;

import course.sandbox.protocol.ChecksumAlgorithm;
import course.sandbox.s3.StoreState.BucketState;
import course.sandbox.s3.StoreState.UploadState;
import course.sandbox.s3.StoreState.VersionState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An aggregate of {@link S3Store}: it works on the {@link StoreCore} it shares with the others,
 * under its lock, and applies the rules they have in common (keys, versions, reported values).
 */
abstract class StoreAggregate {
    final StoreCore core;

    StoreAggregate(StoreCore core) {
        this.core = core;
    }

    static final Pattern VERSION_ID = Pattern.compile("[A-Za-z0-9_-]{32}");

    static final int MAX_KEY_BYTES = 1024;

    static void requireValidKey(String key, String resource) {
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

    static void requireValidPartNumber(int partNumber, String resource) {
        if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                    "partNumber", String.valueOf(partNumber), resource);
        }
    }

    static boolean isWellFormedVersionId(String versionId) {
        return NULL_VERSION.equals(versionId) || VERSION_ID.matcher(versionId).matches();
    }

    static void requireWellFormedVersionId(String bucket, String key, String versionId) {
        if (!isWellFormedVersionId(versionId)) {
            throw S3Errors.invalidVersionId(bucket, key, versionId);
        }
    }

    static String reportedVersionId(BucketState b, VersionState version) {
        return b.versioning == VersioningStatus.UNVERSIONED ? null : version.versionId;
    }

    static ObjectInfo info(BucketState b, String key, VersionState v, boolean includeOwner) {
        return new ObjectInfo(key, reportedVersionId(b, v), v.deleteMarker, v.etag, v.size,
                Instant.ofEpochMilli(v.lastModified), v.contentType,
                Collections.unmodifiableMap(new LinkedHashMap<>(v.userMetadata)),
                Collections.unmodifiableMap(new LinkedHashMap<>(v.headers)),
                readOnly(v.checksums), v.partSizes == null ? null : v.partSizes.size(),
                includeOwner ? v.owner : null, v.tags.size());
    }

    static Map<ChecksumAlgorithm, String> readOnly(Map<ChecksumAlgorithm, String> checksums) {
        EnumMap<ChecksumAlgorithm, String> copy = new EnumMap<>(ChecksumAlgorithm.class);
        copy.putAll(checksums);
        return Collections.unmodifiableMap(copy);
    }

    static int checkMaxKeys(int maxKeys, String bucket, String argument) {
        if (maxKeys < 0) {
            throw S3Errors.invalidArgument("Argument " + argument + " must be an integer between 0 and 2147483647",
                    argument, String.valueOf(maxKeys), "/" + bucket);
        }
        return Math.min(maxKeys, MAX_KEYS);
    }

    static UploadInfo uploadInfo(UploadState upload) {
        return new UploadInfo(upload.key, upload.uploadId, Instant.ofEpochMilli(upload.initiated), upload.owner,
                upload.checksumAlgorithm);
    }
}
