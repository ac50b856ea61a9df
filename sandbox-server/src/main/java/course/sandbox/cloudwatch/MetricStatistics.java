package course.sandbox.cloudwatch;

import java.util.List;

/** GetMetricStatistics' answer: the metric name as label, and the periods that have data, oldest first. */
public record MetricStatistics(String label, List<Datapoint> datapoints) {
}
