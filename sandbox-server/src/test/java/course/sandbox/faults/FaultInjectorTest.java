package course.sandbox.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultInjectorTest {
    private static final String ALICE = "arn:aws:iam::000000000000:user/alice";
    private static final String BOB = "arn:aws:iam::000000000000:user/bob";

    private final FaultInjector faults = new FaultInjector();

    private Optional<FaultError> error(String service, String operation, String principal) {
        return faults.decide(service, operation, principal).flatMap(Injection::error);
    }

    @Test
    void noRulesNoFaults() {
        assertEquals(Optional.empty(), faults.decide("s3", "GetObject", ALICE));
    }

    @Test
    void theNextNCallsFailThenTheRuleIsSpent() {
        FaultRule rule = faults.add(FaultSpec.error("dynamodb", "GetItem", FaultKind.THROTTLING).times(2));
        assertTrue(faults.decide("dynamodb", "PutItem", ALICE).isEmpty(), "another operation");
        assertTrue(faults.decide("s3", "GetItem", ALICE).isEmpty(), "another service");
        assertEquals("ProvisionedThroughputExceededException", error("dynamodb", "GetItem", ALICE).orElseThrow().code());
        assertEquals("ProvisionedThroughputExceededException", error("dynamodb", "GetItem", ALICE).orElseThrow().code());
        assertTrue(faults.decide("dynamodb", "GetItem", ALICE).isEmpty());
        assertTrue(rule.spent());
        assertEquals("f1: dynamodb GetItem → throttling, next 2 calls · fired 2 (spent)", rule.describe());
    }

    @Test
    void operationsAndPrincipalsMatchWithWildcards() {
        faults.add(FaultSpec.error("monitoring", "Get*", FaultKind.UNAVAILABLE).forPrincipal("arn:aws:iam::*:user/alice"));
        assertEquals(503, error("cloudwatch", "GetMetricData", ALICE).orElseThrow().status());
        assertTrue(error("cloudwatch", "getmetricstatistics", ALICE).isPresent(), "operation names match whatever their case");
        assertTrue(error("cloudwatch", "PutMetricData", ALICE).isEmpty());
        assertTrue(error("cloudwatch", "GetMetricData", BOB).isEmpty());
    }

    @Test
    void aSeedMakesProbabilityRepeatable() {
        List<Boolean> first = hits(42L);
        List<Boolean> second = hits(42L);
        assertEquals(first, second);
        long count = first.stream().filter(hit -> hit).count();
        assertTrue(count > 2700 && count < 3300, "about 30% of 10,000 calls, was " + count);
        assertFalse(first.equals(hits(7L)), "another seed, other draws");
    }

    private static List<Boolean> hits(long seed) {
        FaultInjector injector = new FaultInjector();
        injector.add(FaultSpec.error(null, null, FaultKind.SERVER_ERROR).withProbability(0.3, seed));
        List<Boolean> hits = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            hits.add(injector.decide("sts", "GetCallerIdentity", ALICE).isPresent());
        }
        return hits;
    }

    @Test
    void latenciesAddUpAndTheFirstErrorWins() {
        faults.add(new FaultSpec("s3", null, null, null, null, null, null, null, null, null, Duration.ofMillis(200)));
        faults.add(FaultSpec.error("s3", null, FaultKind.THROTTLING).withLatency(Duration.ofMillis(50)));
        faults.add(FaultSpec.error("s3", null, FaultKind.SERVER_ERROR));
        Injection injection = faults.decide("s3", "PutObject", ALICE).orElseThrow();
        assertEquals(List.of("f1", "f2"), injection.ruleIds());
        assertEquals(Duration.ofMillis(250), injection.latency());
        assertEquals(new FaultError(503, "SlowDown", "Please reduce your request rate."), injection.error().orElseThrow());
        assertEquals(3, faults.clear());
        assertTrue(faults.decide("s3", "PutObject", ALICE).isEmpty());
    }

    @Test
    void eachKindTakesTheServicesOwnCode() {
        // The codes SDK v2 counts as throttling (AwsErrorCode): SlowDown, ProvisionedThroughputExceededException,
        // Throttling, ThrottlingException; 5xx are retried as server errors; other 4xx are not retried.
        assertEquals(new FaultError(503, "SlowDown", "Please reduce your request rate."), FaultKind.THROTTLING.errorFor("s3"));
        assertEquals(400, FaultKind.THROTTLING.errorFor("dynamodb").status());
        assertEquals("ProvisionedThroughputExceededException", FaultKind.THROTTLING.errorFor("dynamodb").code());
        assertEquals(new FaultError(400, "Throttling", "Rate exceeded"), FaultKind.THROTTLING.errorFor("sts"));
        assertEquals(new FaultError(400, "Throttling", "Rate exceeded"), FaultKind.THROTTLING.errorFor("cloudwatch"));
        assertEquals("InternalError", FaultKind.SERVER_ERROR.errorFor("s3").code());
        assertEquals("InternalServerError", FaultKind.SERVER_ERROR.errorFor("dynamodb").code());
        assertEquals(500, FaultKind.SERVER_ERROR.errorFor("iam").status());
        assertEquals(new FaultError(503, "ServiceUnavailable", "Service is unable to handle request."), FaultKind.UNAVAILABLE.errorFor("dynamodb"));
        assertEquals("ValidationException", FaultKind.CLIENT_ERROR.errorFor("dynamodb").code());
        assertEquals("ValidationError", FaultKind.CLIENT_ERROR.errorFor("sts").code());
        assertEquals(Optional.of(FaultKind.SERVER_ERROR), FaultKind.parse("Server-Error"));
    }

    @Test
    void explicitErrorsAndLatencyOnlyRules() {
        faults.add(new FaultSpec("dynamodb", null, null, null, null, 1, null, 400, "ThrottlingException", null, null));
        assertEquals(new FaultError(400, "ThrottlingException", "The sandbox injected this error (fault rule f1)."),
                error("dynamodb", "Query", ALICE).orElseThrow());
        faults.add(new FaultSpec("sts", null, null, null, null, null, null, null, null, null, Duration.ofMillis(300)));
        Injection slow = faults.decide("sts", "GetCallerIdentity", ALICE).orElseThrow();
        assertEquals(Duration.ofMillis(300), slow.latency());
        assertTrue(slow.error().isEmpty());
        assertTrue(faults.remove("f2"));
        assertFalse(faults.remove("f2"));
    }

    @Test
    void badSpecsSayWhatToChange() {
        assertEquals("probability must be greater than 0 and at most 1, e.g. 0.3 (was 1.5)", assertThrows(IllegalArgumentException.class,
                () -> faults.add(FaultSpec.error(null, null, FaultKind.THROTTLING).withProbability(1.5, null))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> faults.add(FaultSpec.error(null, null, FaultKind.THROTTLING).times(0)));
        assertThrows(IllegalArgumentException.class, () -> faults.add(new FaultSpec(null, null, null, null, null, null, null, 503, null, null, null)));
        assertThrows(IllegalArgumentException.class, () -> faults.add(new FaultSpec(null, null, null, null, null, null, null, 200, "Ok", null, null)));
        assertThrows(IllegalArgumentException.class, () -> faults.add(new FaultSpec(null, null, null, null, null, null, null, null, null, null, null)));
        assertThrows(IllegalArgumentException.class, () -> faults.add(FaultSpec.error(null, null, FaultKind.THROTTLING).withLatency(Duration.ofMinutes(1))));
        assertTrue(faults.list().isEmpty());
    }

    @Test
    void wildcardsMatchLikeIamPatterns() {
        FaultRule.Glob put = new FaultRule.Glob("Put*", true);
        assertTrue(put.matches("PutObject"));
        assertTrue(put.matches("putitem"));
        assertTrue(put.matches("Put"));
        assertFalse(put.matches("GetObject"));
        FaultRule.Glob arn = new FaultRule.Glob("arn:aws:iam::*:user/a?ice", false);
        assertTrue(arn.matches(ALICE));
        assertFalse(arn.matches("arn:aws:iam::000000000000:user/Alice"), "ARNs match case-sensitively");
        assertFalse(arn.matches(BOB));
        assertTrue(new FaultRule.Glob("*a*b*", false).matches("xxaxxbxx"));
        assertFalse(new FaultRule.Glob("*a*b", false).matches("xxaxxbxx"));
        assertTrue(new FaultRule.Glob("*", false).matches(""));
    }
}
