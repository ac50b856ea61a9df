package course.sandbox.s3;

/**
 * Result of DeleteObject: {@code deleteMarker} is true when a delete marker was created or a
 * delete marker was removed by version id; {@code versionId} is the version created or removed
 * (null in unversioned buckets).
 */
public record DeleteResult(boolean deleteMarker, String versionId) {}
