package course.sandbox.cloudwatch;

/**
 * One GetMetricData query: either a metric statistic or a math expression over other queries' ids.
 *
 * @param returnData null means true
 */
public record MetricDataQuery(String id, MetricStat metricStat, String expression, String label, Boolean returnData,
                              Integer period) {

    public static MetricDataQuery stat(String id, Metric metric, int period, String stat) {
        return new MetricDataQuery(id, new MetricStat(metric, period, stat, null), null, null, null, null);
    }

    public static MetricDataQuery expression(String id, String expression, String label) {
        return new MetricDataQuery(id, null, expression, label, null, null);
    }

    public MetricDataQuery hidden() {
        return new MetricDataQuery(id, metricStat, expression, label, false, period);
    }
}
