package course.sandbox.iam.query;

import course.sandbox.service.ServiceException;

import course.sandbox.iam.IamModel;
import course.sandbox.iam.Principal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * For the authorizer: which IAM action and resource ARN an IAM Query request needs, e.g.
 * CreateUser → {@code iam:CreateUser} on {@code arn:aws:iam::<acct>:user/<path><name>}.
 * Resource ARNs include the entity's path, read from the model when the entity exists.
 */
public final class IamActionMapping {
    private final IamModel iam;

    public IamActionMapping(IamModel iam) {
        this.iam = iam;
    }

    /**
     * @return the permission to check, or empty for an action that is not an IAM entity action
     */
    public Optional<RequiredPermission> requiredPermission(Map<String, String> form, Principal caller) {
        String action = form.get("Action");
        Optional<IamOperation.Target> target = IamOperation.of(action).map(IamOperation::target)
                .filter(kind -> kind != IamOperation.Target.SIMULATOR);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        String resource = switch (target.get()) {
            case USER -> userArn(action, form, caller);
            case GROUP -> entityArn("group", form.get("GroupName"), form.get("Path"),
                    name -> iam.getGroup(name).path());
            case ROLE -> entityArn("role", form.get("RoleName"), form.get("Path"),
                    name -> iam.getRole(name).path());
            case POLICY -> action.equals("CreatePolicy")
                    ? arn("policy", pathOrRoot(form.get("Path")), String.valueOf(form.get("PolicyName")))
                    : String.valueOf(form.get("PolicyArn"));
            case ANY, SIMULATOR -> "*";
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
            } catch (ServiceException notFound) {
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
