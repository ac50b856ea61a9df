package course.sandbox.cloudwatch;

/** A ListMetrics filter: metrics that have a dimension of this name (and this value, when given). */
public record DimensionFilter(String name, String value) {
}
