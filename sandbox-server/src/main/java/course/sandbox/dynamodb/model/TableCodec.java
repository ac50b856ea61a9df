package course.sandbox.dynamodb.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A table's definition (not its items) as the data directory keeps it. */
final class TableCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TableCodec() {
    }

    static ObjectNode write(Table table) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", table.name()).put("arn", table.arn()).put("id", table.id())
                .put("created", table.created().toString()).put("billingMode", table.billingMode())
                .put("billingModeChanged", table.billingModeChanged().toString()).put("tableClass", table.tableClass())
                .put("deletionProtection", table.deletionProtection());
        table.ttlAttribute().ifPresent(ttl -> node.put("ttl", ttl));
        ObjectNode definitions = node.putObject("attributes");
        table.attributeDefinitions().forEach((name, type) -> definitions.put(name, type.name()));
        node.set("key", key(table.key()));
        node.set("throughput", throughput(table.throughput()));
        ArrayNode indexes = node.putArray("indexes");
        for (SecondaryIndex index : table.allIndexes()) {
            ObjectNode entry = indexes.addObject().put("name", index.name()).put("global", index.global())
                    .put("projection", index.projection().type());
            entry.set("key", key(index.key()));
            ArrayNode nonKey = entry.putArray("nonKeyAttributes");
            index.projection().nonKeyAttributes().forEach(nonKey::add);
            index.throughput().ifPresent(t -> entry.set("throughput", throughput(t)));
        }
        ObjectNode tags = node.putObject("tags");
        table.tags().forEach(tags::put);
        ArrayNode streams = node.putArray("streams");
        for (TableStream stream : table.streams()) {
            streams.addObject().put("viewType", stream.viewType()).put("created", stream.created().toString())
                    .put("status", stream.status());
        }
        return node;
    }

    static Table read(JsonNode node) {
        Map<String, ScalarType> definitions = new LinkedHashMap<>();
        node.path("attributes").properties().forEach(e -> definitions.put(e.getKey(), ScalarType.valueOf(e.getValue().asText())));
        Table table = new Table(node.path("name").asText(), node.path("arn").asText(), node.path("id").asText(),
                Instant.parse(node.path("created").asText()), key(node.path("key")), definitions,
                node.path("billingMode").asText(), throughput(node.path("throughput")), node.path("tableClass").asText(),
                node.path("deletionProtection").asBoolean());
        table.billing(node.path("billingMode").asText(), throughput(node.path("throughput")),
                Instant.parse(node.path("billingModeChanged").asText()));
        for (JsonNode index : node.path("indexes")) {
            List<String> nonKey = new ArrayList<>();
            index.path("nonKeyAttributes").forEach(name -> nonKey.add(name.asText()));
            table.addIndex(new SecondaryIndex(index.path("name").asText(), index.path("global").asBoolean(), key(index.path("key")),
                    new Projection(index.path("projection").asText(), nonKey),
                    index.has("throughput") ? Optional.of(throughput(index.path("throughput"))) : Optional.empty()));
        }
        node.path("tags").properties().forEach(e -> table.tags().put(e.getKey(), e.getValue().asText()));
        for (JsonNode stream : node.path("streams")) {
            table.enableStream(stream.path("viewType").asText(), Instant.parse(stream.path("created").asText()));
            if (stream.path("status").asText().equals("DISABLED")) {
                table.disableStream();
            }
        }
        if (node.has("ttl")) {
            table.ttl(Optional.of(node.path("ttl").asText()));
        }
        return table;
    }

    private static ObjectNode key(KeyDefinition key) {
        ObjectNode node = JSON.createObjectNode().put("partition", key.partitionKey()).put("partitionType", key.partitionType().name());
        key.sortKey().ifPresent(sort -> node.put("sort", sort).put("sortType", key.sortType().orElseThrow().name()));
        return node;
    }

    private static KeyDefinition key(JsonNode node) {
        ScalarType partitionType = ScalarType.valueOf(node.path("partitionType").asText());
        return node.has("sort") ? KeyDefinition.of(node.path("partition").asText(), partitionType, node.path("sort").asText(),
                ScalarType.valueOf(node.path("sortType").asText())) : KeyDefinition.of(node.path("partition").asText(), partitionType);
    }

    private static ObjectNode throughput(Throughput throughput) {
        ObjectNode node = JSON.createObjectNode().put("read", throughput.read()).put("write", throughput.write())
                .put("decreasesToday", throughput.decreasesToday());
        throughput.lastIncrease().ifPresent(at -> node.put("lastIncrease", at.toString()));
        throughput.lastDecrease().ifPresent(at -> node.put("lastDecrease", at.toString()));
        return node;
    }

    private static Throughput throughput(JsonNode node) {
        return new Throughput(node.path("read").asLong(), node.path("write").asLong(),
                Optional.ofNullable(node.get("lastIncrease")).map(at -> Instant.parse(at.asText())),
                Optional.ofNullable(node.get("lastDecrease")).map(at -> Instant.parse(at.asText())),
                node.path("decreasesToday").asInt());
    }
}
