package course.sandbox.s3;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule violation, carrying everything the protocol layer needs to render AWS's error response:
 * the AWS error code, the HTTP status, the message and the resource ("/bucket" or "/bucket/key").
 *
 * <p>{@link #details()} holds the extra elements AWS adds to the error XML (for example
 * {@code BucketName}, {@code Key}, {@code ActualObjectSize}, {@code ArgumentName}). For errors that
 * AWS answers with response headers (delete markers, 304 Not Modified) the typed fields
 * {@link #deleteMarker()}, {@link #versionId()}, {@link #etag()} and {@link #lastModified()} are
 * set; the protocol layer turns them into {@code x-amz-delete-marker}, {@code x-amz-version-id},
 * {@code ETag} and {@code Last-Modified}. A 304 ({@code NotModified}) has no body on the wire.
 */
public final class S3Exception extends RuntimeException {
    private final String code;
    private final int httpStatus;
    private final String resource;
    private final Map<String, String> details = new LinkedHashMap<>();
    private boolean deleteMarker;
    private String versionId;
    private String etag;
    private Instant lastModified;

    public S3Exception(String code, int httpStatus, String message, String resource) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
        this.resource = resource;
    }

    /** AWS error code, e.g. {@code NoSuchKey}. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The resource the error is about, e.g. {@code /bucket/key}. */
    public String resource() {
        return resource;
    }

    /** Extra error XML elements in the order AWS writes them. */
    public Map<String, String> details() {
        return Collections.unmodifiableMap(details);
    }

    public boolean deleteMarker() {
        return deleteMarker;
    }

    /** Version id to report in {@code x-amz-version-id}, or null. */
    public String versionId() {
        return versionId;
    }

    /** ETag to report (304 responses), or null. */
    public String etag() {
        return etag;
    }

    /** Last-Modified to report (304 and delete-marker responses), or null. */
    public Instant lastModified() {
        return lastModified;
    }

    S3Exception detail(String element, String value) {
        details.put(element, value);
        return this;
    }

    S3Exception deleteMarker(String markerVersionId, Instant markerLastModified) {
        this.deleteMarker = true;
        this.versionId = markerVersionId;
        this.lastModified = markerLastModified;
        return this;
    }

    S3Exception validators(String objectEtag, Instant objectLastModified) {
        this.etag = objectEtag;
        this.lastModified = objectLastModified;
        return this;
    }

    @Override
    public String toString() {
        return code + " (" + httpStatus + "): " + getMessage() + " [" + resource + "]";
    }
}
