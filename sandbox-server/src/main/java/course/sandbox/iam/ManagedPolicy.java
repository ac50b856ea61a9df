package course.sandbox.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A managed policy: customer managed (in this account) or AWS managed
 * ({@code arn:aws:iam::aws:policy/...}, read-only).
 */
public final class ManagedPolicy {
    private final String name;
    private final String path;
    private final String id;
    private final String arn;
    private final String description;
    private final Instant createDate;
    private final boolean awsManaged;
    Instant updateDate;
    String defaultVersionId;
    /** Number the next CreatePolicyVersion gets; IAM never reuses version ids. */
    int nextVersionNumber;
    /** Documents and creation times by version id, ordered by version number. */
    final Map<Integer, PolicyVersion> versions = new TreeMap<>();
    int attachmentCount;
    int permissionsBoundaryUsageCount;

    ManagedPolicy(String name, String path, String id, String arn, String description,
                  Instant createDate, boolean awsManaged) {
        this.name = name;
        this.path = path;
        this.id = id;
        this.arn = arn;
        this.description = description;
        this.createDate = createDate;
        this.awsManaged = awsManaged;
        this.updateDate = createDate;
    }

    public String name() {
        return name;
    }

    public String path() {
        return path;
    }

    public String id() {
        return id;
    }

    public String arn() {
        return arn;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public Instant createDate() {
        return createDate;
    }

    public Instant updateDate() {
        return updateDate;
    }

    public boolean awsManaged() {
        return awsManaged;
    }

    public String defaultVersionId() {
        return defaultVersionId;
    }

    public int attachmentCount() {
        return attachmentCount;
    }

    public int permissionsBoundaryUsageCount() {
        return permissionsBoundaryUsageCount;
    }

    /** Versions newest first, as ListPolicyVersions returns them. */
    public List<PolicyVersion> versions() {
        List<PolicyVersion> list = new ArrayList<>();
        versions.values().forEach(v -> list.add(0, withDefaultFlag(v)));
        return list;
    }

    public PolicyVersion defaultVersion() {
        return withDefaultFlag(versions.get(versionNumber(defaultVersionId)));
    }

    Optional<PolicyVersion> version(String versionId) {
        // Versions are numbered from v1 up by one: an id past int range names no version (NoSuchEntity).
        if (!versionId.matches("v[1-9][0-9]{0,9}") || Long.parseLong(versionId.substring(1)) > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.ofNullable(versions.get(versionNumber(versionId))).map(this::withDefaultFlag);
    }

    private PolicyVersion withDefaultFlag(PolicyVersion v) {
        return new PolicyVersion(v.versionId(), v.document(), v.createDate(), v.versionId().equals(defaultVersionId));
    }

    static int versionNumber(String versionId) {
        return Integer.parseInt(versionId.substring(1));
    }
}
