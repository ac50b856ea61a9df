package course.sandbox.faults;

import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** A fault rule in force: its spec, compiled matchers, random draws and how often it fired. */
public final class FaultRule {
    private final String id;
    private final FaultSpec spec;
    private final Glob operation;
    private final Glob principal;
    private final Random random;
    private final AtomicInteger fired = new AtomicInteger();

    FaultRule(String id, FaultSpec spec) {
        this.id = id;
        this.spec = spec;
        this.operation = spec.operation() == null ? null : new Glob(spec.operation(), true);
        this.principal = spec.principal() == null ? null : new Glob(spec.principal(), false);
        this.random = spec.seed() == null ? new Random() : new Random(spec.seed());
    }

    /**
     * A pattern with * (any run of characters) and ? (one character), matched without regular
     * expressions: a rule that does not fire should cost a request next to nothing.
     */
    record Glob(String pattern, boolean ignoreCase, String prefix, String suffix) {
        Glob(String pattern, boolean ignoreCase) {
            this(pattern, ignoreCase, literalPrefix(pattern), literalSuffix(pattern));
        }

        /** The literal text before the first wildcard. */
        private static String literalPrefix(String pattern) {
            int wildcard = firstWildcard(pattern);
            return wildcard < 0 ? pattern : pattern.substring(0, wildcard);
        }

        /** The literal text after the last *, when no ? is in it (else ""). */
        private static String literalSuffix(String pattern) {
            String tail = pattern.substring(pattern.lastIndexOf('*') + 1);
            return pattern.indexOf('*') < 0 || tail.indexOf('?') >= 0 ? "" : tail;
        }

        private static int firstWildcard(String pattern) {
            int star = pattern.indexOf('*');
            int one = pattern.indexOf('?');
            return star < 0 ? one : one < 0 ? star : Math.min(star, one);
        }

        boolean matches(String text) {
            // Most rules that do not fire differ at the start or the end: check those before walking the wildcards.
            if (!text.regionMatches(ignoreCase, 0, prefix, 0, prefix.length())
                    || !text.regionMatches(ignoreCase, text.length() - suffix.length(), suffix, 0, suffix.length())) {
                return false;
            }
            int p = 0;
            int t = 0;
            int star = -1;
            int resume = 0;
            while (t < text.length()) {
                if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t)))) {
                    p++;
                    t++;
                } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                    star = p++;
                    resume = t;
                } else if (star >= 0) {
                    p = star + 1;
                    t = ++resume;
                } else {
                    return false;
                }
            }
            while (p < pattern.length() && pattern.charAt(p) == '*') {
                p++;
            }
            return p == pattern.length();
        }

        private boolean same(char a, char b) {
            return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
        }
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
                && (operation == null || operation.matches(operationName))
                && (principal == null || principal.matches(principalArn));
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
