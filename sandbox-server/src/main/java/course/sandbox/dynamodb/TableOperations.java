package course.sandbox.dynamodb;

import course.sandbox.dynamodb.model.Database;
import course.sandbox.dynamodb.model.DynamoDbError;
import course.sandbox.dynamodb.model.KeyDefinition;
import course.sandbox.dynamodb.model.Requests;
import course.sandbox.dynamodb.model.ScalarType;
import course.sandbox.dynamodb.model.SecondaryIndex;
import course.sandbox.dynamodb.model.Table;
import course.sandbox.dynamodb.model.TableSpec;
import course.sandbox.dynamodb.model.TableStream;
import course.sandbox.dynamodb.model.Throughput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CreateTable, DescribeTable, ListTables, UpdateTable, DeleteTable, tags, TTL, DescribeLimits and
 * DescribeEndpoints: requests read and checked as DynamoDB's API model says, answers in its shapes.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html
 */
final class TableOperations {
    static final List<String> BILLING_MODES = List.of("PROVISIONED", "PAY_PER_REQUEST");
    static final List<String> ATTRIBUTE_TYPES = List.of("B", "N", "S");
    static final List<String> KEY_TYPES = List.of("HASH", "RANGE");
    static final List<String> PROJECTION_TYPES = List.of("ALL", "KEYS_ONLY", "INCLUDE");
    static final List<String> STREAM_VIEW_TYPES = List.of("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY");
    static final List<String> TABLE_CLASSES = List.of("STANDARD", "STANDARD_INFREQUENT_ACCESS");

    private TableOperations() {
    }

