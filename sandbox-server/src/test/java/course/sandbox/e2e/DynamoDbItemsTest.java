package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tables and items through the SDK's own client: numbers and types as DynamoDB keeps them,
 * key rules, the 400 KB limit, every ReturnValues mode, ReturnConsumedCapacity's arithmetic and
 * DynamoDB's error messages.
 */
class DynamoDbItemsTest {
    private static RunningSandbox sandbox;
    private static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        ddb = DynamoDbEndToEndTest.dynamo(sandbox, RunningSandbox.ROOT, Region.US_EAST_1);
        ddb.createTable(r -> r.tableName("Items").billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.N),
                        a -> a.attributeName("status").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexes(g -> g.indexName("byStatus").keySchema(k -> k.attributeName("status").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
    }

    @AfterAll
    static void stop() {
        ddb.close();
        sandbox.close();
    }

    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number
    @Test
    void numbersComeBackNormalizedAndOutOfRangeOnesAreRefusedInDynamoDbsWords() {
        put(Map.of("pk", s("numbers"), "sk", n("1"), "a", n("1.50"), "b", n("1e2"), "c", n("-0.000"), "d", n("+007"),
                "e", n("1E+125"), "f", n("12345678901234567890123456789012345678")));
        Map<String, AttributeValue> item = get("numbers", "1");
        assertEquals("1.5", item.get("a").n());
        assertEquals("100", item.get("b").n());
        assertEquals("0", item.get("c").n());
        assertEquals("7", item.get("d").n());
        assertEquals("1" + "0".repeat(125), item.get("e").n());
        assertEquals("12345678901234567890123456789012345678", item.get("f").n());

        assertValidation("The parameter cannot be converted to a numeric value: NaN", () -> put(numberItem("NaN")));
        assertValidation("The parameter cannot be converted to a numeric value:  1", () -> put(numberItem(" 1")));
        assertValidation("Attempting to store more than 38 significant digits in a Number",
                () -> put(numberItem("123456789012345678901234567890123456789")));
        assertValidation("Number overflow. Attempting to store a number with magnitude larger than supported range",
                () -> put(numberItem("1e126")));
        assertValidation("Number underflow. Attempting to store a number with magnitude smaller than supported range",
                () -> put(numberItem("1e-131")));
        // A sum that needs more than 38 digits is refused too, as DynamoDB words it.
        put(Map.of("pk", s("numbers"), "sk", n("2"), "big", n("1e50")));
        assertValidation("Number overflow. Attempting to store a number with magnitude larger than supported range",
                () -> ddb.updateItem(r -> r.tableName("Items").key(key("numbers", "2")).updateExpression("SET big = big + :one")
                        .expressionAttributeValues(Map.of(":one", n("1")))));
    }

    @Test
    void setsAreNonEmptyAndWithoutDuplicatesAndTheOtherTypesRoundTrip() {
        Map<String, AttributeValue> item = Map.ofEntries(Map.entry("pk", s("types")), Map.entry("sk", n("1")),
                Map.entry("bin", AttributeValue.fromB(SdkBytes.fromUtf8String("hi"))), Map.entry("flag", AttributeValue.fromBool(false)),
                Map.entry("nothing", AttributeValue.fromNul(true)), Map.entry("list", AttributeValue.fromL(List.of(n("1"), s("two")))),
                Map.entry("map", AttributeValue.fromM(Map.of("k", s("v")))), Map.entry("strings", AttributeValue.fromSs(List.of("a", "b"))),
                Map.entry("numbers", AttributeValue.fromNs(List.of("1", "2.50"))),
                Map.entry("bytes", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x")))), Map.entry("empty", s("")));
        put(item);
        Map<String, AttributeValue> read = get("types", "1");
        assertEquals(item.keySet(), read.keySet());
        assertEquals(List.of("1", "2.5"), read.get("numbers").ns());
        assertEquals("", read.get("empty").s(), "empty strings are fine outside keys");

        assertValidation("One or more parameter values were invalid: An string set  may not be empty",
                () -> put(Map.of("pk", s("types"), "sk", n("2"), "set", AttributeValue.fromSs(List.of()))));
        assertValidation("One or more parameter values were invalid: Input collection [a, a] contains duplicates.",
                () -> put(Map.of("pk", s("types"), "sk", n("2"), "set", AttributeValue.fromSs(List.of("a", "a")))));
    }

    @Test
    void keysFollowTheSchema() {
        assertValidation("One or more parameter values were invalid: Missing the key sk in the item",
                () -> put(Map.of("pk", s("keys"))));
        assertValidation("One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S",
                () -> put(Map.of("pk", s("keys"), "sk", s("1"))));
        assertValidation("One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain an "
                + "empty string value. Key: pk", () -> put(Map.of("pk", s(""), "sk", n("1"))));
        assertValidation("The provided key element does not match the schema",
                () -> ddb.getItem(r -> r.tableName("Items").key(Map.of("pk", s("keys")))));
        assertValidation("One or more parameter values were invalid: Type mismatch for Index Key status Expected: S Actual: N "
                + "IndexName: byStatus", () -> put(Map.of("pk", s("keys"), "sk", n("1"), "status", n("1"))));
        assertValidation("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
                () -> ddb.updateItem(r -> r.tableName("Items").key(key("keys", "1")).updateExpression("SET pk = :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))));
    }

    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-items
    @Test
    void itemsAreLimitedTo400KbNamesIncluded() {
        String name = "payload";
        int limit = 400 * 1024;
        int fixed = "pk".length() + "big".length() + "sk".length() + 2 /* N "1" */ + name.length();
        put(Map.of("pk", s("big"), "sk", n("1"), name, s("x".repeat(limit - fixed))));
        assertValidation("Item size has exceeded the maximum allowed size",
                () -> put(Map.of("pk", s("big"), "sk", n("1"), name, s("x".repeat(limit - fixed + 1)))));
        assertValidation("Item size to update has exceeded the maximum allowed size",
                () -> ddb.updateItem(r -> r.tableName("Items").key(key("big", "1")).updateExpression("SET more = :v")
                        .expressionAttributeValues(Map.of(":v", s("y")))));
    }

    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html#DDB-UpdateItem-request-ReturnValues
    @Test
    void everyReturnValuesMode() {
        put(Map.of("pk", s("rv"), "sk", n("1"), "a", n("1"), "b", s("keep")));
        UpdateItemResponse old = update(ReturnValue.UPDATED_OLD, "SET a = a + :one");
        assertEquals(Map.of("a", n("1")), old.attributes());
        assertEquals(Map.of("a", n("3")), update(ReturnValue.UPDATED_NEW, "SET a = a + :one").attributes());
        assertEquals(Map.of("pk", s("rv"), "sk", n("1"), "a", n("3"), "b", s("keep")),
                update(ReturnValue.ALL_OLD, "SET a = a + :one").attributes());
        assertEquals(Map.of("pk", s("rv"), "sk", n("1"), "a", n("5"), "b", s("keep")),
                update(ReturnValue.ALL_NEW, "SET a = a + :one").attributes());
        assertFalse(update(ReturnValue.NONE, "SET a = a + :one").hasAttributes());

        assertEquals(Map.of("pk", s("rv"), "sk", n("1"), "a", n("6"), "b", s("keep")), ddb.putItem(r -> r.tableName("Items")
                .item(Map.of("pk", s("rv"), "sk", n("1"))).returnValues(ReturnValue.ALL_OLD)).attributes());
        assertValidation("ReturnValues can only be ALL_OLD or NONE", () -> ddb.putItem(r -> r.tableName("Items")
                .item(Map.of("pk", s("rv"), "sk", n("1"))).returnValues(ReturnValue.ALL_NEW)));
        assertEquals(Map.of("pk", s("rv"), "sk", n("1")), ddb.deleteItem(r -> r.tableName("Items").key(key("rv", "1"))
                .returnValues(ReturnValue.ALL_OLD)).attributes());
    }

    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html#DDB-PutItem-request-ReturnValuesOnConditionCheckFailure
    @Test
    void aFailedConditionCanReturnTheItemItSaw() {
        put(Map.of("pk", s("cc"), "sk", n("1"), "v", n("1")));
        ConditionalCheckFailedException failed = assertThrows(ConditionalCheckFailedException.class, () -> ddb.putItem(r -> r
                .tableName("Items").item(Map.of("pk", s("cc"), "sk", n("1"), "v", n("2"))).conditionExpression("v = :two")
                .expressionAttributeValues(Map.of(":two", n("2")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertEquals("The conditional request failed", failed.awsErrorDetails().errorMessage());
        assertEquals(Map.of("pk", s("cc"), "sk", n("1"), "v", n("1")), failed.item());
        ConditionalCheckFailedException bare = assertThrows(ConditionalCheckFailedException.class, () -> ddb.deleteItem(r -> r
                .tableName("Items").key(key("cc", "1")).conditionExpression("attribute_not_exists(pk)")));
        assertFalse(bare.hasItem());
        assertEquals(n("1"), get("cc", "1").get("v"), "nothing was written");
    }

    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
    @Test
    void consumedCapacityFollowsDynamoDbsRounding() {
        String fiveKb = "x".repeat(5 * 1024);
        ConsumedCapacity put = ddb.putItem(r -> r.tableName("Items").item(Map.of("pk", s("cap"), "sk", n("1"), "data", s(fiveKb)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertEquals("Items", put.tableName());
        assertEquals(6.0, put.capacityUnits(), "5 KB and a few bytes: 6 write units of 1 KB");
        assertEquals(1.0, ddb.getItem(r -> r.tableName("Items").key(key("cap", "1"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits(),
                "about 5 KB: 2 read units of 4 KB, halved for an eventually consistent read");
        assertEquals(2.0, ddb.getItem(r -> r.tableName("Items").key(key("cap", "1")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits());
        assertEquals(0.5, ddb.getItem(r -> r.tableName("Items").key(key("cap", "404"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits(), "nothing found still reads");
        ConsumedCapacity indexes = ddb.putItem(r -> r.tableName("Items").item(Map.of("pk", s("cap"), "sk", n("2"), "status", s("NEW")))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertEquals(2.0, indexes.capacityUnits(), "one unit for the table, one for the GSI entry");
        assertEquals(1.0, indexes.table().capacityUnits());
        assertEquals(1.0, indexes.globalSecondaryIndexes().get("byStatus").capacityUnits());
        assertEquals(3.0, ddb.updateItem(r -> r.tableName("Items").key(key("cap", "2")).updateExpression("SET #s = :s")
                        .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("OLD")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits(),
                "changing an index key deletes and puts the index entry: 1 + 2");
    }

    @Test
    void tablesHaveDynamoDbsLifecycleAndErrors() {
        TableDescription created = ddb.createTable(r -> r.tableName("Lifecycle").billingMode("PROVISIONED")
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))).tableDescription();
        assertEquals(TableStatus.CREATING, created.tableStatus());
        ddb.waiter().waitUntilTableExists(r -> r.tableName("Lifecycle"));
        TableDescription described = ddb.describeTable(r -> r.tableName("Lifecycle")).table();
        assertEquals(TableStatus.ACTIVE, described.tableStatus());
        assertEquals(5L, described.provisionedThroughput().readCapacityUnits());

        ResourceInUseException exists = assertThrows(ResourceInUseException.class, () -> ddb.createTable(r -> r.tableName("Lifecycle")
                .billingMode("PAY_PER_REQUEST").keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))));
        assertEquals("Table already exists: Lifecycle", exists.awsErrorDetails().errorMessage());
        assertValidation("TableName must be at least 3 characters long and at most 255 characters long",
                () -> ddb.describeTable(r -> r.tableName("ab")));
        assertValidation("1 validation error detected: Value 'no!such' at 'tableName' failed to satisfy constraint: Member must "
                + "satisfy regular expression pattern: [a-zA-Z0-9_.-]+", () -> ddb.describeTable(r -> r.tableName("no!such")));
        assertValidation("One or more parameter values were invalid: Some index key attributes are not defined in "
                + "AttributeDefinitions. Keys: [id], AttributeDefinitions: [other]", () -> ddb.createTable(r -> r.tableName("Bad")
                .billingMode("PAY_PER_REQUEST").keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("other").attributeType(ScalarAttributeType.S))));

        assertEquals(TableStatus.DELETING, ddb.deleteTable(r -> r.tableName("Lifecycle")).tableDescription().tableStatus());
        ddb.waiter().waitUntilTableNotExists(r -> r.tableName("Lifecycle"));
        ResourceNotFoundException gone = assertThrows(ResourceNotFoundException.class,
                () -> ddb.describeTable(r -> r.tableName("Lifecycle")));
        assertEquals("Requested resource not found: Table: Lifecycle not found", gone.awsErrorDetails().errorMessage());
        assertTrue(ddb.listTables().tableNames().contains("Items"));
    }

    @Test
    void tagsAndTimeToLiveAreKept() {
        String arn = ddb.describeTable(r -> r.tableName("Items")).table().tableArn();
        ddb.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("team").value("course"), t -> t.key("env").value("test")));
        ddb.untagResource(r -> r.resourceArn(arn).tagKeys("env"));
        assertEquals(List.of("team=course"), ddb.listTagsOfResource(r -> r.resourceArn(arn)).tags().stream()
                .map(t -> t.key() + "=" + t.value()).toList());
        ddb.updateTimeToLive(r -> r.tableName("Items").timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
        assertEquals("expires", ddb.describeTimeToLive(r -> r.tableName("Items")).timeToLiveDescription().attributeName());
        assertValidation("TimeToLive is already enabled", () -> ddb.updateTimeToLive(r -> r.tableName("Items")
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expires"))));
        ddb.updateTimeToLive(r -> r.tableName("Items").timeToLiveSpecification(t -> t.enabled(false).attributeName("expires")));
    }

    private static UpdateItemResponse update(ReturnValue mode, String expression) {
        return ddb.updateItem(r -> r.tableName("Items").key(key("rv", "1")).updateExpression(expression)
                .expressionAttributeValues(Map.of(":one", n("1"))).returnValues(mode));
    }

    private static Map<String, AttributeValue> numberItem(String number) {
        return Map.of("pk", s("numbers"), "sk", n("9"), "x", AttributeValue.builder().n(number).build());
    }

    static void assertValidation(String message, Executable request) {
        DynamoDbException error = assertThrows(DynamoDbException.class, request);
        assertEquals("ValidationException", error.awsErrorDetails().errorCode(), error.getMessage());
        assertEquals(400, error.statusCode());
        assertEquals(message, error.awsErrorDetails().errorMessage());
    }

    private static void put(Map<String, AttributeValue> item) {
        ddb.putItem(r -> r.tableName("Items").item(item));
    }

    private static Map<String, AttributeValue> get(String pk, String sk) {
        return ddb.getItem(r -> r.tableName("Items").key(key(pk, sk)).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", n(sk));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
