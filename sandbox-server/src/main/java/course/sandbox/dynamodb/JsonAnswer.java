package course.sandbox.dynamodb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import course.sandbox.dynamodb.model.AttributeValue;
import course.sandbox.dynamodb.model.Capacity;
import course.sandbox.dynamodb.model.ItemJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An answer body written as it goes, with the few shapes many operations share. */
final class JsonAnswer {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes the fields of the answer object. */
    @FunctionalInterface
    interface Body {
        void write(JsonAnswer answer) throws IOException;
    }

    final JsonGenerator json;

    private JsonAnswer(JsonGenerator json) {
        this.json = json;
    }

    static byte[] of(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            body.write(new JsonAnswer(json));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    JsonAnswer field(String name, String value) throws IOException {
        json.writeStringField(name, value);
        return this;
    }

    JsonAnswer field(String name, long value) throws IOException {
        json.writeNumberField(name, value);
        return this;
    }

    JsonAnswer field(String name, boolean value) throws IOException {
        json.writeBooleanField(name, value);
        return this;
    }

    /** A timestamp as AWS JSON protocols send them: epoch seconds, with milliseconds. */
    JsonAnswer time(String name, Instant at) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(BigDecimal.valueOf(at.toEpochMilli(), 3));
        return this;
    }

    JsonAnswer item(String name, Map<String, AttributeValue> item) throws IOException {
        json.writeFieldName(name);
        ItemJson.writeItem(json, item);
        return this;
    }

    JsonAnswer items(String name, List<Map<String, AttributeValue>> items) throws IOException {
        json.writeArrayFieldStart(name);
        for (Map<String, AttributeValue> item : items) {
            ItemJson.writeItem(json, item);
        }
        json.writeEndArray();
        return this;
    }

    /** ConsumedCapacity for TOTAL or INDEXES; nothing for NONE. */
    void capacity(String mode, Capacity capacity) throws IOException {
        if (mode.equals("TOTAL") || mode.equals("INDEXES")) {
            json.writeFieldName("ConsumedCapacity");
            writeCapacity(mode, capacity);
        }
    }

    /** The list form BatchGetItem, BatchWriteItem and transactions answer with. */
    void capacities(String mode, List<Capacity> capacities) throws IOException {
        if (mode.equals("TOTAL") || mode.equals("INDEXES")) {
            json.writeArrayFieldStart("ConsumedCapacity");
            for (Capacity capacity : capacities) {
                writeCapacity(mode, capacity);
            }
            json.writeEndArray();
        }
    }

    private void writeCapacity(String mode, Capacity capacity) throws IOException {
        json.writeStartObject();
        json.writeStringField("TableName", capacity.tableName());
        json.writeNumberField("CapacityUnits", capacity.total());
        json.writeNumberField(capacity.write() ? "WriteCapacityUnits" : "ReadCapacityUnits", capacity.total());
        if (mode.equals("INDEXES")) {
            json.writeObjectFieldStart("Table");
            units(capacity.write(), capacity.table());
            json.writeEndObject();
            indexUnits("GlobalSecondaryIndexes", capacity.write(), capacity.globalIndexes());
            indexUnits("LocalSecondaryIndexes", capacity.write(), capacity.localIndexes());
        }
        json.writeEndObject();
    }

    private void indexUnits(String field, boolean write, Map<String, Double> indexes) throws IOException {
        if (!indexes.isEmpty()) {
            json.writeObjectFieldStart(field);
            for (Map.Entry<String, Double> index : indexes.entrySet()) {
                json.writeObjectFieldStart(index.getKey());
                units(write, index.getValue());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
    }

    private void units(boolean write, double units) throws IOException {
        json.writeNumberField("CapacityUnits", units);
        json.writeNumberField(write ? "WriteCapacityUnits" : "ReadCapacityUnits", units);
    }
}
