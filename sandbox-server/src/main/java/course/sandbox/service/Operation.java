package course.sandbox.service;

import java.util.List;

/**
 * What a request asks a service to do: the operation's name (for logs and --explain) and the
 * permissions the caller needs for it. No permissions means none are checked
 * (e.g. STS GetCallerIdentity).
 */
public record Operation(String name, List<Permission> permissions) {

    public static Operation of(String name, Permission... permissions) {
        return new Operation(name, List.of(permissions));
    }
}
