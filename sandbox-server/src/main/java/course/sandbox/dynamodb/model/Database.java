package course.sandbox.dynamodb.model;

import course.sandbox.dynamodb.expression.Condition;
import course.sandbox.dynamodb.expression.DocumentPath;
import course.sandbox.dynamodb.expression.Evaluator;
import course.sandbox.dynamodb.expression.Projector;
import course.sandbox.dynamodb.expression.UpdateAction;
import course.sandbox.dynamodb.expression.Updater;
import course.sandbox.dynamodb.model.Requests.Guard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The tables of one account in one region, and every operation on them. One lock serializes
 * them: each request sees and leaves a consistent state, transactions included.
 */
public final class Database {
    /** A Query or Scan page stops after 1 MB of items read. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html */
    static final int PAGE_BYTES = 1024 * 1024;
    static final int BATCH_GET_RESPONSE_BYTES = 16 * 1024 * 1024;
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofMinutes(10);

    private final String account;
    private final String region;
    private final Journal journal;
    private final TreeMap<String, Table> tables = new TreeMap<>();
    private final Map<String, TokenUse> tokens = new HashMap<>();

    /** What a ClientRequestToken was used for, and when. */
    private record TokenUse(String fingerprint, Instant at) {
    }

    public Database(String account, String region, Journal journal) {
        this.account = account;
        this.region = region;
        this.journal = journal;
    }

    public String account() {
        return account;
    }

    public String region() {
        return region;
    }

    // ---- tables

    public synchronized Table createTable(TableSpec spec, Instant now) {
        KeyDefinition key = spec.validate();
        if (tables.containsKey(spec.name())) {
            throw DynamoDbError.resourceInUse("Table already exists: " + spec.name());
        }
        Map<String, ScalarType> definitions = new LinkedHashMap<>();
        spec.attributes().forEach(attribute -> definitions.put(attribute.name(), attribute.type()));
        String billing = spec.billingMode().orElse("PROVISIONED");
        Table table = new Table(spec.name(), tableArn(spec.name()), UUID.randomUUID().toString(), now, key, definitions, billing,
                spec.throughput().orElse(Throughput.ON_DEMAND), spec.tableClass().orElse("STANDARD"), spec.deletionProtection());
        for (TableSpec.IndexSpec index : spec.localIndexes()) {
            table.addIndex(index(index, false, definitions, Optional.empty()));
        }
        for (TableSpec.IndexSpec index : spec.globalIndexes()) {
            table.addIndex(index(index, true, definitions, billing.equals("PROVISIONED") ? index.throughput() : Optional.empty()));
        }
        spec.streamViewType().ifPresent(view -> table.enableStream(view, now));
        table.tags().putAll(spec.tags());
        tables.put(table.name(), table);
        journal.tableChanged(this, table);
        return table;
    }

    private static SecondaryIndex index(TableSpec.IndexSpec spec, boolean global, Map<String, ScalarType> definitions,
                                        Optional<Throughput> throughput) {
        KeyDefinition key = TableSpec.keyOf(spec.keySchema(), definitions, spec.name());
        return new SecondaryIndex(spec.name(), global, key, new Projection(spec.projectionType(), spec.nonKeyAttributes()), throughput);
    }

    public synchronized Table describeTable(String name, Instant now) {
        return table(name, now);
    }

