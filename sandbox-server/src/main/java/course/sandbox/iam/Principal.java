package course.sandbox.iam;

/**
 * Who signed a request: the account root, an IAM user, or a role session. Each knows the
 * identifiers GetCallerIdentity reports.
 */
public sealed interface Principal permits Principal.Root, Principal.User, Principal.AssumedRole {

    String accountId();

    /** The ARN AWS reports for this caller. */
    String arn();

    /** GetCallerIdentity's UserId. */
    String userId();

    record Root(String accountId) implements Principal {
        @Override
        public String arn() {
            return "arn:aws:iam::" + accountId + ":root";
        }

        @Override
        public String userId() {
            return accountId;
        }
    }

    record User(String accountId, String userName, String path, String userId) implements Principal {
        @Override
        public String arn() {
            return "arn:aws:iam::" + accountId + ":user" + path + userName;
        }
    }

    /**
     * A session of a role. Its ARN carries no role path, as in AWS; {@link #roleArn()} does.
     */
    record AssumedRole(String accountId, String roleName, String rolePath, String roleId, String sessionName)
            implements Principal {
        @Override
        public String arn() {
            return "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
        }

        @Override
        public String userId() {
            return roleId + ":" + sessionName;
        }

        public String roleArn() {
            return "arn:aws:iam::" + accountId + ":role" + rolePath + roleName;
        }
    }
}
