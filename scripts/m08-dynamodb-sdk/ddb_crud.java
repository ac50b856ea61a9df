///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:dynamodb-enhanced
//SOURCES ../lib/DemoCommand.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPageIterable;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "ddb-crud", mixinStandardHelpOptions = true,
        description = "CRUD with the DynamoDB Enhanced Client (SDK v2's successor of DynamoDBMapper): table from a class, "
                + "put, get, partial update, delete, query, GSI query, scan, batches, a conditional put and optimistic locking.")
public class ddb_crud implements Callable<Integer> {
    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new ddb_crud(), args);
    }

    /** One order of a customer: partition key customerId, sort key orderId, a GSI on status, a version for locking. */
    @DynamoDbBean
    public static class Order {
        private String customerId;
        private String orderId;
        private String status;
        private Integer total;
        private String note;
        private Long version;

        public Order() {
        }

        Order(String customerId, String orderId, String status, Integer total, String note) {
            this.customerId = customerId;
            this.orderId = orderId;
            this.status = status;
            this.total = total;
            this.note = note;
        }

        @DynamoDbPartitionKey
        public String getCustomerId() { return customerId; }
        public void setCustomerId(String customerId) { this.customerId = customerId; }

        @DynamoDbSortKey
        public String getOrderId() { return orderId; }
        public void setOrderId(String orderId) { this.orderId = orderId; }

        @DynamoDbSecondaryPartitionKey(indexNames = "byStatus")
        public String getStatus() { return status; }
        public void setStatus(String status) { this.status = status; }

        public Integer getTotal() { return total; }
        public void setTotal(Integer total) { this.total = total; }

        public String getNote() { return note; }
        public void setNote(String note) { this.note = note; }

        @DynamoDbVersionAttribute
        public Long getVersion() { return version; }
        public void setVersion(Long version) { this.version = version; }

        @Override
        public String toString() {
            return customerId + "/" + orderId + " status=" + status + " total=" + total + " note=" + note + " version=" + version;
        }
    }

    @Override
    public Integer call() {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String tableName = Demo.uniqueName("course-orders");
        try (DynamoDbClient ddb = DynamoDbClient.create()) {
            DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
            DynamoDbTable<Order> orders = enhanced.table(tableName, TableSchema.fromBean(Order.class));
            try {
                run(ddb, enhanced, orders);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }


    private void run(DynamoDbClient ddb, DynamoDbEnhancedClient enhanced, DynamoDbTable<Order> orders) {
        Demo.step("From DynamoDBMapper (SDK v1) to the Enhanced Client (SDK v2)");
        Demo.say("DynamoDBMapper → DynamoDbEnhancedClient · @DynamoDBTable → TableSchema.fromBean + table name");
        Demo.say("@DynamoDBHashKey/@DynamoDBRangeKey → @DynamoDbPartitionKey/@DynamoDbSortKey");
        Demo.say("@DynamoDBVersionAttribute → @DynamoDbVersionAttribute · save/load/delete → putItem/getItem/deleteItem");

        Demo.step("Create the table from the Order class (keys and the byStatus GSI come from its annotations)");
        orders.createTable(r -> r.globalSecondaryIndices(EnhancedGlobalSecondaryIndex.builder()
                .indexName("byStatus").projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        cleanup.add("table " + orders.tableName(), orders::deleteTable);
        ddb.waiter().waitUntilTableExists(r -> r.tableName(orders.tableName()));
        Demo.show("Table", orders.tableName());
        Demo.show("Key schema", orders.tableSchema().tableMetadata().primaryPartitionKey() + " (partition), "
                + orders.tableSchema().tableMetadata().primarySortKey().orElseThrow() + " (sort)");

        Demo.step("putItem: write an Order object (ReturnConsumedCapacity=INDEXES: what the write cost, and where)");
        ConsumedCapacity put = orders.putItemWithResponse(r -> r.item(new Order("alice", "2025-001", "OPEN", 40, "gift wrap"))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        Key first = Key.builder().partitionValue("alice").sortValue("2025-001").build();
        Demo.say("The version attribute is set by the client: a new item starts at 1.");
        Demo.show("Consumed", writeUnits(put));
        Demo.say("Each GSI the item lands in is written, and paid for, too.");

        Demo.step("getItem: read it back by its key");
        var fetched = orders.getItemWithResponse(r -> r.key(first).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        Order read = fetched.attributes();
        Demo.show("Item", read);
        double strong = orders.getItemWithResponse(r -> r.key(first).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        Demo.show("Consumed", fetched.consumedCapacity().capacityUnits() + " RCU eventually consistent (the default), "
                + strong + " RCU with consistentRead(true)");

        Demo.step("updateItem with ignoreNulls: change one attribute, keep the others");
        Order change = new Order("alice", "2025-001", "SHIPPED", null, null);
        change.setVersion(read.getVersion());
        var update = orders.updateItemWithResponse(r -> r.item(change).ignoreNulls(true).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        Demo.show("Item", update.attributes());
        Demo.say("note and total stay as they were; without ignoreNulls they would be removed.");
        Demo.show("Consumed", writeUnits(update.consumedCapacity()));
        Demo.say("status is byStatus's key: the index deletes the OPEN entry and writes a SHIPPED one, two writes.");

        Demo.step("Query on partition and sort key: alice's orders from 2025-002 on");
        orders.putItem(new Order("alice", "2025-002", "OPEN", 120, null));
        orders.putItem(new Order("alice", "2025-003", "OPEN", 75, null));
        orders.putItem(new Order("alice", "2024-999", "SHIPPED", 15, null));
        List<String> fromTwo = orders.query(r -> r.queryConditional(QueryConditional.sortGreaterThanOrEqualTo(
                        Key.builder().partitionValue("alice").sortValue("2025-002").build())))
                .items().stream().map(Order::getOrderId).toList();
        Demo.show("Orders", fromTwo);

        Demo.step("Query the byStatus GSI: every OPEN order, whoever the customer");
        DynamoDbIndex<Order> byStatus = orders.index("byStatus");
        List<String> open = byStatus.query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue("OPEN"))))
                .stream().flatMap(page -> page.items().stream()).map(o -> o.getCustomerId() + "/" + o.getOrderId()).sorted().toList();
        Demo.show("OPEN orders", open);
        Demo.say("GSIs are updated asynchronously on AWS: a GSI query may briefly miss the newest writes.");

        Demo.step("Scan with a filter: orders with total > 50 (the scan still reads every item)");
        var scan = orders.scan(ScanEnhancedRequest.builder().filterExpression(Expression.builder()
                .expression("#t > :min").putExpressionName("#t", "total")
                .putExpressionValue(":min", AttributeValue.fromN("50")).build())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
        var page = scan.iterator().next();
        Demo.show("Matched", page.items().stream().map(Order::getOrderId).sorted().toList());
        Demo.show("Count / ScannedCount", page.count() + " / " + page.scannedCount());
        Demo.show("Consumed", page.consumedCapacity().capacityUnits() + " RCU, charged on the size of all "
                + page.scannedCount() + " items read: the filter runs after the read");

        Demo.step("Batch write and batch get: three of bob's orders in one request each way");
        Demo.say("BatchWriteItem takes no condition, so the version check cannot ride along:");
        Demo.say("the batch goes through a client without the VersionedRecordExtension.");
        DynamoDbEnhancedClient unversioned = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).extensions().build();
        DynamoDbTable<Order> plainOrders = unversioned.table(orders.tableName(), orders.tableSchema());
        WriteBatch.Builder<Order> writes = WriteBatch.builder(Order.class).mappedTableResource(plainOrders);
        for (int i = 1; i <= 3; i++) {
            writes.addPutItem(new Order("bob", "2025-00" + i, "OPEN", 10 * i, null));
        }
        unversioned.batchWriteItem(r -> r.writeBatches(writes.build()));
        ReadBatch.Builder<Order> reads = ReadBatch.builder(Order.class).mappedTableResource(orders);
        for (int i = 1; i <= 3; i++) {
            reads.addGetItem(Key.builder().partitionValue("bob").sortValue("2025-00" + i).build());
        }
        BatchGetResultPageIterable got = enhanced.batchGetItem(r -> r.readBatches(reads.build()));
        Demo.show("Read back", got.resultsForTable(orders).stream().map(Order::getTotal).sorted().map(String::valueOf)
                .collect(Collectors.joining(", ")));

        Demo.step("Conditional put: only if no item with this key exists yet");
        try {
            orders.putItem(PutItemEnhancedRequest.builder(Order.class)
                    .item(new Order("bob", "2025-001", "OPEN", 999, null))
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(customerId)").build())
                    .build());
            throw new IllegalStateException("the conditional put should have failed");
        } catch (ConditionalCheckFailedException e) {
            Demo.show("Refused", "ConditionalCheckFailedException");
            Demo.show("bob/2025-001 total is still", orders.getItem(Key.builder().partitionValue("bob").sortValue("2025-001").build()).getTotal());
        }

        Demo.step("Optimistic locking: two clients read version " + orders.getItem(first).getVersion() + ", both update");
        Order clientA = orders.getItem(first);
        Order clientB = orders.getItem(first);
        clientA.setNote("A was first");
        orders.updateItem(clientA);
        Demo.show("Client A wrote", "version " + orders.getItem(first).getVersion());
        clientB.setNote("B overwrites A");
        try {
            orders.updateItem(clientB);
            throw new IllegalStateException("the stale update should have failed");
        } catch (ConditionalCheckFailedException e) {
            Demo.show("Client B", "ConditionalCheckFailedException (its version " + clientB.getVersion() + " is stale)");
        }
        Demo.show("Note kept", orders.getItem(first).getNote());
        Demo.say("Client B must read again and decide: no update is lost silently.");

        Demo.step("deleteItem: remove alice/2025-001");
        Order deleted = orders.deleteItem(first);
        Demo.show("Deleted", deleted.getCustomerId() + "/" + deleted.getOrderId());
        Demo.show("getItem now returns", String.valueOf(orders.getItem(first)));
    }

    /** e.g. "3.0 WCU: 1.0 on the table + 2.0 on GSI byStatus" (ReturnConsumedCapacity=INDEXES). */
    private static String writeUnits(ConsumedCapacity consumed) {
        StringBuilder text = new StringBuilder(consumed.capacityUnits() + " WCU");
        if (consumed.table() != null) {
            text.append(": ").append(consumed.table().capacityUnits()).append(" on the table");
            consumed.globalSecondaryIndexes().forEach((index, capacity) ->
                    text.append(" + ").append(capacity.capacityUnits()).append(" on GSI ").append(index));
        }
        return text.toString();
    }
}
