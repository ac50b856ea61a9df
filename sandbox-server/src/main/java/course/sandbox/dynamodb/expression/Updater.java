package course.sandbox.dynamodb.expression;

import course.sandbox.dynamodb.model.AttributeValue;
import course.sandbox.dynamodb.model.DynamoDbError;
import course.sandbox.dynamodb.model.Numbers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies an update expression to an item. Every operand is evaluated against the item as it
 * was before the update, as DynamoDB does; SET writes (appending past the end of a list), REMOVE
 * drops (list elements shift down), ADD adds to a number or a set, DELETE takes from a set.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
 */
public final class Updater {
    private static final String MISSING = "The provided expression refers to an attribute that does not exist in the item";
    private static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";
    private static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";

    private Updater() {
    }

    public static Map<String, AttributeValue> apply(Map<String, AttributeValue> original, List<UpdateAction> actions) {
        List<AttributeValue> setValues = new ArrayList<>();
        for (UpdateAction action : actions) {
            setValues.add(action instanceof UpdateAction.Set set ? operand(set.value(), original) : null);
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(original);
        List<DocumentPath> removals = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            UpdateAction action = actions.get(i);
            if (action instanceof UpdateAction.Set set) {
                setAt(item, set.path(), setValues.get(i));
            } else if (action instanceof UpdateAction.Remove remove) {
                removals.add(remove.path());
            } else if (action instanceof UpdateAction.Add add) {
                add(item, add.path(), add.value().value());
            } else if (action instanceof UpdateAction.Delete delete) {
                delete(item, delete.path(), delete.value().value());
            }
        }
        // Later list elements first, so that removing one does not shift the others still to remove.
        removals.sort(Comparator.comparing(Updater::lastIndex).reversed());
        for (DocumentPath path : removals) {
            removeAt(item, path);
        }
        return item;
    }

    private static int lastIndex(DocumentPath path) {
        Object last = path.elements().get(path.elements().size() - 1);
        return last instanceof Integer index ? index : -1;
    }

    /** A SET operand's value before the update. */
    private static AttributeValue operand(Operand operand, Map<String, AttributeValue> item) {
        if (operand instanceof Operand.Value value) {
            return value.value();
        }
        if (operand instanceof Operand.Path path) {
            AttributeValue value = Evaluator.resolve(item, path.path());
            if (value == null) {
                throw DynamoDbError.validation(MISSING);
            }
            return value;
        }
        if (operand instanceof Operand.IfNotExists ifNotExists) {
            AttributeValue value = Evaluator.resolve(item, ifNotExists.path());
            return value != null ? value : operand(ifNotExists.fallback(), item);
        }
        if (operand instanceof Operand.ListAppend append) {
            AttributeValue first = operand(append.first(), item);
            AttributeValue second = operand(append.second(), item);
            if (!(first instanceof AttributeValue.L a) || !(second instanceof AttributeValue.L b)) {
                throw DynamoDbError.validation(WRONG_TYPE);
            }
            List<AttributeValue> joined = new ArrayList<>(a.values());
            joined.addAll(b.values());
            return new AttributeValue.L(joined);
        }
        if (operand instanceof Operand.Arithmetic arithmetic) {
            AttributeValue left = operand(arithmetic.left(), item);
            AttributeValue right = operand(arithmetic.right(), item);
            if (!(left instanceof AttributeValue.N a) || !(right instanceof AttributeValue.N b)) {
                throw DynamoDbError.validation(WRONG_TYPE);
            }
            BigDecimal result = arithmetic.operator() == '+' ? a.value().add(b.value()) : a.value().subtract(b.value());
            return new AttributeValue.N(Numbers.arithmetic(result));
        }
        throw DynamoDbError.validation(WRONG_TYPE);
    }

    private static void add(Map<String, AttributeValue> item, DocumentPath path, AttributeValue value) {
        AttributeValue current = Evaluator.resolve(item, path);
        if (current == null) {
            setAt(item, path, value);
        } else if (current instanceof AttributeValue.N a && value instanceof AttributeValue.N b) {
            setAt(item, path, new AttributeValue.N(Numbers.arithmetic(a.value().add(b.value()))));
        } else if (current.isSet() && current.type().equals(value.type())) {
            setAt(item, path, combine(current, value, true));
        } else {
            throw DynamoDbError.validation(WRONG_TYPE);
        }
    }

