package course.sandbox.iam.query;

import course.sandbox.iam.AwsApiException;
import course.sandbox.iam.IamModel;
import course.sandbox.iam.Principal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * For the authorizer: which IAM action and resource ARN an IAM Query request needs, e.g.
 * CreateUser → {@code iam:CreateUser} on {@code arn:aws:iam::<acct>:user/<path><name>}.
 * Resource ARNs include the entity's path, read from the model when the entity exists.
 */
public final class IamActionMapping {
    /** What kind of resource an action acts on. */
    private enum Target { USER, GROUP, ROLE, POLICY, ANY }

    private static final Map<String, Target> TARGETS = new HashMap<>();

    static {
        for (String a : List.of("CreateUser", "GetUser", "DeleteUser", "ListGroupsForUser", "CreateAccessKey",
                "ListAccessKeys", "UpdateAccessKey", "DeleteAccessKey", "PutUserPolicy", "GetUserPolicy",
                "ListUserPolicies", "DeleteUserPolicy", "AttachUserPolicy", "DetachUserPolicy",
                "ListAttachedUserPolicies", "PutUserPermissionsBoundary", "DeleteUserPermissionsBoundary",
                "TagUser", "UntagUser", "ListUserTags")) {
            TARGETS.put(a, Target.USER);
        }
        for (String a : List.of("CreateGroup", "GetGroup", "DeleteGroup", "AddUserToGroup", "RemoveUserFromGroup",
                "PutGroupPolicy", "GetGroupPolicy", "ListGroupPolicies", "DeleteGroupPolicy", "AttachGroupPolicy",
                "DetachGroupPolicy", "ListAttachedGroupPolicies")) {
            TARGETS.put(a, Target.GROUP);
        }
        for (String a : List.of("CreateRole", "GetRole", "DeleteRole", "UpdateAssumeRolePolicy", "UpdateRole",
                "PutRolePolicy", "GetRolePolicy", "ListRolePolicies", "DeleteRolePolicy", "AttachRolePolicy",
                "DetachRolePolicy", "ListAttachedRolePolicies", "PutRolePermissionsBoundary",
                "DeleteRolePermissionsBoundary", "TagRole", "UntagRole", "ListRoleTags")) {
            TARGETS.put(a, Target.ROLE);
        }
        for (String a : List.of("CreatePolicy", "GetPolicy", "DeletePolicy", "CreatePolicyVersion",
                "GetPolicyVersion", "ListPolicyVersions", "DeletePolicyVersion", "SetDefaultPolicyVersion",
                "ListEntitiesForPolicy")) {
            TARGETS.put(a, Target.POLICY);
        }
        for (String a : List.of("ListUsers", "ListGroups", "ListRoles", "ListPolicies")) {
            TARGETS.put(a, Target.ANY);
        }
    }

    private final IamModel iam;

    public IamActionMapping(IamModel iam) {
        this.iam = iam;
    }

    /** Every action the {@link IamQueryHandler} serves. */
    public static boolean isKnownAction(String action) {
        return TARGETS.containsKey(action);
    }

    /**
     * @return the permission to check, or empty for an unknown action (the handler then
     *         answers InvalidAction)
     */
    public Optional<RequiredPermission> requiredPermission(Map<String, String> form, Principal caller) {
        String action = form.get("Action");
        Target target = action == null ? null : TARGETS.get(action);
        if (target == null) {
            return Optional.empty();
        }
        String resource = switch (target) {
            case USER -> userArn(action, form, caller);
            case GROUP -> entityArn("group", form.get("GroupName"), form.get("Path"),
                    name -> iam.getGroup(name).path());
            case ROLE -> entityArn("role", form.get("RoleName"), form.get("Path"),
                    name -> iam.getRole(name).path());
            case POLICY -> action.equals("CreatePolicy")
                    ? arn("policy", pathOrRoot(form.get("Path")), String.valueOf(form.get("PolicyName")))
                    : String.valueOf(form.get("PolicyArn"));
            case ANY -> "*";
        };
        return Optional.of(new RequiredPermission("iam:" + action, resource));
    }

    private String userArn(String action, Map<String, String> form, Principal caller) {
        String name = form.get("UserName");
        if (name == null && !action.equals("CreateUser")) {
            // These actions default to the calling user.
            if (caller instanceof Principal.User user) {
                return user.arn();
            }
            return caller.arn();
        }
        return entityArn("user", name, form.get("Path"), n -> iam.getUser(n).path());
    }

    private String entityArn(String type, String name, String pathParam, Function<String, String> existingPath) {
        String path = pathOrRoot(pathParam);
        if (name != null) {
            try {
                path = existingPath.apply(name);
            } catch (AwsApiException notFound) {
                // Not created yet (or missing): the ARN uses the requested path; the handler reports NoSuchEntity.
            }
        }
        return arn(type, path, String.valueOf(name));
    }

    private static String pathOrRoot(String path) {
        return path == null ? "/" : path;
    }

    private String arn(String type, String path, String name) {
        return "arn:aws:iam::" + iam.accountId() + ":" + type + path + name;
    }
}
