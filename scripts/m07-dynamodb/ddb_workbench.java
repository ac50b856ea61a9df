///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:dynamodb
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.1
//SOURCES ../lib/DemoCommand.java
//SOURCES workbench/WorkbenchModel.java
//FILES workbench/classroom.json=workbench/classroom.json

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "ddb-workbench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"NoSQL Workbench data models and live tables: commit a model (its JSON",
                "export) to DynamoDB as tables, GSIs and sample items, query its GSIs, export",
                "the live tables back to a model file, and compare. Without a subcommand it",
                "runs that round trip on the bundled sample model, then deletes the tables."},
        subcommands = {ddb_workbench.Import.class, ddb_workbench.Export.class, ddb_workbench.Delete.class, ddb_workbench.Sample.class})
public class ddb_workbench implements Callable<Integer> {
    /** BatchWriteItem takes at most 25 put or delete requests. */
    static final int BATCH_SIZE = 25;

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    @Option(names = "--model", paramLabel = "FILE", description = "A NoSQL Workbench model (JSON export) instead of the bundled sample.")
    Path modelFile;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the exported model (default: a new file in the temp folder).")
    Path out;

    @Option(names = "--keep", description = "Keep the tables at the end (they are deleted by default).")
    boolean keep;

    public static void main(String[] args) {
        DemoCommand.main(new ddb_workbench(), args);
    }

    @Override
    public Integer call() throws IOException {
        WorkbenchModel model = modelFile == null ? sampleModel() : readModel(modelFile);
        if (out != null && Files.exists(out)) {
            throw new Demo.UserError(out + " exists: choose another file for --out.");
        }
        Path exportFile = out != null ? out : Files.createTempFile(model.name().replaceAll("[^A-Za-z0-9_.-]", "_") + "-export-", ".json");
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String prefix = Demo.uniqueName("course-wb") + "-";
        List<String> created = new ArrayList<>();
        try (DynamoDbClient ddb = DynamoDbClient.create()) {
            try {
                Demo.step("The model: a NoSQL Workbench JSON export (AWS publishes no schema; the fields are those its exports use)");
                describe(model);

                Demo.step("Commit it: one CreateTable per table, key attributes in AttributeDefinitions, GSIs with their projection");
                createTables(ddb, model, prefix, created);

                Demo.step("Load the sample items: BatchWriteItem, " + BATCH_SIZE + " at a time, ReturnConsumedCapacity=INDEXES");
                loadItems(ddb, model, prefix);

                Demo.step("Access patterns: one Query per GSI, on the first key value in the sample data");
                queryIndexes(ddb, model, prefix);

                Demo.step("Export the live tables back to a model: DescribeTable and Scan per table");
                WorkbenchModel exported = export(ddb, created, prefix, Integer.MAX_VALUE, model.name(), model.metadata().author());
                Files.writeString(exportFile, exported.toJson(), StandardCharsets.UTF_8);
                Demo.show("File", exportFile + " (" + summary(exported) + ")");
                Demo.say("Open it in NoSQL Workbench: Data modeler → Import data model.");

                Demo.step("Round trip: the exported file, read back, against the model");
                List<String> differences = model.differencesFrom(readModel(exportFile));
                if (differences.isEmpty()) {
                    Demo.say("Same tables, keys, GSIs, capacity and items.");
                } else {
                    differences.forEach(difference -> Demo.show("Differs", difference));
                }
                int facets = model.tables().stream().mapToInt(t -> t.facets().size()).sum();
                if (facets > 0) {
                    Demo.say("Facets (" + facets + ") are not in the export: a facet is the modeler's view of the items; DynamoDB stores none.");
                }
            } finally {
                if (keep) {
                    Demo.step("Clean up");
                    Demo.say("Kept: tables " + String.join(", ", created) + " (remove them with: ddb-workbench delete --prefix " + prefix + " "
                            + (modelFile == null ? "MODEL, after: ddb-workbench sample MODEL" : modelFile) + ").");
                } else {
                    // Registered here, not after createTables: it may stop midway, and what it created goes too.
                    created.forEach(name -> cleanup.add("table " + name, () -> ddb.deleteTable(r -> r.tableName(name))));
                    cleanup.run();
                }
            }
        }
        return 0;
    }

    @Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Commit a model to DynamoDB: create its tables and GSIs and write its sample items. The tables stay.")
    static final class Import implements Callable<Integer> {
        @Mixin
        DemoCommand.TargetOptions targetOptions;

