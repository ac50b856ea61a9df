package course.sandbox.cloudwatch;

/** A GetMetricData query's metric, period, statistic and optional unit. */
public record MetricStat(Metric metric, Integer period, String stat, String unit) {
}
