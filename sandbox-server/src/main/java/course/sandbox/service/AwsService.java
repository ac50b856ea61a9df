package course.sandbox.service;

import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.ErrorContext;

/**
 * One AWS service behind the sandbox's pipeline. The pipeline routes a request to it by its
 * {@link ServiceDescriptor}, authenticates it, asks the service which {@link Operation} it is and
 * which permissions that needs, authorizes them with the one policy engine, and only then lets
 * the service handle it. Errors are {@link ServiceException}s, rendered by the request's codec.
 */
public interface AwsService {

    /** How AWS's front door recognizes this service: its entry in {@link ServiceRegistry}. */
    ServiceDescriptor descriptor();

    /** The sandbox's name for the service: s3, iam, sts, dynamodb… */
    default String name() {
        return descriptor().name();
    }

    /** Names the operation and its permissions; a malformed request throws {@link ServiceException}. */
    Operation operation(ServiceRequest request);

    /**
     * Carries out an authorized operation; rule violations throw {@link ServiceException}.
     *
     * @param authorization decides further permissions the operation's handling names
     */
    SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization);

    /** 501 NotImplemented for an operation of this service the sandbox does not serve yet, e.g. {@code GET /v2/domainnames}. */
    default ServiceException notServed(String operation) {
        return new ServiceException(501, "NotImplemented", "The sandbox does not serve " + descriptor().title() + " " + operation + " yet.");
    }

    /** Renders an error in the wire shape of the protocol the request came in. */
    default SandboxResponse render(ServiceException error, ServiceRequest request) {
        return request.route().protocol().codec().error(error,
                ErrorContext.of(descriptor(), request.requestId(), request.http().method()));
    }

    /**
     * How this service answers a request the policy engine denied, in its protocol's shape: JSON
     * 1.0/1.1 (and RPC v2 CBOR) services answer 400 AccessDeniedException, REST-JSON ones 403
     * AccessDeniedException, Query and REST-XML ones 403 AccessDenied. Unsigned requests never get
     * this far: the verifier refuses them in the same shapes ({@code AuthErrors.missingAuthentication}).
     */
    default ServiceException accessDenied(String message) {
        return switch (descriptor().defaultProtocol()) {
            case JSON_1_0, JSON_1_1, RPC_V2_CBOR -> new ServiceException(400, "AccessDeniedException", message);
            case REST_JSON -> new ServiceException(403, "AccessDeniedException", message);
            case QUERY, REST_XML -> new ServiceException(403, "AccessDenied", message);
        };
    }

    /** Whether AccessDenied messages quote the resource ARN: S3 and S3 Control do, the other services do not. */
    default boolean quotesResourcesInDenials() {
        return false;
    }

    /** Drops all state (`sandbox reset`). */
    void reset();
}
