import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A NoSQL Workbench for DynamoDB data model: the JSON file its data modeler imports and exports.
 *
 * AWS publishes no schema for this file. Every field read or written here was seen in one of:
 * <ul>
 * <li>[samples] AWS's sample models, github.com/aws-samples/amazon-dynamodb-design-patterns,
 *     examples/device-state-log/json/*.json and examples/an-online-shop/json/*.json (Version "1.0");</li>
 * <li>[3.x] models exported by NoSQL Workbench 3.x, Version "3.0" (2023–2025 exports published on
 *     GitHub: "AWSService", "BillingMode", "ProvisionedCapacitySettings", "SampleDataFormats");</li>
 * <li>[create] AWS's guide "Creating a new data model",
 *     https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/workbench.Modeler.CreateNew.html
 *     (table name, partition and optional sort key, other attributes, facets with key aliases,
 *     GSIs with a projection type, capacity settings);</li>
 * <li>[commit] AWS's guide "Committing a data model to DynamoDB", github.com/awsdocs/amazon-dynamodb-developer-guide
 *     doc_source/workbench.Visualizer.Commit.md (what a commit creates when the model says nothing).</li>
 * </ul>
 */
public record WorkbenchModel(String name, Metadata metadata, List<Table> tables) {
    /** [samples] [3.x] "ModelMetadata"; the dates as the Workbench writes them, e.g. "Apr 24, 2020, 02:40 PM". */
    static final DateTimeFormatter WORKBENCH_DATE = DateTimeFormatter.ofPattern("MMM dd, yyyy, hh:mm a", Locale.US);
    /** [commit] A committed table without capacity settings gets 5 read and 5 write units ... */
    static final long DEFAULT_TABLE_READ = 5;
    static final long DEFAULT_TABLE_WRITE = 5;
    /** [commit] ... and each of its GSIs 10 read and 5 write units. */
    static final long DEFAULT_INDEX_READ = 10;
    static final long DEFAULT_INDEX_WRITE = 5;
    private static final Set<String> ATTRIBUTE_TYPES = Set.of("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Metadata(String author, String dateCreated, String dateLastModified, String description, String version) {
    }

    /** A key attribute: its name and S, N or B. */
    public record Key(String name, ScalarAttributeType type) {
        @Override
        public String toString() {
            return name + " (" + type + ")";
        }
    }

    /** [samples] An entry of "NonKeyAttributes": a name and the one type the Workbench lets it have. */
    public record Attribute(String name, String type) {
    }

    /** [samples] [create] One access pattern of a table: a name, key aliases, the attributes it shows. */
    public record Facet(String name, String partitionKeyAlias, String sortKeyAlias, List<String> nonKeyAttributes) {
    }

    /** [samples] [create] A global secondary index: keys and projection. */
    public record Index(String name, Key partitionKey, Key sortKey, ProjectionType projection, List<String> projectedAttributes) {
        public String describe() {
            return name + ": " + partitionKey.name() + (sortKey == null ? "" : " + " + sortKey.name()) + " · " + projection
                    + (projection == ProjectionType.INCLUDE ? " " + projectedAttributes : "");
        }
    }

    /**
     * One table of the model. Items are the table's "TableData" and every facet's, in file order.
     * Provisioned capacity is null for on-demand tables.
     */
    public record Table(String name, Key partitionKey, Key sortKey, List<Attribute> nonKeyAttributes, List<Facet> facets,
                        List<Index> indexes, List<Map<String, AttributeValue>> items, BillingMode billingMode,
                        Long readCapacity, Long writeCapacity, boolean autoScaling) {

        public List<Key> keys() {
            return sortKey == null ? List.of(partitionKey) : List.of(partitionKey, sortKey);
        }

        public String describeKeys() {
            return partitionKey + " partition" + (sortKey == null ? "" : ", " + sortKey + " sort");
        }

        public String describeCapacity() {
            return billingMode == BillingMode.PAY_PER_REQUEST ? "on-demand"
                    : "provisioned " + readCapacity + " RCU / " + writeCapacity + " WCU";
        }
    }

    /** The model file is not what the Workbench writes; the message says where and what. */
    public static final class InvalidModel extends RuntimeException {
        InvalidModel(String message) {
            super(message);
        }
    }

    // ---- reading ----

