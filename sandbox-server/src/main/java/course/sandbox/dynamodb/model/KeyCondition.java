package course.sandbox.dynamodb.model;

import course.sandbox.dynamodb.expression.Condition;
import course.sandbox.dynamodb.expression.DocumentPath;
import course.sandbox.dynamodb.expression.Operand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Query's key condition: the partition key equal to one value and, optionally, one condition
 * on the sort key (=, <, <=, >, >=, BETWEEN, begins_with), read from a KeyConditionExpression
 * with DynamoDB's rules and messages.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
 */
public record KeyCondition(String partitionKey, AttributeValue partitionValue, Optional<SortCondition> sort) {

    /** {@code attribute operator values}: one value, or two for BETWEEN. */
    public record SortCondition(String attribute, String operator, List<AttributeValue> values) {

        boolean matches(AttributeValue value) {
            if (value == null || !value.type().equals(values.get(0).type())) {
                return false;
            }
            int order = AttributeValue.compareKeys(value, values.get(0));
            return switch (operator) {
                case "=" -> order == 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                case "BETWEEN" -> order >= 0 && AttributeValue.compareKeys(value, values.get(1)) <= 0;
                default -> value instanceof AttributeValue.S s ? s.value().startsWith(((AttributeValue.S) values.get(0)).value())
                        : ((AttributeValue.B) value).value().startsWith(((AttributeValue.B) values.get(0)).value());
            };
        }
    }

    /** Reads a parsed KeyConditionExpression against the key of the table or index queried. */
    public static KeyCondition of(Condition expression, KeyDefinition key) {
        Map<String, SortCondition> conditions = new LinkedHashMap<>();
        collect(expression, conditions);
        return of(conditions, key);
    }

    /** From conditions per attribute (the legacy KeyConditions parameter takes this path too). */
    public static KeyCondition of(Map<String, SortCondition> conditions, KeyDefinition key) {
        if (conditions.size() > 2 || (key.sortKey().isEmpty() && conditions.size() > 1)) {
            throw DynamoDbError.validation("Query key condition not supported");
        }
        SortCondition partition = conditions.get(key.partitionKey());
        if (partition == null) {
            throw DynamoDbError.validation("Query condition missed key schema element: " + key.partitionKey());
        }
        Optional<SortCondition> sort = key.sortKey().map(conditions::get);
        if (conditions.size() == 2 && sort.isEmpty()) {
            throw DynamoDbError.validation("Query condition missed key schema element: " + key.sortKey().orElseThrow());
        }
        if (!partition.operator().equals("=")) {
            throw DynamoDbError.validation("Query key condition not supported");
        }
        checkType(partition, key.partitionType());
        sort.ifPresent(condition -> checkType(condition, key.sortType().orElseThrow()));
        if (sort.isPresent() && sort.get().operator().equals("begins_with") && key.sortType().orElseThrow() == ScalarType.N) {
            throw DynamoDbError.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
                    + "operator or function: begins_with, operand type: N");
        }
        return new KeyCondition(key.partitionKey(), partition.values().get(0), sort);
    }

    private static void checkType(SortCondition condition, ScalarType type) {
        for (AttributeValue value : condition.values()) {
            if (!type.matches(value)) {
                throw DynamoDbError.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
            }
        }
    }

    private static void collect(Condition condition, Map<String, SortCondition> conditions) {
        if (condition instanceof Condition.And and) {
            collect(and.left(), conditions);
            collect(and.right(), conditions);
            return;
        }
        if (condition instanceof Condition.Or) {
            throw invalidOperator("OR");
        }
        if (condition instanceof Condition.Not) {
            throw invalidOperator("NOT");
        }
        if (condition instanceof Condition.In) {
            throw invalidOperator("IN");
        }
        List<Operand> operands;
        String operator;
        if (condition instanceof Condition.Comparison comparison) {
            if (comparison.operator().equals("<>")) {
                throw invalidOperator("<>");
            }
            operands = List.of(comparison.left(), comparison.right());
            operator = comparison.operator();
        } else if (condition instanceof Condition.Between between) {
            if (!(between.operand() instanceof Operand.Path)) {
                throw DynamoDbError.validation("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand");
            }
            operands = List.of(between.operand(), between.low(), between.high());
            operator = "BETWEEN";
        } else {
            Condition.Function function = (Condition.Function) condition;
            if (!function.name().equals("begins_with")) {
                throw invalidOperator(function.name());
            }
            if (!(function.arguments().get(0) instanceof Operand.Path)) {
                throw DynamoDbError.validation("Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand");
            }
            operands = function.arguments();
            operator = "begins_with";
        }
        String attribute = null;
        int attributeAt = -1;
        List<AttributeValue> values = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            Operand operand = operands.get(i);
            if (operand instanceof Operand.Size) {
                throw DynamoDbError.validation("Invalid KeyConditionExpression: KeyConditionExpressions cannot contain nested operations");
            }
            if (operand instanceof Operand.Path path) {
                if (attribute != null) {
                    throw DynamoDbError.validation("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
                }
                DocumentPath documentPath = path.path();
                if (!documentPath.isTopLevel()) {
                    throw DynamoDbError.validation("KeyConditionExpressions cannot have conditions on nested attributes");
                }
                attribute = documentPath.head();
                attributeAt = i;
            } else {
                values.add(((Operand.Value) operand).value());
            }
        }
        if (attribute == null) {
            throw DynamoDbError.validation("Invalid condition in KeyConditionExpression: No key attribute specified");
        }
        if (attributeAt == 1) {
            // ":v < k" reads as "k > :v".
            operator = switch (operator) {
                case "<" -> ">";
                case "<=" -> ">=";
                case ">" -> "<";
                case ">=" -> "<=";
                default -> operator;
            };
        }
        if (conditions.put(attribute, new SortCondition(attribute, operator, values)) != null) {
            throw DynamoDbError.validation("KeyConditionExpressions must only contain one condition per key");
        }
    }

    private static DynamoDbError invalidOperator(String operator) {
        return DynamoDbError.validation("Invalid operator used in KeyConditionExpression: " + operator);
    }
}
