package course.sandbox.cloudwatch;

import java.time.Instant;

/**
 * What one PutMetricData entry stored: its time (truncated to the metric's storage
 * resolution), unit and aggregate, plus the raw values with their counts when it had them.
 *
 * @param values null when the entry was a statistic set with a spread (min ≠ max, count ≠ 1):
 *               percentiles cannot be computed from it
 */
record Observation(Instant timestamp, String unit, boolean highResolution, double sampleCount, double sum,
                   double minimum, double maximum, double[] values, double[] counts) {

    int rawSize() {
        return values == null ? 1 : values.length;
    }
}
