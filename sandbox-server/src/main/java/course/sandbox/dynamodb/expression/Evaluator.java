package course.sandbox.dynamodb.expression;

import course.sandbox.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Evaluates parsed conditions against an item, as DynamoDB does: a comparison with a missing
 * attribute or with a value of another type is false ({@code <>} is then true); ordering
 * comparisons apply to numbers, strings and binaries only.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */
public final class Evaluator {

    private Evaluator() {
    }

    /** The value at a document path, or null when any step of it is missing or of the wrong type. */
    public static AttributeValue resolve(Map<String, AttributeValue> item, DocumentPath path) {
        AttributeValue current = item.get(path.head());
        List<Object> elements = path.elements();
        for (int i = 1; i < elements.size() && current != null; i++) {
            Object element = elements.get(i);
            if (element instanceof Integer index) {
                current = current instanceof AttributeValue.L list && index < list.values().size() ? list.values().get(index) : null;
            } else {
                current = current instanceof AttributeValue.M map ? map.values().get((String) element) : null;
            }
        }
        return current;
    }

    public static boolean test(Condition condition, Map<String, AttributeValue> item) {
        if (condition instanceof Condition.And and) {
            return test(and.left(), item) && test(and.right(), item);
        }
        if (condition instanceof Condition.Or or) {
            return test(or.left(), item) || test(or.right(), item);
        }
        if (condition instanceof Condition.Not not) {
            return !test(not.condition(), item);
        }
        if (condition instanceof Condition.Comparison comparison) {
            return compare(comparison.operator(), value(comparison.left(), item), value(comparison.right(), item));
        }
        if (condition instanceof Condition.Between between) {
            AttributeValue value = value(between.operand(), item);
            AttributeValue low = value(between.low(), item);
            AttributeValue high = value(between.high(), item);
            return ordered(value, low) && ordered(value, high)
                    && AttributeValue.compareKeys(low, value) <= 0 && AttributeValue.compareKeys(value, high) <= 0;
        }
        if (condition instanceof Condition.In in) {
            AttributeValue value = value(in.operand(), item);
            if (value == null) {
                return false;
            }
            for (Operand candidate : in.candidates()) {
                if (value.equals(value(candidate, item))) {
                    return true;
                }
            }
            return false;
        }
        return function((Condition.Function) condition, item);
    }

    private static boolean function(Condition.Function function, Map<String, AttributeValue> item) {
        List<Operand> arguments = function.arguments();
        switch (function.name()) {
            case "attribute_exists":
                return value(arguments.get(0), item) != null;
            case "attribute_not_exists":
                return value(arguments.get(0), item) == null;
            case "attribute_type": {
                AttributeValue value = value(arguments.get(0), item);
                AttributeValue type = value(arguments.get(1), item);
                return value != null && type instanceof AttributeValue.S name && value.type().equals(name.value());
            }
            case "begins_with": {
                AttributeValue value = value(arguments.get(0), item);
                AttributeValue prefix = value(arguments.get(1), item);
                if (value instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
                    return s.value().startsWith(p.value());
                }
                return value instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p && b.value().startsWith(p.value());
            }
            case "contains":
                return contains(value(arguments.get(0), item), value(arguments.get(1), item));
            default:
                return false;
        }
    }

    private static boolean contains(AttributeValue container, AttributeValue part) {
        if (container == null || part == null) {
            return false;
        }
        if (container instanceof AttributeValue.S s) {
            return part instanceof AttributeValue.S p && s.value().contains(p.value());
        }
        if (container instanceof AttributeValue.B b) {
            return part instanceof AttributeValue.B p && b.value().contains(p.value());
        }
        if (container instanceof AttributeValue.SS ss) {
            return part instanceof AttributeValue.S p && ss.values().contains(p.value());
        }
        if (container instanceof AttributeValue.NS ns) {
            return part instanceof AttributeValue.N p && ns.values().contains(p.value());
        }
        if (container instanceof AttributeValue.BS bs) {
            return part instanceof AttributeValue.B p && bs.values().contains(p.value());
        }
        if (container instanceof AttributeValue.L list) {
            return list.values().contains(part);
        }
        return false;
    }

    private static boolean compare(String operator, AttributeValue a, AttributeValue b) {
        if (operator.equals("=")) {
            return a != null && a.equals(b);
        }
        if (operator.equals("<>")) {
            return !java.util.Objects.equals(a, b);
        }
        if (!ordered(a, b)) {
            return false;
        }
        int order = AttributeValue.compareKeys(a, b);
        return switch (operator) {
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }

    /** Both present, of the same type, and a type with an order (N, S, B). */
    private static boolean ordered(AttributeValue a, AttributeValue b) {
        return a != null && b != null && a.isScalarKeyType() && a.type().equals(b.type());
    }

    /** The top-level attributes a condition refers to. */
    public static java.util.Set<String> attributes(Condition condition) {
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        collect(condition, found);
        return found;
    }

    private static void collect(Condition condition, java.util.Set<String> found) {
        if (condition instanceof Condition.And and) {
            collect(and.left(), found);
            collect(and.right(), found);
        } else if (condition instanceof Condition.Or or) {
            collect(or.left(), found);
            collect(or.right(), found);
        } else if (condition instanceof Condition.Not not) {
            collect(not.condition(), found);
        } else if (condition instanceof Condition.Comparison comparison) {
            collect(comparison.left(), found);
            collect(comparison.right(), found);
        } else if (condition instanceof Condition.Between between) {
            List.of(between.operand(), between.low(), between.high()).forEach(operand -> collect(operand, found));
        } else if (condition instanceof Condition.In in) {
            collect(in.operand(), found);
            in.candidates().forEach(operand -> collect(operand, found));
        } else {
            ((Condition.Function) condition).arguments().forEach(operand -> collect(operand, found));
        }
    }

    private static void collect(Operand operand, java.util.Set<String> found) {
        if (operand instanceof Operand.Path path) {
            found.add(path.path().head());
        } else if (operand instanceof Operand.Size size) {
            collect(size.operand(), found);
        }
    }

    /** An operand's value in a condition: null when it refers to nothing (or size() of something without one). */
    public static AttributeValue value(Operand operand, Map<String, AttributeValue> item) {
        if (operand instanceof Operand.Value value) {
            return value.value();
        }
        if (operand instanceof Operand.Path path) {
            return resolve(item, path.path());
        }
        if (operand instanceof Operand.Size size) {
            AttributeValue value = value(size.operand(), item);
            Integer length = size(value);
            return length == null ? null : new AttributeValue.N(BigDecimal.valueOf(length));
        }
        throw new IllegalArgumentException("not a condition operand: " + operand);
    }

    /** size(): characters of a string, bytes of a binary, elements of a set, list or map. */
    private static Integer size(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return s.value().codePointCount(0, s.value().length());
        }
        if (value instanceof AttributeValue.B b) {
            return b.value().length();
        }
        if (value instanceof AttributeValue.SS ss) {
            return ss.values().size();
        }
        if (value instanceof AttributeValue.NS ns) {
            return ns.values().size();
        }
        if (value instanceof AttributeValue.BS bs) {
            return bs.values().size();
        }
        if (value instanceof AttributeValue.L l) {
            return l.values().size();
        }
        if (value instanceof AttributeValue.M m) {
            return m.values().size();
        }
        return null;
    }

}
