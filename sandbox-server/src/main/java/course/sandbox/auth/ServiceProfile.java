package course.sandbox.auth;

import course.sandbox.http.SandboxRequest;
import course.sandbox.protocol.Protocol;
import course.sandbox.protocol.ServiceRoute;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceRegistry;

import java.time.Duration;
import java.util.List;

/**
 * The per-service differences in how AWS verifies SigV4: path canonicalization, allowed clock
 * skew, and which error codes and statuses it answers with.
 *
 * @param service       the signing name, e.g. {@code s3}
 * @param errorStyle    whose error codes apply
 * @param normalizePath false for S3 (path used as sent), true for the others
 * @param maxClockSkew  how far the request time may be from the server's clock
 */
public record ServiceProfile(String service, ErrorStyle errorStyle, boolean normalizePath, Duration maxClockSkew) {

    /** The families of error codes AWS services use for authentication failures. */
    public enum ErrorStyle {
        /** S3: AuthorizationHeaderMalformed, InvalidAccessKeyId, RequestTimeTooSkewed, ... */
        S3,
        /** Query-protocol services (IAM, STS) and the default: IncompleteSignature, InvalidClientTokenId, ... */
        AWS_QUERY,
        /** JSON-protocol services (DynamoDB, Logs, Lambda…): ...Exception codes, mostly status 400. */
        AWS_JSON
    }

    /** AWS's rules for a signing name taken from a credential scope, from the service registry. */
    public static ServiceProfile forService(String service) {
        List<ServiceDescriptor> services = ServiceRegistry.bySigningName(service);
        if (services.isEmpty()) {
            return new ServiceProfile(service, ErrorStyle.AWS_QUERY, true, Duration.ofMinutes(5));
        }
        ServiceDescriptor first = services.get(0);
        Protocol protocol = first.defaultProtocol();
        ErrorStyle style = switch (protocol) {
            case REST_XML -> ErrorStyle.S3;
            case QUERY -> ErrorStyle.AWS_QUERY;
            case JSON_1_0, JSON_1_1, REST_JSON, RPC_V2_CBOR -> ErrorStyle.AWS_JSON;
        };
        return new ServiceProfile(service, style, protocol != Protocol.REST_XML, first.clockSkew());
    }

    /**
     * The profile of a request whose credential scope is missing or unreadable: that of the
     * service the router sends it to.
     */
    public static ServiceProfile guess(SandboxRequest request) {
        return forService(ServiceRoute.of(request).service().signingName());
    }

    public ServiceProfile withNormalizePath(boolean normalize) {
        return new ServiceProfile(service, errorStyle, normalize, maxClockSkew);
    }
}
