package course.sandbox.service;

/** A key/value tag on a resource of any service (an IAM user, an S3 object…); each service checks its own limits. */
public record Tag(String key, String value) {}
