package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbAtomicCounter;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The SDK's Enhanced Client (DynamoDBMapper's successor), as the ddb-crud and ddb-counter demos
 * use it: a table from an annotated class, CRUD, queries on the table and a GSI, batches,
 * conditional writes, optimistic locking, atomic counters, transactions and EnhancedDocument.
 * https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/dynamodb-enhanced-client.html
 */
class DynamoDbEnhancedClientTest {
    private static RunningSandbox sandbox;
    private static DynamoDbClient ddb;
    private static DynamoDbEnhancedClient enhanced;
    private static DynamoDbTable<Order> orders;

    @DynamoDbBean
    public static class Order {
        private String customer;
        private String id;
        private String status;
        private Integer total;
        private Long version;
        private Long views;

        @DynamoDbPartitionKey
        public String getCustomer() { return customer; }
        public void setCustomer(String customer) { this.customer = customer; }

        @DynamoDbSortKey
        public String getId() { return id; }
        public void setId(String id) { this.id = id; }

        @DynamoDbSecondaryPartitionKey(indexNames = "byStatus")
        public String getStatus() { return status; }
        public void setStatus(String status) { this.status = status; }

        public Integer getTotal() { return total; }
        public void setTotal(Integer total) { this.total = total; }

        @DynamoDbVersionAttribute
        public Long getVersion() { return version; }
        public void setVersion(Long version) { this.version = version; }

        @DynamoDbAtomicCounter
        public Long getViews() { return views; }
        public void setViews(Long views) { this.views = views; }

