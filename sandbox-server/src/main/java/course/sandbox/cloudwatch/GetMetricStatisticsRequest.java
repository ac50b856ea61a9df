package course.sandbox.cloudwatch;

import java.time.Instant;
import java.util.List;

/** GetMetricStatistics' parameters; absent members are null. */
public record GetMetricStatisticsRequest(String namespace, String metricName, List<Dimension> dimensions,
                                         Instant startTime, Instant endTime, Integer period,
                                         List<String> statistics, List<String> extendedStatistics, String unit) {

    public GetMetricStatisticsRequest {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        statistics = statistics == null ? List.of() : List.copyOf(statistics);
        extendedStatistics = extendedStatistics == null ? List.of() : List.copyOf(extendedStatistics);
    }
}
