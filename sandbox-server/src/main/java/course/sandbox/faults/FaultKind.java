package course.sandbox.faults;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Kinds of injected errors, each answered with the code the service itself uses for it, so an
 * SDK classifies it as it would AWS's: SDK v2 retries throttling codes (Throttling,
 * ThrottlingException, ProvisionedThroughputExceededException, SlowDown…) and 5xx answers,
 * and not other 4xx answers.
 */
public enum FaultKind {
    /** Throttling: DynamoDB ProvisionedThroughputExceededException, S3 503 SlowDown, Query services Throttling. */
    THROTTLING("throttling", "retried with throttling backoff"),
    /** 500: S3 InternalError, DynamoDB InternalServerError, Query services InternalFailure. */
    SERVER_ERROR("server-error", "retried (5xx)"),
    /** 503 ServiceUnavailable. */
    UNAVAILABLE("unavailable", "retried (5xx)"),
    /** 400 validation error: not retried. */
    CLIENT_ERROR("client-error", "not retried (4xx)");

    /** Services on the AWS Query protocol, whose throttling code is "Throttling" (CloudWatch's also over CBOR). */
    private static final Set<String> QUERY_SERVICES = Set.of("iam", "sts", "cloudwatch");

    private final String label;
    private final String sdkBehaviour;

    FaultKind(String label, String sdkBehaviour) {
        this.label = label;
        this.sdkBehaviour = sdkBehaviour;
    }

    public String label() {
        return label;
    }

    /** How SDK v2's default retry strategy treats this kind. */
    public String sdkBehaviour() {
        return sdkBehaviour;
    }

    public static Optional<FaultKind> parse(String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        for (FaultKind kind : values()) {
            if (kind.label.equals(wanted)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The error this kind takes in the given service (the sandbox's name for it). */
    public FaultError errorFor(String service) {
        return switch (this) {
            case THROTTLING -> switch (service) {
                case "s3" -> new FaultError(503, "SlowDown", "Please reduce your request rate.");
                case "dynamodb" -> new FaultError(400, "ProvisionedThroughputExceededException",
                        "The level of configured provisioned throughput for the table was exceeded. "
                                + "Consider increasing your provisioning level with the UpdateTable API.");
                default -> QUERY_SERVICES.contains(service) ? new FaultError(400, "Throttling", "Rate exceeded")
                        : new FaultError(400, "ThrottlingException", "Rate exceeded");
            };
            case SERVER_ERROR -> switch (service) {
                case "s3" -> new FaultError(500, "InternalError", "We encountered an internal error. Please try again.");
                case "dynamodb" -> new FaultError(500, "InternalServerError", "Internal server error");
                default -> new FaultError(500, "InternalFailure",
                        "The request processing has failed because of an unknown error, exception or failure.");
            };
            case UNAVAILABLE -> new FaultError(503, "ServiceUnavailable", "Service is unable to handle request.");
            case CLIENT_ERROR -> switch (service) {
                case "s3" -> new FaultError(400, "InvalidRequest", "The sandbox injected a client error (fault rule).");
                case "dynamodb" -> new FaultError(400, "ValidationException", "The sandbox injected a client error (fault rule).");
                default -> QUERY_SERVICES.contains(service)
                        ? new FaultError(400, "ValidationError", "The sandbox injected a client error (fault rule).")
                        : new FaultError(400, "ValidationException", "The sandbox injected a client error (fault rule).");
            };
        };
    }
}
