package course.sandbox.apigateway;

import course.sandbox.apigateway.RestApiShapes.QuotaSettings;
import course.sandbox.apigateway.RestApiShapes.ThrottleSettings;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What usage plans count: per API key, a token bucket for the plan's throttle (burstLimit
 * tokens, refilled at rateLimit per second) and requests per quota period (DAY, WEEK or MONTH,
 * starting {@code offset} days in, UTC). API Gateway answers a throttled request 429
 * "Too Many Requests" and one over quota 429 "Limit Exceeded".
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html">Usage plans and API keys</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html">Throttle requests</a>
 */
public final class UsageMeter {

    /** Whether a request may go on, and if not, why. */
    public enum Verdict { ALLOWED, THROTTLED, QUOTA_EXCEEDED }

    private record Key(String planId, String keyId) {
    }

    private static final class Bucket {
        double tokens;
        long refilledAtNanos;
    }

    private final Map<Key, Bucket> buckets = new HashMap<>();
    private final Map<Key, TreeMap<LocalDate, Long>> daily = new HashMap<>();

    /**
     * Counts one request of {@code keyId} under {@code planId}: throttle first (a throttled request
     * does not count towards the quota), then the quota.
     *
     * @param nanos a monotonic clock reading (System.nanoTime) for the token bucket
     */
    public synchronized Verdict admit(String planId, String keyId, ThrottleSettings throttle, QuotaSettings quota,
                                      Instant now, long nanos) {
        Key key = new Key(planId, keyId);
        if (throttle != null && (throttle.rateLimit != null || throttle.burstLimit != null)) {
            double rate = throttle.rateLimit == null ? Double.MAX_VALUE : throttle.rateLimit;
            double burst = throttle.burstLimit == null ? Math.max(1, rate) : throttle.burstLimit;
            Bucket bucket = buckets.computeIfAbsent(key, k -> {
                Bucket full = new Bucket();
                full.tokens = burst;
                full.refilledAtNanos = nanos;
                return full;
            });
            bucket.tokens = Math.min(burst, bucket.tokens + (nanos - bucket.refilledAtNanos) / 1e9 * rate);
            bucket.refilledAtNanos = nanos;
            if (bucket.tokens < 1) {
                return Verdict.THROTTLED;
            }
            bucket.tokens -= 1;
        }
        if (quota != null && quota.limit != null && used(key, quota, now) >= quota.limit) {
            return Verdict.QUOTA_EXCEEDED;
        }
        daily.computeIfAbsent(key, k -> new TreeMap<>()).merge(today(now), 1L, Long::sum);
        return Verdict.ALLOWED;
    }

    /** Requests counted in the quota period that contains {@code now}. */
    private long used(Key key, QuotaSettings quota, Instant now) {
        LocalDate start = periodStart(quota, today(now));
        return daily.getOrDefault(key, new TreeMap<>()).tailMap(start, true).values().stream().mapToLong(Long::longValue).sum();
    }

    static LocalDate periodStart(QuotaSettings quota, LocalDate today) {
        int offset = quota.offset == null ? 0 : quota.offset;
        LocalDate start = switch (quota.period) {
            case "DAY" -> today;
            case "WEEK" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).plusDays(offset);
            default -> today.withDayOfMonth(1).plusDays(offset);
        };
        return start.isAfter(today) ? switch (quota.period) {
            case "WEEK" -> start.minusWeeks(1);
            case "MONTH" -> start.minusMonths(1);
            default -> start;
        } : start;
    }

    /**
     * GetUsage's values: per key id, one {@code [used, remaining]} pair per day from start to end
     * (remaining counts down the quota period the day falls in).
     */
    public synchronized Map<String, List<List<Long>>> usage(String planId, List<String> keyIds, QuotaSettings quota,
                                                            LocalDate start, LocalDate end) {
        Map<String, List<List<Long>>> values = new LinkedHashMap<>();
        for (String keyId : keyIds) {
            TreeMap<LocalDate, Long> days = daily.getOrDefault(new Key(planId, keyId), new TreeMap<>());
            List<List<Long>> pairs = new java.util.ArrayList<>();
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                long used = days.getOrDefault(day, 0L);
                long remaining = -1;
                if (quota != null && quota.limit != null) {
                    LocalDate periodStart = periodStart(quota, day);
                    long usedInPeriod = days.subMap(periodStart, true, day, true).values().stream().mapToLong(Long::longValue).sum();
                    remaining = Math.max(0, quota.limit - usedInPeriod);
                }
                pairs.add(List.of(used, remaining));
            }
            values.put(keyId, pairs);
        }
        return values;
    }

    public synchronized void reset() {
        buckets.clear();
        daily.clear();
    }

    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }
}
