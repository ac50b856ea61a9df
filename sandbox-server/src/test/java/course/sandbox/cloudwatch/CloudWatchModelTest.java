package course.sandbox.cloudwatch;

import course.sandbox.service.ServiceException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statistics as CloudWatch defines them:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
 * and the API reference of PutMetricData, GetMetricStatistics, GetMetricData, ListMetrics:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/
 */
class CloudWatchModelTest {
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";
    private static final String NS = "Course/Test";
    private static final Instant NOON = Instant.parse("2025-01-01T12:00:00Z");

    private final MovableClock clock = new MovableClock(NOON.plus(Duration.ofMinutes(30)));
    private final CloudWatchModel cloudWatch = new CloudWatchModel(clock);

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private void put(MetricDatum... data) {
        cloudWatch.putMetricData(ACCOUNT, REGION, NS, List.of(data));
    }

    private static MetricDatum values(String name, Instant time, List<Double> values, List<Double> counts) {
        return new MetricDatum(name, List.of(), time, null, values, counts, null, null, null);
    }

    private static List<Double> range(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> (double) i).toList();
    }

    private List<Datapoint> statistics(String name, int period, List<String> statistics, List<String> extended) {
        return statistics(name, List.of(), NOON, NOON.plus(Duration.ofHours(1)), period, statistics, extended, null);
    }

    private List<Datapoint> statistics(String name, List<Dimension> dimensions, Instant start, Instant end, int period,
                                       List<String> statistics, List<String> extended, String unit) {
        return cloudWatch.getMetricStatistics(ACCOUNT, REGION, new GetMetricStatisticsRequest(NS, name, dimensions,
                start, end, period, statistics, extended, unit)).datapoints();
    }

    private Datapoint onlyDatapoint(String name, List<String> statistics, List<String> extended) {
        List<Datapoint> datapoints = statistics(name, 3600, statistics, extended);
        assertEquals(1, datapoints.size(), datapoints::toString);
        return datapoints.get(0);
    }

    private static void assertError(String code, String message, Runnable action) {
        ServiceException e = assertThrows(ServiceException.class, action::run);
        assertEquals(code, e.code());
        assertEquals(400, e.status());
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
    }

    private static final List<String> ALL = List.of("SampleCount", "Sum", "Average", "Minimum", "Maximum");

    @Test
    void basicStatisticsOverSingleValues() {
        for (int i = 1; i <= 10; i++) {
            put(MetricDatum.value("Latency", i, NOON.plusSeconds(i)));
        }
        Datapoint point = onlyDatapoint("Latency", ALL, List.of());
        // SampleCount: number of data points; Sum; Average = Sum/SampleCount; Minimum; Maximum.
        assertEquals(Map.of("SampleCount", 10.0, "Sum", 55.0, "Average", 5.5, "Minimum", 1.0, "Maximum", 10.0), point.statistics());
        assertEquals(NOON, point.timestamp());
        assertEquals("None", point.unit());
    }

    @Test
    void valuesWithCountsWeighEachValue() {
        // MetricDatum: "Each number in the Counts array is the number of times the corresponding value
        // in the Values array occurred"; without Counts each value counts once.
        put(values("Sizes", NOON, List.of(1.0, 2.0, 3.0), List.of(2.0, 1.0, 1.0)), values("Sizes", NOON, List.of(10.0), null));
        Datapoint point = onlyDatapoint("Sizes", ALL, List.of());
        assertEquals(5.0, point.statistics().get("SampleCount"));
        assertEquals(17.0, point.statistics().get("Sum"));
        assertEquals(3.4, point.statistics().get("Average"), 1e-12);
        assertEquals(1.0, point.statistics().get("Minimum"));
        assertEquals(10.0, point.statistics().get("Maximum"));
        Datapoint percentiles = onlyDatapoint("Sizes", List.of(), List.of("p40", "p60", "p80", "p100"));
        assertEquals(Map.of("p40", 1.0, "p60", 2.0, "p80", 3.0, "p100", 10.0), percentiles.extendedStatistics());
    }

    @Test
    void statisticSetsCombineButHaveNoPercentilesUnlessTheyHoldOneValue() {
        put(new MetricDatum("Set", List.of(), NOON, null, null, null, new StatisticSet(4, 20, 2, 8), null, null),
                MetricDatum.value("Set", 10, NOON));
        Datapoint point = onlyDatapoint("Set", ALL, List.of());
        assertEquals(Map.of("SampleCount", 5.0, "Sum", 30.0, "Average", 6.0, "Minimum", 2.0, "Maximum", 10.0), point.statistics());
        // GetMetricStatistics: percentiles of statistic sets only when SampleCount is 1 or Min equals Max.
        assertEquals(Map.of(), onlyDatapoint("Set", List.of(), List.of("p50")).extendedStatistics());

        put(new MetricDatum("Flat", List.of(), NOON, null, null, null, new StatisticSet(3, 21, 7, 7), null, null),
                MetricDatum.value("Flat", 1, NOON));
        assertEquals(Map.of("p50", 7.0, "p25", 1.0), onlyDatapoint("Flat", List.of(), List.of("p50", "p25")).extendedStatistics());
    }

    @Test
    void percentilesAreValuesThatThatShareOfTheDataDoesNotExceed() {
        put(values("Hundred", NOON, range(1, 100), null));
        Datapoint point = onlyDatapoint("Hundred", List.of(), List.of("p0", "p50", "p90", "p99", "p99.5", "p100"));
        assertEquals(Map.of("p0", 1.0, "p50", 50.0, "p90", 90.0, "p99", 99.0, "p99.5", 100.0, "p100", 100.0), point.extendedStatistics());
        // "Percentile statistics are not available for metrics when any of the metric values are negative numbers."
        put(values("Signed", NOON, List.of(-1.0, 5.0), null));
        assertEquals(Map.of(), onlyDatapoint("Signed", List.of(), List.of("p50")).extendedStatistics());
    }

    @Test
    void trimmedStatisticsAndPercentileRank() {
        put(values("Ten", NOON, range(1, 10), null));
        Datapoint point = onlyDatapoint("Ten", List.of(), List.of("tm90", "TM(10%:90%)", "TM(3:7)", "tc90", "ts90", "PR(:5)", "PR(2:4)"));
        Map<String, Double> values = point.extendedStatistics();
        assertEquals(5.0, values.get("tm90"));          // 10 removed: mean of 1..9
        assertEquals(5.5, values.get("TM(10%:90%)"));   // 1 and 10 removed: mean of 2..9
        assertEquals(5.5, values.get("TM(3:7)"));       // 3 < v <= 7: 4..7
        assertEquals(9.0, values.get("tc90"));
        assertEquals(45.0, values.get("ts90"));
        assertEquals(50.0, values.get("PR(:5)"));       // 1..5 of 10
        assertEquals(20.0, values.get("PR(2:4)"));      // lower bound exclusive, upper inclusive: 3, 4
        put(values("Eight", NOON, range(1, 8), null));
        // IQM = TM(25%:75%), the middle 50%: p25 = 2 < v <= p75 = 6.
        assertEquals(Map.of("IQM", 4.5), onlyDatapoint("Eight", List.of(), List.of("IQM")).extendedStatistics());
    }

    @Test
    void periodsGroupDataPointsFromTheRoundedStartTime() {
        put(MetricDatum.value("Hits", 1, NOON.plusSeconds(10)), MetricDatum.value("Hits", 2, NOON.plusSeconds(50)),
                MetricDatum.value("Hits", 4, NOON.plusSeconds(90)), MetricDatum.value("Hits", 8, NOON.plusSeconds(300)));
        Function<List<Datapoint>, Map<Instant, Double>> sums = points -> points.stream()
                .collect(java.util.stream.Collectors.toMap(Datapoint::timestamp, point -> point.statistics().get("Sum")));
        assertEquals(Map.of(NOON, 3.0, NOON.plusSeconds(60), 4.0, NOON.plusSeconds(300), 8.0),
                sums.apply(statistics("Hits", 60, List.of("Sum"), List.of())));
        assertEquals(Map.of(NOON, 7.0, NOON.plusSeconds(300), 8.0), sums.apply(statistics("Hits", 300, List.of("Sum"), List.of())));
        // StartTime 12:00:34 is rounded down to 12:00:00 (start less than 15 days ago); EndTime is exclusive.
        assertEquals(Map.of(NOON, 3.0, NOON.plusSeconds(60), 4.0), sums.apply(statistics("Hits", List.of(),
                NOON.plusSeconds(34), NOON.plusSeconds(300), 60, List.of("Sum"), List.of(), null)));
    }

    @Test
    void highResolutionMetricsKeepSecondsRegularOnesMinutes() {
        for (int second : new int[] {3, 7, 12}) {
            put(MetricDatum.value("Fast", second, NOON.plusSeconds(second)).withStorageResolution(1),
                    MetricDatum.value("Slow", second, NOON.plusSeconds(second)));
        }
        List<Datapoint> fast = statistics("Fast", 10, List.of("SampleCount"), List.of());
        assertEquals(List.of(NOON, NOON.plusSeconds(10)), fast.stream().map(Datapoint::timestamp).toList());
        assertEquals(List.of(2.0, 1.0), fast.stream().map(point -> point.statistics().get("SampleCount")).toList());
        List<Datapoint> slow = statistics("Slow", 10, List.of("SampleCount"), List.of());
        assertEquals(List.of(NOON), slow.stream().map(Datapoint::timestamp).toList());
        assertEquals(3.0, slow.get(0).statistics().get("SampleCount"));
        // Starting more than 3 hours ago needs a period that is a multiple of 60, or no data points come back.
        clock.now = NOON.plus(Duration.ofHours(4));
        assertEquals(List.of(), statistics("Fast", 10, List.of("SampleCount"), List.of()));
        assertEquals(1, statistics("Fast", 60, List.of("SampleCount"), List.of()).size());
    }

    @Test
    void eachUnitHasItsOwnDataPointsUnlessOneIsAskedFor() {
        put(MetricDatum.value("Mixed", 2, NOON).withUnit("Count"), MetricDatum.value("Mixed", 3, NOON).withUnit("Seconds"),
                MetricDatum.value("Mixed", 5, NOON).withUnit("Seconds"));
        List<Datapoint> all = statistics("Mixed", 60, List.of("Sum"), List.of());
        assertEquals(Map.of("Count", 2.0, "Seconds", 8.0), all.stream()
                .collect(java.util.stream.Collectors.toMap(Datapoint::unit, point -> point.statistics().get("Sum"))));
        List<Datapoint> seconds = statistics("Mixed", List.of(), NOON, NOON.plusSeconds(60), 60, List.of("Sum"), List.of(), "Seconds");
        assertEquals(1, seconds.size());
        assertEquals(8.0, seconds.get(0).statistics().get("Sum"));
        assertEquals(List.of(), statistics("Mixed", List.of(), NOON, NOON.plusSeconds(60), 60, List.of("Sum"), List.of(), "Bytes"));
    }

    @Test
    void dimensionsIdentifyMetricsWhateverTheirOrder() {
        Dimension a = new Dimension("Host", "a");
        Dimension env = new Dimension("Env", "test");
        put(MetricDatum.value("Cpu", 10, NOON, a, env), MetricDatum.value("Cpu", 30, NOON, env, a),
                MetricDatum.value("Cpu", 99, NOON, a));
        assertEquals(40.0, statistics("Cpu", List.of(env, a), NOON, NOON.plusSeconds(60), 60, List.of("Sum"), List.of(), null)
                .get(0).statistics().get("Sum"));
        assertEquals(99.0, statistics("Cpu", List.of(a), NOON, NOON.plusSeconds(60), 60, List.of("Sum"), List.of(), null)
                .get(0).statistics().get("Sum"));
        // "If a specific combination of dimensions was not published, you can't retrieve statistics for it."
        assertEquals(List.of(), statistics("Cpu", List.of(env), NOON, NOON.plusSeconds(60), 60, List.of("Sum"), List.of(), null));
        assertEquals(List.of(), statistics("Cpu", List.of(), NOON, NOON.plusSeconds(60), 60, List.of("Sum"), List.of(), null));
    }

    @Test
    void metricsBelongToTheirAccountAndRegion() {
        put(MetricDatum.value("Mine", 1, NOON));
        cloudWatch.putMetricData("111111111111", REGION, NS, List.of(MetricDatum.value("Theirs", 1, NOON)));
        cloudWatch.putMetricData(ACCOUNT, "eu-west-1", NS, List.of(MetricDatum.value("Elsewhere", 1, NOON)));
        assertEquals(List.of(Metric.of(NS, "Mine")), cloudWatch.listMetrics(ACCOUNT, REGION, ListMetricsRequest.all()).metrics());
        assertEquals(List.of(Metric.of(NS, "Elsewhere")), cloudWatch.listMetrics(ACCOUNT, "eu-west-1", ListMetricsRequest.all()).metrics());
        assertEquals(List.of(), cloudWatch.getMetricStatistics("111111111111", REGION, new GetMetricStatisticsRequest(NS, "Mine",
                null, NOON, NOON.plusSeconds(60), 60, List.of("Sum"), null, null)).datapoints());
        cloudWatch.reset();
        assertEquals(List.of(), cloudWatch.listMetrics(ACCOUNT, REGION, ListMetricsRequest.all()).metrics());
    }

    @Test
    void listMetricsFiltersAndPages() {
        put(MetricDatum.value("Cpu", 1, NOON, new Dimension("Host", "a")), MetricDatum.value("Cpu", 1, NOON, new Dimension("Host", "b")),
                MetricDatum.value("Memory", 1, NOON, new Dimension("Host", "a"), new Dimension("Env", "prod")));
        cloudWatch.putMetricData(ACCOUNT, REGION, "Other", List.of(MetricDatum.value("Cpu", 1, NOON)));
        assertEquals(4, cloudWatch.listMetrics(ACCOUNT, REGION, ListMetricsRequest.all()).metrics().size());
        assertEquals(List.of(Metric.of(NS, "Cpu", new Dimension("Host", "a")), Metric.of(NS, "Cpu", new Dimension("Host", "b"))),
                cloudWatch.listMetrics(ACCOUNT, REGION, new ListMetricsRequest(NS, "Cpu", null, null, null)).metrics());
        // A filter matches metrics that have the dimension (any value when none is given), among others.
        assertEquals(2, cloudWatch.listMetrics(ACCOUNT, REGION, new ListMetricsRequest(null, null,
                List.of(new DimensionFilter("Host", "a")), null, null)).metrics().size());
        assertEquals(List.of(Metric.of(NS, "Memory", new Dimension("Env", "prod"), new Dimension("Host", "a"))),
                cloudWatch.listMetrics(ACCOUNT, REGION, new ListMetricsRequest(null, null,
                        List.of(new DimensionFilter("Env", null)), null, null)).metrics());

        List<MetricDatum> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(MetricDatum.value("Page", i, NOON, new Dimension("N", String.format("%04d", i))));
        }
        cloudWatch.putMetricData(ACCOUNT, REGION, "Paged", many);
        cloudWatch.putMetricData(ACCOUNT, REGION, "Paged", List.of(MetricDatum.value("Page", 1, NOON, new Dimension("N", "x"))));
        List<Metric> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            MetricListing page = cloudWatch.listMetrics(ACCOUNT, REGION, new ListMetricsRequest("Paged", null, null, null, token));
            assertTrue(page.metrics().size() <= 500);
            seen.addAll(page.metrics());
            token = page.nextToken().orElse(null);
            pages++;
        } while (token != null);
        assertEquals(3, pages);
        assertEquals(1001, seen.stream().distinct().count());
        assertError("InvalidParameterValue", null, () -> cloudWatch.listMetrics(ACCOUNT, REGION,
                new ListMetricsRequest(null, null, null, null, "not-a-token")));
    }

    @Test
    void recentlyActiveListsMetricsWithDataPublishedInThePastThreeHours() {
        put(MetricDatum.value("Old", 1, null));
        clock.now = clock.now.plus(Duration.ofHours(4));
        put(MetricDatum.value("New", 1, null));
        assertEquals(List.of(Metric.of(NS, "New")),
                cloudWatch.listMetrics(ACCOUNT, REGION, new ListMetricsRequest(null, null, null, "PT3H", null)).metrics());
        assertError("InvalidParameterValue", null, () -> cloudWatch.listMetrics(ACCOUNT, REGION,
                new ListMetricsRequest(null, null, null, "PT1H", null)));
    }

    @Test
    void getMetricDataReturnsEachQueryNewestFirstWithLabels() {
        Metric requests = Metric.of(NS, "Requests");
        Metric errors = Metric.of(NS, "Errors");
        for (int minute = 0; minute < 3; minute++) {
            put(MetricDatum.value("Requests", 10 * (minute + 1), NOON.plusSeconds(60L * minute)),
                    MetricDatum.value("Errors", minute, NOON.plusSeconds(60L * minute)));
        }
        MetricDataResults results = cloudWatch.getMetricData(ACCOUNT, REGION, GetMetricDataRequest.of(NOON, NOON.plusSeconds(180),
                MetricDataQuery.stat("r", requests, 60, "Sum"),
                MetricDataQuery.stat("e", errors, 60, "Sum").hidden(),
                MetricDataQuery.expression("rate", "100 * e / r", "Error rate (%)"),
                MetricDataQuery.expression("total", "(r + e) * 2", null)));
        assertEquals(List.of("r", "rate", "total"), results.results().stream().map(MetricDataResult::id).toList());
        MetricDataResult r = results.results().get(0);
        assertEquals("Requests", r.label());
        assertEquals("Complete", r.statusCode());
        // ScanBy defaults to TimestampDescending: newest first.
        assertEquals(List.of(NOON.plusSeconds(120), NOON.plusSeconds(60), NOON), r.timestamps());
        assertEquals(List.of(30.0, 20.0, 10.0), r.values());
        assertEquals("Error rate (%)", results.results().get(1).label());
        assertEquals(List.of(2 * 100 / 30.0, 100 / 20.0, 0.0), results.results().get(1).values());
        assertEquals("total", results.results().get(2).label());
        assertEquals(List.of(64.0, 42.0, 20.0), results.results().get(2).values());

        MetricDataResults ascending = cloudWatch.getMetricData(ACCOUNT, REGION, new GetMetricDataRequest(List.of(
                MetricDataQuery.stat("p", requests, 180, "p50"), MetricDataQuery.expression("ratio", "r / e", null),
                MetricDataQuery.stat("r", requests, 60, "Sum").hidden(), MetricDataQuery.stat("e", errors, 60, "Sum").hidden()),
                NOON, NOON.plusSeconds(180), "TimestampAscending", null, null));
        assertEquals(List.of(20.0), ascending.results().get(0).values());
        // x / 0 has no value: the first minute (0 errors) is left out.
        assertEquals(List.of(NOON.plusSeconds(60), NOON.plusSeconds(120)), ascending.results().get(1).timestamps());
        assertEquals(List.of(20.0, 15.0), ascending.results().get(1).values());
    }

    @Test
    void getMetricDataPagesByMaxDatapoints() {
        for (int minute = 0; minute < 5; minute++) {
            put(MetricDatum.value("Ticks", minute, NOON.plusSeconds(60L * minute)));
        }
        List<Double> values = new ArrayList<>();
        String token = null;
        int calls = 0;
        do {
            MetricDataResults page = cloudWatch.getMetricData(ACCOUNT, REGION, new GetMetricDataRequest(List.of(
                    MetricDataQuery.stat("t", Metric.of(NS, "Ticks"), 60, "Maximum")), NOON, NOON.plusSeconds(300),
                    "TimestampAscending", 2, token));
            MetricDataResult result = page.results().get(0);
            values.addAll(result.values());
            token = page.nextToken().orElse(null);
            assertEquals(token == null ? "Complete" : "PartialData", result.statusCode());
            calls++;
        } while (token != null);
        assertEquals(3, calls);
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0), values);
        assertError("InvalidNextToken", null, () -> cloudWatch.getMetricData(ACCOUNT, REGION, new GetMetricDataRequest(List.of(
                MetricDataQuery.stat("t", Metric.of(NS, "Ticks"), 60, "Maximum")), NOON, NOON.plusSeconds(300), null, null, "bogus")));
    }

    @Test
    void getMetricDataRejectsBadQueries() {
        Metric metric = Metric.of(NS, "M");
        Function<MetricDataQuery[], Runnable> call = queries -> () -> cloudWatch.getMetricData(ACCOUNT, REGION,
                GetMetricDataRequest.of(NOON, NOON.plusSeconds(60), queries));
        assertError("ValidationError", null, call.apply(new MetricDataQuery[] {MetricDataQuery.stat("Upper", metric, 60, "Sum")}));
        assertError("ValidationError", null, call.apply(new MetricDataQuery[] {
                MetricDataQuery.stat("a", metric, 60, "Sum"), MetricDataQuery.stat("a", metric, 60, "Sum")}));
        assertError("ValidationError", null, call.apply(new MetricDataQuery[] {MetricDataQuery.stat("a", metric, 60, "Median")}));
        assertError("ValidationError", null, call.apply(new MetricDataQuery[] {MetricDataQuery.expression("x", "a + ", null)}));
        assertError("ValidationError", null, call.apply(new MetricDataQuery[] {MetricDataQuery.expression("x", "nope * 2", null)}));
        assertError("ValidationError", null, call.apply(new MetricDataQuery[] {MetricDataQuery.expression("x", "y", null),
                MetricDataQuery.expression("y", "x + 1", null)}));
        assertError("ValidationError", null, call.apply(new MetricDataQuery[] {MetricDataQuery.expression("x", "SUM(METRICS())", null)}));
        assertError("ValidationError", null, call.apply(new MetricDataQuery[] {MetricDataQuery.expression("x", "1 + 2", null)}));
        assertError("ValidationError", null, call.apply(new MetricDataQuery[] {MetricDataQuery.stat("a", metric, 60, "Sum").hidden()}));
    }

    @Test
    void putMetricDataRejectsWhatCloudWatchRejectsAndStoresNothingThen() {
        MetricDatum good = MetricDatum.value("Good", 1, NOON);
        assertError("InvalidParameterCombination",
                "The parameters MetricData.member.2.Value and MetricData.member.2.StatisticValues are mutually exclusive and you have specified both.",
                () -> put(good, new MetricDatum("Bad", List.of(), NOON, 1.0, null, null, new StatisticSet(1, 1, 1, 1), null, null)));
        assertEquals(List.of(), cloudWatch.listMetrics(ACCOUNT, REGION, ListMetricsRequest.all()).metrics());
        assertError("InvalidParameterValue", null, () -> put(values("Bad", NOON, List.of(1.0, 2.0), List.of(1.0))));
        assertError("InvalidParameterValue", null, () -> put(MetricDatum.value("Bad", Double.NaN, NOON)));
        assertError("InvalidParameterValue", null, () -> put(MetricDatum.value("Bad", Math.scalb(1.0, 361), NOON)));
        assertError("InvalidParameterValue", null, () -> put(values("Bad", NOON, range(1, 151), null)));
        // Time stamps: up to two weeks in the past, two hours in the future.
        assertError("InvalidParameterValue", null, () -> put(MetricDatum.value("Bad", 1, clock.now.minus(Duration.ofDays(15)))));
        assertError("InvalidParameterValue", null, () -> put(MetricDatum.value("Bad", 1, clock.now.plus(Duration.ofHours(3)))));
        assertError("InvalidParameterValue", null, () -> put(good.withStorageResolution(30)));
        assertError("InvalidParameterValue", null, () -> put(good.withUnit("Furlongs")));
        assertError("MissingParameter", "The parameter MetricData.member.1.MetricName is required.",
                () -> put(MetricDatum.value(null, 1, NOON)));
        assertError("MissingParameter", null, () -> put(new MetricDatum("Empty", List.of(), NOON, null, null, null, null, null, null)));
        assertError("InvalidParameterValue", null, () -> put(MetricDatum.value("Twice", 1, NOON, new Dimension("A", "1"), new Dimension("A", "2"))));
        assertError("InvalidParameterValue", null, () -> cloudWatch.putMetricData(ACCOUNT, REGION, "AWS/EC2", List.of(good)));
        assertError("MissingParameter", "The parameter Namespace is required.", () -> cloudWatch.putMetricData(ACCOUNT, REGION, null, List.of(good)));
        assertEquals(List.of(), cloudWatch.listMetrics(ACCOUNT, REGION, ListMetricsRequest.all()).metrics());
    }

    @Test
    void getMetricStatisticsRejectsBadRequests() {
        assertError("InvalidParameterCombination",
                "You have requested up to 2,880 datapoints, which exceeds the limit of 1,440. "
                        + "You may reduce the datapoints requested by increasing Period, or decreasing the time range.",
                () -> statistics("M", List.of(), NOON, NOON.plus(Duration.ofDays(2)), 60, List.of("Sum"), List.of(), null));
        assertError("InvalidParameterCombination", "The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.",
                () -> statistics("M", 60, List.of("Sum"), List.of("p90")));
        assertError("MissingParameter", null, () -> statistics("M", 60, List.of(), List.of()));
        assertError("InvalidParameterValue", null, () -> statistics("M", 45, List.of("Sum"), List.of()));
        assertError("InvalidParameterValue", null, () -> statistics("M", 60, List.of("Median"), List.of()));
        assertError("InvalidParameterValue", null, () -> statistics("M", 60, List.of(), List.of("p101")));
        assertError("InvalidParameterValue", null, () -> statistics("M", 60, List.of(), List.of("Sum")));
        assertError("InvalidParameterValue", null, () -> statistics("M", List.of(), NOON, NOON, 60, List.of("Sum"), List.of(), null));
        assertFalse(Statistic.parse("TM(10%:90)").isPresent(), "mixed percent and absolute bounds");
        assertFalse(Statistic.parse("PR(10%:90%)").isPresent(), "percentile rank takes absolute bounds");
    }
}