    public static WorkbenchModel read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw new InvalidModel("No model file " + file + ": give the path of a NoSQL Workbench JSON export.");
        } catch (IOException e) {
            throw new InvalidModel("Cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The sample model shipped with the demo (//FILES). */
    public static String sampleJson() {
        try (InputStream in = WorkbenchModel.class.getClassLoader().getResourceAsStream("workbench/classroom.json")) {
            if (in == null) {
                throw new IllegalStateException("workbench/classroom.json is missing from the demo's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WorkbenchModel parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidModel(source + " is not JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage());
        }
        Reader model = new Reader(source, "", root);
        if (!root.isObject()) {
            throw model.invalid("is not a JSON object: a NoSQL Workbench model starts with {\"ModelName\": …}");
        }
        // [samples] [3.x] "ModelName", "ModelMetadata" {Author, DateCreated, DateLastModified, Description, Version}
        // ([3.x] adds "AWSService": "Amazon DynamoDB"), "DataModel": one entry per table.
        JsonNode meta = root.path("ModelMetadata");
        Metadata metadata = new Metadata(meta.path("Author").asText(""), meta.path("DateCreated").asText(""),
                meta.path("DateLastModified").asText(""), meta.path("Description").asText(""), meta.path("Version").asText(""));
        List<Table> tables = new ArrayList<>();
        for (Reader table : model.array("DataModel")) {
            tables.add(table(table));
        }
        if (tables.isEmpty()) {
            throw model.invalid("has no tables in DataModel");
        }
        Set<String> names = new HashSet<>();
        for (Table table : tables) {
            if (!names.add(table.name())) {
                throw model.invalid("names table " + table.name() + " twice");
            }
        }
        return new WorkbenchModel(model.text("ModelName"), metadata, List.copyOf(tables));
    }

    private static Table table(Reader table) {
        // [samples] [create] "TableName"; "KeyAttributes" {"PartitionKey", optional "SortKey"}, each {AttributeName, AttributeType}.
        String name = table.text("TableName");
        if (!name.matches("[A-Za-z0-9_.-]{3,255}")) {
            throw table.invalid("TableName '" + name + "' is not a DynamoDB table name: 3-255 letters, digits, '_', '-' or '.'");
        }
        Reader keys = table.object("KeyAttributes");
        Key partitionKey = key(keys.object("PartitionKey"));
        Key sortKey = keys.has("SortKey") ? key(keys.object("SortKey")) : null;
        // [samples] [create] "NonKeyAttributes": [{AttributeName, AttributeType}], the modeler's "other attributes".
        List<Attribute> nonKeyAttributes = new ArrayList<>();
        for (Reader attribute : table.optionalArray("NonKeyAttributes")) {
            String type = attribute.text("AttributeType");
            if (!ATTRIBUTE_TYPES.contains(type)) {
                throw attribute.invalid("AttributeType '" + type + "' is not one of " + new TreeSet<>(ATTRIBUTE_TYPES));
            }
            nonKeyAttributes.add(new Attribute(attribute.text("AttributeName"), type));
        }
        // [samples] [3.x] "TableData": items in DynamoDB JSON, on the table or ([samples] facets) on each facet.
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (Reader item : table.optionalArray("TableData")) {
            items.add(item(item, partitionKey, sortKey));
        }
        // [samples] [create] "TableFacets": [{FacetName, KeyAttributeAlias {PartitionKeyAlias, SortKeyAlias}, TableData, NonKeyAttributes [names]}].
        List<Facet> facets = new ArrayList<>();
        for (Reader facet : table.optionalArray("TableFacets")) {
            Reader alias = facet.object("KeyAttributeAlias");
            facets.add(new Facet(facet.text("FacetName"), alias.text("PartitionKeyAlias"),
                    alias.has("SortKeyAlias") ? alias.text("SortKeyAlias") : null, facet.strings("NonKeyAttributes")));
            for (Reader item : facet.optionalArray("TableData")) {
                items.add(item(item, partitionKey, sortKey));
            }
        }
        // [samples] [create] "GlobalSecondaryIndexes": [{IndexName, KeyAttributes, Projection {ProjectionType, NonKeyAttributes (INCLUDE)}}].
        List<Index> indexes = new ArrayList<>();
        for (Reader index : table.optionalArray("GlobalSecondaryIndexes")) {
            Reader indexKeys = index.object("KeyAttributes");
            Reader projection = index.object("Projection");
            String type = projection.text("ProjectionType");
            ProjectionType projectionType = ProjectionType.fromValue(type);
            if (projectionType == ProjectionType.UNKNOWN_TO_SDK_VERSION) {
                throw projection.invalid("ProjectionType '" + type + "' is not ALL, KEYS_ONLY or INCLUDE");
            }
            indexes.add(new Index(index.text("IndexName"), key(indexKeys.object("PartitionKey")),
                    indexKeys.has("SortKey") ? key(indexKeys.object("SortKey")) : null, projectionType,
                    projectionType == ProjectionType.INCLUDE ? projection.strings("NonKeyAttributes") : List.of()));
        }
        // [3.x] "BillingMode" and "ProvisionedCapacitySettings" {ProvisionedThroughput {ReadCapacityUnits, WriteCapacityUnits},
        // AutoScalingRead, AutoScalingWrite}; [commit] provisioned 5/5 when absent. [3.x] "SampleDataFormats" (the modeler's
        // sample data generator settings) and "DataAccess" are not DynamoDB's and are not read.
        String mode = table.has("BillingMode") ? table.text("BillingMode") : "PROVISIONED";
        BillingMode billingMode = BillingMode.fromValue(mode);
        if (billingMode == BillingMode.UNKNOWN_TO_SDK_VERSION) {
            throw table.invalid("BillingMode '" + mode + "' is not PROVISIONED or PAY_PER_REQUEST");
        }
        Long read = null;
        Long write = null;
        boolean autoScaling = false;
        if (billingMode == BillingMode.PROVISIONED) {
            read = DEFAULT_TABLE_READ;
            write = DEFAULT_TABLE_WRITE;
            if (table.has("ProvisionedCapacitySettings")) {
                Reader settings = table.object("ProvisionedCapacitySettings");
                autoScaling = settings.has("AutoScalingRead") || settings.has("AutoScalingWrite");
                if (settings.has("ProvisionedThroughput")) {
                    Reader throughput = settings.object("ProvisionedThroughput");
                    read = throughput.positiveLong("ReadCapacityUnits");
                    write = throughput.positiveLong("WriteCapacityUnits");
                }
            }
        }
        return new Table(name, partitionKey, sortKey, List.copyOf(nonKeyAttributes), List.copyOf(facets), List.copyOf(indexes),
                List.copyOf(items), billingMode, read, write, autoScaling);
    }

    private static Key key(Reader key) {
        String type = key.text("AttributeType");
        ScalarAttributeType scalar = ScalarAttributeType.fromValue(type);
        if (scalar == ScalarAttributeType.UNKNOWN_TO_SDK_VERSION) {
            throw key.invalid("AttributeType '" + type + "' is not a key type: S, N or B");
        }
        return new Key(key.text("AttributeName"), scalar);
    }

    /** An item of "TableData": DynamoDB JSON, with the table's key attributes of their declared types. */
    private static Map<String, AttributeValue> item(Reader item, Key partitionKey, Key sortKey) {
        if (!item.node.isObject()) {
            throw item.invalid("is not an item (a JSON object of attributes)");
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : item.node.properties()) {
            attributes.put(field.getKey(), attributeValue(item.child(field.getKey(), field.getValue())));
        }
        for (Key key : sortKey == null ? List.of(partitionKey) : List.of(partitionKey, sortKey)) {
            AttributeValue value = attributes.get(key.name());
            if (value == null) {
                throw item.invalid("has no key attribute " + key.name());
            }
            if (!typeOf(value).equals(key.type().toString())) {
                throw item.invalid("has key attribute " + key.name() + " of type " + typeOf(value) + ", the key is " + key.type());
            }
        }
        return attributes;
    }

    /** DynamoDB JSON, e.g. {"S": "x"} or {"M": {...}}, as the AttributeValue DynamoDB's API takes. */
    static AttributeValue attributeValue(Reader value) {
        JsonNode node = value.node;
        if (!node.isObject() || node.size() != 1) {
            throw value.invalid("is not a DynamoDB JSON value such as {\"S\": \"text\"}");
        }
        String type = node.fieldNames().next();
        JsonNode content = node.get(type);
        Reader inner = value.child(type, content);
        return switch (type) {
            case "S" -> AttributeValue.fromS(inner.string());
            case "N" -> AttributeValue.fromN(inner.number());
            case "B" -> AttributeValue.fromB(inner.binary());
            case "BOOL" -> {
                if (!content.isBoolean()) {
                    throw inner.invalid("is not true or false");
                }
                yield AttributeValue.fromBool(content.booleanValue());
            }
            case "NULL" -> {
                if (!content.isBoolean() || !content.booleanValue()) {
                    throw inner.invalid("must be true");
                }
                yield AttributeValue.fromNul(true);
            }
            case "SS" -> AttributeValue.fromSs(inner.elements(Reader::string));
            case "NS" -> AttributeValue.fromNs(inner.elements(Reader::number));
            case "BS" -> AttributeValue.fromBs(inner.elements(Reader::binary));
            case "L" -> AttributeValue.fromL(inner.elements(WorkbenchModel::attributeValue));
            case "M" -> {
                if (!content.isObject()) {
                    throw inner.invalid("is not a JSON object");
                }
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                content.properties().forEach(entry -> map.put(entry.getKey(), attributeValue(inner.child(entry.getKey(), entry.getValue()))));
                yield AttributeValue.fromM(map);
            }
            default -> throw value.invalid("has type '" + type + "', not one of " + new TreeSet<>(ATTRIBUTE_TYPES));
        };
    }

    public static String typeOf(AttributeValue value) {
        return switch (value.type()) {
            case S -> "S";
            case N -> "N";
            case B -> "B";
            case BOOL -> "BOOL";
            case NUL -> "NULL";
            case SS -> "SS";
            case NS -> "NS";
            case BS -> "BS";
            case L -> "L";
            case M -> "M";
            default -> throw new IllegalArgumentException("unknown attribute type in " + value);
        };
    }

    /** Reads one node of the model, knowing its path for error messages such as "DataModel[1].TableName is missing". */
    private record Reader(String source, String path, JsonNode node) {

        InvalidModel invalid(String problem) {
            return new InvalidModel(source + ": " + (path.isEmpty() ? "the model" : path) + " " + problem);
        }

        Reader child(String field, JsonNode value) {
            return new Reader(source, path.isEmpty() ? field : path + "." + field, value);
        }

        boolean has(String field) {
            return node.hasNonNull(field);
        }

        Reader field(String field) {
            if (!has(field)) {
                throw child(field, null).invalid("is missing");
            }
            return child(field, node.get(field));
        }

        String text(String field) {
            return field(field).string();
        }

        String string() {
            if (!node.isTextual()) {
                throw invalid("is not a string");
            }
            return node.textValue();
        }

        String number() {
            String text = string();
            try {
                new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw invalid("'" + text + "' is not a number");
            }
            return text;
        }

        SdkBytes binary() {
            try {
                return SdkBytes.fromByteArray(Base64.getDecoder().decode(string()));
            } catch (IllegalArgumentException e) {
                throw invalid("is not base64");
            }
        }

        long positiveLong(String field) {
            Reader value = field(field);
            if (!value.node.canConvertToLong() || value.node.asLong() < 1) {
                throw value.invalid("is not a whole number of 1 or more");
            }
            return value.node.asLong();
        }

        Reader object(String field) {
            Reader value = field(field);
            if (!value.node.isObject()) {
                throw value.invalid("is not a JSON object");
            }
            return value;
        }

        List<Reader> array(String field) {
            Reader value = field(field);
            if (!value.node.isArray()) {
                throw value.invalid("is not a JSON array");
            }
            List<Reader> elements = new ArrayList<>();
            for (int i = 0; i < value.node.size(); i++) {
                elements.add(new Reader(source, value.path + "[" + i + "]", value.node.get(i)));
            }
            return elements;
        }

        List<Reader> optionalArray(String field) {
            return has(field) ? array(field) : List.of();
        }

        List<String> strings(String field) {
            return has(field) ? array(field).stream().map(Reader::string).toList() : List.of();
        }

        <T> List<T> elements(Function<Reader, T> element) {
            if (!node.isArray()) {
                throw invalid("is not a JSON array");
            }
            List<T> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                values.add(element.apply(new Reader(source, path + "[" + i + "]", node.get(i))));
            }
            return values;
        }
    }

    // ---- writing ----

    /** The model as the Workbench writes it: 2-space indent, "name": value, fields in its order. */
    public String toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("ModelName", name);
        ObjectNode meta = root.putObject("ModelMetadata");
        meta.put("Author", metadata.author());
        meta.put("DateCreated", metadata.dateCreated());
        meta.put("DateLastModified", metadata.dateLastModified());
        meta.put("Description", metadata.description());
        meta.put("AWSService", "Amazon DynamoDB");
        meta.put("Version", "3.0");
        ArrayNode dataModel = root.putArray("DataModel");
        for (Table table : tables) {
            ObjectNode out = dataModel.addObject();
            out.put("TableName", table.name());
            ObjectNode keys = out.putObject("KeyAttributes");
            keys.set("PartitionKey", keyJson(table.partitionKey()));
            if (table.sortKey() != null) {
                keys.set("SortKey", keyJson(table.sortKey()));
            }
            ArrayNode attributes = out.putArray("NonKeyAttributes");
            for (Attribute attribute : table.nonKeyAttributes()) {
                attributes.addObject().put("AttributeName", attribute.name()).put("AttributeType", attribute.type());
            }
            ArrayNode facets = out.putArray("TableFacets");
            for (Facet facet : table.facets()) {
                ObjectNode facetJson = facets.addObject().put("FacetName", facet.name());
                ObjectNode alias = facetJson.putObject("KeyAttributeAlias").put("PartitionKeyAlias", facet.partitionKeyAlias());
                if (facet.sortKeyAlias() != null) {
                    alias.put("SortKeyAlias", facet.sortKeyAlias());
                }
                facetJson.putArray("TableData");
                facet.nonKeyAttributes().forEach(facetJson.putArray("NonKeyAttributes")::add);
            }
            ArrayNode indexes = out.putArray("GlobalSecondaryIndexes");
            for (Index index : table.indexes()) {
                ObjectNode indexJson = indexes.addObject().put("IndexName", index.name());
                ObjectNode indexKeys = indexJson.putObject("KeyAttributes");
                indexKeys.set("PartitionKey", keyJson(index.partitionKey()));
                if (index.sortKey() != null) {
                    indexKeys.set("SortKey", keyJson(index.sortKey()));
                }
                ObjectNode projection = indexJson.putObject("Projection").put("ProjectionType", index.projection().toString());
                if (index.projection() == ProjectionType.INCLUDE) {
                    index.projectedAttributes().forEach(projection.putArray("NonKeyAttributes")::add);
                }
            }
            ArrayNode data = out.putArray("TableData");
            table.items().forEach(item -> data.add(itemJson(item)));
            // [samples] [3.x] every export carries it; what it means is not documented, so it is written as seen and never read.
            out.putObject("DataAccess").putObject("MySql");
            out.put("BillingMode", table.billingMode().toString());
            if (table.billingMode() == BillingMode.PROVISIONED) {
                out.putObject("ProvisionedCapacitySettings").putObject("ProvisionedThroughput")
                        .put("ReadCapacityUnits", table.readCapacity()).put("WriteCapacityUnits", table.writeCapacity());
            }
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
        printer.indentObjectsWith(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode keyJson(Key key) {
        return JsonNodeFactory.instance.objectNode().put("AttributeName", key.name()).put("AttributeType", key.type().toString());
    }

    /** An item as DynamoDB JSON; set members sorted, so the same item always reads the same. */
    public static ObjectNode itemJson(Map<String, AttributeValue> item) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        item.forEach((name, value) -> json.set(name, valueJson(value)));
        return json;
    }

    private static ObjectNode valueJson(AttributeValue value) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        Base64.Encoder base64 = Base64.getEncoder();
        switch (value.type()) {
            case S -> json.put("S", value.s());
            case N -> json.put("N", value.n());
            case B -> json.put("B", base64.encodeToString(value.b().asByteArray()));
            case BOOL -> json.put("BOOL", value.bool());
            case NUL -> json.put("NULL", true);
            case SS -> value.ss().stream().sorted().forEach(json.putArray("SS")::add);
            case NS -> value.ns().stream().sorted(Comparator.comparing(BigDecimal::new)).forEach(json.putArray("NS")::add);
            case BS -> value.bs().stream().map(b -> base64.encodeToString(b.asByteArray())).sorted().forEach(json.putArray("BS")::add);
            case L -> {
                ArrayNode list = json.putArray("L");
                value.l().forEach(element -> list.add(valueJson(element)));
            }
            case M -> {
                ObjectNode map = json.putObject("M");
                value.m().forEach((name, element) -> map.set(name, valueJson(element)));
            }
            default -> throw new IllegalArgumentException("unknown attribute type in " + value);
        }
        return json;
    }

    public static String now() {
        return WORKBENCH_DATE.format(LocalDateTime.now());
    }

    // ---- comparing ----

    public int itemCount() {
        return tables.stream().mapToInt(table -> table.items().size()).sum();
    }

    public int indexCount() {
        return tables.stream().mapToInt(table -> table.indexes().size()).sum();
    }

    /**
     * What differs between two models as DynamoDB would hold them: tables, keys, GSIs, capacity
     * and items (as sets). Facets, attribute declarations and metadata are the modeler's, not DynamoDB's.
     */
    public List<String> differencesFrom(WorkbenchModel other) {
        List<String> differences = new ArrayList<>();
        Map<String, Table> mine = tables.stream().collect(Collectors.toMap(Table::name, t -> t, (a, b) -> a, TreeMap::new));
        Map<String, Table> theirs = other.tables.stream().collect(Collectors.toMap(Table::name, t -> t, (a, b) -> a, TreeMap::new));
        for (String name : mine.keySet()) {
            if (!theirs.containsKey(name)) {
                differences.add("table " + name + " is missing");
                continue;
            }
            Table a = mine.get(name);
            Table b = theirs.get(name);
            if (!a.keys().equals(b.keys())) {
                differences.add(name + ": keys " + a.describeKeys() + " became " + b.describeKeys());
            }
            Set<String> indexesA = a.indexes().stream().map(WorkbenchModel::indexSignature).collect(Collectors.toCollection(TreeSet::new));
            Set<String> indexesB = b.indexes().stream().map(WorkbenchModel::indexSignature).collect(Collectors.toCollection(TreeSet::new));
            if (!indexesA.equals(indexesB)) {
                differences.add(name + ": GSIs " + indexesA + " became " + indexesB);
            }
            if (!a.describeCapacity().equals(b.describeCapacity())) {
                differences.add(name + ": " + a.describeCapacity() + " became " + b.describeCapacity());
            }
            Set<String> itemsA = a.items().stream().map(WorkbenchModel::canonical).collect(Collectors.toSet());
            Set<String> itemsB = b.items().stream().map(WorkbenchModel::canonical).collect(Collectors.toSet());
            if (!itemsA.equals(itemsB)) {
                long lost = itemsA.stream().filter(item -> !itemsB.contains(item)).count();
                long added = itemsB.stream().filter(item -> !itemsA.contains(item)).count();
                differences.add(name + ": " + lost + " item(s) missing or changed, " + added + " new or changed");
            }
        }
        theirs.keySet().stream().filter(name -> !mine.containsKey(name)).forEach(name -> differences.add("table " + name + " is new"));
        return differences;
    }

    private static String indexSignature(Index index) {
        return index.name() + "(" + index.partitionKey() + (index.sortKey() == null ? "" : ", " + index.sortKey()) + ", "
                + index.projection() + (index.projection() == ProjectionType.INCLUDE ? " " + new TreeSet<>(index.projectedAttributes()) : "") + ")";
    }

    /** One text per item, equal for equal items: attribute names sorted, set members sorted, numbers by value. */
    static String canonical(Map<String, AttributeValue> item) {
        return new TreeMap<>(item).entrySet().stream().map(e -> e.getKey() + "=" + canonical(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String canonical(AttributeValue value) {
        return switch (value.type()) {
            case N -> "N:" + new BigDecimal(value.n()).stripTrailingZeros().toPlainString();
            case NS -> "NS:" + value.ns().stream().map(n -> new BigDecimal(n).stripTrailingZeros().toPlainString()).sorted().toList();
            case L -> "L:" + value.l().stream().map(WorkbenchModel::canonical).toList();
            case M -> "M:" + canonical(value.m());
            default -> itemJson(Map.of("v", value)).get("v").toString();
        };
    }
}
