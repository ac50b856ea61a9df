package course.sandbox.cloudwatch;

import java.time.Instant;
import java.util.List;

/**
 * One entry of PutMetricData: a single value, values with counts, or a statistic set for a
 * metric. Absent members are null (or empty lists), as a codec found them.
 *
 * @param storageResolution 1 for a high-resolution metric, 60 (the default) for one-minute resolution
 */
public record MetricDatum(String metricName, List<Dimension> dimensions, Instant timestamp, Double value,
                          List<Double> values, List<Double> counts, StatisticSet statisticValues, String unit,
                          Integer storageResolution) {

    public MetricDatum {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        values = values == null ? List.of() : List.copyOf(values);
        counts = counts == null ? List.of() : List.copyOf(counts);
    }

    /** A datum with one value, at the given time (null: when CloudWatch receives it), unit None. */
    public static MetricDatum value(String metricName, double value, Instant timestamp, Dimension... dimensions) {
        return new MetricDatum(metricName, List.of(dimensions), timestamp, value, null, null, null, null, null);
    }

    public MetricDatum withUnit(String newUnit) {
        return new MetricDatum(metricName, dimensions, timestamp, value, values, counts, statisticValues, newUnit, storageResolution);
    }

    public MetricDatum withStorageResolution(int resolution) {
        return new MetricDatum(metricName, dimensions, timestamp, value, values, counts, statisticValues, unit, resolution);
    }
}
