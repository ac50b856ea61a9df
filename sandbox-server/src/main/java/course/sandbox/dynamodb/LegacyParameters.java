package course.sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import course.sandbox.dynamodb.expression.Condition;
import course.sandbox.dynamodb.expression.DocumentPath;
import course.sandbox.dynamodb.expression.Operand;
import course.sandbox.dynamodb.expression.UpdateAction;
import course.sandbox.dynamodb.model.AttributeValue;
import course.sandbox.dynamodb.model.DynamoDbError;
import course.sandbox.dynamodb.model.KeyCondition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DynamoDB's legacy conditional parameters (Expected, QueryFilter, ScanFilter, KeyConditions,
 * AttributesToGet, AttributeUpdates), turned into the same parsed expressions the expression
 * parameters give, so one evaluator runs both.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html
 */
final class LegacyParameters {
    private static final Map<String, Integer> ARGUMENTS = Map.ofEntries(Map.entry("EQ", 1), Map.entry("NE", 1),
            Map.entry("LE", 1), Map.entry("LT", 1), Map.entry("GE", 1), Map.entry("GT", 1), Map.entry("NOT_NULL", 0),
            Map.entry("NULL", 0), Map.entry("CONTAINS", 1), Map.entry("NOT_CONTAINS", 1), Map.entry("BEGINS_WITH", 1),
            Map.entry("IN", -1), Map.entry("BETWEEN", 2));
    static final List<String> OPERATORS = List.copyOf(ARGUMENTS.keySet());

    private LegacyParameters() {
    }

