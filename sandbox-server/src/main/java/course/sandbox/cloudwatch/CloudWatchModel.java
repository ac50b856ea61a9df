package course.sandbox.cloudwatch;

import course.sandbox.service.ServiceException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * CloudWatch metrics, per account and region: PutMetricData stores data points, ListMetrics
 * finds metrics, GetMetricStatistics and GetMetricData compute statistics over the stored
 * points per period, as CloudWatch defines them
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html).
 * Differences: metrics are listed at once (CloudWatch can take up to 15 minutes), data is kept
 * until reset (no retention roll-up), and the sandbox keeps at most {@link #MAX_STORED_POINTS}.
 */
public final class CloudWatchModel {
    static final int MAX_DATAPOINTS_PER_CALL = 1440;
    static final int MAX_METRIC_DATA = 1000;
    static final int MAX_VALUES = 150;
    static final int MAX_DIMENSIONS = 30;
    static final int MAX_DIMENSION_FILTERS = 10;
    static final int LIST_PAGE_SIZE = 500;
    static final int MAX_QUERIES = 500;
    static final int DEFAULT_MAX_DATAPOINTS = 100_800;
    static final long MAX_STORED_POINTS = 1_000_000;
    static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes",
            "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count",
            "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");
    /** Values must lie within ±2^360, and 0 or at least 2^-360 in magnitude (PutMetricData). */
    private static final double LARGEST = Math.scalb(1.0, 360);
    private static final double SMALLEST = Math.scalb(1.0, -360);
    private static final Set<Integer> SUB_MINUTE_PERIODS = Set.of(1, 5, 10, 20, 30);
    private static final Pattern QUERY_ID = Pattern.compile("[a-z][a-zA-Z0-9_]{0,254}");

    private record Scope(String account, String region) {
    }

    /** A metric's stored observations by time; guarded by itself. */
    private static final class Series {
        final TreeMap<Instant, List<Observation>> byTime = new TreeMap<>();
        Instant lastPut = Instant.EPOCH;
    }

    private final Clock clock;
    private final Map<Scope, Map<Metric, Series>> scopes = new ConcurrentHashMap<>();
    private final AtomicLong storedPoints = new AtomicLong();

    public CloudWatchModel(Clock clock) {
        this.clock = clock;
    }

    public void reset() {
        scopes.clear();
        storedPoints.set(0);
    }

    // ---------------------------------------------------------------- PutMetricData

    /** Validates every entry first, then stores them all: one bad entry stores nothing. */
    public void putMetricData(String account, String region, String namespace, List<MetricDatum> data) {
        checkNamespace(namespace, "Namespace");
        if (namespace.startsWith("AWS/")) {
            throw CloudWatchErrors.invalidValue("The value " + namespace
                    + " for parameter Namespace is invalid: namespaces starting with AWS/ are reserved for AWS services.");
        }
        store(account, region, namespace, data);
    }

    /** What an AWS service publishes about itself in-process, in its AWS/ namespace (Lambda: AWS/Lambda). */
    public void putServiceMetricData(String account, String region, String namespace, List<MetricDatum> data) {
        checkNamespace(namespace, "Namespace");
        store(account, region, namespace, data);
    }

    private void store(String account, String region, String namespace, List<MetricDatum> data) {
        Instant now = clock.instant();
        if (data == null || data.isEmpty()) {
            throw CloudWatchErrors.missing("MetricData");
        }
        if (data.size() > MAX_METRIC_DATA) {
            throw CloudWatchErrors.invalidValue("The collection MetricData must not have a size greater than " + MAX_METRIC_DATA + ".");
        }
        List<Map.Entry<Metric, Observation>> parsed = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            MetricDatum datum = data.get(i);
            String member = "MetricData.member." + (i + 1);
            parsed.add(Map.entry(metric(namespace, datum, member), observation(datum, member, now)));
        }
        long points = parsed.stream().mapToLong(entry -> entry.getValue().rawSize()).sum();
        if (storedPoints.addAndGet(points) > MAX_STORED_POINTS) {
            storedPoints.addAndGet(-points);
            throw new ServiceException(400, "LimitExceeded", "The sandbox keeps at most " + MAX_STORED_POINTS
                    + " metric values; reset it (./jbang sandbox reset) to start over.").shape("LimitExceededFault");
        }
        Map<Metric, Series> metrics = scopes.computeIfAbsent(new Scope(account, region), scope -> new ConcurrentHashMap<>());
        for (Map.Entry<Metric, Observation> entry : parsed) {
            Series series = metrics.computeIfAbsent(entry.getKey(), metric -> new Series());
            synchronized (series) {
                series.byTime.computeIfAbsent(entry.getValue().timestamp(), time -> new ArrayList<>()).add(entry.getValue());
                series.lastPut = now;
            }
        }
    }

    private static Metric metric(String namespace, MetricDatum datum, String member) {
        if (datum.metricName() == null || datum.metricName().isEmpty()) {
            throw CloudWatchErrors.missing(member + ".MetricName");
        }
        if (datum.metricName().length() > 255) {
            throw CloudWatchErrors.invalidValue("The parameter " + member + ".MetricName must be at most 255 characters long.");
        }
        return new Metric(namespace, datum.metricName(), checkDimensions(datum.dimensions(), member + ".Dimensions"));
    }

    private static List<Dimension> checkDimensions(List<Dimension> dimensions, String parameter) {
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw CloudWatchErrors.invalidValue("The collection " + parameter + " must not have a size greater than " + MAX_DIMENSIONS + ".");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < dimensions.size(); i++) {
            Dimension dimension = dimensions.get(i);
            String member = parameter + ".member." + (i + 1);
            if (dimension.name() == null || dimension.name().isBlank()) {
                throw CloudWatchErrors.missing(member + ".Name");
            }
            if (dimension.value() == null || dimension.value().isBlank()) {
                throw CloudWatchErrors.missing(member + ".Value");
            }
            if (dimension.name().length() > 255 || dimension.value().length() > 1024 || dimension.name().startsWith(":")
                    || !dimension.name().chars().allMatch(c -> c < 128) || !dimension.value().chars().allMatch(c -> c < 128)) {
                throw CloudWatchErrors.invalidValue("The value " + dimension.name() + " for parameter " + member
                        + " is invalid: dimension names (up to 255) and values (up to 1024) are ASCII, and names do not start with ':'.");
            }
            if (!names.add(dimension.name())) {
                throw CloudWatchErrors.invalidValue("No metric may have the dimension " + dimension.name()
                        + " more than once (" + parameter + ").");
            }
        }
        return dimensions;
    }

    private static Observation observation(MetricDatum datum, String member, Instant now) {
        boolean single = datum.value() != null;
        boolean many = !datum.values().isEmpty();
        boolean set = datum.statisticValues() != null;
        if (single && set) {
            throw CloudWatchErrors.exclusive(member + ".Value", member + ".StatisticValues");
        }
        if (single && many) {
            throw CloudWatchErrors.exclusive(member + ".Value", member + ".Values");
        }
        if (many && set) {
            throw CloudWatchErrors.exclusive(member + ".Values", member + ".StatisticValues");
        }
        if (!single && !many && !set) {
            throw CloudWatchErrors.missing(member + ".Value, " + member + ".Values or " + member + ".StatisticValues");
        }
        String unit = datum.unit() == null ? "None" : datum.unit();
        if (!UNITS.contains(unit)) {
            throw CloudWatchErrors.invalidValue(unit, member + ".Unit");
        }
        int resolution = datum.storageResolution() == null ? 60 : datum.storageResolution();
        if (resolution != 1 && resolution != 60) {
            throw CloudWatchErrors.invalidValue("The value " + resolution + " for parameter " + member
                    + ".StorageResolution is invalid: use 1 (high resolution) or 60.");
        }
        Instant timestamp = datum.timestamp() == null ? now : datum.timestamp();
        // PutMetricData accepts time stamps up to two weeks in the past and two hours in the future.
        if (timestamp.isBefore(now.minus(Duration.ofDays(14)))) {
            throw CloudWatchErrors.invalidValue("The parameter " + member + ".Timestamp must specify a time no more than two weeks in the past.");
        }
        if (timestamp.isAfter(now.plus(Duration.ofHours(2)))) {
            throw CloudWatchErrors.invalidValue("The parameter " + member + ".Timestamp must specify a time no more than two hours in the future.");
        }
        Instant stored = timestamp.truncatedTo(resolution == 1 ? ChronoUnit.SECONDS : ChronoUnit.MINUTES);
        boolean highResolution = resolution == 1;
        if (single) {
            double value = checkValue(datum.value(), member + ".Value");
            return new Observation(stored, unit, highResolution, 1, value, value, value, new double[] {value}, new double[] {1});
        }
        if (many) {
            return valuesObservation(datum, member, unit, stored, highResolution);
        }
        StatisticSet statistics = datum.statisticValues();
        String prefix = member + ".StatisticValues.";
        double count = checkValue(statistics.sampleCount(), prefix + "SampleCount");
        double sum = checkValue(statistics.sum(), prefix + "Sum");
        double minimum = checkValue(statistics.minimum(), prefix + "Minimum");
        double maximum = checkValue(statistics.maximum(), prefix + "Maximum");
        if (count <= 0) {
            throw CloudWatchErrors.invalidValue("The parameter " + prefix + "SampleCount must be greater than 0.");
        }
        if (minimum > maximum) {
            throw CloudWatchErrors.invalidValue("The parameter " + prefix + "Maximum must be greater than or equal to " + prefix + "Minimum.");
        }
        // Percentiles stay available for a set that could only come from one value (count 1, or min = max).
        boolean oneValue = minimum == maximum || count == 1;
        return new Observation(stored, unit, highResolution, count, sum, minimum, maximum,
                oneValue ? new double[] {count == 1 ? sum : minimum} : null, oneValue ? new double[] {count} : null);
    }

    private static Observation valuesObservation(MetricDatum datum, String member, String unit, Instant stored, boolean highResolution) {
        List<Double> values = datum.values();
        List<Double> counts = datum.counts();
        if (values.size() > MAX_VALUES) {
            throw CloudWatchErrors.invalidValue("The collection " + member + ".Values must not have a size greater than " + MAX_VALUES + ".");
        }
        if (!counts.isEmpty() && counts.size() != values.size()) {
            throw CloudWatchErrors.invalidValue("The parameters " + member + ".Values and " + member
                    + ".Counts must be of the same size.");
        }
        double[] rawValues = new double[values.size()];
        double[] rawCounts = new double[values.size()];
        double count = 0;
        double sum = 0;
        double minimum = Double.POSITIVE_INFINITY;
        double maximum = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.size(); i++) {
            rawValues[i] = checkValue(values.get(i), member + ".Values.member." + (i + 1));
            rawCounts[i] = counts.isEmpty() ? 1 : checkValue(counts.get(i), member + ".Counts.member." + (i + 1));
            if (rawCounts[i] < 0) {
                throw CloudWatchErrors.invalidValue(rawCounts[i], member + ".Counts.member." + (i + 1));
            }
            if (rawCounts[i] > 0) {
                count += rawCounts[i];
                sum += rawValues[i] * rawCounts[i];
                minimum = Math.min(minimum, rawValues[i]);
                maximum = Math.max(maximum, rawValues[i]);
            }
        }
        if (count == 0) {
            throw CloudWatchErrors.invalidValue("The parameter " + member + ".Counts must count at least one value.");
        }
        return new Observation(stored, unit, highResolution, count, sum, minimum, maximum, rawValues, rawCounts);
    }

    private static double checkValue(Double value, String parameter) {
        if (value == null) {
            throw CloudWatchErrors.missing(parameter);
        }
        double magnitude = Math.abs(value);
        if (!Double.isFinite(value) || magnitude > LARGEST || magnitude != 0 && magnitude < SMALLEST) {
            throw CloudWatchErrors.invalidValue("The value " + value + " for parameter " + parameter
                    + " is invalid: use a number within ±2^360 (not NaN or infinite).");
        }
        return value;
    }

    private static void checkNamespace(String namespace, String parameter) {
        if (namespace == null || namespace.isEmpty()) {
            throw CloudWatchErrors.missing(parameter);
        }
        if (namespace.length() > 255 || namespace.startsWith(":")) {
            throw CloudWatchErrors.invalidValue(namespace, parameter);
        }
    }

    // ---------------------------------------------------------------- ListMetrics

    public MetricListing listMetrics(String account, String region, ListMetricsRequest request) {
        if (request.recentlyActive() != null && !request.recentlyActive().equals("PT3H")) {
            throw CloudWatchErrors.invalidValue(request.recentlyActive(), "RecentlyActive");
        }
        if (request.dimensions().size() > MAX_DIMENSION_FILTERS) {
            throw CloudWatchErrors.invalidValue("The collection Dimensions must not have a size greater than " + MAX_DIMENSION_FILTERS + ".");
        }
        int offset = request.nextToken() == null ? 0 : decodeOffset(request.nextToken())
                .orElseThrow(() -> CloudWatchErrors.invalidValue(request.nextToken(), "NextToken"));
        Instant activeSince = clock.instant().minus(Duration.ofHours(3));
        List<Metric> matching = new ArrayList<>();
        for (Map.Entry<Metric, Series> entry : scope(account, region).entrySet()) {
            Metric metric = entry.getKey();
            if (request.namespace() != null && !request.namespace().equals(metric.namespace())
                    || request.metricName() != null && !request.metricName().equals(metric.metricName())
                    || !request.dimensions().stream().allMatch(filter -> metric.dimensions().stream().anyMatch(dimension ->
                    dimension.name().equals(filter.name()) && (filter.value() == null || dimension.value().equals(filter.value()))))) {
                continue;
            }
            if (request.recentlyActive() != null) {
                synchronized (entry.getValue()) {
                    if (entry.getValue().lastPut.isBefore(activeSince)) {
                        continue;
                    }
                }
            }
            matching.add(metric);
        }
        matching.sort(Metric.ORDER);
        if (offset > matching.size()) {
            throw CloudWatchErrors.invalidValue(request.nextToken(), "NextToken");
        }
        int end = Math.min(matching.size(), offset + LIST_PAGE_SIZE);
        return new MetricListing(List.copyOf(matching.subList(offset, end)),
                end < matching.size() ? Optional.of(encodeOffsets(List.of(end))) : Optional.empty());
    }

    private Map<Metric, Series> scope(String account, String region) {
        return scopes.getOrDefault(new Scope(account, region), Map.of());
    }

    // ---------------------------------------------------------------- GetMetricStatistics

    public MetricStatistics getMetricStatistics(String account, String region, GetMetricStatisticsRequest request) {
        checkNamespace(request.namespace(), "Namespace");
        if (request.metricName() == null || request.metricName().isEmpty()) {
            throw CloudWatchErrors.missing("MetricName");
        }
        checkTimeRange(request.startTime(), request.endTime());
        int period = checkPeriod(request.period(), "Period");
        boolean basic = !request.statistics().isEmpty();
        boolean extended = !request.extendedStatistics().isEmpty();
        if (basic && extended) {
            throw CloudWatchErrors.exclusive("Statistics", "ExtendedStatistics");
        }
        if (!basic && !extended) {
            throw CloudWatchErrors.missing("Statistics or ExtendedStatistics");
        }
        if (request.statistics().size() > 5) {
            throw CloudWatchErrors.invalidValue("The collection Statistics must not have a size greater than 5.");
        }
        if (request.extendedStatistics().size() > 10) {
            throw CloudWatchErrors.invalidValue("The collection ExtendedStatistics must not have a size greater than 10.");
        }
        Map<String, Statistic> statistics = new LinkedHashMap<>();
        for (String name : request.statistics()) {
            if (!Statistic.isBasic(name)) {
                throw CloudWatchErrors.invalidValue(name, "Statistics");
            }
            statistics.put(name, new Statistic.Basic(name));
        }
        for (String name : request.extendedStatistics()) {
            Statistic statistic = Statistic.parse(name).filter(parsed -> !(parsed instanceof Statistic.Basic))
                    .orElseThrow(() -> CloudWatchErrors.invalidValue(name, "ExtendedStatistics"));
            statistics.put(name, statistic);
        }
        if (request.unit() != null && !UNITS.contains(request.unit())) {
            throw CloudWatchErrors.invalidValue(request.unit(), "Unit");
        }
        Metric metric = new Metric(request.namespace(), request.metricName(), checkDimensions(request.dimensions(), "Dimensions"));
        Instant now = clock.instant();
        Instant start = alignStart(request.startTime(), period, now);
        long requested = (Duration.between(start, request.endTime()).getSeconds() + period - 1) / period;
        if (requested > MAX_DATAPOINTS_PER_CALL) {
            throw CloudWatchErrors.combination(String.format(Locale.US, "You have requested up to %,d datapoints, which exceeds the limit of %,d. "
                    + "You may reduce the datapoints requested by increasing Period, or decreasing the time range.", requested, MAX_DATAPOINTS_PER_CALL));
        }
        List<Datapoint> datapoints = new ArrayList<>();
        if (periodFitsAge(period, request.startTime(), now)) {
            // Without a unit, each unit the data was put with has its own data points.
            Map<String, NavigableMap<Instant, Aggregate>> byUnit = new TreeMap<>();
            for (Observation observation : observations(account, region, metric, start, request.endTime(), request.unit())) {
                byUnit.computeIfAbsent(observation.unit(), unit -> new TreeMap<>())
                        .computeIfAbsent(bucket(observation.timestamp(), start, period), time -> new Aggregate())
                        .add(observation);
            }
            for (Map.Entry<String, NavigableMap<Instant, Aggregate>> unit : byUnit.entrySet()) {
                for (Map.Entry<Instant, Aggregate> bucket : unit.getValue().entrySet()) {
                    Map<String, Double> basicValues = new LinkedHashMap<>();
                    Map<String, Double> extendedValues = new LinkedHashMap<>();
                    for (Map.Entry<String, Statistic> statistic : statistics.entrySet()) {
                        OptionalDouble value = bucket.getValue().compute(statistic.getValue());
                        if (value.isPresent()) {
                            (statistic.getValue() instanceof Statistic.Basic ? basicValues : extendedValues)
                                    .put(statistic.getKey(), value.getAsDouble());
                        }
                    }
                    datapoints.add(new Datapoint(bucket.getKey(), unit.getKey(), basicValues, extendedValues));
                }
            }
            datapoints.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
        }
        return new MetricStatistics(request.metricName(), datapoints);
    }

    private static void checkTimeRange(Instant start, Instant end) {
        if (start == null) {
            throw CloudWatchErrors.missing("StartTime");
        }
        if (end == null) {
            throw CloudWatchErrors.missing("EndTime");
        }
        if (!start.isBefore(end)) {
            throw CloudWatchErrors.invalidValue("The parameter StartTime must be less than the parameter EndTime.");
        }
    }

    /** A period is 1, 5, 10, 20, 30 (for high-resolution data) or a multiple of 60 seconds. */
    private static int checkPeriod(Integer period, String parameter) {
        if (period == null) {
            throw CloudWatchErrors.missing(parameter);
        }
        if (period < 1 || period % 60 != 0 && !SUB_MINUTE_PERIODS.contains(period)) {
            throw CloudWatchErrors.invalidValue("The parameter " + parameter
                    + " must be 1, 5, 10, 20, 30 or a multiple of 60 (the value was " + period + ").");
        }
        return period;
    }

    /**
     * CloudWatch rounds StartTime down: to the period's division of a minute for periods under a
     * minute, else to the minute (start less than 15 days ago), 5 minutes (15–63 days) or the hour.
     */
    static Instant alignStart(Instant start, int period, Instant now) {
        long seconds = start.getEpochSecond();
        if (period < 60) {
            return Instant.ofEpochSecond(Math.floorDiv(seconds, period) * period);
        }
        Duration age = Duration.between(start, now);
        long unit = age.compareTo(Duration.ofDays(63)) > 0 ? 3600 : age.compareTo(Duration.ofDays(15)) > 0 ? 300 : 60;
        return Instant.ofEpochSecond(Math.floorDiv(seconds, unit) * unit);
    }

    /** Older data needs coarser periods, or CloudWatch returns no data points for it. */
    private static boolean periodFitsAge(int period, Instant start, Instant now) {
        Duration age = Duration.between(start, now);
        if (age.compareTo(Duration.ofDays(63)) > 0) {
            return period % 3600 == 0;
        }
        if (age.compareTo(Duration.ofDays(15)) > 0) {
            return period % 300 == 0;
        }
        return age.compareTo(Duration.ofHours(3)) <= 0 || period % 60 == 0;
    }

    private static Instant bucket(Instant timestamp, Instant start, int period) {
        long offset = Duration.between(start, timestamp).getSeconds();
        return start.plusSeconds(offset / period * period);
    }

    /** A metric's observations with start ≤ time < end, of one unit or (unit null) all. */
    private List<Observation> observations(String account, String region, Metric metric, Instant start, Instant end, String unit) {
        Series series = scope(account, region).get(metric);
        if (series == null) {
            return List.of();
        }
        List<Observation> found = new ArrayList<>();
        synchronized (series) {
            for (List<Observation> atTime : series.byTime.subMap(start, true, end, false).values()) {
                for (Observation observation : atTime) {
                    if (unit == null || unit.equals(observation.unit())) {
                        found.add(observation);
                    }
                }
            }
        }
        return found;
    }

    // ---------------------------------------------------------------- GetMetricData

    public MetricDataResults getMetricData(String account, String region, GetMetricDataRequest request) {
        List<MetricDataQuery> queries = request.queries();
        if (queries.isEmpty()) {
            throw CloudWatchErrors.missing("MetricDataQueries");
        }
        if (queries.size() > MAX_QUERIES) {
            throw CloudWatchErrors.validation("The collection MetricDataQueries must not have a size greater than " + MAX_QUERIES + ".");
        }
        checkTimeRange(request.startTime(), request.endTime());
        boolean ascending;
        if (request.scanBy() == null || request.scanBy().equals("TimestampDescending")) {
            ascending = false;
        } else if (request.scanBy().equals("TimestampAscending")) {
            ascending = true;
        } else {
            throw CloudWatchErrors.validation("The value " + request.scanBy() + " for parameter ScanBy is invalid: use TimestampDescending or TimestampAscending.");
        }
        int maxDatapoints = request.maxDatapoints() == null ? DEFAULT_MAX_DATAPOINTS : request.maxDatapoints();
        if (maxDatapoints < 1) {
            throw CloudWatchErrors.validation("The parameter MaxDatapoints must be at least 1.");
        }
        Map<String, MetricDataQuery> byId = new LinkedHashMap<>();
        Map<String, MetricMath.Node> expressions = new HashMap<>();
        for (MetricDataQuery query : queries) {
            checkQuery(query, expressions);
            if (byId.put(query.id(), query) != null) {
                throw CloudWatchErrors.validation("The values for parameter id in MetricDataQueries are not unique: " + query.id() + ".");
            }
        }
        if (queries.stream().noneMatch(query -> query.returnData() == null || query.returnData())) {
            throw CloudWatchErrors.validation("No query in MetricDataQueries returns data: at least one needs ReturnData true.");
        }
        Instant now = clock.instant();
        Map<String, NavigableMap<Instant, Double>> computed = new HashMap<>();
        for (MetricDataQuery query : queries) {
            series(query.id(), byId, expressions, computed, new HashSet<>(), account, region, request, now);
        }
        List<Integer> offsets = request.nextToken() == null ? Collections.nCopies(queries.size(), 0)
                : decodeOffsets(request.nextToken()).filter(list -> list.size() == queries.size())
                .orElseThrow(CloudWatchErrors::invalidNextToken);
        int budget = maxDatapoints;
        boolean more = false;
        List<Integer> nextOffsets = new ArrayList<>();
        List<MetricDataResult> results = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            MetricDataQuery query = queries.get(i);
            List<Map.Entry<Instant, Double>> points = new ArrayList<>(
                    (ascending ? computed.get(query.id()) : computed.get(query.id()).descendingMap()).entrySet());
            boolean returned = query.returnData() == null || query.returnData();
            int from = Math.min(offsets.get(i), points.size());
            int to = returned ? Math.min(points.size(), from + budget) : points.size();
            nextOffsets.add(to);
            if (!returned) {
                continue;
            }
            budget -= to - from;
            more |= to < points.size();
            List<Map.Entry<Instant, Double>> page = points.subList(from, to);
            results.add(new MetricDataResult(query.id(), label(query), page.stream().map(Map.Entry::getKey).toList(),
                    page.stream().map(Map.Entry::getValue).toList(), to < points.size() ? "PartialData" : "Complete"));
        }
        return new MetricDataResults(results, more ? Optional.of(encodeOffsets(nextOffsets)) : Optional.empty());
    }

    private static void checkQuery(MetricDataQuery query, Map<String, MetricMath.Node> expressions) {
        if (query.id() == null || !QUERY_ID.matcher(query.id()).matches()) {
            throw CloudWatchErrors.validation("Invalid metric data query Id '" + query.id()
                    + "': use letters, digits and underscores, starting with a lower-case letter.");
        }
        if ((query.metricStat() == null) == (query.expression() == null)) {
            throw CloudWatchErrors.validation("The query " + query.id() + " must specify exactly one of MetricStat and Expression.");
        }
        if (query.expression() != null) {
            if (query.expression().isBlank() || query.expression().length() > 2048) {
                throw CloudWatchErrors.validation("The expression of query " + query.id() + " must have 1 to 2048 characters.");
            }
            try {
                expressions.put(query.id(), MetricMath.parse(query.expression()));
            } catch (MetricMath.MathException e) {
                throw CloudWatchErrors.validation("Error in expression " + query.id() + ": " + e.getMessage() + ".");
            }
            return;
        }
        MetricStat stat = query.metricStat();
        String member = "MetricStat of query " + query.id();
        if (stat.metric() == null) {
            throw CloudWatchErrors.validation("The " + member + " has no Metric.");
        }
        if (stat.metric().namespace() == null || stat.metric().namespace().isEmpty()
                || stat.metric().metricName() == null || stat.metric().metricName().isEmpty()) {
            throw CloudWatchErrors.validation("The " + member + " needs a Namespace and a MetricName.");
        }
        if (stat.period() == null || stat.period() < 1 || stat.period() % 60 != 0 && !SUB_MINUTE_PERIODS.contains(stat.period())) {
            throw CloudWatchErrors.validation("The Period of " + member + " must be 1, 5, 10, 20, 30 or a multiple of 60.");
        }
        if (stat.stat() == null || Statistic.parse(stat.stat()).isEmpty()) {
            throw CloudWatchErrors.validation("The Stat " + stat.stat() + " of " + member + " is not a statistic CloudWatch knows.");
        }
        if (stat.unit() != null && !UNITS.contains(stat.unit())) {
            throw CloudWatchErrors.validation("The Unit " + stat.unit() + " of " + member + " is not a CloudWatch unit.");
        }
    }

    /** The query's series (timestamp → value), computing the ones an expression refers to first. */
    private NavigableMap<Instant, Double> series(String id, Map<String, MetricDataQuery> byId, Map<String, MetricMath.Node> expressions,
                                                 Map<String, NavigableMap<Instant, Double>> computed, Set<String> inProgress,
                                                 String account, String region, GetMetricDataRequest request, Instant now) {
        NavigableMap<Instant, Double> done = computed.get(id);
        if (done != null) {
            return done;
        }
        MetricDataQuery query = byId.get(id);
        NavigableMap<Instant, Double> result;
        if (query.metricStat() != null) {
            result = statSeries(query.metricStat(), account, region, request.startTime(), request.endTime(), now);
        } else {
            if (!inProgress.add(id)) {
                throw CloudWatchErrors.validation("Error in expression " + id + ": it refers to itself, directly or through other expressions.");
            }
            MetricMath.Node node = expressions.get(id);
            for (String reference : node.ids()) {
                if (!byId.containsKey(reference)) {
                    throw CloudWatchErrors.validation("Error in expression " + id + ": unknown query id '" + reference + "'.");
                }
                series(reference, byId, expressions, computed, inProgress, account, region, request, now);
            }
            MetricMath.Value value = node.evaluate(computed::get);
            if (!value.isSeries()) {
                throw CloudWatchErrors.validation("Error in expression " + id + ": it must return a time series, not a single number.");
            }
            result = value.series();
            inProgress.remove(id);
        }
        computed.put(id, result);
        return result;
    }

    private NavigableMap<Instant, Double> statSeries(MetricStat stat, String account, String region, Instant startTime, Instant end, Instant now) {
        Statistic statistic = Statistic.parse(stat.stat()).orElseThrow();
        int period = stat.period();
        Instant start = alignStart(startTime, period, now);
        NavigableMap<Instant, Double> series = new TreeMap<>();
        if (!periodFitsAge(period, startTime, now)) {
            return series;
        }
        NavigableMap<Instant, Aggregate> buckets = new TreeMap<>();
        for (Observation observation : observations(account, region, stat.metric(), start, end, stat.unit())) {
            buckets.computeIfAbsent(bucket(observation.timestamp(), start, period), time -> new Aggregate()).add(observation);
        }
        buckets.forEach((time, aggregate) -> aggregate.compute(statistic).ifPresent(value -> series.put(time, value)));
        return series;
    }

    private static String label(MetricDataQuery query) {
        if (query.label() != null) {
            return query.label();
        }
        return query.metricStat() != null ? query.metricStat().metric().metricName() : query.id();
    }

    // ---------------------------------------------------------------- page tokens

    private static String encodeOffsets(List<Integer> offsets) {
        StringBuilder text = new StringBuilder("cw1");
        offsets.forEach(offset -> text.append(':').append(offset));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<List<Integer>> decodeOffsets(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length < 2 || !parts[0].equals("cw1")) {
                return Optional.empty();
            }
            List<Integer> offsets = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                int offset = Integer.parseInt(parts[i]);
                if (offset < 0) {
                    return Optional.empty();
                }
                offsets.add(offset);
            }
            return Optional.of(offsets);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> decodeOffset(String token) {
        return decodeOffsets(token).filter(offsets -> offsets.size() == 1).map(offsets -> offsets.get(0));
    }
}
