package course.sandbox.cloudwatch;

import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The data points of one period merged: count, sum, minimum, maximum, and the raw values with
 * their weights (counts) for percentiles and trimmed statistics.
 */
final class Aggregate {
    private double sampleCount;
    private double sum;
    private double minimum = Double.POSITIVE_INFINITY;
    private double maximum = Double.NEGATIVE_INFINITY;
    private boolean raw = true;
    private boolean negative;
    private final NavigableMap<Double, Double> weights = new TreeMap<>();

    void add(Observation observation) {
        sampleCount += observation.sampleCount();
        sum += observation.sum();
        minimum = Math.min(minimum, observation.minimum());
        maximum = Math.max(maximum, observation.maximum());
        negative |= observation.minimum() < 0;
        if (observation.values() == null) {
            raw = false;
            return;
        }
        for (int i = 0; i < observation.values().length; i++) {
            weights.merge(observation.values()[i], observation.counts()[i], Double::sum);
        }
    }

    double sampleCount() {
        return sampleCount;
    }

    /** The statistic's value, or empty where CloudWatch has none (percentiles of a statistic set, of negative values). */
    OptionalDouble compute(Statistic statistic) {
        if (sampleCount <= 0) {
            return OptionalDouble.empty();
        }
        if (statistic instanceof Statistic.Basic basic) {
            return OptionalDouble.of(switch (basic.name()) {
                case "SampleCount" -> sampleCount;
                case "Sum" -> sum;
                case "Average" -> sum / sampleCount;
                case "Minimum" -> minimum;
                default -> maximum;
            });
        }
        if (!raw || weights.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (statistic instanceof Statistic.Percentile percentile) {
            return negative ? OptionalDouble.empty() : OptionalDouble.of(percentile(percentile.percent()));
        }
        if (statistic instanceof Statistic.PercentileRank rank) {
            double inside = within(rank.lower().orElse(Double.NEGATIVE_INFINITY), rank.lower().isPresent(),
                    rank.upper().orElse(Double.POSITIVE_INFINITY))[0];
            return OptionalDouble.of(100 * inside / totalWeight());
        }
        Statistic.Trimmed trimmed = (Statistic.Trimmed) statistic;
        boolean percentBounds = trimmed.lower().map(Statistic.Bound::percent).orElse(false)
                || trimmed.upper().map(Statistic.Bound::percent).orElse(false);
        if (percentBounds && negative) {
            return OptionalDouble.empty();
        }
        // A lower bound of 0% keeps the minimum: nothing lies below it to trim.
        boolean lowerExclusive = trimmed.lower().map(bound -> !bound.percent() || bound.number() > 0).orElse(false);
        double lower = trimmed.lower().map(this::boundValue).orElse(Double.NEGATIVE_INFINITY);
        double upper = trimmed.upper().map(this::boundValue).orElse(Double.POSITIVE_INFINITY);
        double[] inside = within(lower, lowerExclusive, upper);
        return switch (trimmed.kind()) {
            case COUNT -> OptionalDouble.of(inside[0]);
            case SUM -> OptionalDouble.of(inside[1]);
            case MEAN -> inside[0] == 0 ? OptionalDouble.empty() : OptionalDouble.of(inside[1] / inside[0]);
        };
    }

    private double boundValue(Statistic.Bound bound) {
        return bound.percent() ? percentile(bound.number()) : bound.number();
    }

    /**
     * Nearest rank: the smallest value with at least {@code percent}% of the data at or below it,
     * so p95 is a value that 95% of the data does not exceed (CloudWatch's definition) and always
     * one that was put.
     */
    private double percentile(double percent) {
        double total = totalWeight();
        double target = percent / 100 * total;
        double seen = 0;
        for (Map.Entry<Double, Double> entry : weights.entrySet()) {
            seen += entry.getValue();
            if (seen >= target - 1e-9 * total) {
                return entry.getKey();
            }
        }
        return weights.lastKey();
    }

    /** {weight, weighted sum} of the values v with lower < v ≤ upper (lower ≤ v when not exclusive). */
    private double[] within(double lower, boolean lowerExclusive, double upper) {
        double weight = 0;
        double weightedSum = 0;
        for (Map.Entry<Double, Double> entry : weights.subMap(lower, !lowerExclusive, upper, true).entrySet()) {
            weight += entry.getValue();
            weightedSum += entry.getKey() * entry.getValue();
        }
        return new double[] {weight, weightedSum};
    }

    private double totalWeight() {
        double total = 0;
        for (double weight : weights.values()) {
            total += weight;
        }
        return total;
    }
}
