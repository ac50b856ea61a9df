package course.sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.dynamodb.model.AttributeValue;
import course.sandbox.dynamodb.model.Binary;
import course.sandbox.dynamodb.model.DynamoDbError;
import course.sandbox.dynamodb.model.Numbers;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request body read strictly, field by field: a field of the wrong JSON type is refused with
 * the SerializationException DynamoDB's front end answers ("NUMBER_VALUE cannot be converted to
 * String", "Start of structure or map found where not expected", …). JSON null counts as absent.
 */
final class JsonInput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHAPES = "com.amazonaws.dynamodb.v20120810.";
    static final int MAX_NESTING = 32;

    private final JsonNode node;

    private JsonInput(JsonNode node) {
        this.node = node;
    }

    static JsonInput parse(byte[] body) {
        if (body.length == 0) {
            throw serialization(null);
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw serialization(null);
        }
        if (node == null || !node.isObject()) {
            throw serialization(node != null && node.isArray() ? "Unrecognized collection type class " + SHAPES + "Input"
                    : "Unexpected field type");
        }
        return new JsonInput(node);
    }

    JsonNode node() {
        return node;
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    private Optional<JsonNode> field(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    Optional<String> string(String field) {
        return field(field).map(JsonInput::string);
    }

    static String string(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        throw serialization(mismatch(value, "String", "class java.lang.String"));
    }

    Optional<Integer> integer(String field) {
        return field(field).map(value -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number(value, "Integer"))));
    }

    Optional<Long> longValue(String field) {
        return field(field).map(value -> number(value, "Long"));
    }

    private static long number(JsonNode value, String type) {
        if (value.isNumber()) {
            return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue()
                    : value.decimalValue().setScale(0, java.math.RoundingMode.FLOOR).max(BigDecimal.valueOf(Long.MIN_VALUE))
                    .min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
        }
        if (value.isTextual()) {
            throw serialization("STRING_VALUE cannot be converted to " + type);
        }
        throw serialization(mismatch(value, type, "class java.lang." + type));
    }

    Optional<Boolean> bool(String field) {
        return field(field).map(value -> {
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            if (value.isTextual()) {
                // DynamoDB's front end reads these strings as booleans.
                String text = value.textValue().toUpperCase(Locale.ROOT);
                if (Set.of("TRUE", "1", "YES").contains(text)) {
                    return true;
                }
                if (Set.of("FALSE", "0", "NO").contains(text)) {
                    return false;
                }
                throw serialization("Unexpected token received from parser");
            }
            if (value.isNumber()) {
                throw serialization((value.isIntegralNumber() ? "NUMBER_VALUE" : "DECIMAL_VALUE") + " cannot be converted to Boolean");
            }
            throw serialization(mismatch(value, "Boolean", "class java.lang.Boolean"));
        });
    }

    /** A structure (an object of known fields) named {@code shape} in DynamoDB's model. */
    Optional<JsonInput> struct(String field, String shape) {
        return field(field).map(value -> struct(value, shape));
    }

    static JsonInput struct(JsonNode value, String shape) {
        if (value.isObject()) {
            return new JsonInput(value);
        }
        if (value.isArray()) {
            throw serialization("Unrecognized collection type class " + SHAPES + shape);
        }
        throw serialization("Unexpected field type");
    }

    Optional<List<JsonNode>> list(String field) {
        return field(field).map(JsonInput::list);
    }

    static List<JsonNode> list(JsonNode value) {
        if (value.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            value.forEach(elements::add);
            return elements;
        }
        if (value.isObject()) {
            throw serialization("Start of structure or map found where not expected");
        }
        throw serialization("Unexpected field type");
    }

    Optional<List<JsonInput>> structList(String field, String shape) {
        return list(field).map(elements -> elements.stream().map(element -> struct(element, shape)).toList());
    }

    Optional<List<String>> stringList(String field) {
        return list(field).map(elements -> elements.stream().map(JsonInput::string).toList());
    }

    /** An object used as a map (keys chosen by the caller) of values of {@code valueShape}. */
    Optional<Map<String, JsonNode>> map(String field, String valueShape) {
        return field(field).map(value -> map(value, valueShape));
    }

    static Map<String, JsonNode> map(JsonNode value, String valueShape) {
        if (value.isObject()) {
            Map<String, JsonNode> entries = new LinkedHashMap<>();
            value.properties().forEach(entry -> entries.put(entry.getKey(), entry.getValue()));
            return entries;
        }
        if (value.isArray()) {
            throw serialization("Unrecognized collection type java.util.Map<java.lang.String, "
                    + (valueShape.contains(".") ? valueShape : SHAPES + valueShape) + ">");
        }
        throw serialization("Unexpected field type");
    }

    Optional<Map<String, String>> stringMap(String field) {
        return map(field, "java.lang.String").map(entries -> {
            Map<String, String> strings = new LinkedHashMap<>();
            entries.forEach((key, value) -> {
                if (!value.isNull()) {
                    strings.put(key, string(value));
                }
            });
            return strings;
        });
    }

    /** An item, key or ExpressionAttributeValues map, each value checked as DynamoDB checks attribute values. */
    Optional<Map<String, AttributeValue>> attributes(String field) {
        return map(field, "AttributeValue").map(JsonInput::attributes);
    }

    static Map<String, AttributeValue> attributes(Map<String, JsonNode> entries) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        entries.forEach((name, value) -> {
            if (!value.isNull()) {
                attributes.put(name, attributeValue(value));
            }
        });
        return attributes;
    }

    static AttributeValue attributeValue(JsonNode value) {
        return attributeValue(value, 0);
    }

    /** Documents nest at most 32 levels. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-attributes */
    private static AttributeValue attributeValue(JsonNode value, int depth) {
        if (depth > MAX_NESTING) {
            throw DynamoDbError.validation("Nesting Levels have exceeded supported limits");
        }
        if (value.isArray()) {
            throw serialization("Unrecognized collection type class " + SHAPES + "AttributeValue");
        }
        if (!value.isObject()) {
            throw serialization("Unexpected value type in payload");
        }
        AttributeValue found = null;
        int types = 0;
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (entry.getValue().isNull()) {
                continue;
            }
            AttributeValue typed = typed(entry.getKey(), entry.getValue(), depth);
            if (typed != null) {
                types++;
                found = found == null ? typed : found;
            }
        }
        if (types == 0) {
            throw DynamoDbError.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (types > 1) {
            throw DynamoDbError.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
                    + "the supported datatypes");
        }
        return found;
    }

    /** One member of an AttributeValue structure; null for members DynamoDB does not know (ignored, as AWS does). */
    private static AttributeValue typed(String type, JsonNode value, int depth) {
        switch (type) {
            case "S":
                return new AttributeValue.S(string(value));
            case "N":
                return new AttributeValue.N(Numbers.parse(string(value)));
            case "B":
                return new AttributeValue.B(blob(value));
            case "BOOL":
                return new JsonInput(JSON.createObjectNode().set("v", value)).bool("v").orElseThrow()
                        ? AttributeValue.Bool.TRUE : AttributeValue.Bool.FALSE;
            case "NULL": {
                boolean isNull = new JsonInput(JSON.createObjectNode().set("v", value)).bool("v").orElseThrow();
                if (!isNull) {
                    throw DynamoDbError.validation("One or more parameter values were invalid: Null attribute value types must have the value of true");
                }
                return AttributeValue.Null.INSTANCE;
            }
            case "L": {
                List<AttributeValue> elements = new ArrayList<>();
                for (JsonNode element : list(value)) {
                    elements.add(attributeValue(element, depth + 1));
                }
                return new AttributeValue.L(elements);
            }
            case "M": {
                Map<String, AttributeValue> members = new LinkedHashMap<>();
                map(value, "AttributeValue").forEach((name, member) -> {
                    if (!member.isNull()) {
                        members.put(name, attributeValue(member, depth + 1));
                    }
                });
                return new AttributeValue.M(members);
            }
            case "SS": {
                List<String> elements = list(value).stream().map(JsonInput::string).toList();
                if (elements.isEmpty()) {
                    throw DynamoDbError.validation("One or more parameter values were invalid: An string set  may not be empty");
                }
                Set<String> set = new LinkedHashSet<>(elements);
                if (set.size() != elements.size()) {
                    throw DynamoDbError.validation("One or more parameter values were invalid: Input collection " + elements
                            + " contains duplicates.");
                }
                return new AttributeValue.SS(set);
            }
            case "NS": {
                List<String> texts = list(value).stream().map(JsonInput::string).toList();
                if (texts.isEmpty()) {
                    throw DynamoDbError.validation("One or more parameter values were invalid: An number set  may not be empty");
                }
                Set<BigDecimal> set = new LinkedHashSet<>();
                for (String text : texts) {
                    set.add(Numbers.parse(text));
                }
                if (set.size() != texts.size()) {
                    throw DynamoDbError.validation("Input collection contains duplicates");
                }
                return new AttributeValue.NS(set);
            }
            case "BS": {
                List<JsonNode> elements = list(value);
                if (elements.isEmpty()) {
                    throw DynamoDbError.validation("One or more parameter values were invalid: Binary sets should not be empty");
                }
                Set<Binary> set = new LinkedHashSet<>();
                for (JsonNode element : elements) {
                    set.add(blob(element));
                }
                if (set.size() != elements.size()) {
                    throw DynamoDbError.validation("One or more parameter values were invalid: Input collection "
                            + elements.stream().map(JsonNode::asText).toList() + "of type BS contains duplicates.");
                }
                return new AttributeValue.BS(set);
            }
            default:
                return null;
        }
    }

    private static Binary blob(JsonNode value) {
        if (value.isArray()) {
            throw serialization("Unrecognized collection type class java.nio.ByteBuffer");
        }
        if (value.isObject()) {
            throw serialization("Start of structure or map found where not expected");
        }
        if (!value.isTextual()) {
            throw serialization("only base-64-encoded strings are convertible to bytes");
        }
        String text = value.textValue();
        if (text.length() % 4 != 0) {
            throw serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length());
        }
        try {
            return Binary.wrap(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw serialization("Invalid last non-pad Base64 character dectected");
        }
    }

    /** How DynamoDB words a JSON value of the wrong kind for a scalar field. */
    private static String mismatch(JsonNode value, String type, String collectionType) {
        if (value.isNumber()) {
            return (value.isIntegralNumber() ? "NUMBER_VALUE" : "DECIMAL_VALUE") + " cannot be converted to " + type;
        }
        if (value.isBoolean()) {
            return (value.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE") + " cannot be converted to " + type;
        }
        if (value.isArray()) {
            return "Unrecognized collection type " + collectionType;
        }
        if (value.isObject()) {
            return "Start of structure or map found where not expected";
        }
        return "STRING_VALUE cannot be converted to " + type;
    }

    static DynamoDbError serialization(String message) {
        return new DynamoDbError("SerializationException", message);
    }
}
