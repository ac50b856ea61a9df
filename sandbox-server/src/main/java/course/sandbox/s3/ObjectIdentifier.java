package course.sandbox.s3;

/** One entry of a DeleteObjects request; versionId may be null. */
public record ObjectIdentifier(String key, String versionId) {}
