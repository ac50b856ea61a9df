package course.sandbox.s3;

import course.sandbox.protocol.ChecksumAlgorithm;
import com.fasterxml.jackson.annotation.JsonSetter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole mutable state of the store; plain fields so the directory backend can write it as
 * one JSON document. Guarded by the store's lock; never handed out.
 */
final class StoreState {
    public TreeMap<String, BucketState> buckets = new TreeMap<>();

    static final class BucketState {
        public String name;
        public String owner;
        public String region;
        public long created;
        public VersioningStatus versioning = VersioningStatus.UNVERSIONED;
        public String policy;
        /** Null when the bucket has no tag set (GetBucketTagging answers NoSuchTagSet). */
        public List<Tag> tags;
        /** Per key, all versions newest first. */
        public TreeMap<String, List<VersionState>> objects = new TreeMap<>(KeyOrder.UTF8_BINARY);
        public Map<String, UploadState> uploads = new LinkedHashMap<>();
        /** CORS, website, lifecycle, public access, ownership, encryption; AWS's defaults until changed. */
        public BucketConfiguration configuration = BucketConfiguration.newBucket();

        @JsonSetter("objects")
        void setObjects(Map<String, List<VersionState>> loaded) {
            objects = new TreeMap<>(KeyOrder.UTF8_BINARY);
            objects.putAll(loaded);
        }
    }

    static final class VersionState {
        public String versionId;
        public boolean deleteMarker;
        public String etag;
        public long size;
        public long lastModified;
        public String contentType;
        public Map<String, String> userMetadata = new LinkedHashMap<>();
        public Map<String, String> headers = new LinkedHashMap<>();
        public Map<ChecksumAlgorithm, String> checksums = new LinkedHashMap<>();
        public List<Tag> tags = new ArrayList<>();
        /** Sizes of the parts in order, for multipart objects (null for objects written in one piece). */
        public List<Long> partSizes;
        public String owner;
        /** Id of the body in the backend; null for delete markers. */
        public String blobId;
    }

    static final class UploadState {
        public String uploadId;
        public String key;
        public long initiated;
        /** Creation order, to list uploads of one key in the order they were initiated. */
        public long sequence;
        public String owner;
        public String contentType;
        public Map<String, String> userMetadata = new LinkedHashMap<>();
        public Map<String, String> headers = new LinkedHashMap<>();
        public List<Tag> tags = new ArrayList<>();
        public ChecksumAlgorithm checksumAlgorithm;
        public TreeMap<Integer, PartState> parts = new TreeMap<>();
    }

    static final class PartState {
        public int partNumber;
        public String etag;
        public long size;
        public long lastModified;
        public Map<ChecksumAlgorithm, String> checksums = new LinkedHashMap<>();
        public String blobId;
    }
}
