package course.sandbox.service;

import java.util.List;

/**
 * What a request asks a service to do: the operation's name (for logs and --explain), the
 * permissions the caller needs for it, and how it is authorized. Authorization fails closed: an
 * operation checked by policy must name at least one permission, and one that needs no policy or
 * no signature says so explicitly.
 */
public record Operation(String name, List<Permission> permissions, Access access) {

    /** How the pipeline authorizes an operation. */
    public enum Access {
        /** Every permission is decided by the policy engine before the operation runs. */
        POLICY,
        /** The handling names the permissions and asks for each (each key of an S3 DeleteObjects). */
        POLICY_WHILE_HANDLING,
        /** Signed, but no policy is consulted (STS GetCallerIdentity: AWS answers whatever policies say). */
        NO_POLICY,
        /** Not signed at all (STS AssumeRoleWithWebIdentity: the web identity token is the credential). */
        UNSIGNED
    }

    public Operation {
        permissions = List.copyOf(permissions);
        if (access == Access.POLICY && permissions.isEmpty()) {
            throw new IllegalArgumentException(name + " names no permission: declare it noPolicy or unsigned explicitly");
        }
        if (access != Access.POLICY && !permissions.isEmpty()) {
            throw new IllegalArgumentException(name + " is " + access + " but names permissions");
        }
    }

    public Operation(String name, List<Permission> permissions) {
        this(name, permissions, Access.POLICY);
    }

    public static Operation of(String name, Permission... permissions) {
        return new Operation(name, List.of(permissions), Access.POLICY);
    }

    public static Operation authorizedWhileHandling(String name) {
        return new Operation(name, List.of(), Access.POLICY_WHILE_HANDLING);
    }

    public static Operation noPolicy(String name) {
        return new Operation(name, List.of(), Access.NO_POLICY);
    }

    public static Operation unsigned(String name) {
        return new Operation(name, List.of(), Access.UNSIGNED);
    }
}
