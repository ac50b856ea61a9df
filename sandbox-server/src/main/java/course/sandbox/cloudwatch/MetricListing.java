package course.sandbox.cloudwatch;

import java.util.List;
import java.util.Optional;

/** One page of ListMetrics. */
public record MetricListing(List<Metric> metrics, Optional<String> nextToken) {
}
