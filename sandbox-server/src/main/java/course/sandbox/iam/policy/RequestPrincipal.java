package course.sandbox.iam.policy;

/**
 * Who makes a request.
 *
 * @param type      the kind of principal
 * @param arn       the principal's ARN (for a role session the assumed-role ARN, for a service
 *                  its name such as {@code s3.amazonaws.com}); null for anonymous callers
 * @param accountId the principal's account, or null for anonymous and service principals
 * @param roleArn   for role sessions, the IAM role's ARN (with path); otherwise null
 */
public record RequestPrincipal(PrincipalType type, String arn, String accountId, String roleArn) {

    public static RequestPrincipal root(String accountId) {
        return new RequestPrincipal(PrincipalType.ROOT, "arn:aws:iam::" + accountId + ":root", accountId, null);
    }

    public static RequestPrincipal user(String userArn) {
        return new RequestPrincipal(PrincipalType.IAM_USER, userArn, accountOf(userArn), null);
    }

    /**
     * A role session, from its assumed-role ARN ({@code arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION})
     * and the role's ARN (which, unlike the session ARN, includes the role's path).
     */
    public static RequestPrincipal assumedRole(String sessionArn, String roleArn) {
        return new RequestPrincipal(PrincipalType.ASSUMED_ROLE, sessionArn, accountOf(sessionArn), roleArn);
    }

    public static RequestPrincipal anonymous() {
        return new RequestPrincipal(PrincipalType.ANONYMOUS, null, null, null);
    }

    public static RequestPrincipal service(String serviceName) {
        return new RequestPrincipal(PrincipalType.SERVICE, serviceName, null, null);
    }

    /** The IAM user name of an IAM user principal (last path segment of its ARN), else null. */
    public String userName() {
        if (type != PrincipalType.IAM_USER || arn == null) {
            return null;
        }
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            throw new IllegalArgumentException("Not an ARN: " + arn);
        }
        return parts[4];
    }
}
