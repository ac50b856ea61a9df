package course.sandbox.cloudwatch;

import java.time.Instant;
import java.util.List;

/**
 * GetMetricData's parameters; absent members are null.
 *
 * @param scanBy TimestampDescending (the default) or TimestampAscending
 */
public record GetMetricDataRequest(List<MetricDataQuery> queries, Instant startTime, Instant endTime, String scanBy,
                                   Integer maxDatapoints, String nextToken) {

    public GetMetricDataRequest {
        queries = queries == null ? List.of() : List.copyOf(queries);
    }

    public static GetMetricDataRequest of(Instant startTime, Instant endTime, MetricDataQuery... queries) {
        return new GetMetricDataRequest(List.of(queries), startTime, endTime, null, null, null);
    }
}
