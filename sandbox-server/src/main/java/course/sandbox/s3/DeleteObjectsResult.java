package course.sandbox.s3;

import java.util.List;

/** Per-key results of DeleteObjects, in request order. In quiet mode {@code deleted} is empty. */
public record DeleteObjectsResult(List<Deleted> deleted, List<Error> errors) {

    /**
     * A successful deletion. {@code deleteMarker}/{@code deleteMarkerVersionId} are set when a
     * delete marker was created or removed.
     */
    public record Deleted(String key, String versionId, boolean deleteMarker, String deleteMarkerVersionId) {}

    public record Error(String key, String versionId, String code, String message) {}
}
