package course.sandbox.faults;

import java.time.Duration;
import java.util.Locale;

/**
 * A fault rule as asked for (`sandbox faults add`, POST /_sandbox/faults). Null members are
 * absent.
 *
 * @param service     the sandbox's service name (s3, dynamodb, iam, sts, cloudwatch; its signing
 *                    name "monitoring" is taken as cloudwatch), or null for any
 * @param operation   operation name, * and ? as wildcards, any case (GetItem, Put*), or null for any
 * @param principal   caller ARN, * and ? as wildcards, case-sensitive like ARNs in policies
 *                    (arn:aws:iam::*:user/alice), or null for any
 * @param probability chance that a matching call is hit, 0 < p ≤ 1 (default 1)
 * @param seed        makes the probability's draws repeatable
 * @param count       hit at most this many calls ("the next N calls"), or null for no limit
 * @param kind        an error kind, answered in the service's own code
 * @param status      an explicit HTTP status (with code), instead of a kind
 * @param code        an explicit error code (with status)
 * @param message     the explicit error's message (default: a note that the sandbox injected it)
 * @param latency     added before answering (at most {@link #MAX_LATENCY})
 */
public record FaultSpec(String service, String operation, String principal, Double probability, Long seed, Integer count,
                        FaultKind kind, Integer status, String code, String message, Duration latency) {
    public static final Duration MAX_LATENCY = Duration.ofSeconds(10);

    public FaultSpec {
        service = service == null || service.isBlank() ? null : canonicalService(service.strip());
        operation = operation == null || operation.isBlank() ? null : operation.strip();
        principal = principal == null || principal.isBlank() ? null : principal.strip();
    }

    /** A rule that throws the kind's error at every matching call. */
    public static FaultSpec error(String service, String operation, FaultKind kind) {
        return new FaultSpec(service, operation, null, null, null, null, kind, null, null, null, null);
    }

    public FaultSpec times(int calls) {
        return new FaultSpec(service, operation, principal, probability, seed, calls, kind, status, code, message, latency);
    }

    public FaultSpec withProbability(double chance, Long randomSeed) {
        return new FaultSpec(service, operation, principal, chance, randomSeed, count, kind, status, code, message, latency);
    }

    public FaultSpec forPrincipal(String arn) {
        return new FaultSpec(service, operation, arn, probability, seed, count, kind, status, code, message, latency);
    }

    public FaultSpec withLatency(Duration added) {
        return new FaultSpec(service, operation, principal, probability, seed, count, kind, status, code, message, added);
    }

    static String canonicalService(String service) {
        String lower = service.toLowerCase(Locale.ROOT);
        return lower.equals("monitoring") ? "cloudwatch" : lower;
    }

    /** Checks the spec; a problem is one line saying what to change. */
    void validate() {
        if (probability != null && !(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be greater than 0 and at most 1, e.g. 0.3 (was " + probability + ")");
        }
        if (count != null && count < 1) {
            throw new IllegalArgumentException("count must be at least 1 (was " + count + ")");
        }
        if (kind != null && (status != null || code != null)) {
            throw new IllegalArgumentException("give either an error kind or a status and code, not both");
        }
        if ((status == null) != (code == null)) {
            throw new IllegalArgumentException("an explicit error needs both a status and a code, e.g. 503 SlowDown");
        }
        if (status != null && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status must be an HTTP error status, 400-599 (was " + status + ")");
        }
        if (code != null && !code.matches("[A-Za-z][A-Za-z0-9.]{0,99}")) {
            throw new IllegalArgumentException("code must be an AWS error code such as ThrottlingException (was '" + code + "')");
        }
        if (message != null && code == null) {
            throw new IllegalArgumentException("a message goes with an explicit status and code");
        }
        if (latency != null && (latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0)) {
            throw new IllegalArgumentException("latency must be between 0 and " + MAX_LATENCY.toSeconds() + " s (was " + latency.toMillis() + " ms)");
        }
        if (kind == null && code == null && (latency == null || latency.isZero())) {
            throw new IllegalArgumentException("a rule needs an error (kind, or status and code) and/or a latency");
        }
    }
}
