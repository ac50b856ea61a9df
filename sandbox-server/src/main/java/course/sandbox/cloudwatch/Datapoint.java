package course.sandbox.cloudwatch;

import java.time.Instant;
import java.util.Map;

/**
 * One period's statistics in a GetMetricStatistics answer.
 *
 * @param statistics         the requested ones of SampleCount, Average, Sum, Minimum, Maximum
 * @param extendedStatistics the requested percentiles etc., by the name they were asked for
 */
public record Datapoint(Instant timestamp, String unit, Map<String, Double> statistics, Map<String, Double> extendedStatistics) {
}
