package course.sandbox.faults;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the fault stage does to one request: wait, then (maybe) answer with an error.
 *
 * @param ruleIds the rules that fired, in order
 */
public record Injection(List<String> ruleIds, Duration latency, Optional<FaultError> error) {
}
