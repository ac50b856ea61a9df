package course.sandbox.bench;

import course.sandbox.e2e.RunningSandbox;
import course.sandbox.faults.FaultInjector;
import course.sandbox.faults.FaultKind;
import course.sandbox.faults.FaultSpec;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * What fault rules cost a request when none fires: STS GetCallerIdentity through the whole
 * pipeline over loopback with no rules, 1 rule and 10 rules that never match this request,
 * in alternating rounds (best round of each), as a ratio to no rules; then the fault stage
 * alone (FaultInjector.decide) in nanoseconds. Prints figures; not a test. Run with bench/sandbox.sh.
 */
public final class FaultRuleCostBenchmark {
    private static final int REQUESTS = 3_000;
    private static final int DECISIONS = 2_000_000;
    private static final String CALLER = "arn:aws:iam::000000000000:root";
    /** Rules that look at this request (service, operation, caller) and pass it by. */
    private static final List<String> MISSING_RULES = List.of(
            "{\"service\":\"s3\",\"error\":\"throttling\"}",
            "{\"service\":\"sts\",\"operation\":\"AssumeRole*\",\"error\":\"server-error\"}",
            "{\"service\":\"sts\",\"principal\":\"arn:aws:iam::*:user/alice\",\"error\":\"throttling\"}",
            "{\"service\":\"dynamodb\",\"operation\":\"GetItem\",\"error\":\"throttling\",\"count\":5}",
            "{\"service\":\"cloudwatch\",\"latencyMs\":100}",
            "{\"operation\":\"Put*\",\"error\":\"unavailable\",\"probability\":0.5,\"seed\":1}",
            "{\"service\":\"iam\",\"error\":\"client-error\"}",
            "{\"service\":\"sts\",\"operation\":\"GetSessionToken\",\"error\":\"throttling\"}",
            "{\"principal\":\"arn:aws:sts::*:assumed-role/*\",\"error\":\"server-error\"}",
            "{\"service\":\"s3\",\"operation\":\"GetObject\",\"latencyMs\":50}");

    private FaultRuleCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (RunningSandbox sandbox = RunningSandbox.start(); StsClient sts = sandbox.sts(RunningSandbox.ROOT)) {
            URI faults = URI.create(sandbox.endpoint() + "/_sandbox/faults");
            time(sts, 3 * REQUESTS);
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            int[] ruleCounts = {0, 1, 10};
            for (int round = 0; round < 3; round++) {
                // Each round starts with another setting, so warming up favours none of them.
                for (int step = 0; step < ruleCounts.length; step++) {
                    int setting = (round + step) % ruleCounts.length;
                    send(http, HttpRequest.newBuilder(faults).DELETE(), faults);
                    for (int rule = 0; rule < ruleCounts[setting]; rule++) {
                        send(http, HttpRequest.newBuilder(faults).POST(HttpRequest.BodyPublishers.ofString(MISSING_RULES.get(rule))), faults);
                    }
                    best[setting] = Math.min(best[setting], time(sts, REQUESTS));
                }
            }
            System.out.printf("GetCallerIdentity through the pipeline, %d requests per round, best of 3 rotating rounds:%n", REQUESTS);
            for (int setting = 0; setting < ruleCounts.length; setting++) {
                System.out.printf("  %2d rules, none firing: %.1f µs per request, %.3f× no rules%n",
                        ruleCounts[setting], best[setting], best[setting] / best[0]);
            }
        }

        System.out.printf("The fault stage alone (FaultInjector.decide), %,d decisions per round, best of 3 alternating rounds:%n", DECISIONS);
        int[] ruleCounts = {0, 1, 10};
        FaultInjector[] injectors = new FaultInjector[ruleCounts.length];
        double[] best = new double[ruleCounts.length];
        for (int setting = 0; setting < ruleCounts.length; setting++) {
            injectors[setting] = new FaultInjector();
            for (int i = 0; i < ruleCounts[setting]; i++) {
                injectors[setting].add(spec(i));
            }
            best[setting] = Double.MAX_VALUE;
            decide(injectors[setting], DECISIONS);
        }
        int fired = 0;
        for (int round = 0; round < 3; round++) {
            for (int setting = 0; setting < ruleCounts.length; setting++) {
                long start = System.nanoTime();
                fired += decide(injectors[setting], DECISIONS);
                best[setting] = Math.min(best[setting], (System.nanoTime() - start) / (double) DECISIONS);
            }
        }
        for (int setting = 0; setting < ruleCounts.length; setting++) {
            System.out.printf("  %2d rules: %.1f ns per request%n", ruleCounts[setting], best[setting]);
        }
        if (fired != 0) {
            throw new IllegalStateException(fired + " rules fired: the benchmark measures rules that do not");
        }
    }

    /** In-process twins of the first rules above: none matches sts GetCallerIdentity by root. */
    private static FaultSpec spec(int index) {
        return switch (index % 4) {
            case 0 -> FaultSpec.error("s3", null, FaultKind.THROTTLING);
            case 1 -> FaultSpec.error("sts", "AssumeRole*", FaultKind.SERVER_ERROR);
            case 2 -> FaultSpec.error("sts", null, FaultKind.THROTTLING).forPrincipal("arn:aws:iam::*:user/alice");
            default -> FaultSpec.error("dynamodb", "GetItem", FaultKind.THROTTLING).times(5);
        };
    }

    private static int decide(FaultInjector injector, int times) {
        int fired = 0;
        for (int i = 0; i < times; i++) {
            fired += injector.decide("sts", "GetCallerIdentity", CALLER).isPresent() ? 1 : 0;
        }
        return fired;
    }

    /** Microseconds per request. */
    private static double time(StsClient sts, int requests) {
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            sts.getCallerIdentity();
        }
        return (System.nanoTime() - start) / 1e3 / requests;
    }

    private static void send(HttpClient http, HttpRequest.Builder request, URI faults) throws Exception {
        HttpResponse<String> response = http.send(request.header("X-Course-Sandbox-Control", "yes").build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(faults + ": " + response.body());
        }
    }
}
