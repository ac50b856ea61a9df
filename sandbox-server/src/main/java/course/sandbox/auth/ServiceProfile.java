package course.sandbox.auth;

import course.sandbox.http.SandboxRequest;
import course.sandbox.protocol.ServiceRoute;

import java.time.Duration;

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
        /** JSON-protocol services (DynamoDB): ...Exception codes, mostly status 400. */
        AWS_JSON
    }

    /** AWS's rules for a signing name taken from a credential scope. */
    public static ServiceProfile forService(String service) {
        return switch (service) {
            case "s3" -> new ServiceProfile(service, ErrorStyle.S3, false, Duration.ofMinutes(15));
            case "dynamodb" -> new ServiceProfile(service, ErrorStyle.AWS_JSON, true, Duration.ofMinutes(5));
            default -> new ServiceProfile(service, ErrorStyle.AWS_QUERY, true, Duration.ofMinutes(5));
        };
    }

    /**
     * The profile of a request whose credential scope is missing or unreadable, guessed from its
     * shape: {@code X-Amz-Target: DynamoDB_...} is DynamoDB, an {@code Action} parameter in the
     * query or a form body is STS or IAM, anything else is S3.
     */
    public static ServiceProfile guess(SandboxRequest request) {
        return forService(ServiceRoute.of(request).service());
    }

    public ServiceProfile withNormalizePath(boolean normalize) {
        return new ServiceProfile(service, errorStyle, normalize, maxClockSkew);
    }
}