    static List<DocumentPath> attributesToGet(List<String> names) {
        Set<String> seen = new HashSet<>();
        List<DocumentPath> paths = new ArrayList<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw DynamoDbError.validation("One or more parameter values were invalid: Duplicate value in attribute name: " + name);
            }
            paths.add(DocumentPath.of(name));
        }
        return paths;
    }

    /** Expected: per attribute, Exists/Value or ComparisonOperator/AttributeValueList, joined by ConditionalOperator. */
    static Optional<Condition> expected(Map<String, JsonNode> expected, Optional<String> operator) {
        List<Condition> conditions = new ArrayList<>();
        expected.forEach((attribute, node) -> {
            JsonInput condition = JsonInput.struct(node, "ExpectedAttributeValue");
            Optional<AttributeValue> value = Optional.ofNullable(condition.has("Value")
                    ? JsonInput.attributeValue(condition.node().get("Value")) : null);
            Optional<Boolean> exists = condition.bool("Exists");
            Optional<String> comparison = condition.string("ComparisonOperator");
            Optional<List<AttributeValue>> list = values(condition);
            if (list.isPresent() && value.isPresent()) {
                throw invalid("Value and AttributeValueList cannot be used together for Attribute: " + attribute);
            }
            if (comparison.isPresent()) {
                if (exists.isPresent()) {
                    throw invalid("Exists and ComparisonOperator cannot be used together for Attribute: " + attribute);
                }
                conditions.add(comparison(attribute, comparison.get(), list.orElse(value.map(List::of).orElse(List.of()))));
            } else if (list.isPresent()) {
                throw invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: " + attribute);
            } else if (exists.orElse(true)) {
                if (value.isEmpty()) {
                    throw invalid("Value must be provided when Exists is " + exists.map(String::valueOf).orElse("null")
                            + " for Attribute: " + attribute);
                }
                conditions.add(comparison(attribute, "EQ", List.of(value.get())));
            } else {
                if (value.isPresent()) {
                    throw invalid("Value cannot be used when Exists is false for Attribute: " + attribute);
                }
                conditions.add(comparison(attribute, "NULL", List.of()));
            }
        });
        return join(conditions, operator);
    }

    /** QueryFilter or ScanFilter: per attribute, a ComparisonOperator and its AttributeValueList. */
    static Optional<Condition> filter(Map<String, JsonNode> filter, Optional<String> operator) {
        List<Condition> conditions = new ArrayList<>();
        filter.forEach((attribute, node) -> {
            JsonInput condition = JsonInput.struct(node, "Condition");
            String comparison = condition.string("ComparisonOperator")
                    .orElseThrow(() -> invalid("ComparisonOperator is required for Attribute: " + attribute));
            conditions.add(comparison(attribute, comparison, values(condition).orElse(List.of())));
        });
        return join(conditions, operator);
    }

    static Map<String, KeyCondition.SortCondition> keyConditions(Map<String, JsonNode> keyConditions) {
        Map<String, KeyCondition.SortCondition> conditions = new LinkedHashMap<>();
        keyConditions.forEach((attribute, node) -> {
            JsonInput condition = JsonInput.struct(node, "Condition");
            String comparison = condition.string("ComparisonOperator").orElse("");
            List<AttributeValue> values = values(condition).orElse(List.of());
            checkArguments(comparison, values);
            String operator = switch (comparison) {
                case "EQ" -> "=";
                case "LT" -> "<";
                case "LE" -> "<=";
                case "GT" -> ">";
                case "GE" -> ">=";
                case "BETWEEN" -> "BETWEEN";
                case "BEGINS_WITH" -> "begins_with";
                default -> throw DynamoDbError.validation("Attempted conditional constraint is not an indexable operation");
            };
            conditions.put(attribute, new KeyCondition.SortCondition(attribute, operator, values));
        });
        if (conditions.isEmpty() || conditions.size() > 2) {
            throw DynamoDbError.validation("Conditions can be of length 1 or 2 only");
        }
        return conditions;
    }

    /** AttributeUpdates: PUT sets, ADD adds (to numbers and sets; appends to lists), DELETE removes or takes from a set. */
    static List<UpdateAction> attributeUpdates(Map<String, JsonNode> updates) {
        List<UpdateAction> actions = new ArrayList<>();
        updates.forEach((attribute, node) -> {
            JsonInput update = JsonInput.struct(node, "AttributeValueUpdate");
            String action = update.string("Action").orElse("PUT");
            Optional<AttributeValue> value = Optional.ofNullable(update.has("Value")
                    ? JsonInput.attributeValue(update.node().get("Value")) : null);
            DocumentPath path = DocumentPath.of(attribute);
            if (value.isEmpty() && !action.equals("DELETE")) {
                throw invalid("Only DELETE action is allowed when no attribute value is specified");
            }
            switch (action) {
                case "PUT" -> actions.add(new UpdateAction.Set(path, new Operand.Value(":legacy", value.get())));
                case "ADD" -> {
                    AttributeValue added = value.get();
                    if (added instanceof AttributeValue.L) {
                        actions.add(new UpdateAction.Set(path, new Operand.ListAppend(
                                new Operand.IfNotExists(path, new Operand.Value(":legacy", new AttributeValue.L(List.of()))),
                                new Operand.Value(":legacy", added))));
                    } else if (added instanceof AttributeValue.N || added.isSet()) {
                        actions.add(new UpdateAction.Add(path, new Operand.Value(":legacy", added)));
                    } else {
                        throw invalid("ADD action is not supported for the type " + added.type());
                    }
                }
                default -> {
                    if (value.isEmpty()) {
                        actions.add(new UpdateAction.Remove(path));
                    } else if (value.get().isSet()) {
                        actions.add(new UpdateAction.Delete(path, new Operand.Value(":legacy", value.get())));
                    } else {
                        throw invalid("DELETE action with value is not supported for the type " + value.get().type());
                    }
                }
            }
        });
        return actions;
    }

    private static Optional<List<AttributeValue>> values(JsonInput condition) {
        return condition.list("AttributeValueList").map(list -> list.stream().map(JsonInput::attributeValue).toList());
    }

    private static void checkArguments(String comparison, List<AttributeValue> values) {
        Integer expected = ARGUMENTS.get(comparison);
        if (expected == null) {
            throw DynamoDbError.validation("1 validation error detected: Value '" + comparison + "' at 'comparisonOperator' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: " + OPERATORS);
        }
        if (expected == -1 ? values.isEmpty() : values.size() != expected) {
            throw invalid("Invalid number of argument(s) for the " + comparison + " ComparisonOperator");
        }
        if (values.stream().map(AttributeValue::type).distinct().count() > 1) {
            throw invalid("AttributeValues inside AttributeValueList must be of same type");
        }
        if (comparison.equals("BETWEEN") && values.get(0).isScalarKeyType()
                && AttributeValue.compareKeys(values.get(0), values.get(1)) > 0) {
            throw DynamoDbError.validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        }
    }

    private static Condition comparison(String attribute, String comparison, List<AttributeValue> values) {
        checkArguments(comparison, values);
        Operand path = new Operand.Path(DocumentPath.of(attribute));
        List<Operand> operands = values.stream().<Operand>map(value -> new Operand.Value(":legacy", value)).toList();
        return switch (comparison) {
            case "EQ" -> new Condition.Comparison("=", path, operands.get(0));
            case "NE" -> new Condition.Comparison("<>", path, operands.get(0));
            case "LE" -> new Condition.Comparison("<=", path, operands.get(0));
            case "LT" -> new Condition.Comparison("<", path, operands.get(0));
            case "GE" -> new Condition.Comparison(">=", path, operands.get(0));
            case "GT" -> new Condition.Comparison(">", path, operands.get(0));
            case "NOT_NULL" -> new Condition.Function("attribute_exists", List.of(path));
            case "NULL" -> new Condition.Function("attribute_not_exists", List.of(path));
            case "CONTAINS" -> new Condition.Function("contains", List.of(path, operands.get(0)));
            case "NOT_CONTAINS" -> new Condition.And(new Condition.Function("attribute_exists", List.of(path)),
                    new Condition.Not(new Condition.Function("contains", List.of(path, operands.get(0)))));
            case "BEGINS_WITH" -> new Condition.Function("begins_with", List.of(path, operands.get(0)));
            case "IN" -> new Condition.In(path, operands);
            default -> new Condition.Between(path, operands.get(0), operands.get(1));
        };
    }

    private static Optional<Condition> join(List<Condition> conditions, Optional<String> operator) {
        Condition joined = null;
        for (Condition condition : conditions) {
            joined = joined == null ? condition
                    : operator.orElse("AND").equals("OR") ? new Condition.Or(joined, condition) : new Condition.And(joined, condition);
        }
        return Optional.ofNullable(joined);
    }

    private static DynamoDbError invalid(String detail) {
        return DynamoDbError.validation("One or more parameter values were invalid: " + detail);
    }
}
