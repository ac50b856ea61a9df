package course.sandbox.sts;

/** GetCallerIdentity's answer. */
public record CallerIdentity(String userId, String account, String arn) {}