    static byte[] createTable(Call call) {
        JsonInput in = call.input();
        String name = in.string("TableName").orElse(null);
        Constraints constraints = new Constraints().tableName("tableName", name);
        List<TableSpec.AttributeDefinition> attributes = attributeDefinitions(in, constraints, "attributeDefinitions");
        constraints.required("attributeDefinitions", in.has("AttributeDefinitions") ? "" : null);
        List<TableSpec.KeyElement> keySchema = keySchema(in, constraints, "keySchema");
        List<TableSpec.IndexSpec> local = indexes(in, "LocalSecondaryIndexes", "localSecondaryIndexes", constraints);
        List<TableSpec.IndexSpec> global = indexes(in, "GlobalSecondaryIndexes", "globalSecondaryIndexes", constraints);
        Optional<String> billing = in.string("BillingMode");
        constraints.oneOf("billingMode", billing.orElse(null), BILLING_MODES);
        Optional<Throughput> throughput = throughput(in, "provisionedThroughput", constraints);
        Optional<String> streamView = streamViewType(in, constraints);
        Map<String, String> tags = tags(in, constraints);
        Optional<String> tableClass = in.string("TableClass");
        constraints.oneOf("tableClass", tableClass.orElse(null), TABLE_CLASSES);
        boolean deletionProtection = in.bool("DeletionProtectionEnabled").orElse(false);
        constraints.check();
        if (attributes.isEmpty() || keySchema.isEmpty()) {
            throw DynamoDbError.validation("1 validation error detected: Value '[]' at '" + (keySchema.isEmpty() ? "keySchema" : "attributeDefinitions")
                    + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        Table table = call.database().createTable(new TableSpec(name, attributes, keySchema, local, global, billing, throughput,
                streamView, tags, tableClass, deletionProtection), call.now());
        return JsonAnswer.of(answer -> {
            answer.json.writeFieldName("TableDescription");
            describe(answer, table, "CREATING");
        });
    }

    static byte[] describeTable(Call call) {
        String name = table(call, tableName(call.input()));
        Table table = call.database().requireTable(name, call.now());
        return JsonAnswer.of(answer -> {
            answer.json.writeFieldName("Table");
            describe(answer, table, "ACTIVE");
        });
    }

    static byte[] deleteTable(Call call) {
        String name = table(call, tableName(call.input()));
        call.database().requireTable(name, call.now());
        Table table = call.database().deleteTable(name, call.now());
        return JsonAnswer.of(answer -> {
            answer.json.writeFieldName("TableDescription");
            describe(answer, table, "DELETING");
        });
    }

    static byte[] listTables(Call call) {
        JsonInput in = call.input();
        Optional<String> start = in.string("ExclusiveStartTableName");
        Optional<Integer> limit = in.integer("Limit");
        new Constraints().range("limit", limit.map(Integer::longValue).orElse(null), 1, 100)
                .name("exclusiveStartTableName", start.orElse(null)).check();
        List<String> names = call.database().tableNames(start);
        int count = Math.min(limit.orElse(100), names.size());
        List<String> page = names.subList(0, count);
        return JsonAnswer.of(answer -> {
            answer.json.writeArrayFieldStart("TableNames");
            for (String name : page) {
                answer.json.writeString(name);
            }
            answer.json.writeEndArray();
            if (count < names.size()) {
                answer.field("LastEvaluatedTableName", page.get(page.size() - 1));
            }
        });
    }

    static byte[] updateTable(Call call) {
        JsonInput in = call.input();
        String name = in.string("TableName").orElse(null);
        Constraints constraints = new Constraints().tableName("tableName", name);
        List<TableSpec.AttributeDefinition> attributes = attributeDefinitions(in, constraints, "attributeDefinitions");
        Optional<String> billing = in.string("BillingMode");
        constraints.oneOf("billingMode", billing.orElse(null), BILLING_MODES);
        Optional<Throughput> throughput = throughput(in, "provisionedThroughput", constraints);
        List<Requests.IndexUpdate> indexUpdates = new ArrayList<>();
        List<JsonInput> updates = in.structList("GlobalSecondaryIndexUpdates", "GlobalSecondaryIndexUpdate").orElse(List.of());
        for (int i = 0; i < updates.size(); i++) {
            JsonInput update = updates.get(i);
            String path = "globalSecondaryIndexUpdates." + (i + 1) + ".member";
            Optional<JsonInput> create = update.struct("Create", "CreateGlobalSecondaryIndexAction");
            Optional<JsonInput> change = update.struct("Update", "UpdateGlobalSecondaryIndexAction");
            Optional<JsonInput> delete = update.struct("Delete", "DeleteGlobalSecondaryIndexAction");
            if (create.isPresent()) {
                indexUpdates.add(new Requests.IndexUpdate(Optional.of(index(create.get(), path + ".create", constraints)),
                        Optional.empty(), Optional.empty(), Optional.empty()));
            } else if (change.isPresent()) {
                String indexName = change.get().string("IndexName").orElse(null);
                constraints.name(path + ".update.indexName", indexName).required(path + ".update.indexName", indexName);
                indexUpdates.add(new Requests.IndexUpdate(Optional.empty(), Optional.ofNullable(indexName),
                        throughput(change.get(), path + ".update.provisionedThroughput", constraints), Optional.empty()));
            } else if (delete.isPresent()) {
                String indexName = delete.get().string("IndexName").orElse(null);
                constraints.name(path + ".delete.indexName", indexName).required(path + ".delete.indexName", indexName);
                indexUpdates.add(new Requests.IndexUpdate(Optional.empty(), Optional.empty(), Optional.empty(), Optional.ofNullable(indexName)));
            } else {
                throw DynamoDbError.validation("One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Create, "
                        + "GlobalSecondaryIndexUpdate.Update, or GlobalSecondaryIndexUpdate.Delete must not be null");
            }
        }
        Optional<JsonInput> stream = in.struct("StreamSpecification", "StreamSpecification");
        Optional<Boolean> streamEnabled = Optional.empty();
        Optional<String> streamView = Optional.empty();
        if (stream.isPresent()) {
            streamEnabled = stream.get().bool("StreamEnabled");
            streamView = stream.get().string("StreamViewType");
            constraints.required("streamSpecification.streamEnabled", streamEnabled.orElse(null))
                    .oneOf("streamSpecification.streamViewType", streamView.orElse(null), STREAM_VIEW_TYPES);
        }
        Optional<Boolean> deletionProtection = in.bool("DeletionProtectionEnabled");
        Optional<String> tableClass = in.string("TableClass");
        constraints.oneOf("tableClass", tableClass.orElse(null), TABLE_CLASSES);
        constraints.check();
        if (streamEnabled.orElse(false) && streamView.isEmpty()) {
            throw DynamoDbError.validation("One or more parameter values were invalid: StreamViewType must be specified when StreamEnabled is true");
        }
        Table table = call.database().updateTable(table(call, name), new Requests.TableUpdate(attributes, billing, throughput,
                indexUpdates, streamEnabled, streamView, deletionProtection, tableClass), call.now());
        List<String> createdIndexes = indexUpdates.stream().flatMap(u -> u.create().stream()).map(TableSpec.IndexSpec::name).toList();
        return JsonAnswer.of(answer -> {
            answer.json.writeFieldName("TableDescription");
            describe(answer, table, "UPDATING", createdIndexes);
        });
    }

    static byte[] tagResource(Call call) {
        JsonInput in = call.input();
        String arn = in.string("ResourceArn").orElse(null);
        Constraints constraints = new Constraints().required("resourceArn", arn).length("resourceArn", arn, 1, 1283);
        Map<String, String> tags = tags(in, constraints);
        constraints.required("tags", in.has("Tags") ? "" : null).check();
        call.database().tag(arn, tags, call.now());
        return JsonAnswer.of(answer -> {
        });
    }

    static byte[] untagResource(Call call) {
        JsonInput in = call.input();
        String arn = in.string("ResourceArn").orElse(null);
        List<String> keys = in.stringList("TagKeys").orElse(null);
        new Constraints().required("resourceArn", arn).length("resourceArn", arn, 1, 1283).required("tagKeys", keys).check();
        call.database().untag(arn, keys, call.now());
        return JsonAnswer.of(answer -> {
        });
    }

    static byte[] listTagsOfResource(Call call) {
        JsonInput in = call.input();
        String arn = in.string("ResourceArn").orElse(null);
        in.string("NextToken");
        new Constraints().required("resourceArn", arn).length("resourceArn", arn, 1, 1283).check();
        Map<String, String> tags = call.database().tags(arn, call.now());
        return JsonAnswer.of(answer -> {
            answer.json.writeArrayFieldStart("Tags");
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                answer.json.writeStartObject();
                answer.field("Key", tag.getKey()).field("Value", tag.getValue());
                answer.json.writeEndObject();
            }
            answer.json.writeEndArray();
        });
    }

    static byte[] describeTimeToLive(Call call) {
        Table table = call.database().requireTable(table(call, tableName(call.input())), call.now());
        return JsonAnswer.of(answer -> {
            answer.json.writeObjectFieldStart("TimeToLiveDescription");
            answer.field("TimeToLiveStatus", table.ttlAttribute().isPresent() ? "ENABLED" : "DISABLED");
            if (table.ttlAttribute().isPresent()) {
                answer.field("AttributeName", table.ttlAttribute().get());
            }
            answer.json.writeEndObject();
        });
    }

    static byte[] updateTimeToLive(Call call) {
        JsonInput in = call.input();
        String name = in.string("TableName").orElse(null);
        Optional<JsonInput> specification = in.struct("TimeToLiveSpecification", "TimeToLiveSpecification");
        Constraints constraints = new Constraints().tableName("tableName", name)
                .required("timeToLiveSpecification", specification.orElse(null));
        Boolean enabled = specification.flatMap(s -> s.bool("Enabled")).orElse(null);
        String attribute = specification.flatMap(s -> s.string("AttributeName")).orElse(null);
        if (specification.isPresent()) {
            constraints.required("timeToLiveSpecification.enabled", enabled).required("timeToLiveSpecification.attributeName", attribute)
                    .length("timeToLiveSpecification.attributeName", attribute, 1, 255);
        }
        constraints.check();
        call.database().timeToLive(table(call, name), enabled, attribute, call.now());
        return JsonAnswer.of(answer -> {
            answer.json.writeObjectFieldStart("TimeToLiveSpecification");
            answer.field("Enabled", enabled).field("AttributeName", attribute);
            answer.json.writeEndObject();
        });
    }

    /** The default quotas of a new account. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeLimits.html */
    static byte[] describeLimits(Call call) {
        return JsonAnswer.of(answer -> answer.field("AccountMaxReadCapacityUnits", 80000).field("AccountMaxWriteCapacityUnits", 80000)
                .field("TableMaxReadCapacityUnits", 40000).field("TableMaxWriteCapacityUnits", 40000));
    }

    /** The endpoint the client already talks to: the sandbox. */
    static byte[] describeEndpoints(Call call) {
        return JsonAnswer.of(answer -> {
            answer.json.writeArrayFieldStart("Endpoints");
            answer.json.writeStartObject();
            answer.field("Address", call.host()).field("CachePeriodInMinutes", 1440);
            answer.json.writeEndObject();
            answer.json.writeEndArray();
        });
    }

    // ---- reading requests

    /** TableName of a request about one table: required, a name or an ARN. */
    static String tableName(JsonInput in) {
        String name = in.string("TableName").orElse(null);
        new Constraints().tableName("tableName", name).check();
        return name;
    }

    /** A table named by name or ARN, as this database calls it. */
    static String table(Call call, String nameOrArn) {
        if (!nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        Database database = call.database();
        String prefix = "arn:aws:dynamodb:" + database.region() + ":" + database.account() + ":table/";
        if (!nameOrArn.startsWith(prefix)) {
            throw DynamoDbError.resourceNotFound("Requested resource not found");
        }
        return nameOrArn.substring(prefix.length());
    }

    private static List<TableSpec.AttributeDefinition> attributeDefinitions(JsonInput in, Constraints constraints, String path) {
        List<TableSpec.AttributeDefinition> definitions = new ArrayList<>();
        List<JsonInput> list = in.structList("AttributeDefinitions", "AttributeDefinition").orElse(List.of());
        for (int i = 0; i < list.size(); i++) {
            String member = path + "." + (i + 1) + ".member";
            String name = list.get(i).string("AttributeName").orElse(null);
            String type = list.get(i).string("AttributeType").orElse(null);
            constraints.required(member + ".attributeName", name).length(member + ".attributeName", name, 1, 255)
                    .required(member + ".attributeType", type).oneOf(member + ".attributeType", type, ATTRIBUTE_TYPES);
            if (name != null && type != null && ATTRIBUTE_TYPES.contains(type)) {
                definitions.add(new TableSpec.AttributeDefinition(name, ScalarType.valueOf(type)));
            }
        }
        return definitions;
    }

    private static List<TableSpec.KeyElement> keySchema(JsonInput in, Constraints constraints, String path) {
        List<TableSpec.KeyElement> elements = new ArrayList<>();
        Optional<List<JsonInput>> list = in.structList("KeySchema", "KeySchemaElement");
        constraints.required(path, list.orElse(null));
        list.ifPresent(l -> constraints.size(path, l.stream().map(e -> e.node().toString()).toList(), l.size(), 1, 2));
        for (int i = 0; i < list.orElse(List.of()).size(); i++) {
            String member = path + "." + (i + 1) + ".member";
            String name = list.get().get(i).string("AttributeName").orElse(null);
            String type = list.get().get(i).string("KeyType").orElse(null);
            constraints.required(member + ".attributeName", name).length(member + ".attributeName", name, 1, 255)
                    .required(member + ".keyType", type).oneOf(member + ".keyType", type, KEY_TYPES);
            elements.add(new TableSpec.KeyElement(name, type));
        }
        return elements;
    }

    private static List<TableSpec.IndexSpec> indexes(JsonInput in, String field, String path, Constraints constraints) {
        List<TableSpec.IndexSpec> indexes = new ArrayList<>();
        Optional<List<JsonInput>> list = in.structList(field, field.startsWith("Local") ? "LocalSecondaryIndex" : "GlobalSecondaryIndex");
        if (list.isPresent() && list.get().isEmpty()) {
            throw DynamoDbError.validation("One or more parameter values were invalid: List of " + field + " is empty");
        }
        for (int i = 0; i < list.orElse(List.of()).size(); i++) {
            indexes.add(index(list.get().get(i), path + "." + (i + 1) + ".member", constraints));
        }
        return indexes;
    }

    private static TableSpec.IndexSpec index(JsonInput index, String path, Constraints constraints) {
        String name = index.string("IndexName").orElse(null);
        constraints.required(path + ".indexName", name).name(path + ".indexName", name);
        List<TableSpec.KeyElement> keySchema = keySchema(index, constraints, path + ".keySchema");
        Optional<JsonInput> projection = index.struct("Projection", "Projection");
        constraints.required(path + ".projection", projection.orElse(null));
        String projectionType = projection.flatMap(p -> p.string("ProjectionType")).orElse(null);
        constraints.oneOf(path + ".projection.projectionType", projectionType, PROJECTION_TYPES);
        List<String> nonKey = projection.flatMap(p -> p.stringList("NonKeyAttributes")).orElse(List.of());
        return new TableSpec.IndexSpec(name, keySchema, projectionType, nonKey, throughput(index, path + ".provisionedThroughput", constraints));
    }

    private static Optional<Throughput> throughput(JsonInput in, String path, Constraints constraints) {
        Optional<JsonInput> throughput = in.struct("ProvisionedThroughput", "ProvisionedThroughput");
        if (throughput.isEmpty()) {
            return Optional.empty();
        }
        Long read = throughput.get().longValue("ReadCapacityUnits").orElse(null);
        Long write = throughput.get().longValue("WriteCapacityUnits").orElse(null);
        constraints.required(path + ".readCapacityUnits", read).range(path + ".readCapacityUnits", read, 1, Long.MAX_VALUE)
                .required(path + ".writeCapacityUnits", write).range(path + ".writeCapacityUnits", write, 1, Long.MAX_VALUE);
        return read == null || write == null ? Optional.empty() : Optional.of(Throughput.of(read, write));
    }

    private static Optional<String> streamViewType(JsonInput in, Constraints constraints) {
        Optional<JsonInput> stream = in.struct("StreamSpecification", "StreamSpecification");
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        Boolean enabled = stream.get().bool("StreamEnabled").orElse(null);
        Optional<String> view = stream.get().string("StreamViewType");
        constraints.required("streamSpecification.streamEnabled", enabled)
                .oneOf("streamSpecification.streamViewType", view.orElse(null), STREAM_VIEW_TYPES);
        if (Boolean.TRUE.equals(enabled) && view.isEmpty()) {
            throw DynamoDbError.validation("One or more parameter values were invalid: StreamViewType must be specified when StreamEnabled is true");
        }
        return Boolean.TRUE.equals(enabled) ? view : Optional.empty();
    }

    private static Map<String, String> tags(JsonInput in, Constraints constraints) {
        Map<String, String> tags = new LinkedHashMap<>();
        List<JsonInput> list = in.structList("Tags", "Tag").orElse(List.of());
        for (int i = 0; i < list.size(); i++) {
            String member = "tags." + (i + 1) + ".member";
            String key = list.get(i).string("Key").orElse(null);
            String value = list.get(i).string("Value").orElse(null);
            constraints.required(member + ".key", key).length(member + ".key", key, 1, 128)
                    .required(member + ".value", value).length(member + ".value", value, 0, 256);
            if (key != null && value != null) {
                tags.put(key, value);
            }
        }
        return tags;
    }

    // ---- describing tables

    static void describe(JsonAnswer answer, Table table, String status) throws IOException {
        describe(answer, table, status, List.of());
    }

    /** A TableDescription; {@code creatingIndexes} are reported CREATING (UpdateTable's answer). */
    static void describe(JsonAnswer answer, Table table, String status, List<String> creatingIndexes) throws IOException {
        var json = answer.json;
        json.writeStartObject();
        json.writeArrayFieldStart("AttributeDefinitions");
        for (Map.Entry<String, ScalarType> attribute : table.attributeDefinitions().entrySet()) {
            json.writeStartObject();
            answer.field("AttributeName", attribute.getKey()).field("AttributeType", attribute.getValue().name());
            json.writeEndObject();
        }
        json.writeEndArray();
        answer.field("TableName", table.name());
        keySchema(answer, table.key());
        answer.field("TableStatus", status).time("CreationDateTime", table.created());
        json.writeFieldName("ProvisionedThroughput");
        throughput(answer, table.throughput());
        answer.field("TableSizeBytes", table.sizeBytes()).field("ItemCount", table.itemCount())
                .field("TableArn", table.arn()).field("TableId", table.id());
        if (table.billingMode().equals("PAY_PER_REQUEST") || !table.billingModeChanged().equals(table.created())) {
            json.writeObjectFieldStart("BillingModeSummary");
            answer.field("BillingMode", table.billingMode())
                    .time(table.billingMode().equals("PAY_PER_REQUEST") ? "LastUpdateToPayPerRequestDateTime"
                            : "LastUpdateToProvisionedDateTime", table.billingModeChanged());
            json.writeEndObject();
        }
        if (!table.localIndexes().isEmpty()) {
            json.writeArrayFieldStart("LocalSecondaryIndexes");
            for (SecondaryIndex index : table.localIndexes()) {
                index(answer, table, index, status, false);
            }
            json.writeEndArray();
        }
        if (!table.globalIndexes().isEmpty()) {
            json.writeArrayFieldStart("GlobalSecondaryIndexes");
            for (SecondaryIndex index : table.globalIndexes()) {
                index(answer, table, index, status.equals("CREATING") || creatingIndexes.contains(index.name()) ? "CREATING"
                        : status.equals("DELETING") ? "DELETING" : "ACTIVE", true);
            }
            json.writeEndArray();
        }
        Optional<TableStream> stream = table.latestStream();
        if (stream.isPresent() && stream.get().status().equals("ENABLED")) {
            json.writeObjectFieldStart("StreamSpecification");
            answer.field("StreamEnabled", true).field("StreamViewType", stream.get().viewType());
            json.writeEndObject();
        }
        if (stream.isPresent()) {
            answer.field("LatestStreamLabel", stream.get().label()).field("LatestStreamArn", stream.get().arn());
        }
        if (!table.tableClass().equals("STANDARD")) {
            json.writeObjectFieldStart("TableClassSummary");
            answer.field("TableClass", table.tableClass());
            json.writeEndObject();
        }
        answer.field("DeletionProtectionEnabled", table.deletionProtection());
        json.writeEndObject();
    }

    private static void index(JsonAnswer answer, Table table, SecondaryIndex index, String status, boolean global) throws IOException {
        var json = answer.json;
        json.writeStartObject();
        answer.field("IndexName", index.name());
        keySchema(answer, index.key());
        json.writeObjectFieldStart("Projection");
        answer.field("ProjectionType", index.projection().type());
        if (!index.projection().nonKeyAttributes().isEmpty()) {
            json.writeArrayFieldStart("NonKeyAttributes");
            for (String attribute : index.projection().nonKeyAttributes()) {
                json.writeString(attribute);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        if (global) {
            answer.field("IndexStatus", status);
            if (status.equals("CREATING")) {
                answer.field("Backfilling", false);
            }
            json.writeFieldName("ProvisionedThroughput");
            throughput(answer, index.throughput().orElse(Throughput.ON_DEMAND));
        }
        answer.field("IndexSizeBytes", index.sizeBytes()).field("ItemCount", index.itemCount())
                .field("IndexArn", table.arn() + "/index/" + index.name());
        json.writeEndObject();
    }

    private static void keySchema(JsonAnswer answer, KeyDefinition key) throws IOException {
        answer.json.writeArrayFieldStart("KeySchema");
        answer.json.writeStartObject();
        answer.field("AttributeName", key.partitionKey()).field("KeyType", "HASH");
        answer.json.writeEndObject();
        if (key.sortKey().isPresent()) {
            answer.json.writeStartObject();
            answer.field("AttributeName", key.sortKey().get()).field("KeyType", "RANGE");
            answer.json.writeEndObject();
        }
        answer.json.writeEndArray();
    }

    private static void throughput(JsonAnswer answer, Throughput throughput) throws IOException {
        answer.json.writeStartObject();
        if (throughput.lastIncrease().isPresent()) {
            answer.time("LastIncreaseDateTime", throughput.lastIncrease().get());
        }
        if (throughput.lastDecrease().isPresent()) {
            answer.time("LastDecreaseDateTime", throughput.lastDecrease().get());
        }
        answer.field("NumberOfDecreasesToday", throughput.decreasesToday()).field("ReadCapacityUnits", throughput.read())
                .field("WriteCapacityUnits", throughput.write());
        answer.json.writeEndObject();
    }
}
