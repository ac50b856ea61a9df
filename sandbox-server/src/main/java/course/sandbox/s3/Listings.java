package course.sandbox.s3;

import course.sandbox.s3.StoreState.BucketState;
import course.sandbox.s3.StoreState.UploadState;
import course.sandbox.s3.StoreState.VersionState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The listings of {@link S3Store}: objects (v1 and v2), versions and multipart uploads, by prefix and delimiter. */
final class Listings extends StoreAggregate {
    Listings(StoreCore core) {
        super(core);
    }

    ObjectListing listObjects(String bucket, String prefix, String delimiter, String marker, int maxKeys) {
        int limit = checkMaxKeys(maxKeys, bucket, "max-keys");
        return core.read(() -> {
            BucketState b = core.bucket(bucket);
            Page page = listLatest(b, nonNull(prefix), emptyToNull(delimiter), emptyToNull(marker), limit);
            List<ObjectInfo> contents = page.keys.stream()
                    .map(key -> info(b, key, b.objects.get(key).get(0), true)).toList();
            String nextMarker = page.truncated && emptyToNull(delimiter) != null ? page.last : null;
            return new ObjectListing(contents, page.prefixes, page.truncated, nextMarker);
        });
    }

    ObjectListingV2 listObjectsV2(String bucket, String prefix, String delimiter, String continuationToken,
                                         String startAfter, int maxKeys, boolean fetchOwner) {
        int limit = checkMaxKeys(maxKeys, bucket, "max-keys");
        String after = continuationToken != null ? decodeToken(continuationToken, bucket) : emptyToNull(startAfter);
        return core.read(() -> {
            BucketState b = core.bucket(bucket);
            Page page = listLatest(b, nonNull(prefix), emptyToNull(delimiter), after, limit);
            List<ObjectInfo> contents = page.keys.stream()
                    .map(key -> info(b, key, b.objects.get(key).get(0), fetchOwner)).toList();
            String token = page.truncated ? encodeToken(page.last) : null;
            return new ObjectListingV2(contents, page.prefixes, contents.size() + page.prefixes.size(),
                    page.truncated, token);
        });
    }

    VersionListing listObjectVersions(String bucket, String prefix, String delimiter, String keyMarker,
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
        return core.read(() -> {
            BucketState b = core.bucket(bucket);
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

    UploadListing listMultipartUploads(String bucket, String prefix, String delimiter, String keyMarker,
                                              String uploadIdMarker, int maxUploads) {
        int limit = checkMaxKeys(maxUploads, bucket, "max-uploads");
        String prefixText = nonNull(prefix);
        String delim = emptyToNull(delimiter);
        String keyFrom = emptyToNull(keyMarker);
        String uploadFrom = emptyToNull(uploadIdMarker);
        return core.read(() -> {
            BucketState b = core.bucket(bucket);
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

    private static ObjectInfo withVersionId(ObjectInfo info, String versionId) {
        return new ObjectInfo(info.key(), versionId, info.deleteMarker(), info.etag(), info.size(), info.lastModified(),
                info.contentType(), info.userMetadata(), info.headers(), info.checksums(), info.partsCount(),
                info.owner(), info.tagCount());
    }

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
}