        @Parameters(paramLabel = "MODEL", description = "The NoSQL Workbench model (JSON export).")
        Path modelFile;

        @Option(names = "--prefix", paramLabel = "TEXT", defaultValue = "", description = "Put TEXT before every table name, e.g. dev-.")
        String prefix;

        @Option(names = "--replace", description = "Delete and recreate tables that already exist (their items are lost).")
        boolean replace;

        @Override
        public Integer call() {
            WorkbenchModel model = readModel(modelFile);
            checkPrefix(prefix, model);
            Demo.Target target = targetOptions.resolve();
            System.out.println(target.describe());
            try (DynamoDbClient ddb = DynamoDbClient.create()) {
                Demo.step("The model " + modelFile.getFileName());
                describe(model);
                List<String> existing = model.tables().stream().map(t -> prefix + t.name()).filter(name -> exists(ddb, name)).toList();
                if (!existing.isEmpty() && !replace) {
                    throw new Demo.UserError((existing.size() == 1 ? "Table " + existing.get(0) + " already exists" : "Tables " + String.join(", ", existing) + " already exist")
                            + ": pass --replace to recreate, or --prefix to import beside.");
                }
                if (!existing.isEmpty()) {
                    Demo.step("Delete the tables that exist (--replace)");
                    deleteTables(ddb, existing);
                    Demo.say("Deleted: " + String.join(", ", existing));
                }
                Demo.step("CreateTable per table");
                List<String> created = new ArrayList<>();
                createTables(ddb, model, prefix, created);
                Demo.step("BatchWriteItem, " + BATCH_SIZE + " items at a time");
                loadItems(ddb, model, prefix);
                Demo.say("Imported: " + String.join(", ", created) + " (remove them with: ddb-workbench delete"
                        + (prefix.isEmpty() ? "" : " --prefix " + prefix) + " " + modelFile + ")");
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Write live tables as a NoSQL Workbench model: keys, GSIs, capacity, and items as sample data.")
    static final class Export implements Callable<Integer> {
        @Mixin
        DemoCommand.TargetOptions targetOptions;

        @Parameters(paramLabel = "FILE", description = "The model file to write.")
        Path file;

        @Option(names = "--table", paramLabel = "NAME", description = "A table to export (repeatable).")
        List<String> tables = new ArrayList<>();

        @Option(names = "--prefix", paramLabel = "TEXT", defaultValue = "",
                description = "Export every table whose name starts with TEXT, without TEXT in the model (with --table: put TEXT before each NAME).")
        String prefix;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "export", description = "The model's name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--max-items", paramLabel = "N", defaultValue = "1000", description = "Items per table at most (default: ${DEFAULT-VALUE}).")
        int maxItems;

        @Option(names = "--force", description = "Overwrite FILE if it exists.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            if (Files.exists(file) && !force) {
                throw new Demo.UserError(file + " exists: choose another file or pass --force to overwrite it.");
            }
            if (maxItems < 1) {
                throw new Demo.UserError("Invalid --max-items " + maxItems + ": use 1 or more.");
            }
            Demo.Target target = targetOptions.resolve();
            System.out.println(target.describe());
            try (DynamoDbClient ddb = DynamoDbClient.create()) {
                Demo.step("The tables: " + (tables.isEmpty() ? "ListTables" + (prefix.isEmpty() ? "" : ", names starting with " + prefix) : "--table"));
                List<String> names = tables.isEmpty()
                        ? ddb.listTablesPaginator().tableNames().stream().filter(n -> n.startsWith(prefix)).toList()
                        : tables.stream().map(t -> prefix + t).toList();
                if (names.isEmpty()) {
                    throw new Demo.UserError("No table " + (prefix.isEmpty() ? "" : "starts with " + prefix + " ") + "in " + target.region().id() + ": nothing to export.");
                }
                Demo.show("Tables", String.join(", ", names));
                Demo.step("DescribeTable and Scan per table");
                WorkbenchModel model = export(ddb, names, prefix, maxItems, name, "");
                Files.writeString(file, model.toJson(), StandardCharsets.UTF_8);
                Demo.show("File", file + " (" + summary(model) + ")");
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Delete the tables a model names (as 'import' created them), with their items.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        DemoCommand.TargetOptions targetOptions;

        @Parameters(paramLabel = "MODEL", description = "The NoSQL Workbench model (JSON export).")
        Path modelFile;

        @Option(names = "--prefix", paramLabel = "TEXT", defaultValue = "", description = "The prefix the tables were imported with.")
        String prefix;

        @Override
        public Integer call() {
            WorkbenchModel model = readModel(modelFile);
            Demo.Target target = targetOptions.resolve();
            System.out.println(target.describe());
            try (DynamoDbClient ddb = DynamoDbClient.create()) {
                List<String> names = model.tables().stream().map(t -> prefix + t.name()).toList();
                List<String> existing = names.stream().filter(name -> exists(ddb, name)).toList();
                Demo.step("DeleteTable per table");
                deleteTables(ddb, existing);
                names.forEach(name -> Demo.show(name, existing.contains(name) ? "deleted" : "did not exist"));
            }
            return 0;
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Write the bundled sample model, to open in NoSQL Workbench or to edit and import.")
    static final class Sample implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "0..1", description = "Where to write it (default: standard output).")
        Path file;

        @Override
        public Integer call() throws IOException {
            if (file == null) {
                System.out.print(WorkbenchModel.sampleJson());
                return 0;
            }
            if (Files.exists(file)) {
                throw new Demo.UserError(file + " exists: choose another file.");
            }
            Files.writeString(file, WorkbenchModel.sampleJson(), StandardCharsets.UTF_8);
            System.out.println("Sample model written to " + file);
            return 0;
        }
    }

    // ---- the steps, shared by the lesson and the subcommands ----

    static WorkbenchModel sampleModel() {
        return WorkbenchModel.parse(WorkbenchModel.sampleJson(), "the sample model");
    }

    static WorkbenchModel readModel(Path file) {
        try {
            return WorkbenchModel.read(file);
        } catch (WorkbenchModel.InvalidModel e) {
            throw new Demo.UserError(e.getMessage());
        }
    }

    static void checkPrefix(String prefix, WorkbenchModel model) {
        for (WorkbenchModel.Table table : model.tables()) {
            if (!(prefix + table.name()).matches("[A-Za-z0-9_.-]{3,255}")) {
                throw new Demo.UserError("Invalid --prefix '" + prefix + "': table names may hold letters, digits, '_', '-' and '.' (255 at most).");
            }
        }
    }

    static void describe(WorkbenchModel model) {
        List<String> about = new ArrayList<>();
        if (!model.metadata().version().isEmpty()) {
            about.add("Version " + model.metadata().version());
        }
        if (!model.metadata().author().isEmpty()) {
            about.add("by " + model.metadata().author());
        }
        Demo.show("Model", model.name() + (about.isEmpty() ? "" : " (" + String.join(", ", about) + ")") + " · " + summary(model));
        for (WorkbenchModel.Table table : model.tables()) {
            String facets = table.facets().isEmpty() ? "" : " in " + table.facets().size() + " facets ("
                    + table.facets().stream().map(WorkbenchModel.Facet::name).collect(Collectors.joining(", ")) + ")";
            Demo.show(table.name(), table.describeKeys() + " · " + table.describeCapacity() + " · " + count(table.items().size(), "item") + facets);
            table.indexes().forEach(index -> Demo.say("  GSI " + index.describe()));
            if (table.autoScaling()) {
                Demo.say("  Its auto scaling settings are not applied: auto scaling is Application Auto Scaling's, not a table setting.");
            }
        }
        Demo.say("NonKeyAttributes give each attribute a type for the modeler; DynamoDB declares key attributes only.");
    }

    static String summary(WorkbenchModel model) {
        return count(model.tables().size(), "table") + ", " + count(model.indexCount(), "GSI") + ", " + count(model.itemCount(), "item");
    }

    static String count(int number, String noun) {
        return number + " " + noun + (number == 1 ? "" : "s");
    }

    /** CreateTable for every table of the model (with {@code prefix}), then waits until all are ACTIVE. */
    static void createTables(DynamoDbClient ddb, WorkbenchModel model, String prefix, List<String> created) {
        for (WorkbenchModel.Table table : model.tables()) {
            Map<String, ScalarAttributeType> definitions = new LinkedHashMap<>();
            for (WorkbenchModel.Key key : table.keys()) {
                define(definitions, key, table.name());
            }
            List<GlobalSecondaryIndex> indexes = new ArrayList<>();
            for (WorkbenchModel.Index index : table.indexes()) {
                define(definitions, index.partitionKey(), table.name());
                if (index.sortKey() != null) {
                    define(definitions, index.sortKey(), table.name());
                }
                GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder().indexName(index.name())
                        .keySchema(keySchema(index.partitionKey(), index.sortKey()))
                        .projection(p -> p.projectionType(index.projection())
                                .nonKeyAttributes(index.projection() == ProjectionType.INCLUDE ? index.projectedAttributes() : null));
                if (table.billingMode() == BillingMode.PROVISIONED) {
                    gsi.provisionedThroughput(t -> t.readCapacityUnits(WorkbenchModel.DEFAULT_INDEX_READ).writeCapacityUnits(WorkbenchModel.DEFAULT_INDEX_WRITE));
                }
                indexes.add(gsi.build());
            }
            String name = prefix + table.name();
            CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                    .keySchema(keySchema(table.partitionKey(), table.sortKey()))
                    .attributeDefinitions(definitions.entrySet().stream()
                            .map(d -> AttributeDefinition.builder().attributeName(d.getKey()).attributeType(d.getValue()).build()).toList())
                    .billingMode(table.billingMode());
            if (table.billingMode() == BillingMode.PROVISIONED) {
                request.provisionedThroughput(t -> t.readCapacityUnits(table.readCapacity()).writeCapacityUnits(table.writeCapacity()));
            }
            if (!indexes.isEmpty()) {
                request.globalSecondaryIndexes(indexes);
            }
            ddb.createTable(request.build());
            created.add(name);
            Demo.show("CreateTable " + name, "AttributeDefinitions " + definitions.entrySet().stream()
                    .map(d -> d.getKey() + " " + d.getValue()).collect(Collectors.joining(", ", "[", "]")));
        }
        for (String name : created) {
            ddb.waiter().waitUntilTableExists(r -> r.tableName(name));
        }
        Demo.say((created.size() == 1 ? "It is" : "All are") + " ACTIVE (the waiter polls DescribeTable until TableStatus is ACTIVE).");
    }

    private static void define(Map<String, ScalarAttributeType> definitions, WorkbenchModel.Key key, String table) {
        ScalarAttributeType earlier = definitions.putIfAbsent(key.name(), key.type());
        if (earlier != null && earlier != key.type()) {
            throw new Demo.UserError("Table " + table + " uses " + key.name() + " as a key of type " + earlier + " and of type " + key.type()
                    + ": a key attribute has one type in the table and all its indexes.");
        }
    }

    private static List<KeySchemaElement> keySchema(WorkbenchModel.Key partitionKey, WorkbenchModel.Key sortKey) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(KeySchemaElement.builder().attributeName(partitionKey.name()).keyType(KeyType.HASH).build());
        if (sortKey != null) {
            schema.add(KeySchemaElement.builder().attributeName(sortKey.name()).keyType(KeyType.RANGE).build());
        }
        return schema;
    }

    /** BatchWriteItem per 25 items, resending unprocessed ones; prints the write units each table and index consumed. */
    static void loadItems(DynamoDbClient ddb, WorkbenchModel model, String prefix) {
        boolean sparse = false;
        for (WorkbenchModel.Table table : model.tables()) {
            String name = prefix + table.name();
            Map<String, Double> units = new TreeMap<>();
            double tableUnits = 0;
            List<Map<String, AttributeValue>> items = table.items();
            for (int from = 0; from < items.size(); from += BATCH_SIZE) {
                List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + BATCH_SIZE)).stream()
                        .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList();
                Map<String, List<WriteRequest>> pending = Map.of(name, batch);
                for (int attempt = 0; !pending.isEmpty(); attempt++) {
                    if (attempt > 0) {
                        sleep(Math.min(1000, 50L << attempt));
                    }
                    Map<String, List<WriteRequest>> request = pending;
                    BatchWriteItemResponse response = ddb.batchWriteItem(r -> r.requestItems(request)
                            .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
                    for (ConsumedCapacity consumed : response.consumedCapacity()) {
                        double onIndexes = 0;
                        for (Map.Entry<String, Capacity> index : consumed.globalSecondaryIndexes().entrySet()) {
                            units.merge(index.getKey(), index.getValue().capacityUnits(), Double::sum);
                            onIndexes += index.getValue().capacityUnits();
                        }
                        tableUnits += consumed.table() != null ? consumed.table().capacityUnits() : consumed.capacityUnits() - onIndexes;
                    }
                    pending = response.unprocessedItems();
                }
            }
            String onIndexes = units.entrySet().stream().map(u -> " + " + u.getValue() + " " + u.getKey()).collect(Collectors.joining());
            Demo.show(table.name(), count(items.size(), "item") + " · " + tableUnits + " WCU on the table" + onIndexes);
            for (WorkbenchModel.Index index : table.indexes()) {
                sparse |= items.stream().anyMatch(item -> !item.containsKey(index.partitionKey().name()));
            }
        }
        Demo.say("Each GSI an item lands in costs a write too" + (sparse
                ? "; items without the GSI's key attributes are not in it (a sparse index) and cost it nothing." : "."));
    }

