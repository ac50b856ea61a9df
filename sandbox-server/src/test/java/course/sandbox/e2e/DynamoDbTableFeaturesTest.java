package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static course.sandbox.e2e.DynamoDbItemsTest.n;
import static course.sandbox.e2e.DynamoDbItemsTest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * UpdateTable (a GSI added and backfilled, billing mode switched), TTL on the sandbox's clock
 * with the deletion in the table's stream, and the legacy conditional parameters.
 */
class DynamoDbTableFeaturesTest {
    private static RunningSandbox sandbox;
    private static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        ddb = DynamoDbEndToEndTest.dynamo(sandbox, RunningSandbox.ROOT, Region.US_EAST_1);
    }

    @AfterAll
    static void stop() {
        ddb.close();
        sandbox.close();
    }

    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
    @Test
    void updateTableAddsABackfilledIndexAndSwitchesBilling() {
        ddb.createTable(r -> r.tableName("Grow").billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
        for (String color : List.of("red", "blue", "red")) {
            ddb.putItem(r -> r.tableName("Grow").item(Map.of("id", s(color + System.nanoTime()), "color", s(color))));
        }
        TableDescription updating = ddb.updateTable(r -> r.tableName("Grow").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("color").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byColor")
                        .keySchema(k -> k.attributeName("color").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))))).tableDescription();
        assertEquals(IndexStatus.CREATING, updating.globalSecondaryIndexes().get(0).indexStatus());
        TableDescription after = ddb.describeTable(r -> r.tableName("Grow")).table();
        assertEquals(IndexStatus.ACTIVE, after.globalSecondaryIndexes().get(0).indexStatus());
        assertEquals(BillingMode.PAY_PER_REQUEST, after.billingModeSummary().billingMode());
        assertEquals(2, ddb.query(r -> r.tableName("Grow").indexName("byColor").keyConditionExpression("color = :c")
                .expressionAttributeValues(Map.of(":c", s("red")))).count(), "existing items were backfilled");
        ddb.updateTable(r -> r.tableName("Grow").globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byColor"))));
        assertFalse(ddb.describeTable(r -> r.tableName("Grow")).table().hasGlobalSecondaryIndexes());
    }

    // TTL deletes by the sandbox's clock, and the stream shows the deletion as the TTL service's.
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html
    @Test
    void expiredItemsGoAndTheStreamSaysTheServiceRemovedThem() {
        ddb.createTable(r -> r.tableName("Sessions").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .streamSpecification(st -> st.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        ddb.updateTimeToLive(r -> r.tableName("Sessions").timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
        long soon = Instant.now().plusSeconds(60).getEpochSecond();
        ddb.putItem(r -> r.tableName("Sessions").item(Map.of("id", s("short"), "expires", n(String.valueOf(soon)))));
        ddb.putItem(r -> r.tableName("Sessions").item(Map.of("id", s("long"), "expires", n(String.valueOf(soon + 3600)))));
        assertEquals(2, ddb.scan(r -> r.tableName("Sessions")).count());

        sandbox.shiftClock(Duration.ofMinutes(2));
        try {
            assertEquals(List.of("long"), ddb.scan(r -> r.tableName("Sessions")).items().stream().map(i -> i.get("id").s()).toList());
        } finally {
            sandbox.shiftClock(Duration.ZERO);
        }
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(sandbox.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(RunningSandbox.ROOT)).build()) {
            String arn = ddb.describeTable(r -> r.tableName("Sessions")).table().latestStreamArn();
            String shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
            String iterator = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> records = streams.getRecords(r -> r.shardIterator(iterator)).records();
            assertEquals(List.of(OperationType.INSERT, OperationType.INSERT, OperationType.REMOVE),
                    records.stream().map(Record::eventName).toList());
            Record removal = records.get(2);
            assertEquals("dynamodb.amazonaws.com", removal.userIdentity().principalId());
            assertEquals("Service", removal.userIdentity().type());
            assertEquals("short", removal.dynamodb().oldImage().get("id").s());
        }
    }

    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html
    @Test
    void legacyParametersStillWork() {
        ddb.createTable(r -> r.tableName("Legacy").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.N)));
        for (int i = 1; i <= 5; i++) {
            int sk = i;
            ddb.putItem(r -> r.tableName("Legacy").item(Map.of("pk", s("p"), "sk", n(String.valueOf(sk)), "v", n(String.valueOf(sk * 10))))
                    .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build())));
        }
        assertThrows(ConditionalCheckFailedException.class, () -> ddb.putItem(r -> r.tableName("Legacy")
                .item(Map.of("pk", s("p"), "sk", n("1"))).expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))));
        assertEquals(List.of("2", "3"), ddb.query(r -> r.tableName("Legacy").keyConditions(Map.of(
                        "pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("p")).build(),
                        "sk", Condition.builder().comparisonOperator(ComparisonOperator.BETWEEN).attributeValueList(n("2"), n("3")).build())))
                .items().stream().map(i -> i.get("sk").n()).toList());
        assertEquals(2, ddb.scan(r -> r.tableName("Legacy").scanFilter(Map.of("v", Condition.builder()
                .comparisonOperator(ComparisonOperator.GT).attributeValueList(n("30")).build()))).count());
        ddb.updateItem(r -> r.tableName("Legacy").key(Map.of("pk", s("p"), "sk", n("1"))).attributeUpdates(Map.of(
                "v", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("5")).build(),
                "tags", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(AttributeValue.fromSs(List.of("x"))).build())));
        Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName("Legacy").key(Map.of("pk", s("p"), "sk", n("1")))
                .attributesToGet("v", "tags")).item();
        assertEquals(Map.of("v", n("15"), "tags", AttributeValue.fromSs(List.of("x"))), item);
        assertTrue(ddb.getItem(r -> r.tableName("Legacy").key(Map.of("pk", s("p"), "sk", n("1")))).item().containsKey("pk"));
    }
}
