package course.sandbox.cloudwatch;

import java.util.List;

/** ListMetrics' filters and page token; absent members are null. */
public record ListMetricsRequest(String namespace, String metricName, List<DimensionFilter> dimensions,
                                 String recentlyActive, String nextToken) {

    public ListMetricsRequest {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    }

    public static ListMetricsRequest all() {
        return new ListMetricsRequest(null, null, null, null, null);
    }
}