        static Order of(String customer, String id, String status, int total) {
            Order order = new Order();
            order.setCustomer(customer);
            order.setId(id);
            order.setStatus(status);
            order.setTotal(total);
            return order;
        }
    }

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        ddb = DynamoDbEndToEndTest.dynamo(sandbox, RunningSandbox.ROOT, Region.US_EAST_1);
        enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
        orders = enhanced.table("Orders", TableSchema.fromBean(Order.class));
        orders.createTable(r -> r.globalSecondaryIndices(EnhancedGlobalSecondaryIndex.builder().indexName("byStatus")
                .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Orders"));
    }

    @AfterAll
    static void stop() {
        ddb.close();
        sandbox.close();
    }

    @Test
    void crudQueriesAndTheIndex() {
        orders.putItem(Order.of("ann", "001", "OPEN", 40));
        orders.putItem(Order.of("ann", "002", "OPEN", 120));
        orders.putItem(Order.of("ann", "003", "SHIPPED", 75));
        orders.putItem(Order.of("bob", "001", "OPEN", 10));
        Order read = orders.getItem(Key.builder().partitionValue("ann").sortValue("001").build());
        assertEquals(40, read.getTotal());
        assertEquals(1L, read.getVersion(), "a new item starts at version 1");

        assertEquals(List.of("002", "003"), orders.query(r -> r.queryConditional(QueryConditional.sortGreaterThan(
                Key.builder().partitionValue("ann").sortValue("001").build()))).items().stream().map(Order::getId).toList());
        assertEquals(List.of("ann/001", "ann/002", "bob/001"), orders.index("byStatus")
                .query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue("OPEN"))))
                .stream().flatMap(page -> page.items().stream()).map(o -> o.getCustomer() + "/" + o.getId()).sorted().toList());
        assertEquals(List.of("002", "003"), orders.scan(r -> r.filterExpression(Expression.builder().expression("#t > :min")
                        .putExpressionName("#t", "total").putExpressionValue(":min", AttributeValue.fromN("50")).build()))
                .items().stream().map(Order::getId).sorted().toList());

        Order change = Order.of("ann", "001", "SHIPPED", 0);
        change.setTotal(null);
        change.setVersion(read.getVersion());
        Order updated = orders.updateItem(r -> r.item(change).ignoreNulls(true));
        assertEquals(40, updated.getTotal(), "ignoreNulls keeps what the update leaves out");
        assertEquals(2L, updated.getVersion());
        assertEquals("ann", orders.deleteItem(Key.builder().partitionValue("ann").sortValue("003").build()).getCustomer());
        assertNull(orders.getItem(Key.builder().partitionValue("ann").sortValue("003").build()));
    }

    @Test
    void conditionalWritesAndOptimisticLocking() {
        orders.putItem(Order.of("carl", "001", "OPEN", 5));
        assertThrows(ConditionalCheckFailedException.class, () -> orders.putItem(PutItemEnhancedRequest.builder(Order.class)
                .item(Order.of("carl", "001", "OPEN", 999))
                .conditionExpression(Expression.builder().expression("attribute_not_exists(customer)").build()).build()));
        Key key = Key.builder().partitionValue("carl").sortValue("001").build();
        Order first = orders.getItem(key);
        Order second = orders.getItem(key);
        first.setTotal(6);
        orders.updateItem(first);
        second.setTotal(7);
        assertThrows(ConditionalCheckFailedException.class, () -> orders.updateItem(second), "the stale version loses");
        assertEquals(6, orders.getItem(key).getTotal());
    }

    @Test
    void atomicCountersBatchesAndTransactions() {
        Order page = Order.of("dana", "001", "OPEN", 1);
        List<Long> views = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            page.setVersion(null);
            Order current = orders.getItem(Key.builder().partitionValue("dana").sortValue("001").build());
            page.setVersion(current == null ? null : current.getVersion());
            views.add(orders.updateItem(page).getViews());
        }
        assertEquals(List.of(0L, 1L, 2L), views, "@DynamoDbAtomicCounter starts at 0 and adds 1 per update");

        DynamoDbEnhancedClient unversioned = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).extensions().build();
        DynamoDbTable<Order> plain = unversioned.table("Orders", TableSchema.fromBean(Order.class));
        WriteBatch.Builder<Order> writes = WriteBatch.builder(Order.class).mappedTableResource(plain);
        ReadBatch.Builder<Order> reads = ReadBatch.builder(Order.class).mappedTableResource(plain);
        for (int i = 1; i <= 3; i++) {
            writes.addPutItem(Order.of("erin", "00" + i, "OPEN", i * 10));
            reads.addGetItem(Key.builder().partitionValue("erin").sortValue("00" + i).build());
        }
        unversioned.batchWriteItem(r -> r.writeBatches(writes.build()));
        assertEquals(List.of(10, 20, 30), unversioned.batchGetItem(r -> r.readBatches(reads.build())).resultsForTable(plain).stream()
                .map(Order::getTotal).sorted().toList());

        unversioned.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(plain, Order.of("erin", "004", "OPEN", 40))
                .addDeleteItem(plain, Key.builder().partitionValue("erin").sortValue("001").build()).build());
        assertThrows(TransactionCanceledException.class, () -> unversioned.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(plain, Order.of("erin", "005", "OPEN", 50))
                .addConditionCheck(plain, c -> c.key(Key.builder().partitionValue("erin").sortValue("001").build())
                        .conditionExpression(Expression.builder().expression("attribute_exists(customer)").build())).build()));
        assertNull(plain.getItem(Key.builder().partitionValue("erin").sortValue("005").build()), "the cancelled put did not happen");
        assertEquals(40, plain.getItem(Key.builder().partitionValue("erin").sortValue("004").build()).getTotal());
    }

    @Test
    void enhancedDocumentsRoundTripJson() {
        DynamoDbTable<EnhancedDocument> documents = enhanced.table("Orders", TableSchema.documentSchemaBuilder()
                .addIndexPartitionKey(software.amazon.awssdk.enhanced.dynamodb.TableMetadata.primaryIndexName(), "customer",
                        software.amazon.awssdk.enhanced.dynamodb.AttributeValueType.S)
                .addIndexSortKey(software.amazon.awssdk.enhanced.dynamodb.TableMetadata.primaryIndexName(), "id",
                        software.amazon.awssdk.enhanced.dynamodb.AttributeValueType.S)
                .attributeConverterProviders(software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider.defaultProvider())
                .build());
        documents.putItem(EnhancedDocument.builder().json("{\"customer\":\"fay\",\"id\":\"001\",\"tags\":[\"a\",\"b\"],"
                + "\"address\":{\"city\":\"Oslo\"},\"total\":12.5}").build());
        Map<String, AttributeValue> raw = ddb.getItem(r -> r.tableName("Orders").key(Map.of("customer", AttributeValue.fromS("fay"),
                "id", AttributeValue.fromS("001")))).item();
        assertEquals("12.5", raw.get("total").n());
        assertEquals("Oslo", raw.get("address").m().get("city").s());
        assertEquals(2, raw.get("tags").l().size());
    }
}
