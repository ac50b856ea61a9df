package course.sandbox.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's fault rules. The pipeline asks {@link #decide} after authenticating and routing
 * a request; with no rules that costs one volatile read. Rules are checked in the order they
 * were added: latencies of all rules that fire add up, and the first error ends the search.
 */
public final class FaultInjector {
    private static final FaultRule[] NONE = new FaultRule[0];

    private volatile FaultRule[] rules = NONE;
    private final AtomicInteger nextId = new AtomicInteger(1);

    /** Adds a rule; an invalid spec throws IllegalArgumentException with a one-line reason. */
    public synchronized FaultRule add(FaultSpec spec) {
        spec.validate();
        FaultRule rule = new FaultRule("f" + nextId.getAndIncrement(), spec);
        FaultRule[] grown = Arrays.copyOf(rules, rules.length + 1);
        grown[rules.length] = rule;
        rules = grown;
        return rule;
    }

    public List<FaultRule> list() {
        return List.of(rules);
    }

    /** Removes one rule; false when there is no such rule. */
    public synchronized boolean remove(String id) {
        FaultRule[] kept = Arrays.stream(rules).filter(rule -> !rule.id().equals(id)).toArray(FaultRule[]::new);
        boolean removed = kept.length < rules.length;
        rules = kept;
        return removed;
    }

    /** Removes all rules; returns how many there were. */
    public synchronized int clear() {
        int count = rules.length;
        rules = NONE;
        return count;
    }

    /**
     * What to do to a call, if any rule fires for it.
     *
     * @param service   the signing name the request was routed to
     * @param operation the operation's name
     * @param principal the caller's ARN ("anonymous" when unsigned)
     */
    public Optional<Injection> decide(String service, String operation, String principal) {
        FaultRule[] current = rules;
        if (current.length == 0) {
            return Optional.empty();
        }
        List<String> fired = null;
        Duration latency = Duration.ZERO;
        Optional<FaultError> error = Optional.empty();
        for (FaultRule rule : current) {
            if (!rule.matches(service, operation, principal) || !rule.fires()) {
                continue;
            }
            if (fired == null) {
                fired = new ArrayList<>(2);
            }
            fired.add(rule.id());
            if (rule.spec().latency() != null) {
                latency = latency.plus(rule.spec().latency());
            }
            error = rule.error(service);
            if (error.isPresent()) {
                break;
            }
        }
        if (fired == null) {
            return Optional.empty();
        }
        Duration bounded = latency.compareTo(FaultSpec.MAX_LATENCY) > 0 ? FaultSpec.MAX_LATENCY : latency;
        return Optional.of(new Injection(List.copyOf(fired), bounded, error));
    }
}
