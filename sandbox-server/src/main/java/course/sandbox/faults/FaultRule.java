package course.sandbox.faults;

import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** A fault rule in force: its spec, compiled matchers, random draws and how often it fired. */
public final class FaultRule {
    private final String id;
    private final FaultSpec spec;
    private final Pattern operation;
    private final Pattern principal;
    private final Random random;
    private final AtomicInteger fired = new AtomicInteger();

    FaultRule(String id, FaultSpec spec) {
        this.id = id;
        this.spec = spec;
        this.operation = spec.operation() == null ? null : wildcard(spec.operation());
        this.principal = spec.principal() == null ? null : wildcard(spec.principal());
        this.random = spec.seed() == null ? new Random() : new Random(spec.seed());
    }

    private static Pattern wildcard(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("((?<=[*?])|(?=[*?]))")) {
            regex.append(switch (literal) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(literal);
            });
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    public String id() {
        return id;
    }

    public FaultSpec spec() {
        return spec;
    }

    public int fired() {
        return fired.get();
    }

    /** Whether all of its fired calls are used up ("the next N calls" and N fired). */
    public boolean spent() {
        return spec.count() != null && fired.get() >= spec.count();
    }

    boolean matches(String service, String operationName, String principalArn) {
        return (spec.service() == null || spec.service().equals(service))
                && (operation == null || operation.matcher(operationName).matches())
                && (principal == null || principal.matcher(principalArn).matches());
    }

    /** Draws whether this matching call is hit, counting it if so. */
    boolean fires() {
        if (spec.probability() != null && spec.probability() < 1) {
            synchronized (random) {
                if (random.nextDouble() >= spec.probability()) {
                    return false;
                }
            }
        }
        if (spec.count() == null) {
            fired.incrementAndGet();
            return true;
        }
        return fired.getAndUpdate(n -> n < spec.count() ? n + 1 : n) < spec.count();
    }

    /** The error this rule answers with in the service, if it has one. */
    Optional<FaultError> error(String service) {
        if (spec.kind() != null) {
            return Optional.of(spec.kind().errorFor(service));
        }
        if (spec.code() != null) {
            return Optional.of(new FaultError(spec.status(), spec.code(), spec.message() != null ? spec.message()
                    : "The sandbox injected this error (fault rule " + id + ")."));
        }
        return Optional.empty();
    }

    /** One line for `sandbox faults list`. */
    public String describe() {
        StringBuilder line = new StringBuilder(id).append(": ");
        line.append(spec.service() == null ? "any service" : spec.service());
        line.append(' ').append(spec.operation() == null ? "*" : spec.operation());
        if (spec.principal() != null) {
            line.append(" by ").append(spec.principal());
        }
        line.append(" → ");
        if (spec.kind() != null) {
            line.append(spec.kind().label());
        } else if (spec.code() != null) {
            line.append(spec.status()).append(' ').append(spec.code());
        }
        if (spec.latency() != null && !spec.latency().isZero()) {
            line.append(spec.kind() != null || spec.code() != null ? " after +" : "+").append(spec.latency().toMillis()).append(" ms");
        }
        if (spec.probability() != null && spec.probability() < 1) {
            line.append(", probability ").append(spec.probability());
            if (spec.seed() != null) {
                line.append(" (seed ").append(spec.seed()).append(')');
            }
        }
        if (spec.count() != null) {
            line.append(", next ").append(spec.count()).append(" calls");
        }
        line.append(" · fired ").append(fired.get()).append(spent() ? " (spent)" : "");
        return line.toString();
    }
}
