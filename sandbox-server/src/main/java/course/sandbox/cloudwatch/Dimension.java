package course.sandbox.cloudwatch;

/** A name/value pair that, with the namespace and metric name, identifies a metric. */
public record Dimension(String name, String value) {
}
