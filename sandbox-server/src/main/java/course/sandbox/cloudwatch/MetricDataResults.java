package course.sandbox.cloudwatch;

import java.util.List;
import java.util.Optional;

/** GetMetricData's answer: a result per query that returns data, in query order. */
public record MetricDataResults(List<MetricDataResult> results, Optional<String> nextToken) {
}
