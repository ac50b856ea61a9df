package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * snippets/dynamodb.jsh: ddb and enhanced are ready, the "try this" lines work when piped in, and
 * the first result is $1 ({@link SnippetsTest#jshell} checks that and the target line).
 */
@ExtendWith(SharedSandbox.class)
class DynamoDbSnippetTest {

    @Test
    void clientsAreReadyAndTheTryThisLinesRun(SharedSandbox.TestSandbox sandbox) {
        SnippetsTest.jshell(sandbox, "dynamodb.jsh", """
                ddb.createTable(r -> r.tableName(table).billingMode("PAY_PER_REQUEST").keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)).attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)))
                ddb.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS("1"), "n", AttributeValue.fromN("42"))))
                System.out.println("WCU " + ddb.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS("2"), "text", AttributeValue.fromS("x".repeat(3000)))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits())
                System.out.println("JSON " + EnhancedDocument.fromAttributeValueMap(ddb.getItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS("1")))).item()).toJson())
                ddb.deleteTable(r -> r.tableName(table))
                System.out.println("LEFT " + ddb.listTables().tableNames().contains(table))
                """)
                .printsLine("Ready: ddb \\(DynamoDbClient\\), enhanced \\(DynamoDbEnhancedClient\\), table \\(a fresh name\\)\\. Try this:")
                // A 3,007-byte item (names and values) is three started KB: three write units.
                // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
                .printsLine(".*WCU 3\\.0")
                .printsLine(".*JSON \\{(?=.*\"id\":\"1\")(?=.*\"n\":42).*\\}")
                .printsLine(".*LEFT false");
    }
}
