package course.sandbox.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The operation table: for each DynamoDB request, the IAM action, the resource ARN and the
 * fine-grained access control keys the policy engine is asked about.
 */
class DynamoDbPermissionsTest {
    private static final String T = "arn:aws:dynamodb:eu-west-1:111122223333:table/";
    private static final KeySchema.Lookup SCHEMAS = table -> switch (table) {
        case "Orders" -> Optional.of(new KeySchema("customer", Map.of("byStatus", "status")));
        case "Counters" -> Optional.of(KeySchema.of("id"));
        default -> Optional.empty();
    };

    static Stream<Arguments> operations() {
        return Stream.of(
                row("GetItem", "{\"TableName\":\"Orders\",\"Key\":{\"customer\":{\"S\":\"alice\"},\"orderId\":{\"N\":\"7\"}}}",
                        "dynamodb:GetItem " + T + "Orders {dynamodb:LeadingKeys=[alice], dynamodb:Select=[ALL_ATTRIBUTES]}"),
                row("GetItem", "{\"TableName\":\"Orders\",\"Key\":{\"customer\":{\"S\":\"alice\"},\"orderId\":{\"N\":\"7\"}},"
                                + "\"ProjectionExpression\":\"#t, items[0].sku, price\",\"ExpressionAttributeNames\":{\"#t\":\"total\"}}",
                        "dynamodb:GetItem " + T + "Orders {dynamodb:Attributes=[total, items, price], dynamodb:LeadingKeys=[alice], "
                                + "dynamodb:Select=[SPECIFIC_ATTRIBUTES]}"),
                row("PutItem", "{\"TableName\":\"Orders\",\"Item\":{\"customer\":{\"S\":\"bob\"},\"orderId\":{\"N\":\"1\"},"
                                + "\"total\":{\"N\":\"9.5\"}},\"ReturnValues\":\"ALL_OLD\",\"ReturnConsumedCapacity\":\"TOTAL\"}",
                        "dynamodb:PutItem " + T + "Orders {dynamodb:Attributes=[customer, orderId, total], dynamodb:LeadingKeys=[bob], "
                                + "dynamodb:ReturnConsumedCapacity=[TOTAL], dynamodb:ReturnValues=[ALL_OLD]}"),
                row("UpdateItem", "{\"TableName\":\"Counters\",\"Key\":{\"id\":{\"S\":\"page\"}},"
                                + "\"UpdateExpression\":\"SET #v = if_not_exists(#v, :zero) + :one, meta.updated = :now REMOVE old ADD hits :one\","
                                + "\"ExpressionAttributeNames\":{\"#v\":\"views\"}}",
                        "dynamodb:UpdateItem " + T + "Counters {dynamodb:Attributes=[id, views, meta, old, hits], "
                                + "dynamodb:LeadingKeys=[page], dynamodb:ReturnValues=[NONE]}"),
                row("DeleteItem", "{\"TableName\":\"Counters\",\"Key\":{\"id\":{\"B\":\"AAE=\"}},\"ReturnValues\":\"ALL_OLD\"}",
                        "dynamodb:DeleteItem " + T + "Counters {dynamodb:LeadingKeys=[AAE=], dynamodb:ReturnValues=[ALL_OLD]}"),
                row("Query", "{\"TableName\":\"Orders\",\"KeyConditionExpression\":\"#c = :c AND orderId BETWEEN :a AND :b\","
                                + "\"ExpressionAttributeNames\":{\"#c\":\"customer\"},\"ExpressionAttributeValues\":{\":c\":{\"S\":\"alice\"},"
                                + "\":a\":{\"N\":\"1\"},\":b\":{\"N\":\"9\"}}}",
                        "dynamodb:Query " + T + "Orders {dynamodb:LeadingKeys=[alice], dynamodb:Select=[ALL_ATTRIBUTES]}"),
                row("Query", "{\"TableName\":\"Orders\",\"IndexName\":\"byStatus\",\"KeyConditionExpression\":\":s = status\","
                                + "\"ExpressionAttributeValues\":{\":s\":{\"S\":\"OPEN\"}}}",
                        "dynamodb:Query " + T + "Orders/index/byStatus {dynamodb:LeadingKeys=[OPEN], dynamodb:Select=[ALL_PROJECTED_ATTRIBUTES]}"),
                row("Query", "{\"TableName\":\"Orders\",\"KeyConditions\":{\"customer\":{\"AttributeValueList\":[{\"S\":\"carol\"}],"
                                + "\"ComparisonOperator\":\"EQ\"}},\"Select\":\"COUNT\"}",
                        "dynamodb:Query " + T + "Orders {dynamodb:LeadingKeys=[carol], dynamodb:Select=[COUNT]}"),
                row("Scan", "{\"TableName\":\"Orders\",\"ProjectionExpression\":\"customer\"}",
                        "dynamodb:Scan " + T + "Orders {dynamodb:Attributes=[customer], dynamodb:Select=[SPECIFIC_ATTRIBUTES]}"),
                row("BatchGetItem", "{\"RequestItems\":{\"Orders\":{\"Keys\":[{\"customer\":{\"S\":\"a\"},\"orderId\":{\"N\":\"1\"}},"
                                + "{\"customer\":{\"S\":\"b\"},\"orderId\":{\"N\":\"2\"}}]},\"Counters\":{\"Keys\":[{\"id\":{\"S\":\"x\"}}],"
                                + "\"AttributesToGet\":[\"n\"]}}}",
                        "dynamodb:BatchGetItem " + T + "Orders {dynamodb:LeadingKeys=[a, b], dynamodb:Select=[ALL_ATTRIBUTES]}",
                        "dynamodb:BatchGetItem " + T + "Counters {dynamodb:Attributes=[n], dynamodb:LeadingKeys=[x], "
                                + "dynamodb:Select=[SPECIFIC_ATTRIBUTES]}"),
                row("BatchWriteItem", "{\"RequestItems\":{\"Counters\":[{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\"p\"},\"n\":{\"N\":\"1\"}}}},"
                                + "{\"DeleteRequest\":{\"Key\":{\"id\":{\"S\":\"q\"}}}}]}}",
                        "dynamodb:BatchWriteItem " + T + "Counters {dynamodb:Attributes=[id, n], dynamodb:LeadingKeys=[p, q]}"),
                row("TransactWriteItems", "{\"TransactItems\":[{\"Put\":{\"TableName\":\"Counters\",\"Item\":{\"id\":{\"S\":\"a\"}}}},"
                                + "{\"Update\":{\"TableName\":\"Counters\",\"Key\":{\"id\":{\"S\":\"b\"}},\"UpdateExpression\":\"ADD n :one\"}},"
                                + "{\"ConditionCheck\":{\"TableName\":\"Orders\",\"Key\":{\"customer\":{\"S\":\"c\"}},\"ConditionExpression\":\"x\"}}],"
                                + "\"ClientRequestToken\":\"t-1\"}",
                        "dynamodb:PutItem " + T + "Counters {dynamodb:Attributes=[id], dynamodb:LeadingKeys=[a], dynamodb:ReturnValues=[NONE]}",
                        "dynamodb:UpdateItem " + T + "Counters {dynamodb:Attributes=[id, n], dynamodb:LeadingKeys=[b], dynamodb:ReturnValues=[NONE]}",
                        "dynamodb:ConditionCheckItem " + T + "Orders {dynamodb:LeadingKeys=[c]}"),
                row("TransactGetItems", "{\"TransactItems\":[{\"Get\":{\"TableName\":\"Counters\",\"Key\":{\"id\":{\"S\":\"a\"}}}}]}",
                        "dynamodb:GetItem " + T + "Counters {dynamodb:LeadingKeys=[a], dynamodb:Select=[ALL_ATTRIBUTES]}"),
                row("ExecuteStatement", "{\"Statement\":\"SELECT * FROM \\\"Orders\\\".\\\"byStatus\\\" WHERE status = ?\"}",
                        "dynamodb:PartiQLSelect " + T + "Orders/index/byStatus {}"),
                row("BatchExecuteStatement", "{\"Statements\":[{\"Statement\":\"INSERT INTO Counters VALUE {'id': 'z'}\"},"
                                + "{\"Statement\":\"update \\\"Orders\\\" SET x = 1 WHERE customer = 'a'\"}]}",
                        "dynamodb:PartiQLInsert " + T + "Counters {}", "dynamodb:PartiQLUpdate " + T + "Orders {}"),
                row("CreateTable", "{\"TableName\":\"New\"}", "dynamodb:CreateTable " + T + "New {}"),
                row("DescribeTable", "{\"TableName\":\"" + T + "Orders\"}", "dynamodb:DescribeTable " + T + "Orders {}"),
                row("UpdateTimeToLive", "{\"TableName\":\"Orders\"}", "dynamodb:UpdateTimeToLive " + T + "Orders {}"),
                row("TagResource", "{\"ResourceArn\":\"" + T + "Orders\"}", "dynamodb:TagResource " + T + "Orders {}"),
                row("ListTables", "{}", "dynamodb:ListTables * {}"),
                row("DescribeBackup", "{\"BackupArn\":\"" + T + "Orders/backup/01\"}", "dynamodb:DescribeBackup " + T + "Orders/backup/01 {}"),
                row("CreateGlobalTable", "{\"GlobalTableName\":\"G\"}",
                        "dynamodb:CreateGlobalTable arn:aws:dynamodb::111122223333:global-table/G {}"),
                row("DescribeStream", "{\"StreamArn\":\"" + T + "Orders/stream/2025-01-01T00:00:00.000\"}",
                        "dynamodb:DescribeStream " + T + "Orders/stream/2025-01-01T00:00:00.000 {}"),
                row("GetRecords", "{\"ShardIterator\":\"arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2025-01-01T00:00:00.000|shardId-1|0|1700000000000\"}",
                        "dynamodb:GetRecords arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2025-01-01T00:00:00.000 {}"),
                row("ListStreams", "{}", "dynamodb:ListStreams * {}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("operations")
    void mapsTheRequestToActionsResourcesAndConditionKeys(String operation, String body, List<String> expected) throws Exception {
        Operation mapped = DynamoDbPermissions.of(operation, new ObjectMapper().readTree(body), "eu-west-1", "111122223333", SCHEMAS);
        assertEquals(operation, mapped.name());
        assertEquals(expected, mapped.permissions().stream().map(DynamoDbPermissionsTest::describe).toList());
    }

    @Test
    void aTableThatDoesNotExistHasNoLeadingKeysButStillItsAction() throws Exception {
        Operation mapped = DynamoDbPermissions.of("GetItem",
                new ObjectMapper().readTree("{\"TableName\":\"Missing\",\"Key\":{\"k\":{\"S\":\"v\"}}}"), "us-east-1", "000000000000", SCHEMAS);
        assertEquals(List.of("dynamodb:GetItem arn:aws:dynamodb:us-east-1:000000000000:table/Missing {dynamodb:Select=[ALL_ATTRIBUTES]}"),
                mapped.permissions().stream().map(DynamoDbPermissionsTest::describe).toList());
    }

    private static Arguments row(String operation, String body, String... permissions) {
        return Arguments.of(operation, body, List.of(permissions));
    }

    private static String describe(Permission permission) {
        Map<String, List<String>> context = new TreeMap<>(permission.context().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().values())));
        return permission.action() + " " + permission.resource() + " " + context;
    }
}
