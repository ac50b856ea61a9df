package course.sandbox.cloudwatch;

import java.time.Instant;
import java.util.List;

/**
 * One query's series in a GetMetricData answer: timestamps[i] goes with values[i].
 *
 * @param statusCode Complete, or PartialData when the rest comes with the NextToken
 */
public record MetricDataResult(String id, String label, List<Instant> timestamps, List<Double> values, String statusCode) {
}