    private static void delete(Map<String, AttributeValue> item, DocumentPath path, AttributeValue value) {
        AttributeValue current = Evaluator.resolve(item, path);
        if (current == null) {
            return;
        }
        if (!current.isSet() || !current.type().equals(value.type())) {
            throw DynamoDbError.validation(WRONG_TYPE);
        }
        AttributeValue remaining = combine(current, value, false);
        if (remaining == null) {
            removeAt(item, path);
        } else {
            setAt(item, path, remaining);
        }
    }

    /** Union or difference of two sets of the same type; null for an empty result (sets are never empty). */
    private static AttributeValue combine(AttributeValue current, AttributeValue value, boolean union) {
        if (current instanceof AttributeValue.SS a) {
            Set<String> result = combine(a.values(), ((AttributeValue.SS) value).values(), union);
            return result.isEmpty() ? null : new AttributeValue.SS(result);
        }
        if (current instanceof AttributeValue.NS a) {
            Set<BigDecimal> result = combine(a.values(), ((AttributeValue.NS) value).values(), union);
            return result.isEmpty() ? null : new AttributeValue.NS(result);
        }
        AttributeValue.BS a = (AttributeValue.BS) current;
        Set<course.sandbox.dynamodb.model.Binary> result = combine(a.values(), ((AttributeValue.BS) value).values(), union);
        return result.isEmpty() ? null : new AttributeValue.BS(result);
    }

    private static <T> Set<T> combine(Set<T> a, Set<T> b, boolean union) {
        Set<T> result = new LinkedHashSet<>(a);
        if (union) {
            result.addAll(b);
        } else {
            result.removeAll(b);
        }
        return result;
    }

    private static void setAt(Map<String, AttributeValue> item, DocumentPath path, AttributeValue value) {
        if (path.isTopLevel()) {
            item.put(path.head(), value);
            return;
        }
        DocumentPath parentPath = parent(path);
        AttributeValue parent = Evaluator.resolve(item, parentPath);
        Object last = path.elements().get(path.elements().size() - 1);
        AttributeValue changed;
        if (last instanceof Integer index && parent instanceof AttributeValue.L list) {
            List<AttributeValue> values = new ArrayList<>(list.values());
            if (index >= values.size()) {
                values.add(value);
            } else {
                values.set(index, value);
            }
            changed = new AttributeValue.L(values);
        } else if (last instanceof String name && parent instanceof AttributeValue.M map) {
            Map<String, AttributeValue> values = new LinkedHashMap<>(map.values());
            values.put(name, value);
            changed = new AttributeValue.M(values);
        } else {
            throw DynamoDbError.validation(INVALID_PATH);
        }
        setAt(item, parentPath, changed);
    }

    private static void removeAt(Map<String, AttributeValue> item, DocumentPath path) {
        if (path.isTopLevel()) {
            item.remove(path.head());
            return;
        }
        DocumentPath parentPath = parent(path);
        AttributeValue parent = Evaluator.resolve(item, parentPath);
        Object last = path.elements().get(path.elements().size() - 1);
        if (parent == null) {
            return;
        }
        if (last instanceof Integer index && parent instanceof AttributeValue.L list) {
            if (index < list.values().size()) {
                List<AttributeValue> values = new ArrayList<>(list.values());
                values.remove((int) index);
                setAt(item, parentPath, new AttributeValue.L(values));
            }
        } else if (last instanceof String name && parent instanceof AttributeValue.M map) {
            if (map.values().containsKey(name)) {
                Map<String, AttributeValue> values = new LinkedHashMap<>(map.values());
                values.remove(name);
                setAt(item, parentPath, new AttributeValue.M(values));
            }
        } else {
            throw DynamoDbError.validation(INVALID_PATH);
        }
    }

    private static DocumentPath parent(DocumentPath path) {
        return new DocumentPath(path.elements().subList(0, path.elements().size() - 1));
    }
}
