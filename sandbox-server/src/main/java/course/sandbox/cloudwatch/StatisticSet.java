package course.sandbox.cloudwatch;

/** Pre-aggregated values a client publishes instead of the raw values. */
public record StatisticSet(double sampleCount, double sum, double minimum, double maximum) {
}
