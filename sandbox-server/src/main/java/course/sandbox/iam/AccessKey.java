package course.sandbox.iam;

import java.time.Instant;

/** A user's long-term access key. The secret is shown to callers only by CreateAccessKey. */
public final class AccessKey {
    public enum Status { Active, Inactive }

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String userName;
    private final Instant createDate;
    Status status = Status.Active;

    AccessKey(String accessKeyId, String secretAccessKey, String userName, Instant createDate) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.userName = userName;
        this.createDate = createDate;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    public String userName() {
        return userName;
    }

    public Instant createDate() {
        return createDate;
    }

    public Status status() {
        return status;
    }
}
