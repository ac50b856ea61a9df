package course.sandbox.iam;

import java.time.Instant;

/** One version (v1, v2, ...) of a managed policy. */
public record PolicyVersion(String versionId, String document, Instant createDate, boolean isDefaultVersion) {}
