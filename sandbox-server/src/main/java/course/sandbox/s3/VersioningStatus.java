package course.sandbox.s3;

/** A bucket's versioning state. Once versioning was enabled a bucket never returns to UNVERSIONED. */
public enum VersioningStatus {
    UNVERSIONED(null), ENABLED("Enabled"), SUSPENDED("Suspended");

    private final String wireName;

    VersioningStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code Status} value of GetBucketVersioning, or null (no Status element) when unversioned. */
    public String wireName() {
        return wireName;
    }
}
