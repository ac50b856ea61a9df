package course.sandbox.service;

import course.sandbox.http.SandboxResponse;

/**
 * One AWS service behind the sandbox's pipeline. The pipeline authenticates a request, asks
 * the service which {@link Operation} it is and which permissions that needs, authorizes
 * them with the one policy engine, and only then lets the service handle it.
 */
public interface AwsService {

    /** The signing name: s3, iam, sts, dynamodb. */
    String name();

    /** Names the operation and its permissions; a malformed request throws {@link ServiceException}. */
    Operation operation(ServiceRequest request);

    /**
     * Carries out an authorized operation; rule violations throw {@link ServiceException}.
     *
     * @param authorization decides further permissions the operation's handling names
     */
    SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization);

    /** Renders an error in this service's wire shape. */
    SandboxResponse render(ServiceException error, ServiceRequest request);

    /** How this service answers a request the policy engine denied. */
    default ServiceException accessDenied(String message) {
        return new ServiceException(403, "AccessDenied", message);
    }

    /** Whether AccessDenied messages quote the resource ARN (S3 does; IAM and STS do not). */
    default boolean quotesResourcesInDenials() {
        return true;
    }

    /** Drops all state (`sandbox reset`). */
    void reset();
}
