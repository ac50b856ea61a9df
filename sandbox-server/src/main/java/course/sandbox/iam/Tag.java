package course.sandbox.iam;

/** A key/value tag on a user, role or policy. */
public record Tag(String key, String value) {}
