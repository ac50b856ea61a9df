package course.sandbox.iam.query;

/**
 * The IAM action a request needs and the resource it acts on, for the authorizer.
 *
 * @param action      e.g. {@code iam:CreateUser}
 * @param resourceArn e.g. {@code arn:aws:iam::000000000000:user/dev/alice}, or {@code *}
 */
public record RequiredPermission(String action, String resourceArn) {}