    /** One Query per GSI: the first item that has the index's partition key gives the value. */
    static void queryIndexes(DynamoDbClient ddb, WorkbenchModel model, String prefix) {
        boolean any = false;
        for (WorkbenchModel.Table table : model.tables()) {
            for (WorkbenchModel.Index index : table.indexes()) {
                String key = index.partitionKey().name();
                Optional<AttributeValue> value = table.items().stream().map(item -> item.get(key)).filter(v -> v != null).findFirst();
                if (value.isEmpty()) {
                    Demo.show(index.name(), "no sample item has " + key + ", so the index is empty");
                    continue;
                }
                any = true;
                QueryResponse answer = ddb.query(r -> r.tableName(prefix + table.name()).indexName(index.name())
                        .keyConditionExpression("#k = :v").expressionAttributeNames(Map.of("#k", key))
                        .expressionAttributeValues(Map.of(":v", value.get()))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                String order = index.sortKey() == null ? "" : ", by " + index.sortKey().name() + " "
                        + answer.items().stream().map(item -> text(item.get(index.sortKey().name()))).toList();
                Demo.show(index.name() + ", " + key + " = " + text(value.get()), count(answer.count(), "item") + order
                        + " · " + answer.consumedCapacity().capacityUnits() + " RCU");
                TreeSet<String> attributes = answer.items().stream().flatMap(item -> item.keySet().stream()).collect(Collectors.toCollection(TreeSet::new));
                Demo.say("  attributes: " + String.join(", ", attributes) + " (" + switch (index.projection()) {
                    case ALL -> "ALL projects every attribute";
                    case KEYS_ONLY -> "KEYS_ONLY: the table's and the index's keys only";
                    default -> "INCLUDE projects the keys plus " + index.projectedAttributes();
                } + ")");
            }
        }
        if (!any) {
            Demo.say("The model has no GSI with sample data to query.");
        } else {
            Demo.say("GSIs are eventually consistent: on AWS a query right after the writes may not see them all yet.");
        }
    }

    /** Live tables as a model: DescribeTable for the schema, Scan for the items (names without {@code prefix}). */
    static WorkbenchModel export(DynamoDbClient ddb, List<String> names, String prefix, int maxItems, String modelName, String author) {
        List<WorkbenchModel.Table> tables = new ArrayList<>();
        for (String name : names) {
            TableDescription description = ddb.describeTable(r -> r.tableName(name)).table();
            Map<String, ScalarAttributeType> types = description.attributeDefinitions().stream()
                    .collect(Collectors.toMap(AttributeDefinition::attributeName, AttributeDefinition::attributeType));
            WorkbenchModel.Key partitionKey = key(description.keySchema(), KeyType.HASH, types);
            WorkbenchModel.Key sortKey = key(description.keySchema(), KeyType.RANGE, types);
            List<WorkbenchModel.Index> indexes = new ArrayList<>();
            for (GlobalSecondaryIndexDescription index : description.globalSecondaryIndexes()) {
                indexes.add(new WorkbenchModel.Index(index.indexName(), key(index.keySchema(), KeyType.HASH, types),
                        key(index.keySchema(), KeyType.RANGE, types), index.projection().projectionType(),
                        index.projection().projectionType() == ProjectionType.INCLUDE ? index.projection().nonKeyAttributes() : List.of()));
            }
            if (description.hasLocalSecondaryIndexes() && !description.localSecondaryIndexes().isEmpty()) {
                Demo.say(name + ": its " + description.localSecondaryIndexes().size()
                        + " local secondary index(es) are left out: the Workbench's models have GSIs only.");
            }
            // No BillingModeSummary: the table was created with provisioned capacity and never switched.
            boolean onDemand = description.billingModeSummary() != null
                    && description.billingModeSummary().billingMode() == BillingMode.PAY_PER_REQUEST;
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            for (Map<String, AttributeValue> item : ddb.scanPaginator(r -> r.tableName(name)).items()) {
                if (items.size() == maxItems) {
                    Demo.say(name + ": only the first " + maxItems + " items are exported (--max-items).");
                    break;
                }
                items.add(keysFirst(item, partitionKey, sortKey));
            }
            items.sort(itemOrder(partitionKey, sortKey));
            Map<String, String> attributeTypes = new TreeMap<>();
            for (Map<String, AttributeValue> item : items) {
                item.forEach((attribute, value) -> attributeTypes.putIfAbsent(attribute, WorkbenchModel.typeOf(value)));
            }
            attributeTypes.remove(partitionKey.name());
            if (sortKey != null) {
                attributeTypes.remove(sortKey.name());
            }
            String tableName = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
            tables.add(new WorkbenchModel.Table(tableName, partitionKey, sortKey,
                    attributeTypes.entrySet().stream().map(a -> new WorkbenchModel.Attribute(a.getKey(), a.getValue())).toList(),
                    List.of(), indexes, items, onDemand ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,
                    onDemand ? null : description.provisionedThroughput().readCapacityUnits(),
                    onDemand ? null : description.provisionedThroughput().writeCapacityUnits(), false));
            Demo.show(tableName, count(items.size(), "item") + ", " + count(indexes.size(), "GSI") + ", " + (onDemand ? "on-demand" : "provisioned"));
        }
        String now = WorkbenchModel.now();
        return new WorkbenchModel(modelName, new WorkbenchModel.Metadata(author, now, now,
                "Exported from live DynamoDB tables by the course's ddb-workbench.", "3.0"), tables);
    }

    private static WorkbenchModel.Key key(List<KeySchemaElement> schema, KeyType type, Map<String, ScalarAttributeType> types) {
        return schema.stream().filter(k -> k.keyType() == type)
                .map(k -> new WorkbenchModel.Key(k.attributeName(), types.get(k.attributeName()))).findFirst().orElse(null);
    }

    /** The key attributes first, the others by name: an exported item reads the same every time. */
    private static Map<String, AttributeValue> keysFirst(Map<String, AttributeValue> item, WorkbenchModel.Key partitionKey, WorkbenchModel.Key sortKey) {
        Map<String, AttributeValue> ordered = new LinkedHashMap<>();
        ordered.put(partitionKey.name(), item.get(partitionKey.name()));
        if (sortKey != null) {
            ordered.put(sortKey.name(), item.get(sortKey.name()));
        }
        new TreeMap<>(item).forEach(ordered::putIfAbsent);
        return ordered;
    }

    private static Comparator<Map<String, AttributeValue>> itemOrder(WorkbenchModel.Key partitionKey, WorkbenchModel.Key sortKey) {
        Comparator<Map<String, AttributeValue>> order = Comparator.comparing(item -> item.get(partitionKey.name()), ddb_workbench::compareKeys);
        return sortKey == null ? order : order.thenComparing(item -> item.get(sortKey.name()), ddb_workbench::compareKeys);
    }

    /** Key values in DynamoDB's order: strings and binaries byte by byte, numbers by value. */
    private static int compareKeys(AttributeValue a, AttributeValue b) {
        if (a.n() != null && b.n() != null) {
            return new BigDecimal(a.n()).compareTo(new BigDecimal(b.n()));
        }
        return Arrays.compareUnsigned(bytes(a), bytes(b));
    }

    private static byte[] bytes(AttributeValue value) {
        return value.s() != null ? value.s().getBytes(StandardCharsets.UTF_8)
                : value.b() != null ? value.b().asByteArray() : String.valueOf(value.n()).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(AttributeValue value) {
        if (value == null) {
            return "-";
        }
        return value.s() != null ? value.s() : value.n() != null ? value.n()
                : value.b() != null ? Base64.getEncoder().encodeToString(value.b().asByteArray()) : value.toString();
    }

    static boolean exists(DynamoDbClient ddb, String name) {
        try {
            ddb.describeTable(r -> r.tableName(name));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** DeleteTable each, then waits until each is gone; a table that cannot be deleted is reported, not fatal. */
    static void deleteTables(DynamoDbClient ddb, List<String> names) {
        List<String> deleting = new ArrayList<>();
        for (String name : names) {
            try {
                ddb.deleteTable(r -> r.tableName(name));
                deleting.add(name);
            } catch (ResourceNotFoundException gone) {
                // Already gone: nothing to clean up.
            } catch (SdkException e) {
                System.err.println("Could not delete table " + name + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        for (String name : deleting) {
            ddb.waiter().waitUntilTableNotExists(r -> r.tableName(name));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Demo.UserError("Interrupted.");
        }
    }
}
