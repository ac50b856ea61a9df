package course.sandbox.cloudwatch;

import java.util.Comparator;
import java.util.List;

/**
 * A metric: namespace, name and one combination of dimensions. CloudWatch treats each
 * combination as its own metric; the order the dimensions were sent in does not matter, so
 * they are kept sorted by name.
 */
public record Metric(String namespace, String metricName, List<Dimension> dimensions) {
    static final Comparator<Metric> ORDER = Comparator.comparing(Metric::namespace)
            .thenComparing(Metric::metricName)
            .thenComparing(metric -> metric.dimensions().toString());

    public Metric {
        dimensions = dimensions.stream().sorted(Comparator.comparing(Dimension::name)).toList();
    }

    public static Metric of(String namespace, String metricName, Dimension... dimensions) {
        return new Metric(namespace, metricName, List.of(dimensions));
    }
}
