package course.sandbox.dynamodb.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.dynamodb.model.AttributeValue;
import course.sandbox.dynamodb.model.DynamoDbError;
import course.sandbox.dynamodb.model.ItemJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The expression language as a table: each row parses an expression against one item, with
 * ExpressionAttributeNames {@code #n → name} and the values below, and gives the result or
 * DynamoDB's error message. Semantics from
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html,
 * update rules from https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html,
 * reserved words from https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html.
 */
class ExpressionTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The item every row is evaluated against. */
    private static final String ITEM = """
            {"id":{"S":"a1"},"n":{"N":"5"},"s":{"S":"hello"},"b":{"B":"AQID"},"t":{"BOOL":true},"z":{"NULL":true},
             "l":{"L":[{"N":"1"},{"S":"x"},{"M":{"k":{"S":"v"}}}]},"m":{"M":{"nested":{"N":"7"},"deep":{"M":{"x":{"S":"y"}}}}},
             "ss":{"SS":["red","green"]},"ns":{"NS":["1","2"]},"name":{"S":"reserved"}}""";
    private static final String VALUES = """
            {":five":{"N":"5"},":six":{"N":"6"},":one":{"N":"1"},":hel":{"S":"hel"},":hello":{"S":"hello"},":red":{"S":"red"},
             ":x":{"S":"x"},":typeS":{"S":"S"},":typeL":{"S":"L"},":bogus":{"S":"Q"},":bytes":{"B":"AQ=="},":true":{"BOOL":true},
             ":list":{"L":[{"N":"9"}]},":set":{"SS":["blue"]},":nset":{"NS":["3"]},":seven":{"N":"7"},":y":{"S":"y"}}""";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            n = :five                                  | true
            n <> :five                                 | false
            absent <> :five                           | true
            absent = :five                            | false
            n < :six                                   | true
            n >= :six                                  | false
            s < :five                                  | false
            s > :hel                                   | true
            n BETWEEN :one AND :six                    | true
            n BETWEEN :six AND :six                    | false
            n IN (:one, :five)                         | true
            s IN (:one, :five)                         | false
            attribute_exists(m.nested)                  | true
            attribute_exists(m.nothing)                | false
            attribute_not_exists(absent)              | true
            attribute_type(s, :typeS)                  | true
            attribute_type(l, :typeL)                  | true
            attribute_type(n, :typeS)                  | false
            begins_with(s, :hel)                       | true
            begins_with(n, :hel)                       | false
            begins_with(b, :bytes)                     | true
            contains(s, :hel)                          | true
            contains(ss, :red)                         | true
            contains(l, :x)                            | true
            contains(ns, :one)                         | true
            contains(ns, :hel)                         | false
            size(s) = :five                            | true
            size(l) > :one                             | true
            size(m) = :one                             | false
            size(n) = :one                             | false
            m.nested = :seven                           | true
            m.deep.x = :y                              | true
            l[1] = :x                                  | true
            l[2].k = :x                                | false
            l[9] = :x                                  | false
            #n = :x                                    | false
            n = :five AND s = :hello                   | true
            n = :six OR s = :hello                     | true
            NOT n = :five                              | false
            NOT (n = :six OR t = :true)                | false
            (n) = :five                                | true
            (n = :five) AND (size(ss) = :one OR z = :true) | false
            name = :x                                  | error: Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name
            #undefined = :x                            | error: Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #undefined
            n = :nope                                  | error: Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope
            n = = :five                                | error: Invalid ConditionExpression: Syntax error; token: "=", near: "= = :five"
            n = :five AND                              | error: Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND"
            foo(n)                                     | error: Invalid ConditionExpression: Invalid function name; function: foo
            begins_with(n)                             | error: Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1
            size(n)                                    | error: Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size
            attribute_exists(n) = :true                | error: Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists
            n = n                                      | error: Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [n]
            n BETWEEN :six AND :one                    | error: Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:6}, upper bound operand: AttributeValue: {N:1}
            attribute_type(n, :bogus)                  | error: Invalid ConditionExpression: Invalid attribute type name found; type: Q, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}
            attribute_exists(:five)                    | error: Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists
            begins_with(s, :five)                      | error: Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N
            '   '                                      | error: Invalid ConditionExpression: The expression can not be empty;
            """)
    void conditions(String expression, String expected) {
        ExpressionContext context = new ExpressionContext(Map.of("#n", "name", "#undefinedNot", "x"), values());
        if (expected.startsWith("error: ")) {
            DynamoDbError error = assertThrows(DynamoDbError.class,
                    () -> ExpressionParser.condition("ConditionExpression", expression, context));
            assertEquals("ValidationException", error.code());
            assertEquals(expected.substring("error: ".length()), error.getMessage());
        } else {
            Condition condition = ExpressionParser.condition("ConditionExpression", expression, context);
            assertEquals(Boolean.parseBoolean(expected), Evaluator.test(condition, item(ITEM)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SET n = n + :one                            | {"n":{"N":"6"}}
            SET n = :one - n                            | {"n":{"N":"-4"}}
            SET c = if_not_exists(c, :five) + :one      | {"c":{"N":"6"}}
            SET n = if_not_exists(n, :one)              | {"n":{"N":"5"}}
            SET l = list_append(l, :list)               | {"l":{"L":[{"N":"1"},{"S":"x"},{"M":{"k":{"S":"v"}}},{"N":"9"}]}}
            SET l = list_append(:list, l)               | {"l":{"L":[{"N":"9"},{"N":"1"},{"S":"x"},{"M":{"k":{"S":"v"}}}]}}
            SET m.nested = :one, m.added = :x            | {"m":{"M":{"nested":{"N":"1"},"deep":{"M":{"x":{"S":"y"}}},"added":{"S":"x"}}}}
            SET l[1] = :one                             | {"l":{"L":[{"N":"1"},{"N":"1"},{"M":{"k":{"S":"v"}}}]}}
            SET l[10] = :one                            | {"l":{"L":[{"N":"1"},{"S":"x"},{"M":{"k":{"S":"v"}}},{"N":"1"}]}}
            REMOVE l[0], l[2]                           | {"l":{"L":[{"S":"x"}]}}
            REMOVE s, m.deep                            | {"s":null,"m":{"M":{"nested":{"N":"7"}}}}
            ADD n :one                                  | {"n":{"N":"6"}}
            ADD fresh :one                              | {"fresh":{"N":"1"}}
            ADD ss :set                                 | {"ss":{"SS":["red","green","blue"]}}
            DELETE ss :set                              | {"ss":{"SS":["red","green"]}}
            DELETE ns :nset ADD n :one                  | {"ns":{"NS":["1","2"]},"n":{"N":"6"}}
            SET s = :x REMOVE t ADD n :one DELETE ss :set | {"s":{"S":"x"},"t":null,"n":{"N":"6"}}
            set s = :x                                  | {"s":{"S":"x"}}
            SET m.nothing.deeper = :x                   | error: The document path provided in the update expression is invalid for update
            SET n = s + :one                            | error: An operand in the update expression has an incorrect data type
            SET n = absent + :one                      | error: The provided expression refers to an attribute that does not exist in the item
            ADD s :one                                  | error: An operand in the update expression has an incorrect data type
            SET n = :one SET s = :x                     | error: Invalid UpdateExpression: The "SET" section can only be used once in an update expression;
            SET m = :one REMOVE m.nested                 | error: Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m, nested]
            SET l[0] = :one REMOVE l.x                  | error: Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [l, [0]], path two: [l, x]
            ADD s :x                                    | error: Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING
            DELETE ss :one                              | error: Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER
            SET n = :x + :one                           | error: Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S
            SET name = :x                               | error: Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name
            SET n = size(s)                             | error: Invalid UpdateExpression: Invalid function name; function: size
            SET n                                       | error: Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "n"
            """)
    void updates(String expression, String expected) throws IOException {
        ExpressionContext context = new ExpressionContext(null, values());
        Map<String, AttributeValue> item = item(ITEM);
        if (expected.startsWith("error: ")) {
            DynamoDbError error = assertThrows(DynamoDbError.class,
                    () -> Updater.apply(item, ExpressionParser.update(expression, context)));
            assertEquals(expected.substring("error: ".length()), error.getMessage());
            return;
        }
        Map<String, AttributeValue> updated = Updater.apply(item, ExpressionParser.update(expression, context));
        Map<String, AttributeValue> wanted = new LinkedHashMap<>(item);
        JSON.readTree(expected).properties().forEach(entry -> {
            if (entry.getValue().isNull()) {
                wanted.remove(entry.getKey());
            } else {
                wanted.put(entry.getKey(), ItemJson.readItem(JSON.createObjectNode().set("v", entry.getValue())).get("v"));
            }
        });
        assertEquals(wanted, updated);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            id, n                   | {"id":{"S":"a1"},"n":{"N":"5"}}
            m.nested                 | {"m":{"M":{"nested":{"N":"7"}}}}
            l[2].k, l[0]            | {"l":{"L":[{"N":"1"},{"M":{"k":{"S":"v"}}}]}}
            m.nothing, absent      | {}
            #n                      | {"name":{"S":"reserved"}}
            """)
    void projections(String expression, String expected) throws IOException {
        ExpressionContext context = new ExpressionContext(expression.contains("#n") ? Map.of("#n", "name") : null, null);
        List<DocumentPath> paths = ExpressionParser.projection(expression, context);
        context.checkAllUsed();
        assertEquals(ItemJson.readItem(JSON.readTree(expected)), Projector.project(item(ITEM), paths));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"#a":"n"}     | {":v":{"N":"1"}} | n = :v        | Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}
            {"#a":"n"}     | {":v":{"N":"1"},":w":{"N":"2"}} | #a = :v | Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}
            {"a":"n"}      | {":v":{"N":"1"}} | n = :v        | ExpressionAttributeNames contains invalid key: Syntax error; key: "a"
            {}             | {":v":{"N":"1"}} | n = :v        | ExpressionAttributeNames must not be empty
            """)
    void placeholders(String names, String values, String expression, String message) throws IOException {
        Map<String, String> nameMap = new LinkedHashMap<>();
        JSON.readTree(names).properties().forEach(e -> nameMap.put(e.getKey(), e.getValue().asText()));
        DynamoDbError error = assertThrows(DynamoDbError.class, () -> {
            ExpressionContext context = new ExpressionContext(nameMap, ItemJson.readItem(JSON.readTree(values)));
            ExpressionParser.condition("ConditionExpression", expression, context);
            context.checkAllUsed();
        });
        assertEquals(message, error.getMessage());
    }

    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-expression-parameters
    @org.junit.jupiter.api.Test
    void expressionsAreAtMost4KbAndDeepParenthesesAreRefusedNotOverflowed() {
        ExpressionContext context = new ExpressionContext(null, values());
        String long4k = "n = :five" + " OR n = :five".repeat(400);
        DynamoDbError tooLong = assertThrows(DynamoDbError.class, () -> ExpressionParser.condition("FilterExpression", long4k, context));
        assertEquals("Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: "
                + long4k.length(), tooLong.getMessage());
        String deep = "(".repeat(1500) + "n = :five" + ")".repeat(1500);
        DynamoDbError nested = assertThrows(DynamoDbError.class, () -> ExpressionParser.condition("FilterExpression", deep, context));
        assertEquals("ValidationException", nested.code());
        String fine = "(".repeat(20) + "n = :five" + ")".repeat(20);
        assertEquals(true, Evaluator.test(ExpressionParser.condition("FilterExpression", fine, context), item(ITEM)));
    }

    private static Map<String, AttributeValue> values() {
        return item(VALUES);
    }

    private static Map<String, AttributeValue> item(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return ItemJson.readItem(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
