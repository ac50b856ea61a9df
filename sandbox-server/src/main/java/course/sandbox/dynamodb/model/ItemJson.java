package course.sandbox.dynamodb.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Items in DynamoDB's JSON ({@code {"S": "text"}}, {@code {"N": "1"}}, …): written for answers
 * and the data directory; read back (trusted, unchecked) from the data directory.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html#Programming.LowLevelAPI.DataTypeDescriptors
 */
public final class ItemJson {

    private ItemJson() {
    }

    public static void writeItem(JsonGenerator json, Map<String, AttributeValue> item) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            json.writeFieldName(attribute.getKey());
            write(json, attribute.getValue());
        }
        json.writeEndObject();
    }

    public static void write(JsonGenerator json, AttributeValue value) throws IOException {
        json.writeStartObject();
        json.writeFieldName(value.type());
        if (value instanceof AttributeValue.S s) {
            json.writeString(s.value());
        } else if (value instanceof AttributeValue.N n) {
            json.writeString(n.text());
        } else if (value instanceof AttributeValue.B b) {
            json.writeString(b.value().base64());
        } else if (value instanceof AttributeValue.Bool b) {
            json.writeBoolean(b.value());
        } else if (value instanceof AttributeValue.Null) {
            json.writeBoolean(true);
        } else if (value instanceof AttributeValue.L l) {
            json.writeStartArray();
            for (AttributeValue element : l.values()) {
                write(json, element);
            }
            json.writeEndArray();
        } else if (value instanceof AttributeValue.M m) {
            writeItem(json, m.values());
        } else if (value instanceof AttributeValue.SS ss) {
            json.writeStartArray();
            for (String element : ss.values()) {
                json.writeString(element);
            }
            json.writeEndArray();
        } else if (value instanceof AttributeValue.NS ns) {
            json.writeStartArray();
            for (BigDecimal element : ns.values()) {
                json.writeString(Numbers.text(element));
            }
            json.writeEndArray();
        } else {
            json.writeStartArray();
            for (Binary element : ((AttributeValue.BS) value).values()) {
                json.writeString(element.base64());
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /** Reads what {@link #writeItem} wrote. */
    public static Map<String, AttributeValue> readItem(JsonNode node) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        node.properties().forEach(attribute -> item.put(attribute.getKey(), read(attribute.getValue())));
        return item;
    }

    static AttributeValue read(JsonNode node) {
        Map.Entry<String, JsonNode> typed = node.properties().iterator().next();
        JsonNode value = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> new AttributeValue.S(value.asText());
            case "N" -> new AttributeValue.N(Numbers.normalize(new BigDecimal(value.asText())));
            case "B" -> new AttributeValue.B(Binary.wrap(Base64.getDecoder().decode(value.asText())));
            case "BOOL" -> value.asBoolean() ? AttributeValue.Bool.TRUE : AttributeValue.Bool.FALSE;
            case "NULL" -> AttributeValue.Null.INSTANCE;
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                value.forEach(element -> list.add(read(element)));
                yield new AttributeValue.L(list);
            }
            case "M" -> new AttributeValue.M(readItem(value));
            case "SS" -> {
                Set<String> set = new LinkedHashSet<>();
                value.forEach(element -> set.add(element.asText()));
                yield new AttributeValue.SS(set);
            }
            case "NS" -> {
                Set<BigDecimal> set = new LinkedHashSet<>();
                value.forEach(element -> set.add(Numbers.normalize(new BigDecimal(element.asText()))));
                yield new AttributeValue.NS(set);
            }
            default -> {
                Set<Binary> set = new LinkedHashSet<>();
                value.forEach(element -> set.add(Binary.wrap(Base64.getDecoder().decode(element.asText()))));
                yield new AttributeValue.BS(set);
            }
        };
    }
}
