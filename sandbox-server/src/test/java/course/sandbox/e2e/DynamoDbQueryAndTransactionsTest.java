package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static course.sandbox.e2e.DynamoDbItemsTest.assertValidation;
import static course.sandbox.e2e.DynamoDbItemsTest.n;
import static course.sandbox.e2e.DynamoDbItemsTest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Query and Scan (key conditions, order, Limit and paging, the 1 MB page, Select, parallel
 * segments, indexes), the batches and the transactions (all or nothing, cancellation reasons,
 * ClientRequestToken idempotency) through the SDK's own client.
 */
class DynamoDbQueryAndTransactionsTest {
    private static RunningSandbox sandbox;
    private static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        ddb = DynamoDbEndToEndTest.dynamo(sandbox, RunningSandbox.ROOT, Region.US_EAST_1);
        ddb.createTable(r -> r.tableName("Events").billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("user").keyType(KeyType.HASH), k -> k.attributeName("at").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("user").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("at").attributeType(ScalarAttributeType.N),
                        a -> a.attributeName("kind").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("score").attributeType(ScalarAttributeType.N))
                .globalSecondaryIndexes(g -> g.indexName("byKind").projection(p -> p.projectionType(ProjectionType.ALL))
                        .keySchema(k -> k.attributeName("kind").keyType(KeyType.HASH), k -> k.attributeName("at").keyType(KeyType.RANGE)))
                .localSecondaryIndexes(l -> l.indexName("byScore").projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .keySchema(k -> k.attributeName("user").keyType(KeyType.HASH), k -> k.attributeName("score").keyType(KeyType.RANGE))));
        for (int at = 1; at <= 10; at++) {
            int moment = at;
            ddb.putItem(r -> r.tableName("Events").item(Map.of("user", s("ann"), "at", n(String.valueOf(moment)),
                    "kind", s(moment % 2 == 0 ? "click" : "view"), "score", n(String.valueOf(100 - moment)))));
        }
        ddb.putItem(r -> r.tableName("Events").item(Map.of("user", s("bob"), "at", n("1"), "kind", s("click"))));
    }

    @AfterAll
    static void stop() {
        ddb.close();
        sandbox.close();
    }

    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
    @Test
    void queriesReadOnePartitionInSortKeyOrder() {
        assertEquals(List.of("3", "4", "5"), ats(query("#u = :u AND #a BETWEEN :lo AND :hi", Map.of(":lo", n("3"), ":hi", n("5")), true)));
        assertEquals(List.of("10", "9"), ats(ddb.query(r -> r.tableName("Events").keyConditionExpression("#u = :u AND #a > :lo")
                .expressionAttributeNames(Map.of("#u", "user", "#a", "at"))
                .expressionAttributeValues(Map.of(":u", s("ann"), ":lo", n("8"))).scanIndexForward(false))));
        QueryResponse filtered = ddb.query(r -> r.tableName("Events").keyConditionExpression("#u = :u").filterExpression("kind = :k")
                .expressionAttributeNames(Map.of("#u", "user")).expressionAttributeValues(Map.of(":u", s("ann"), ":k", s("click"))));
        assertEquals(5, filtered.count());
        assertEquals(10, filtered.scannedCount(), "the filter applies after the read");
        QueryResponse counted = ddb.query(r -> r.tableName("Events").keyConditionExpression("#u = :u").select(Select.COUNT)
                .expressionAttributeNames(Map.of("#u", "user")).expressionAttributeValues(Map.of(":u", s("ann"))));
        assertEquals(10, counted.count());
        assertFalse(counted.hasItems());

        assertValidation("Query condition missed key schema element: user", () -> ddb.query(r -> r.tableName("Events")
                .keyConditionExpression("#a = :a").expressionAttributeNames(Map.of("#a", "at")).expressionAttributeValues(Map.of(":a", n("1")))));
        assertValidation("Invalid operator used in KeyConditionExpression: OR", () -> ddb.query(r -> r.tableName("Events")
                .keyConditionExpression("#u = :u OR #a = :a").expressionAttributeNames(Map.of("#u", "user", "#a", "at"))
                .expressionAttributeValues(Map.of(":u", s("ann"), ":a", n("1")))));
        assertValidation("One or more parameter values were invalid: Condition parameter type does not match schema type",
                () -> ddb.query(r -> r.tableName("Events").keyConditionExpression("#u = :u").expressionAttributeNames(Map.of("#u", "user"))
                        .expressionAttributeValues(Map.of(":u", n("1")))));
        assertValidation("Filter Expression can only contain non-primary key attributes: Primary key attribute: at",
                () -> ddb.query(r -> r.tableName("Events").keyConditionExpression("#u = :u").filterExpression("#a = :a")
                        .expressionAttributeNames(Map.of("#u", "user", "#a", "at"))
                        .expressionAttributeValues(Map.of(":u", s("ann"), ":a", n("1")))));
    }

    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html
    @Test
    void limitPagesThroughAPartitionWithLastEvaluatedKey() {
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = ddb.query(r -> r.tableName("Events").keyConditionExpression("#u = :u").limit(4)
                    .expressionAttributeNames(Map.of("#u", "user")).expressionAttributeValues(Map.of(":u", s("ann"))).exclusiveStartKey(from));
            seen.addAll(ats(page));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), seen);
        assertEquals(3, pages);
        assertValidation("The provided starting key is outside query boundaries based on provided conditions",
                () -> ddb.query(r -> r.tableName("Events").keyConditionExpression("#u = :u").expressionAttributeNames(Map.of("#u", "user"))
                        .expressionAttributeValues(Map.of(":u", s("ann"))).exclusiveStartKey(Map.of("user", s("bob"), "at", n("1")))));
    }

    @Test
    void indexesAnswerQueriesOnOtherKeys() {
        QueryResponse clicks = ddb.query(r -> r.tableName("Events").indexName("byKind").keyConditionExpression("kind = :k")
                .expressionAttributeValues(Map.of(":k", s("click"))));
        assertEquals(6, clicks.count(), "ann's five clicks and bob's one");
        QueryResponse lowest = ddb.query(r -> r.tableName("Events").indexName("byScore").keyConditionExpression("#u = :u AND score < :s")
                .expressionAttributeNames(Map.of("#u", "user")).expressionAttributeValues(Map.of(":u", s("ann"), ":s", n("93"))).limit(2));
        assertEquals(List.of(Map.of("user", s("ann"), "at", n("10"), "score", n("90")),
                Map.of("user", s("ann"), "at", n("9"), "score", n("91"))), lowest.items(), "KEYS_ONLY: table and index keys");
        assertEquals(Map.of("user", s("ann"), "at", n("9"), "score", n("91")), lowest.lastEvaluatedKey());
        assertValidation("Consistent reads are not supported on global secondary indexes", () -> ddb.query(r -> r.tableName("Events")
                .indexName("byKind").consistentRead(true).keyConditionExpression("kind = :k").expressionAttributeValues(Map.of(":k", s("x")))));
    }

    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan
    @Test
    void parallelScanSegmentsTogetherSeeEveryItemOnce() {
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 4; segment++) {
            int current = segment;
            ScanResponse page = ddb.scan(r -> r.tableName("Events").segment(current).totalSegments(4).filterExpression("#u IN (:ann, :bob)")
                    .expressionAttributeNames(Map.of("#u", "user")).expressionAttributeValues(Map.of(":ann", s("ann"), ":bob", s("bob"))));
            for (Map<String, AttributeValue> item : page.items()) {
                seen.add(item.get("user").s() + "/" + item.get("at").n());
            }
            total += page.count();
        }
        assertEquals(11, total);
        assertEquals(11, seen.size());
        assertValidation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 4 is not less "
                + "than TotalSegments: 4", () -> ddb.scan(r -> r.tableName("Events").segment(4).totalSegments(4)));
    }

    @Test
    void aPageStopsAtOneMegabyte() {
        ddb.createTable(r -> r.tableName("Large").billingMode("PAY_PER_REQUEST").keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
        String hundredKb = "x".repeat(100 * 1024);
        for (int i = 0; i < 15; i++) {
            int id = i;
            ddb.putItem(r -> r.tableName("Large").item(Map.of("id", s("item-" + id), "data", s(hundredKb))));
        }
        ScanResponse first = ddb.scan(r -> r.tableName("Large").returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(11, first.count(), "ten items make a megabyte less a few bytes; the eleventh crosses it");
        assertTrue(first.hasLastEvaluatedKey());
        assertEquals(138.0, first.consumedCapacity().capacityUnits(), "1,126,476 bytes: 276 units of 4 KB, halved");
        ScanResponse rest = ddb.scan(r -> r.tableName("Large").exclusiveStartKey(first.lastEvaluatedKey()));
        assertEquals(4, rest.count());
        assertFalse(rest.hasLastEvaluatedKey());
    }

    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
    @Test
    void batchesWriteAndReadSeveralItems() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("user", s("batch"), "at", n(String.valueOf(i))))
                    .build()).build());
        }
        assertTrue(ddb.batchWriteItem(r -> r.requestItems(Map.of("Events", writes))).unprocessedItems().isEmpty());
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 25; i += 5) {
            keys.add(Map.of("user", s("batch"), "at", n(String.valueOf(i))));
        }
        keys.add(Map.of("user", s("batch"), "at", n("404")));
        BatchGetItemResponse read = ddb.batchGetItem(r -> r.requestItems(Map.of("Events", KeysAndAttributes.builder().keys(keys).build())));
        assertEquals(5, read.responses().get("Events").size());
        assertTrue(read.unprocessedKeys().isEmpty());

        List<WriteRequest> tooMany = new ArrayList<>(writes);
        tooMany.add(writes.get(0));
        assertValidation("1 validation error detected: Value '{Events=[26 requests]}' at 'requestItems' failed to satisfy constraint: "
                + "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater "
                + "than or equal to 1]", () -> ddb.batchWriteItem(r -> r.requestItems(Map.of("Events", tooMany))));
        assertValidation("Provided list of item keys contains duplicates", () -> ddb.batchGetItem(r -> r.requestItems(Map.of("Events",
                KeysAndAttributes.builder().keys(keys.get(0), keys.get(0)).build()))));
    }

    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
    @Test
    void transactionsAreAllOrNothingAndSayWhy() {
        ddb.putItem(r -> r.tableName("Events").item(Map.of("user", s("tx"), "at", n("1"), "balance", n("10"))));
        TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class, () -> ddb.transactWriteItems(r -> r
                .transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName("Events").item(Map.of("user", s("tx"), "at", n("2")))).build(),
                        TransactWriteItem.builder().update(u -> u.tableName("Events").key(Map.of("user", s("tx"), "at", n("1")))
                                .updateExpression("SET balance = balance - :amount").conditionExpression("balance >= :amount")
                                .expressionAttributeValues(Map.of(":amount", n("50")))
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build())));
        assertEquals("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
                cancelled.awsErrorDetails().errorMessage());
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        assertEquals("None", reasons.get(0).code());
        assertEquals("ConditionalCheckFailed", reasons.get(1).code());
        assertEquals(n("10"), reasons.get(1).item().get("balance"));
        assertFalse(ddb.getItem(r -> r.tableName("Events").key(Map.of("user", s("tx"), "at", n("2")))).hasItem(), "the put did not happen");

        assertValidation("Transaction request cannot include multiple operations on one item", () -> ddb.transactWriteItems(r -> r
                .transactItems(TransactWriteItem.builder().put(p -> p.tableName("Events").item(Map.of("user", s("tx"), "at", n("1")))).build(),
                        TransactWriteItem.builder().delete(d -> d.tableName("Events").key(Map.of("user", s("tx"), "at", n("1")))).build())));
    }

    // "A client request token is valid for 10 minutes after the first request that uses it is completed."
    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#DDB-TransactWriteItems-request-ClientRequestToken
    // (The ten minutes themselves: DatabaseTest, on the model's clock.)
    @Test
    void aClientRequestTokenMakesARetryWriteNothing() {
        TransactWriteItemsRequest add = TransactWriteItemsRequest.builder().clientRequestToken("token-1")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(TransactWriteItem.builder().update(u -> u.tableName("Events").key(Map.of("user", s("idem"), "at", n("1")))
                        .updateExpression("ADD hits :one").expressionAttributeValues(Map.of(":one", n("1")))).build()).build();
        assertEquals(2.0, ddb.transactWriteItems(add).consumedCapacity().get(0).capacityUnits(), "a transactional write costs two units");
        ddb.transactWriteItems(add);
        assertEquals("1", hits(), "the retry wrote nothing");

        TransactWriteItemsRequest other = add.toBuilder().transactItems(TransactWriteItem.builder().update(u -> u.tableName("Events")
                .key(Map.of("user", s("idem"), "at", n("1"))).updateExpression("ADD hits :two")
                .expressionAttributeValues(Map.of(":two", n("2")))).build()).build();
        IdempotentParameterMismatchException mismatch = assertThrows(IdempotentParameterMismatchException.class,
                () -> ddb.transactWriteItems(other));
        assertEquals(400, mismatch.statusCode());
        assertEquals("1", hits());
    }

    private static String hits() {
        return ddb.getItem(r -> r.tableName("Events").key(Map.of("user", s("idem"), "at", n("1"))).consistentRead(true)).item().get("hits").n();
    }

    private static QueryResponse query(String condition, Map<String, AttributeValue> values, boolean forward) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":u", s("ann"));
        return ddb.query(r -> r.tableName("Events").keyConditionExpression(condition).scanIndexForward(forward)
                .expressionAttributeNames(Map.of("#u", "user", "#a", "at")).expressionAttributeValues(all));
    }

    private static List<String> ats(QueryResponse response) {
        return response.items().stream().map(item -> item.get("at").n()).toList();
    }

}
