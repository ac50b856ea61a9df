package course.sandbox.dynamodb;

import course.sandbox.dynamodb.model.Database;
import course.sandbox.dynamodb.model.DynamoDbError;
import course.sandbox.dynamodb.model.Journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the common DynamoDB operations once on a throwaway database, on a background thread at
 * start, so the first real request finds the code loaded: DynamoDB Local took about 1.5 s to
 * its first answer, the sandbox's target is 50 ms.
 */
final class WarmUp {
    private static final Map<String, Function<Call, byte[]>> STEPS = Map.of(
            "CreateTable", TableOperations::createTable, "PutItem", ItemOperations::putItem,
            "UpdateItem", ItemOperations::updateItem, "GetItem", ItemOperations::getItem, "Query", ItemOperations::query,
            "Scan", ItemOperations::scan, "TransactWriteItems", ItemOperations::transactWriteItems,
            "DescribeTable", TableOperations::describeTable, "ListTables", TableOperations::listTables);
    private static final String[][] REQUESTS = {
            {"CreateTable", "{\"TableName\":\"warm\",\"BillingMode\":\"PAY_PER_REQUEST\",\"KeySchema\":[{\"AttributeName\":\"p\","
                    + "\"KeyType\":\"HASH\"},{\"AttributeName\":\"s\",\"KeyType\":\"RANGE\"}],\"AttributeDefinitions\":[{\"AttributeName\":"
                    + "\"p\",\"AttributeType\":\"S\"},{\"AttributeName\":\"s\",\"AttributeType\":\"N\"}]}"},
            {"PutItem", "{\"TableName\":\"warm\",\"Item\":{\"p\":{\"S\":\"a\"},\"s\":{\"N\":\"1\"},\"l\":{\"L\":[{\"BOOL\":true}]},"
                    + "\"m\":{\"M\":{\"k\":{\"SS\":[\"x\"]}}}},\"ConditionExpression\":\"attribute_not_exists(#p)\","
                    + "\"ExpressionAttributeNames\":{\"#p\":\"p\"},\"ReturnConsumedCapacity\":\"TOTAL\"}"},
            {"UpdateItem", "{\"TableName\":\"warm\",\"Key\":{\"p\":{\"S\":\"a\"},\"s\":{\"N\":\"1\"}},\"UpdateExpression\":"
                    + "\"SET v = if_not_exists(v, :z) + :one ADD n :one REMOVE l[0]\",\"ExpressionAttributeValues\":{\":one\":"
                    + "{\"N\":\"1\"},\":z\":{\"N\":\"0\"}},\"ReturnValues\":\"ALL_NEW\"}"},
            {"GetItem", "{\"TableName\":\"warm\",\"Key\":{\"p\":{\"S\":\"a\"},\"s\":{\"N\":\"1\"}},\"ProjectionExpression\":\"m.k, n\"}"},
            {"Query", "{\"TableName\":\"warm\",\"KeyConditionExpression\":\"p = :p AND s BETWEEN :lo AND :hi\",\"FilterExpression\":"
                    + "\"size(m) > :lo\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"},\":lo\":{\"N\":\"0\"},\":hi\":{\"N\":\"9\"}},"
                    + "\"Limit\":5}"},
            {"Scan", "{\"TableName\":\"warm\",\"FilterExpression\":\"begins_with(p, :a)\",\"ExpressionAttributeValues\":"
                    + "{\":a\":{\"S\":\"a\"}}}"},
            {"TransactWriteItems", "{\"ClientRequestToken\":\"warm\",\"TransactItems\":[{\"Update\":{\"TableName\":\"warm\","
                    + "\"Key\":{\"p\":{\"S\":\"a\"},\"s\":{\"N\":\"1\"}},\"UpdateExpression\":\"ADD n :one\","
                    + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}}]}"},
            {"DescribeTable", "{\"TableName\":\"warm\"}"},
            {"ListTables", "{}"},
    };

    private WarmUp() {
    }

    /** Starts the warm-up on a low-priority daemon thread; it touches nothing but its own database. */
    static void start(String account) {
        Thread thread = new Thread(() -> run(account), "dynamodb-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run(String account) {
        Database database = new Database(account, "warm-up", Journal.NONE);
        Instant now = Instant.now();
        for (String[] request : REQUESTS) {
            try {
                JsonInput input = JsonInput.parse(request[1].getBytes(StandardCharsets.UTF_8));
                DynamoDbPermissions.of(request[0], input.node(), "warm-up", account,
                        table -> database.findTable(table).map(found -> KeySchema.of(found.key().partitionKey())));
                STEPS.get(request[0]).apply(new Call(request[0], input, database, now, "127.0.0.1"));
            } catch (DynamoDbError ignored) {
                // Warm-up only: a refusal runs the same code as an answer.
            }
        }
    }
}
