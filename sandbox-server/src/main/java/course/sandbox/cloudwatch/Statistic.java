package course.sandbox.cloudwatch;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statistic CloudWatch computes over a period's data points, parsed from its name:
 * SampleCount, Sum, Average, Minimum, Maximum; percentiles pNN(.NN); trimmed mean, count and
 * sum (tmNN, TM(a%:b%), TM(x:y), IQM, tc…, ts…); percentile rank PR(x:y). Winsorized mean is
 * not supported. See
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
 */
sealed interface Statistic {

    String name();

    /** Whether it needs the raw values (a statistic set with a spread has none). */
    default boolean needsRawValues() {
        return true;
    }

    record Basic(String name) implements Statistic {
        @Override
        public boolean needsRawValues() {
            return false;
        }
    }

    record Percentile(String name, double percent) implements Statistic {
    }

    /** Values v with lower < v ≤ upper; a percent bound is first turned into that percentile's value. */
    record Trimmed(String name, Kind kind, Optional<Bound> lower, Optional<Bound> upper) implements Statistic {
        enum Kind { MEAN, COUNT, SUM }
    }

    /** The share (0–100) of values v with lower < v ≤ upper. */
    record PercentileRank(String name, Optional<Double> lower, Optional<Double> upper) implements Statistic {
    }

    record Bound(double number, boolean percent) {
    }

    String[] BASIC = {"SampleCount", "Average", "Sum", "Minimum", "Maximum"};

    Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(?:\\.\\d{1,10})?)", Pattern.CASE_INSENSITIVE);
    Pattern TRIMMED_SHORT = Pattern.compile("(tm|tc|ts)(\\d{1,3}(?:\\.\\d{1,10})?)", Pattern.CASE_INSENSITIVE);
    Pattern RANGE = Pattern.compile("(tm|tc|ts|pr)\\(([^:()]*):([^:()]*)\\)", Pattern.CASE_INSENSITIVE);

    static boolean isBasic(String name) {
        for (String basic : BASIC) {
            if (basic.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Parses a statistic name; empty when it is none CloudWatch knows (or the sandbox supports). */
    static Optional<Statistic> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        if (isBasic(name)) {
            return Optional.of(new Basic(name));
        }
        if (name.equalsIgnoreCase("IQM")) {
            return Optional.of(new Trimmed(name, Trimmed.Kind.MEAN, Optional.of(new Bound(25, true)), Optional.of(new Bound(75, true))));
        }
        Matcher percentile = PERCENTILE.matcher(name);
        if (percentile.matches()) {
            double percent = Double.parseDouble(percentile.group(1));
            return percent <= 100 ? Optional.of(new Percentile(name, percent)) : Optional.empty();
        }
        Matcher shortTrim = TRIMMED_SHORT.matcher(name);
        if (shortTrim.matches()) {
            double percent = Double.parseDouble(shortTrim.group(2));
            return percent <= 100
                    ? Optional.of(new Trimmed(name, kind(shortTrim.group(1)), Optional.empty(), Optional.of(new Bound(percent, true))))
                    : Optional.empty();
        }
        Matcher range = RANGE.matcher(name);
        if (range.matches()) {
            Optional<Bound> lower;
            Optional<Bound> upper;
            try {
                lower = bound(range.group(2));
                upper = bound(range.group(3));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (lower.isEmpty() && upper.isEmpty()) {
                return Optional.empty();
            }
            boolean percentLower = lower.map(Bound::percent).orElse(upper.get().percent());
            boolean percentUpper = upper.map(Bound::percent).orElse(percentLower);
            if (percentLower != percentUpper
                    || lower.isPresent() && upper.isPresent() && lower.get().number() >= upper.get().number()
                    || percentLower && (lower.map(b -> b.number() > 100).orElse(false) || upper.map(b -> b.number() > 100).orElse(false))) {
                return Optional.empty();
            }
            if (range.group(1).equalsIgnoreCase("pr")) {
                return percentLower ? Optional.empty()
                        : Optional.of(new PercentileRank(name, lower.map(Bound::number), upper.map(Bound::number)));
            }
            return Optional.of(new Trimmed(name, kind(range.group(1)), lower, upper));
        }
        return Optional.empty();
    }

    private static Trimmed.Kind kind(String prefix) {
        return switch (prefix.toLowerCase(Locale.ROOT)) {
            case "tc" -> Trimmed.Kind.COUNT;
            case "ts" -> Trimmed.Kind.SUM;
            default -> Trimmed.Kind.MEAN;
        };
    }

    private static Optional<Bound> bound(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        boolean percent = trimmed.endsWith("%");
        double number = Double.parseDouble(percent ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
        if (!Double.isFinite(number) || percent && number < 0) {
            throw new NumberFormatException(text);
        }
        return Optional.of(new Bound(number, percent));
    }
}