    public synchronized Optional<Table> findTable(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** Table names in order, from after {@code exclusiveStart}. */
    public synchronized List<String> tableNames(Optional<String> exclusiveStart) {
        return new ArrayList<>(exclusiveStart.map(start -> tables.tailMap(start, false)).orElse(tables).keySet());
    }

    public synchronized List<Table> tables() {
        return new ArrayList<>(tables.values());
    }

    public synchronized Table deleteTable(String name, Instant now) {
        Table table = table(name, now);
        if (table.deletionProtection()) {
            throw DynamoDbError.validation("Resource cannot be deleted as it is currently protected against deletion. "
                    + "Disable deletion protection first.");
        }
        table.disableStream();
        tables.remove(name);
        journal.tableDeleted(this, name);
        return table;
    }

    public synchronized Table updateTable(String name, Requests.TableUpdate update, Instant now) {
        Table table = table(name, now);
        boolean nothing = update.billingMode().isEmpty() && update.throughput().isEmpty() && update.indexUpdates().isEmpty()
                && update.streamEnabled().isEmpty() && update.deletionProtection().isEmpty() && update.tableClass().isEmpty();
        if (nothing) {
            throw DynamoDbError.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        Map<String, ScalarType> definitions = new LinkedHashMap<>(table.attributeDefinitions());
        for (TableSpec.AttributeDefinition attribute : update.attributes()) {
            ScalarType known = definitions.putIfAbsent(attribute.name(), attribute.type());
            if (known != null && known != attribute.type()) {
                throw DynamoDbError.validation("One or more parameter values were invalid: Attribute " + attribute.name()
                        + " is already defined as " + known);
            }
        }
        String billing = update.billingMode().orElse(table.billingMode());
        if (update.throughput().isPresent() || update.billingMode().isPresent()) {
            Optional<Throughput> requested = update.throughput();
            if (billing.equals("PROVISIONED") && requested.isEmpty() && table.billingMode().equals("PAY_PER_REQUEST")) {
                throw DynamoDbError.validation("One or more parameter values were invalid: ProvisionedThroughput must be specified "
                        + "when BillingMode is PROVISIONED");
            }
            if (billing.equals("PAY_PER_REQUEST") && requested.isPresent()) {
                TableSpec.checkBilling(billing, requested);
            }
            Throughput current = table.throughput();
            if (requested.isPresent() && billing.equals(table.billingMode()) && requested.get().read() == current.read()
                    && requested.get().write() == current.write()) {
                throw DynamoDbError.validation("The provisioned throughput for the table will not change. The requested value equals "
                        + "the current value. Current ReadCapacityUnits provisioned for the table: " + current.read()
                        + ". Requested ReadCapacityUnits: " + requested.get().read() + ". Current WriteCapacityUnits provisioned "
                        + "for the table: " + current.write() + ". Requested WriteCapacityUnits: " + requested.get().write()
                        + ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
            }
            requested.ifPresent(t -> TableSpec.checkBilling("PROVISIONED", Optional.of(t)));
        }
        if (update.streamEnabled().orElse(false) && table.latestStream().filter(s -> s.status().equals("ENABLED")).isPresent()) {
            throw DynamoDbError.validation("Table already has an enabled stream: TableName: " + name);
        }
        if (update.streamEnabled().filter(enabled -> !enabled).isPresent()
                && table.latestStream().filter(s -> s.status().equals("ENABLED")).isEmpty()) {
            throw DynamoDbError.validation("Table already has no enabled stream: TableName: " + name);
        }
        List<SecondaryIndex> created = new ArrayList<>();
        for (Requests.IndexUpdate indexUpdate : update.indexUpdates()) {
            if (indexUpdate.create().isPresent()) {
                TableSpec.IndexSpec spec = indexUpdate.create().get();
                if (table.index(spec.name()).isPresent() || created.stream().anyMatch(i -> i.name().equals(spec.name()))) {
                    throw DynamoDbError.validation("One or more parameter values were invalid: Index with name: " + spec.name()
                            + " already exists");
                }
                if (spec.projectionType() == null) {
                    throw DynamoDbError.validation("One or more parameter values were invalid: Unknown ProjectionType: null");
                }
                if (billing.equals("PROVISIONED")) {
                    TableSpec.checkBilling(billing, spec.throughput());
                } else if (spec.throughput().isPresent()) {
                    throw DynamoDbError.validation("One or more parameter values were invalid: ProvisionedThroughput should not be "
                            + "specified for index: " + spec.name() + " when BillingMode is PAY_PER_REQUEST");
                }
                created.add(index(spec, true, definitions, billing.equals("PROVISIONED") ? spec.throughput() : Optional.empty()));
            } else {
                String indexName = indexUpdate.update().or(indexUpdate::delete).orElseThrow();
                if (table.globalIndexes().stream().noneMatch(index -> index.name().equals(indexName))) {
                    throw DynamoDbError.resourceNotFound("Requested resource not found: Index: " + indexName + " not found");
                }
            }
        }
        // Checked: now apply.
        update.attributes().forEach(attribute -> table.defineAttribute(attribute.name(), attribute.type()));
        if (update.throughput().isPresent() || update.billingMode().isPresent()) {
            Throughput throughput = billing.equals("PAY_PER_REQUEST") ? Throughput.ON_DEMAND
                    : table.throughput().changedTo(update.throughput().orElseThrow().read(), update.throughput().get().write(), now);
            table.billing(billing, throughput, now);
            if (billing.equals("PAY_PER_REQUEST")) {
                table.globalIndexes().forEach(index -> index.throughput(Optional.empty()));
            }
        }
        for (Requests.IndexUpdate indexUpdate : update.indexUpdates()) {
            indexUpdate.delete().ifPresent(table::removeGlobalIndex);
            indexUpdate.update().ifPresent(indexName -> table.index(indexName).orElseThrow().throughput(indexUpdate.updateThroughput()));
        }
        created.forEach(table::addIndex);
        update.streamEnabled().ifPresent(enabled -> {
            if (enabled) {
                table.enableStream(update.streamViewType().orElse("NEW_AND_OLD_IMAGES"), now);
            } else {
                table.disableStream();
            }
        });
        update.deletionProtection().ifPresent(table::deletionProtection);
        update.tableClass().ifPresent(table::tableClass);
        journal.tableChanged(this, table);
        return table;
    }

    public synchronized Table tag(String arn, Map<String, String> tags, Instant now) {
        Table table = tableByArn(arn, now);
        table.tags().putAll(tags);
        journal.tableChanged(this, table);
        return table;
    }

    public synchronized Table untag(String arn, List<String> keys, Instant now) {
        Table table = tableByArn(arn, now);
        keys.forEach(table.tags()::remove);
        journal.tableChanged(this, table);
        return table;
    }

    public synchronized Map<String, String> tags(String arn, Instant now) {
        return new LinkedHashMap<>(tableByArn(arn, now).tags());
    }

    private Table tableByArn(String arn, Instant now) {
        String prefix = "arn:aws:dynamodb:" + region + ":" + account + ":table/";
        if (!arn.startsWith("arn:aws:dynamodb:") || arn.split(":", -1).length != 6 || !arn.split(":", -1)[5].startsWith("table/")) {
            throw DynamoDbError.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        Table table = arn.startsWith(prefix) ? tables.get(arn.substring(prefix.length())) : null;
        if (table == null) {
            throw DynamoDbError.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
        }
        expire(table, now);
        return table;
    }

    /** UpdateTimeToLive: turns expiry on for an attribute, or off. */
    public synchronized void timeToLive(String name, boolean enabled, String attribute, Instant now) {
        Table table = table(name, now);
        if (enabled && table.ttlAttribute().isPresent()) {
            throw DynamoDbError.validation("TimeToLive is already enabled");
        }
        if (!enabled && table.ttlAttribute().isEmpty()) {
            throw DynamoDbError.validation("TimeToLive is already disabled");
        }
        if (!enabled && !table.ttlAttribute().get().equals(attribute)) {
            throw DynamoDbError.validation("TimeToLive is active on a different AttributeName: current AttributeName is "
                    + table.ttlAttribute().get());
        }
        table.ttl(enabled ? Optional.of(attribute) : Optional.empty());
        journal.tableChanged(this, table);
        expire(table, now);
    }

    // ---- items

    public synchronized Results.Get getItem(String tableName, Map<String, AttributeValue> key, boolean consistent,
                                            Optional<List<DocumentPath>> projection, Instant now) {
        Table table = table(tableName, now);
        StoredItem item = table.get(table.checkKey(key));
        Capacity capacity = new Capacity(tableName, false);
        capacity.addTable(Capacity.readUnits(item == null ? 0 : item.size(), consistent, false));
        return new Results.Get(Optional.ofNullable(item).map(found -> project(found.attributes(), projection)), capacity);
    }

    public synchronized Results.Write putItem(String tableName, Map<String, AttributeValue> item, Guard guard,
                                              String returnValues, Instant now) {
        Table table = table(tableName, now);
        table.checkItem(item, false);
        StoredItem previous = table.get(item);
        check(guard, previous);
        Capacity capacity = store(table, previous, StoredItem.of(item), false, now);
        return new Results.Write(returnValues.equals("ALL_OLD") && previous != null ? Optional.of(previous.attributes())
                : Optional.empty(), capacity);
    }

    public synchronized Results.Write updateItem(String tableName, Map<String, AttributeValue> key, List<UpdateAction> actions,
                                                 Guard guard, String returnValues, Instant now) {
        Table table = table(tableName, now);
        table.checkKey(key);
        checkUpdatesLeaveKeys(table, actions);
        StoredItem previous = table.get(key);
        check(guard, previous);
        Map<String, AttributeValue> updated = Updater.apply(previous == null ? key : previous.attributes(), actions);
        table.checkItem(updated, true);
        StoredItem stored = StoredItem.of(updated);
        Capacity capacity = store(table, previous, stored, false, now);
        Map<String, AttributeValue> before = previous == null ? Map.of() : previous.attributes();
        List<DocumentPath> touched = actions.stream().map(UpdateAction::path).toList();
        Optional<Map<String, AttributeValue>> attributes = switch (returnValues) {
            case "ALL_OLD" -> previous == null ? Optional.empty() : Optional.of(before);
            case "ALL_NEW" -> Optional.of(stored.attributes());
            case "UPDATED_OLD" -> nonEmpty(Projector.project(before, touched));
            case "UPDATED_NEW" -> nonEmpty(Projector.project(stored.attributes(), touched));
            default -> Optional.empty();
        };
        return new Results.Write(attributes, capacity);
    }

    private static Optional<Map<String, AttributeValue>> nonEmpty(Map<String, AttributeValue> attributes) {
        return attributes.isEmpty() ? Optional.empty() : Optional.of(attributes);
    }

    public synchronized Results.Write deleteItem(String tableName, Map<String, AttributeValue> key, Guard guard,
                                                 String returnValues, Instant now) {
        Table table = table(tableName, now);
        table.checkKey(key);
        StoredItem previous = table.get(key);
        check(guard, previous);
        Capacity capacity;
        if (previous == null) {
            capacity = new Capacity(tableName, true);
            capacity.addTable(Capacity.writeUnits(0, false));
        } else {
            capacity = remove(table, previous, false, now);
        }
        return new Results.Write(returnValues.equals("ALL_OLD") && previous != null ? Optional.of(previous.attributes())
                : Optional.empty(), capacity);
    }

    /** No update may touch the table's key attributes (nor the inside of one). */
    private static void checkUpdatesLeaveKeys(Table table, List<UpdateAction> actions) {
        for (UpdateAction action : actions) {
            String attribute = action.path().head();
            if (table.key().isKey(attribute)) {
                if (action.path().isTopLevel()) {
                    throw DynamoDbError.validation("One or more parameter values were invalid: Cannot update attribute " + attribute
                            + ". This attribute is part of the key");
                }
                throw DynamoDbError.validation("Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
                        + "allowed: Key: " + attribute);
            }
            for (SecondaryIndex index : table.allIndexes()) {
                if (index.key().isKey(attribute) && !action.path().isTopLevel()) {
                    throw DynamoDbError.validation("Key attributes must be scalars; list random access '[]' and map lookup '.' are "
                            + "not allowed: IndexKey: " + attribute);
                }
            }
        }
    }

    private static void check(Guard guard, StoredItem current) {
        if (guard.condition().isPresent()
                && !Evaluator.test(guard.condition().get(), current == null ? Map.of() : current.attributes())) {
            throw DynamoDbError.conditionFailed(guard.returnItemOnFailure() && current != null
                    ? Optional.of(current.attributes()) : Optional.empty());
        }
    }

    private Capacity store(Table table, StoredItem previous, StoredItem item, boolean transactional, Instant now) {
        Capacity capacity = table.store(previous, item, transactional, now);
        journal.itemStored(this, table, item);
        return capacity;
    }

    private Capacity remove(Table table, StoredItem previous, boolean transactional, Instant now) {
        Capacity capacity = table.remove(previous, transactional, false, now);
        journal.itemRemoved(this, table, table.key().keyOf(previous.attributes()));
        return capacity;
    }

    // ---- query and scan

    public synchronized Results.Page read(Requests.Read request, Instant now) {
        Table table = table(request.table(), now);
        Optional<SecondaryIndex> index = request.index().map(name -> table.index(name).orElseThrow(() ->
                DynamoDbError.validation("The table does not have the specified index: " + name)));
        boolean query = request.keyCondition().isPresent();
        if (index.isPresent() && index.get().global() && request.consistent()) {
            throw DynamoDbError.validation("Consistent reads are not supported on global secondary indexes");
        }
        String select = request.select().orElse(request.projection().isPresent() ? "SPECIFIC_ATTRIBUTES"
                : index.isPresent() ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES");
        checkSelect(request, select, index);
        KeyDefinition key = index.map(SecondaryIndex::key).orElse(table.key());
        if (query && request.filter().isPresent()) {
            for (String attribute : key.names()) {
                if (mentions(request.filter().get(), attribute)) {
                    throw DynamoDbError.validation("Filter Expression can only contain non-primary key attributes: "
                            + "Primary key attribute: " + attribute);
                }
            }
        }
        Partitions partitions = table.partitions(index);
        Optional<Start> start = request.exclusiveStartKey().map(startKey -> start(table, index, startKey, request.keyCondition()));
        Optional<long[]> segment = request.segment().map(s -> new long[] {
                PartitionToken.segmentStart(s, request.totalSegments().orElseThrow()),
                PartitionToken.segmentStart(s + 1, request.totalSegments().orElseThrow())});
        boolean fetchFromTable = select.equals("ALL_ATTRIBUTES") && index.isPresent() && !index.get().projection().type().equals("ALL");

        List<Map<String, AttributeValue>> items = new ArrayList<>();
        int scanned = 0;
        long bytes = 0;
        long tableBytes = 0;
        Map<String, AttributeValue> lastKey = null;
        boolean more = false;
        int limit = request.limit().orElse(Integer.MAX_VALUE);
        for (StoredItem item : (Iterable<StoredItem>) () -> rows(partitions, request, start, segment).iterator()) {
            if (scanned == limit || bytes >= PAGE_BYTES) {
                more = true;
                break;
            }
            scanned++;
            bytes += item.size();
            Map<String, AttributeValue> attributes = item.attributes();
            lastKey = keyOf(attributes, table.key(), index);
            if (request.filter().isPresent() && !Evaluator.test(request.filter().get(), attributes)) {
                continue;
            }
            if (fetchFromTable) {
                StoredItem whole = table.get(attributes);
                tableBytes += whole.size();
                attributes = whole.attributes();
            }
            items.add(select.equals("SPECIFIC_ATTRIBUTES") ? Projector.project(attributes, request.projection().orElseThrow())
                    : attributes);
        }
        // A page cut by Limit says where it stopped, even if nothing follows; one that ended with the data does not.
        Optional<Map<String, AttributeValue>> lastEvaluated = more || scanned == limit ? Optional.ofNullable(lastKey) : Optional.empty();
        Capacity capacity = new Capacity(table.name(), false);
        double units = Capacity.readUnits(bytes, request.consistent(), false);
        if (index.isPresent()) {
            capacity.addIndex(index.get(), units);
            if (fetchFromTable) {
                capacity.addTable(Capacity.readUnits(tableBytes, request.consistent(), false));
            }
        } else {
            capacity.addTable(units);
        }
        return new Results.Page(select.equals("COUNT") ? Optional.empty() : Optional.of(items), items.size(), scanned,
                lastEvaluated, capacity);
    }

    private static void checkSelect(Requests.Read request, String select, Optional<SecondaryIndex> index) {
        if (request.projection().isPresent() && !select.equals("SPECIFIC_ATTRIBUTES")) {
            throw DynamoDbError.validation("Cannot specify the ProjectionExpression when choosing to get "
                    + (select.equals("COUNT") ? "only the Count" : select));
        }
        if (select.equals("SPECIFIC_ATTRIBUTES") && request.projection().isEmpty()) {
            throw DynamoDbError.validation("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
        }
        if (select.equals("ALL_PROJECTED_ATTRIBUTES") && index.isEmpty()) {
            throw DynamoDbError.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        if (select.equals("ALL_ATTRIBUTES") && index.isPresent() && index.get().global()
                && !index.get().projection().type().equals("ALL")) {
            throw DynamoDbError.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for "
                    + "global secondary index " + index.get().name() + " because its projection type is not ALL");
        }
    }

    private static boolean mentions(Condition condition, String attribute) {
        return Evaluator.attributes(condition).contains(attribute);
    }

    /** Where a page resumes: after this row of this partition. */
    private record Start(AttributeValue partition, RowKey row) {
    }

    private static Start start(Table table, Optional<SecondaryIndex> index, Map<String, AttributeValue> startKey,
                               Optional<KeyCondition> keyCondition) {
        KeyDefinition key = index.map(SecondaryIndex::key).orElse(table.key());
        Set<String> expected = new HashSet<>(table.key().names());
        expected.addAll(key.names());
        if (!startKey.keySet().equals(expected)) {
            throw DynamoDbError.validation("The provided starting key is invalid: The provided key element does not match the schema");
        }
        try {
            table.checkKey(table.key().keyOf(startKey));
        } catch (DynamoDbError e) {
            throw DynamoDbError.validation("The provided starting key is invalid: " + e.getMessage());
        }
        if (!key.presentIn(startKey)) {
            throw DynamoDbError.validation("The provided starting key is invalid: The provided key element does not match the schema");
        }
        AttributeValue partition = startKey.get(key.partitionKey());
        if (keyCondition.isPresent()) {
            if (!keyCondition.get().partitionValue().equals(partition)) {
                throw DynamoDbError.validation("The provided starting key is outside query boundaries based on provided conditions");
            }
            Optional<KeyCondition.SortCondition> sort = keyCondition.get().sort();
            if (sort.isPresent() && !sort.get().matches(startKey.get(sort.get().attribute()))) {
                throw DynamoDbError.validation("The provided starting key does not match the range key predicate");
            }
        }
        RowKey row = index.map(i -> i.rowOf(startKey, table.key())).orElseGet(() ->
                RowKey.of(table.key().sortKey().map(startKey::get).orElse(null)));
        return new Start(partition, row);
    }

    /** The rows a read visits, in order, from where it resumes. */
    private static java.util.stream.Stream<StoredItem> rows(Partitions partitions, Requests.Read request, Optional<Start> start,
                                                           Optional<long[]> segment) {
        if (request.keyCondition().isPresent()) {
            KeyCondition condition = request.keyCondition().get();
            NavigableMap<RowKey, StoredItem> rows = partitions.partition(condition.partitionValue());
            if (!request.forward()) {
                rows = rows.descendingMap();
            }
            if (start.isPresent()) {
                rows = rows.tailMap(start.get().row(), false);
            }
            java.util.stream.Stream<StoredItem> stream = rows.values().stream();
            if (condition.sort().isPresent()) {
                KeyCondition.SortCondition sort = condition.sort().get();
                stream = stream.filter(item -> sort.matches(item.attributes().get(sort.attribute())));
            }
            return stream;
        }
        NavigableMap<PartitionToken, TreeMap<RowKey, StoredItem>> all = partitions.all();
        if (segment.isPresent()) {
            PartitionToken from = new PartitionToken(segment.get()[0], null);
            all = segment.get()[1] == 0 || Long.compareUnsigned(segment.get()[1], segment.get()[0]) <= 0
                    ? tailFrom(all, segment.get()[0]) : all.subMap(from, true, new PartitionToken(segment.get()[1], null), false);
        }
        if (start.isPresent()) {
            PartitionToken token = PartitionToken.of(start.get().partition());
            if (segment.isPresent() && !inSegment(token.hash(), segment.get())) {
                throw DynamoDbError.validation("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
                        + "ExclusiveStartKey with correct Segment. TotalSegments: " + request.totalSegments().orElseThrow()
                        + " Segment: " + request.segment().orElseThrow());
            }
            NavigableMap<RowKey, StoredItem> rest = all.containsKey(token) ? all.get(token).tailMap(start.get().row(), false)
                    : java.util.Collections.emptyNavigableMap();
            return java.util.stream.Stream.concat(rest.values().stream(),
                    all.tailMap(token, false).values().stream().flatMap(rows -> rows.values().stream()));
        }
        return all.values().stream().flatMap(rows -> rows.values().stream());
    }

    private static boolean inSegment(long hash, long[] segment) {
        boolean afterStart = Long.compareUnsigned(hash, segment[0]) >= 0;
        boolean toEnd = segment[1] == 0 || Long.compareUnsigned(segment[1], segment[0]) <= 0;
        return afterStart && (toEnd || Long.compareUnsigned(hash, segment[1]) < 0);
    }

    private static NavigableMap<PartitionToken, TreeMap<RowKey, StoredItem>> tailFrom(
            NavigableMap<PartitionToken, TreeMap<RowKey, StoredItem>> all, long hash) {
        return all.tailMap(new PartitionToken(hash, null), true);
    }

    /** The key a page reports as LastEvaluatedKey: the table key, plus the index key when reading an index. */
    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, KeyDefinition tableKey,
                                                     Optional<SecondaryIndex> index) {
        Map<String, AttributeValue> key = new LinkedHashMap<>(tableKey.keyOf(item));
        index.ifPresent(i -> key.putAll(i.key().keyOf(item)));
        return key;
    }

    // ---- batches

    public synchronized Results.BatchGet batchGet(Map<String, Requests.BatchGetTable> requests, Instant now) {
        Map<String, Table> found = new LinkedHashMap<>();
        for (Map.Entry<String, Requests.BatchGetTable> entry : requests.entrySet()) {
            Table table = table(entry.getKey(), now);
            Set<Map<String, AttributeValue>> seen = new HashSet<>();
            for (Map<String, AttributeValue> key : entry.getValue().keys()) {
                table.checkKey(key);
                if (!seen.add(key)) {
                    throw DynamoDbError.validation("Provided list of item keys contains duplicates");
                }
            }
            found.put(entry.getKey(), table);
        }
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        Map<String, List<Map<String, AttributeValue>>> unprocessed = new LinkedHashMap<>();
        List<Capacity> capacities = new ArrayList<>();
        long bytes = 0;
        for (Map.Entry<String, Requests.BatchGetTable> entry : requests.entrySet()) {
            Table table = found.get(entry.getKey());
            Capacity capacity = new Capacity(entry.getKey(), false);
            List<Map<String, AttributeValue>> items = responses.computeIfAbsent(entry.getKey(), name -> new ArrayList<>());
            for (Map<String, AttributeValue> key : entry.getValue().keys()) {
                // Past 16 MB of answer, the rest comes back as UnprocessedKeys for the next call.
                if (bytes >= BATCH_GET_RESPONSE_BYTES) {
                    unprocessed.computeIfAbsent(entry.getKey(), name -> new ArrayList<>()).add(key);
                    continue;
                }
                StoredItem item = table.get(key);
                capacity.addTable(Capacity.readUnits(item == null ? 0 : item.size(), entry.getValue().consistent(), false));
                if (item != null) {
                    bytes += item.size();
                    items.add(project(item.attributes(), entry.getValue().projection()));
                }
            }
            capacities.add(capacity);
        }
        return new Results.BatchGet(responses, unprocessed, capacities);
    }

    public synchronized Results.BatchWrite batchWrite(Map<String, List<Requests.BatchWriteRequest>> requests, Instant now) {
        Map<String, Table> found = new LinkedHashMap<>();
        for (Map.Entry<String, List<Requests.BatchWriteRequest>> entry : requests.entrySet()) {
            Table table = table(entry.getKey(), now);
            Set<Map<String, AttributeValue>> seen = new HashSet<>();
            for (Requests.BatchWriteRequest request : entry.getValue()) {
                Map<String, AttributeValue> key;
                if (request.put().isPresent()) {
                    try {
                        table.checkItem(request.put().get(), false);
                    } catch (DynamoDbError e) {
                        // DynamoDB words key problems of a batched put as a key mismatch.
                        throw e.getMessage().contains("Missing the key") || e.getMessage().contains("Type mismatch for key")
                                ? DynamoDbError.validation("The provided key element does not match the schema") : e;
                    }
                    key = table.key().keyOf(request.put().get());
                } else {
                    key = table.checkKey(request.delete().orElseThrow());
                }
                if (!seen.add(key)) {
                    throw DynamoDbError.validation("Provided list of item keys contains duplicates");
                }
            }
            found.put(entry.getKey(), table);
        }
        List<Capacity> capacities = new ArrayList<>();
        for (Map.Entry<String, List<Requests.BatchWriteRequest>> entry : requests.entrySet()) {
            Table table = found.get(entry.getKey());
            Capacity capacity = new Capacity(entry.getKey(), true);
            for (Requests.BatchWriteRequest request : entry.getValue()) {
                if (request.put().isPresent()) {
                    StoredItem item = StoredItem.of(request.put().get());
                    capacity.add(store(table, table.get(item.attributes()), item, false, now));
                } else {
                    StoredItem previous = table.get(request.delete().get());
                    if (previous == null) {
                        capacity.addTable(Capacity.writeUnits(0, false));
                    } else {
                        capacity.add(remove(table, previous, false, now));
                    }
                }
            }
            capacities.add(capacity);
        }
        return new Results.BatchWrite(capacities);
    }

    // ---- transactions

    public synchronized Results.TransactGet transactGet(List<Requests.TransactGetItem> gets, Instant now) {
        Map<String, Capacity> capacities = new LinkedHashMap<>();
        List<StoredItem> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Requests.TransactGetItem get : gets) {
            Table table = table(get.table(), now);
            table.checkKey(get.key());
            if (!seen.add(get.table() + "\u0000" + table.key().keyOf(get.key()))) {
                throw DynamoDbError.validation("Transaction request cannot include multiple operations on one item");
            }
            found.add(table.get(get.key()));
        }
        List<Optional<Map<String, AttributeValue>>> items = new ArrayList<>();
        for (int i = 0; i < gets.size(); i++) {
            StoredItem item = found.get(i);
            capacities.computeIfAbsent(gets.get(i).table(), name -> new Capacity(name, false))
                    .addTable(Capacity.readUnits(item == null ? 0 : item.size(), true, true));
            Optional<List<DocumentPath>> projection = gets.get(i).projection();
            items.add(Optional.ofNullable(item).map(stored -> project(stored.attributes(), projection)));
        }
        return new Results.TransactGet(items, new ArrayList<>(capacities.values()));
    }

    /**
     * All or nothing: every condition is checked first; if any fails, nothing is written and the
     * answer lists a reason per action. A ClientRequestToken makes a retry within 10 minutes
     * succeed without writing again; the same token with other parameters is refused.
     * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
     *
     * @param fingerprint what identifies the request's parameters, to compare retries with
     */
    public synchronized Results.TransactWrite transactWrite(List<Requests.TransactWriteItem> actions, Optional<String> token,
                                                            String fingerprint, Instant now) {
        tokens.values().removeIf(use -> use.at().plus(IDEMPOTENCY_WINDOW).isBefore(now));
        if (token.isPresent() && tokens.containsKey(token.get())) {
            if (!tokens.get(token.get()).fingerprint().equals(fingerprint)) {
                throw new DynamoDbError("IdempotentParameterMismatchException", "The request uses the same client token as a previous, "
                        + "but non-identical request.");
            }
            Map<String, Capacity> replay = new LinkedHashMap<>();
            for (Requests.TransactWriteItem action : actions) {
                // A replay reads the items again to answer; it writes nothing.
                Table table = table(action.table(), now);
                Map<String, AttributeValue> key = action instanceof Requests.TransactPut put ? table.key().keyOf(put.item())
                        : keyOfAction(action);
                StoredItem item = table.get(key);
                replay.computeIfAbsent(action.table(), name -> new Capacity(name, false))
                        .addTable(Capacity.readUnits(item == null ? 0 : item.size(), true, false));
            }
            return new Results.TransactWrite(new ArrayList<>(replay.values()));
        }
        List<Table> targets = new ArrayList<>();
        List<StoredItem> current = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Requests.TransactWriteItem action : actions) {
            Table table = table(action.table(), now);
            Map<String, AttributeValue> key;
            if (action instanceof Requests.TransactPut put) {
                table.checkItem(put.item(), false);
                key = table.key().keyOf(put.item());
            } else {
                key = table.checkKey(keyOfAction(action));
                if (action instanceof Requests.TransactUpdate update) {
                    checkUpdatesLeaveKeys(table, update.actions());
                }
            }
            if (!seen.add(table.name() + "\u0000" + table.key().keyOf(key))) {
                throw DynamoDbError.validation("Transaction request cannot include multiple operations on one item");
            }
            targets.add(table);
            current.add(table.get(key));
        }
        List<DynamoDbError.CancellationReason> reasons = new ArrayList<>();
        List<StoredItem> results = new ArrayList<>();
        boolean cancelled = false;
        for (int i = 0; i < actions.size(); i++) {
            Requests.TransactWriteItem action = actions.get(i);
            StoredItem item = current.get(i);
            DynamoDbError.CancellationReason reason = DynamoDbError.CancellationReason.NONE;
            StoredItem result = null;
            if (action.guard().condition().isPresent()
                    && !Evaluator.test(action.guard().condition().get(), item == null ? Map.of() : item.attributes())) {
                reason = new DynamoDbError.CancellationReason("ConditionalCheckFailed", Optional.of("The conditional request failed"),
                        action.guard().returnItemOnFailure() && item != null ? Optional.of(item.attributes()) : Optional.empty());
            } else if (action instanceof Requests.TransactPut put) {
                result = StoredItem.of(put.item());
            } else if (action instanceof Requests.TransactUpdate update) {
                try {
                    Map<String, AttributeValue> updated = Updater.apply(item == null ? update.key() : item.attributes(), update.actions());
                    targets.get(i).checkItem(updated, true);
                    result = StoredItem.of(updated);
                } catch (DynamoDbError e) {
                    reason = new DynamoDbError.CancellationReason("ValidationError", Optional.of(e.getMessage()), Optional.empty());
                }
            }
            cancelled |= reason != DynamoDbError.CancellationReason.NONE;
            reasons.add(reason);
            results.add(result);
        }
        if (cancelled) {
            throw new DynamoDbError("TransactionCanceledException", "Transaction cancelled, please refer cancellation reasons for "
                    + "specific reasons " + reasons.stream().map(DynamoDbError.CancellationReason::code).toList(), Optional.empty(), reasons);
        }
        Map<String, Capacity> capacities = new LinkedHashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            Requests.TransactWriteItem action = actions.get(i);
            Table table = targets.get(i);
            Capacity capacity = capacities.computeIfAbsent(table.name(), name -> new Capacity(name, true));
            if (action instanceof Requests.TransactConditionCheck) {
                StoredItem item = current.get(i);
                capacity.addTable(Capacity.readUnits(item == null ? 0 : item.size(), true, true));
            } else if (action instanceof Requests.TransactDelete) {
                if (current.get(i) == null) {
                    capacity.addTable(Capacity.writeUnits(0, true));
                } else {
                    Capacity used = table.remove(current.get(i), true, false, now);
                    journal.itemRemoved(this, table, table.key().keyOf(current.get(i).attributes()));
                    capacity.add(used);
                }
            } else {
                Capacity used = table.store(current.get(i), results.get(i), true, now);
                journal.itemStored(this, table, results.get(i));
                capacity.add(used);
            }
        }
        token.ifPresent(t -> tokens.put(t, new TokenUse(fingerprint, now)));
        return new Results.TransactWrite(new ArrayList<>(capacities.values()));
    }

    private static Map<String, AttributeValue> keyOfAction(Requests.TransactWriteItem action) {
        if (action instanceof Requests.TransactUpdate update) {
            return update.key();
        }
        if (action instanceof Requests.TransactDelete delete) {
            return delete.key();
        }
        if (action instanceof Requests.TransactConditionCheck check) {
            return check.key();
        }
        return ((Requests.TransactPut) action).item();
    }

    // ---- helpers

    /** A table that exists, with its expired items gone. */
    private Table table(String name, Instant now) {
        Table table = tables.get(name);
        if (table == null) {
            throw DynamoDbError.resourceNotFound("Requested resource not found");
        }
        expire(table, now);
        return table;
    }

    private void expire(Table table, Instant now) {
        for (Map<String, AttributeValue> key : table.expire(now)) {
            journal.itemRemoved(this, table, key);
        }
    }

    /** A table for an operation that names it in its not-found message (DescribeTable, DeleteTable, …). */
    public synchronized Table requireTable(String name, Instant now) {
        if (!tables.containsKey(name)) {
            throw DynamoDbError.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        }
        return table(name, now);
    }

    private static Map<String, AttributeValue> project(Map<String, AttributeValue> item, Optional<List<DocumentPath>> projection) {
        return projection.map(paths -> Projector.project(item, paths)).orElse(item);
    }

    private String tableArn(String name) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
    }

    /** Drops every table (sandbox reset). */
    public synchronized void clear() {
        tables.clear();
        tokens.clear();
    }

    /** Puts back a table read from disk, with its items, journaling nothing. */
    synchronized void restore(Table table) {
        tables.put(table.name(), table);
    }

    synchronized void restoreItem(String tableName, StoredItem item) {
        Table table = tables.get(tableName);
        if (table != null) {
            table.load(item);
        }
    }

    synchronized void restoreRemoval(String tableName, Map<String, AttributeValue> key) {
        Table table = tables.get(tableName);
        if (table != null) {
            table.unload(key);
        }
    }

    synchronized void restoreDeletion(String tableName) {
        tables.remove(tableName);
    }

    /** The database's lock, for the journal's compaction. */
    Object lock() {
        return this;
    }

    /** Stream operations read tables' streams under this database's lock. */
    public synchronized <T> T withStreams(java.util.function.Function<List<Table>, T> reader) {
        return reader.apply(new ArrayList<>(tables.values()));
    }
}
