package course.sandbox.cloudwatch;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;

/**
 * The arithmetic part of CloudWatch metric math: + - * / and parentheses over numbers and the
 * ids of other queries. A time series combined with a number applies to each point; two series
 * combine at the timestamps both have. A point that comes out NaN or infinite (x / 0) is left out.
 * Functions (SUM, METRICS, FILL…) are not supported.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
 */
final class MetricMath {
    private MetricMath() {
    }

    /** A parse or evaluation problem, with the message GetMetricData reports. */
    static final class MathException extends RuntimeException {
        MathException(String message) {
            super(message);
        }
    }

    /** A parsed expression. */
    sealed interface Node {
        /** The query ids it refers to. */
        default Set<String> ids() {
            Set<String> ids = new LinkedHashSet<>();
            collect(ids);
            return ids;
        }

        void collect(Set<String> ids);

        Value evaluate(Function<String, NavigableMap<Instant, Double>> series);
    }

    /** A number or a time series. */
    record Value(double scalar, NavigableMap<Instant, Double> series) {
        static Value of(double number) {
            return new Value(number, null);
        }

        boolean isSeries() {
            return series != null;
        }
    }

    record Number(double number) implements Node {
        @Override
        public void collect(Set<String> ids) {
        }

        @Override
        public Value evaluate(Function<String, NavigableMap<Instant, Double>> series) {
            return Value.of(number);
        }
    }

    record Reference(String id) implements Node {
        @Override
        public void collect(Set<String> ids) {
            ids.add(id);
        }

        @Override
        public Value evaluate(Function<String, NavigableMap<Instant, Double>> series) {
            return new Value(Double.NaN, series.apply(id));
        }
    }

    record Binary(char operator, Node left, Node right) implements Node {
        @Override
        public void collect(Set<String> ids) {
            left.collect(ids);
            right.collect(ids);
        }

        @Override
        public Value evaluate(Function<String, NavigableMap<Instant, Double>> series) {
            DoubleBinaryOperator op = switch (operator) {
                case '+' -> Double::sum;
                case '-' -> (a, b) -> a - b;
                case '*' -> (a, b) -> a * b;
                default -> (a, b) -> a / b;
            };
            Value a = left.evaluate(series);
            Value b = right.evaluate(series);
            if (!a.isSeries() && !b.isSeries()) {
                return Value.of(op.applyAsDouble(a.scalar(), b.scalar()));
            }
            NavigableMap<Instant, Double> result = new TreeMap<>();
            NavigableMap<Instant, Double> driver = a.isSeries() ? a.series() : b.series();
            for (Map.Entry<Instant, Double> point : driver.entrySet()) {
                Double x = a.isSeries() ? a.series().get(point.getKey()) : (Double) a.scalar();
                Double y = b.isSeries() ? b.series().get(point.getKey()) : (Double) b.scalar();
                if (x != null && y != null) {
                    double z = op.applyAsDouble(x, y);
                    if (Double.isFinite(z)) {
                        result.put(point.getKey(), z);
                    }
                }
            }
            return new Value(Double.NaN, result);
        }
    }

    static Node parse(String expression) {
        Parser parser = new Parser(expression);
        Node node = parser.sum();
        parser.skipSpaces();
        if (parser.position < expression.length()) {
            throw parser.error("unexpected '" + expression.charAt(parser.position) + "'");
        }
        return node;
    }

    private static final class Parser {
        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        Node sum() {
            Node node = product();
            while (peek('+') || peek('-')) {
                char operator = text.charAt(position++);
                node = new Binary(operator, node, product());
            }
            return node;
        }

        Node product() {
            Node node = unary();
            while (peek('*') || peek('/')) {
                char operator = text.charAt(position++);
                node = new Binary(operator, node, unary());
            }
            return node;
        }

        Node unary() {
            if (peek('-')) {
                position++;
                return new Binary('-', new Number(0), unary());
            }
            return primary();
        }

        Node primary() {
            skipSpaces();
            if (position >= text.length()) {
                throw error("the expression ends too early");
            }
            char c = text.charAt(position);
            if (c == '(') {
                position++;
                Node inner = sum();
                if (!peek(')')) {
                    throw error("missing ')'");
                }
                position++;
                return inner;
            }
            if (Character.isDigit(c) || c == '.') {
                int start = position;
                while (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
                    position++;
                }
                if (position < text.length() && (text.charAt(position) == 'e' || text.charAt(position) == 'E')) {
                    position++;
                    if (position < text.length() && (text.charAt(position) == '+' || text.charAt(position) == '-')) {
                        position++;
                    }
                    while (position < text.length() && Character.isDigit(text.charAt(position))) {
                        position++;
                    }
                }
                try {
                    return new Number(Double.parseDouble(text.substring(start, position)));
                } catch (NumberFormatException e) {
                    throw error("'" + text.substring(start, position) + "' is not a number");
                }
            }
            if (Character.isLetter(c) || c == '_') {
                int start = position;
                while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                    position++;
                }
                String name = text.substring(start, position);
                if (peek('(')) {
                    throw error("function " + name + " is not supported by the sandbox (only + - * / and parentheses)");
                }
                return new Reference(name);
            }
            throw error("unexpected '" + c + "'");
        }

        boolean peek(char c) {
            skipSpaces();
            return position < text.length() && text.charAt(position) == c;
        }

        void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        MathException error(String problem) {
            return new MathException(problem + " at position " + (position + 1));
        }
    }
}
