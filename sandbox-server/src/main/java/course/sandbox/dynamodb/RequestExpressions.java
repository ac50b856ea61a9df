package course.sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import course.sandbox.dynamodb.expression.Condition;
import course.sandbox.dynamodb.expression.DocumentPath;
import course.sandbox.dynamodb.expression.ExpressionContext;
import course.sandbox.dynamodb.expression.ExpressionParser;
import course.sandbox.dynamodb.expression.UpdateAction;
import course.sandbox.dynamodb.model.AttributeValue;
import course.sandbox.dynamodb.model.DynamoDbError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The expressions of one request (or one transaction item) and their ExpressionAttributeNames
 * and ExpressionAttributeValues, parsed with DynamoDB's checks: expression and legacy
 * parameters are not mixed, placeholders come only with expressions, and every placeholder
 * defined is used.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.html
 */
final class RequestExpressions {
    private final JsonInput in;
    private final ExpressionContext context;

    /**
     * @param expressions the expression parameters the operation takes, in DynamoDB's order
     * @param legacy      the legacy parameters they replace
     */
    RequestExpressions(JsonInput in, List<String> expressions, List<String> legacy) {
        this.in = in;
        List<String> used = expressions.stream().filter(in::has).toList();
        if (!used.isEmpty()) {
            List<String> legacyUsed = legacy.stream().filter(in::has)
                    // KeyConditions may stay beside expressions as long as KeyConditionExpression is not given.
                    .filter(name -> !(name.equals("KeyConditions") && !in.has("KeyConditionExpression"))).toList();
            if (!legacyUsed.isEmpty()) {
                throw DynamoDbError.validation("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {" + String.join(", ", legacyUsed) + "} Expression parameters: {"
                        + String.join(", ", used) + "}");
            }
        }
        Optional<Map<String, String>> names = in.stringMap("ExpressionAttributeNames");
        Optional<Map<String, JsonNode>> valueNodes = in.map("ExpressionAttributeValues", "AttributeValue");
        if (names.isPresent() && used.isEmpty()) {
            throw DynamoDbError.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        List<String> valueExpressions = expressions.stream().filter(name -> !name.equals("ProjectionExpression")).toList();
        if (valueNodes.isPresent() && valueExpressions.stream().noneMatch(in::has)) {
            throw DynamoDbError.validation("ExpressionAttributeValues can only be specified when using expressions: "
                    + String.join(" and ", valueExpressions) + (valueExpressions.size() > 1 ? " are" : " is") + " null");
        }
        Map<String, AttributeValue> values = null;
        if (valueNodes.isPresent()) {
            values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : valueNodes.get().entrySet()) {
                if (entry.getValue().isNull()) {
                    continue;
                }
                try {
                    values.put(entry.getKey(), JsonInput.attributeValue(entry.getValue()));
                } catch (DynamoDbError e) {
                    throw e.code().equals("ValidationException") ? DynamoDbError.validation(
                            "ExpressionAttributeValues contains invalid value: " + e.getMessage() + " for key " + entry.getKey()) : e;
                }
            }
        }
        this.context = new ExpressionContext(names.orElse(null), values);
    }

    Optional<List<UpdateAction>> update() {
        return in.string("UpdateExpression").map(text -> ExpressionParser.update(text, context));
    }

    Optional<Condition> condition(String field) {
        return in.string(field).map(text -> ExpressionParser.condition(field, text, context));
    }

    Optional<List<DocumentPath>> projection() {
        return in.string("ProjectionExpression").map(text -> ExpressionParser.projection(text, context));
    }

    /** Call after every expression is parsed. */
    void checkAllUsed() {
        context.checkAllUsed();
    }

    /** ProjectionExpression, or the legacy AttributesToGet. */
    Optional<List<DocumentPath>> projectionOrAttributesToGet() {
        Optional<List<DocumentPath>> projection = projection();
        if (projection.isPresent()) {
            return projection;
        }
        return in.stringList("AttributesToGet").map(names -> new ArrayList<>(LegacyParameters.attributesToGet(names)));
    }
}
