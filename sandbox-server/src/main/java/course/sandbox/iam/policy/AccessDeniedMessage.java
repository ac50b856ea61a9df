package course.sandbox.iam.policy;

/**
 * Renders AWS's AccessDenied message for a denial, in the current form AWS documents, e.g.
 * {@code User: arn:aws:iam::123456789012:user/alice is not authorized to perform: s3:PutObject
 * on resource: "arn:aws:s3:::b/k" because no identity-based policy allows the s3:PutObject action}.
 */
public final class AccessDeniedMessage {

    /** What S3 answers for anonymous requests, which have no principal to name. */
    public static final String ANONYMOUS = "Access Denied";

    private AccessDeniedMessage() {
    }

    /**
     * The message with the resource in double quotes, as S3 and most services render it today.
     *
     * @param resource the resource ARN; null or {@code "*"} leaves the "on resource" part out
     */
    public static String of(String principalArn, String action, String resource, DenialReason reason) {
        return of(principalArn, action, resource, reason, true);
    }

    /**
     * The message; {@code quoteResource} false gives the unquoted form that IAM and STS use.
     */
    public static String of(String principalArn, String action, String resource, DenialReason reason,
                            boolean quoteResource) {
        if (principalArn == null) {
            return ANONYMOUS;
        }
        StringBuilder message = new StringBuilder()
                .append("User: ").append(principalArn)
                .append(" is not authorized to perform: ").append(action);
        if (resource != null && !resource.equals("*")) {
            message.append(" on resource: ");
            message.append(quoteResource ? "\"" + resource + "\"" : resource);
        }
        return message.append(' ').append(context(action, reason)).toString();
    }

    /** Convenience for a denied evaluation; throws if the result is an allow. */
    public static String of(EvaluationRequest request, EvaluationResult result) {
        if (result.allowed()) {
            throw new IllegalArgumentException("The request was allowed");
        }
        return of(request.principal().arn(), request.action(), request.resource(), result.denialReason());
    }

    private static String context(String action, DenialReason reason) {
        return switch (reason) {
            case EXPLICIT_DENY_IDENTITY -> "with an explicit deny in an identity-based policy";
            case EXPLICIT_DENY_RESOURCE -> "with an explicit deny in a resource-based policy";
            case EXPLICIT_DENY_PERMISSIONS_BOUNDARY -> "with an explicit deny in a permissions boundary";
            case EXPLICIT_DENY_SESSION -> "with an explicit deny in a session policy";
            case NO_IDENTITY_ALLOW -> "because no identity-based policy allows the " + action + " action";
            case NO_PERMISSIONS_BOUNDARY_ALLOW -> "because no permissions boundary allows the " + action + " action";
            case NO_SESSION_ALLOW -> "because no session policy allows the " + action + " action";
            case NO_RESOURCE_ALLOW -> "because no resource-based policy allows the " + action + " action";
        };
    }
}
