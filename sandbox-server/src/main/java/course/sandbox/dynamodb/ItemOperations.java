package course.sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import course.sandbox.dynamodb.expression.Condition;
import course.sandbox.dynamodb.expression.DocumentPath;
import course.sandbox.dynamodb.expression.UpdateAction;
import course.sandbox.dynamodb.model.AttributeValue;
import course.sandbox.dynamodb.model.DynamoDbError;
import course.sandbox.dynamodb.model.KeyCondition;
import course.sandbox.dynamodb.model.Requests;
import course.sandbox.dynamodb.model.Results;
import course.sandbox.dynamodb.model.SecondaryIndex;
import course.sandbox.dynamodb.model.Table;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PutItem, GetItem, UpdateItem, DeleteItem, Query, Scan, the batches and the transactions:
 * requests read and checked as DynamoDB's API model says, run on the model, answered in
 * DynamoDB's shapes.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html
 */
final class ItemOperations {
    static final List<String> RETURN_VALUES = List.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
    static final List<String> RETURN_ON_FAILURE = List.of("ALL_OLD", "NONE");
    static final List<String> CAPACITY_MODES = List.of("INDEXES", "TOTAL", "NONE");
    static final List<String> METRICS = List.of("SIZE", "NONE");
    static final List<String> SELECTS = List.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT");
    static final List<String> CONDITIONAL_OPERATORS = List.of("AND", "OR");
    static final int MAX_TRANSACTION_ITEMS = 100;
    static final int MAX_BATCH_GET_KEYS = 100;
    static final int MAX_BATCH_WRITES = 25;

    private ItemOperations() {
    }

    static byte[] putItem(Call call) {
        JsonInput in = call.input();
        String table = in.string("TableName").orElse(null);
        Map<String, AttributeValue> item = in.attributes("Item").orElse(null);
        String returnValues = in.string("ReturnValues").orElse("NONE");
        common(in, new Constraints().tableName("tableName", table).required("item", item)
                .oneOf("returnValues", returnValues, RETURN_VALUES)).check();
        requireNoneOrAllOld(returnValues);
        Requests.Guard guard = guard(in, List.of("ConditionExpression"), List.of("Expected", "ConditionalOperator"));
        Results.Write result = call.database().putItem(TableOperations.table(call, table), item, guard, returnValues, call.now());
        return write(call, result);
    }

    static byte[] getItem(Call call) {
        JsonInput in = call.input();
        String table = in.string("TableName").orElse(null);
        Map<String, AttributeValue> key = in.attributes("Key").orElse(null);
        boolean consistent = in.bool("ConsistentRead").orElse(false);
        common(in, new Constraints().tableName("tableName", table).required("key", key)).check();
        RequestExpressions expressions = new RequestExpressions(in, List.of("ProjectionExpression"), List.of("AttributesToGet"));
        Optional<List<DocumentPath>> projection = expressions.projectionOrAttributesToGet();
        expressions.checkAllUsed();
        Results.Get result = call.database().getItem(TableOperations.table(call, table), key, consistent, projection, call.now());
        return JsonAnswer.of(answer -> {
            if (result.item().isPresent()) {
                answer.item("Item", result.item().get());
            }
            answer.capacity(call.capacityMode(), result.capacity());
        });
    }

    static byte[] updateItem(Call call) {
        JsonInput in = call.input();
        String table = in.string("TableName").orElse(null);
        Map<String, AttributeValue> key = in.attributes("Key").orElse(null);
        String returnValues = in.string("ReturnValues").orElse("NONE");
        common(in, new Constraints().tableName("tableName", table).required("key", key)
                .oneOf("returnValues", returnValues, RETURN_VALUES)).check();
        RequestExpressions expressions = new RequestExpressions(in, List.of("UpdateExpression", "ConditionExpression"),
                List.of("AttributeUpdates", "Expected", "ConditionalOperator"));
        List<UpdateAction> actions = expressions.update().orElseGet(() ->
                in.map("AttributeUpdates", "AttributeValueUpdate").map(LegacyParameters::attributeUpdates).orElse(List.of()));
        Optional<Condition> condition = condition(in, expressions);
        expressions.checkAllUsed();
        Results.Write result = call.database().updateItem(TableOperations.table(call, table), key, actions,
                new Requests.Guard(condition, returnOnFailure(in)), returnValues, call.now());
        return write(call, result);
    }

    static byte[] deleteItem(Call call) {
        JsonInput in = call.input();
        String table = in.string("TableName").orElse(null);
        Map<String, AttributeValue> key = in.attributes("Key").orElse(null);
        String returnValues = in.string("ReturnValues").orElse("NONE");
        common(in, new Constraints().tableName("tableName", table).required("key", key)
                .oneOf("returnValues", returnValues, RETURN_VALUES)).check();
        requireNoneOrAllOld(returnValues);
        Requests.Guard guard = guard(in, List.of("ConditionExpression"), List.of("Expected", "ConditionalOperator"));
        Results.Write result = call.database().deleteItem(TableOperations.table(call, table), key, guard, returnValues, call.now());
        return write(call, result);
    }

    /** PutItem and DeleteItem return the old item or nothing; the UPDATED_* and ALL_NEW modes are UpdateItem's. */
    private static void requireNoneOrAllOld(String returnValues) {
        if (!List.of("NONE", "ALL_OLD").contains(returnValues)) {
            throw DynamoDbError.validation("ReturnValues can only be ALL_OLD or NONE");
        }
    }

    static byte[] query(Call call) {
        JsonInput in = call.input();
        Constraints constraints = new Constraints();
        ReadParameters read = readParameters(in, constraints);
        constraints.check();
        RequestExpressions expressions = new RequestExpressions(in,
                List.of("ProjectionExpression", "FilterExpression", "KeyConditionExpression"),
                List.of("AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"));
        if (!in.has("KeyConditions") && !in.has("KeyConditionExpression")) {
            throw DynamoDbError.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        Optional<Condition> keyExpression = expressions.condition("KeyConditionExpression");
        Optional<Condition> filter = expressions.condition("FilterExpression").or(() ->
                in.map("QueryFilter", "Condition").flatMap(f -> LegacyParameters.filter(f, in.string("ConditionalOperator"))));
        Optional<List<DocumentPath>> projection = expressions.projectionOrAttributesToGet();
        expressions.checkAllUsed();
        String tableName = TableOperations.table(call, read.table);
        Table table = call.database().describeTable(tableName, call.now());
        var key = read.index.map(name -> table.index(name).map(SecondaryIndex::key).orElseThrow(() ->
                DynamoDbError.validation("The table does not have the specified index: " + name))).orElse(table.key());
        KeyCondition keyCondition = keyExpression.map(expression -> KeyCondition.of(expression, key)).orElseGet(() ->
                KeyCondition.of(LegacyParameters.keyConditions(in.map("KeyConditions", "Condition").orElseThrow()), key));
        Results.Page page = call.database().read(new Requests.Read(tableName, read.index, Optional.of(keyCondition), filter,
                projection, read.select, read.limit, in.bool("ScanIndexForward").orElse(true), read.startKey, read.consistent,
                Optional.empty(), Optional.empty()), call.now());
        return page(call, page);
    }

    static byte[] scan(Call call) {
        JsonInput in = call.input();
        Constraints constraints = new Constraints();
        ReadParameters read = readParameters(in, constraints);
        Optional<Integer> segment = in.integer("Segment");
        Optional<Integer> totalSegments = in.integer("TotalSegments");
        constraints.range("segment", segment.map(Integer::longValue).orElse(null), 0, 999999)
                .range("totalSegments", totalSegments.map(Integer::longValue).orElse(null), 1, 1000000).check();
        if (segment.isPresent() && totalSegments.isEmpty()) {
            throw DynamoDbError.validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
        }
        if (totalSegments.isPresent() && segment.isEmpty()) {
            throw DynamoDbError.validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
        }
        if (segment.isPresent() && segment.get() >= totalSegments.get()) {
            throw DynamoDbError.validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
                    + segment.get() + " is not less than TotalSegments: " + totalSegments.get());
        }
        RequestExpressions expressions = new RequestExpressions(in, List.of("ProjectionExpression", "FilterExpression"),
                List.of("AttributesToGet", "ScanFilter", "ConditionalOperator"));
        Optional<Condition> filter = expressions.condition("FilterExpression").or(() ->
                in.map("ScanFilter", "Condition").flatMap(f -> LegacyParameters.filter(f, in.string("ConditionalOperator"))));
        Optional<List<DocumentPath>> projection = expressions.projectionOrAttributesToGet();
        expressions.checkAllUsed();
        Results.Page page = call.database().read(new Requests.Read(TableOperations.table(call, read.table), read.index, Optional.empty(),
                filter, projection, read.select, read.limit, true, read.startKey, read.consistent, segment, totalSegments), call.now());
        return page(call, page);
    }

    /** What Query and Scan read alike. */
    private record ReadParameters(String table, Optional<String> index, Optional<String> select, Optional<Integer> limit,
                                  Optional<Map<String, AttributeValue>> startKey, boolean consistent) {
    }

    private static ReadParameters readParameters(JsonInput in, Constraints constraints) {
        String table = in.string("TableName").orElse(null);
        Optional<String> index = in.string("IndexName");
        Optional<String> select = in.string("Select");
        Optional<Integer> limit = in.integer("Limit");
        Optional<Map<String, AttributeValue>> startKey;
        try {
            startKey = in.attributes("ExclusiveStartKey");
        } catch (DynamoDbError e) {
            throw e.code().equals("ValidationException") && !e.getMessage().matches(".*(contains duplicates|number set|numeric value|significant digits|number with magnitude).*")
                    ? DynamoDbError.validation("The provided starting key is invalid: " + e.getMessage()) : e;
        }
        boolean consistent = in.bool("ConsistentRead").orElse(false);
        common(in, constraints.tableName("tableName", table).name("indexName", index.orElse(null))
                .oneOf("select", select.orElse(null), SELECTS).range("limit", limit.map(Integer::longValue).orElse(null), 1, Integer.MAX_VALUE)
                .oneOf("conditionalOperator", in.string("ConditionalOperator").orElse(null), CONDITIONAL_OPERATORS));
        return new ReadParameters(table, index, select, limit, startKey, consistent);
    }

    private static byte[] page(Call call, Results.Page page) {
        return JsonAnswer.of(answer -> {
            if (page.items().isPresent()) {
                answer.items("Items", page.items().get());
            }
            answer.field("Count", page.count()).field("ScannedCount", page.scannedCount());
            if (page.lastEvaluatedKey().isPresent()) {
                answer.item("LastEvaluatedKey", page.lastEvaluatedKey().get());
            }
            answer.capacity(call.capacityMode(), page.capacity());
        });
    }

    // ---- batches

    static byte[] batchGetItem(Call call) {
        JsonInput in = call.input();
        Optional<Map<String, JsonNode>> requestItems = in.map("RequestItems", "KeysAndAttributes");
        Constraints constraints = common(in, new Constraints().required("requestItems", requestItems.orElse(null)));
        requestItems.ifPresent(items -> constraints.size("requestItems", items, items.size(), 1, 100));
        Map<String, Requests.BatchGetTable> tables = new LinkedHashMap<>();
        int keys = 0;
        for (Map.Entry<String, JsonNode> entry : requestItems.orElse(Map.of()).entrySet()) {
            constraints.name("requestItems." + entry.getKey() + ".member", entry.getKey());
            JsonInput request = JsonInput.struct(entry.getValue(), "KeysAndAttributes");
            List<Map<String, AttributeValue>> keyList = request.list("Keys").orElse(List.of()).stream()
                    .map(node -> JsonInput.attributes(JsonInput.map(node, "AttributeValue"))).toList();
            constraints.size("requestItems." + entry.getKey() + ".member.keys", keyList, keyList.size(), 1, 100);
            keys += keyList.size();
            RequestExpressions expressions = new RequestExpressions(request, List.of("ProjectionExpression"), List.of("AttributesToGet"));
            Optional<List<DocumentPath>> projection = expressions.projectionOrAttributesToGet();
            expressions.checkAllUsed();
            tables.put(TableOperations.table(call, entry.getKey()), new Requests.BatchGetTable(keyList,
                    request.bool("ConsistentRead").orElse(false), projection));
        }
        constraints.check();
        if (keys > MAX_BATCH_GET_KEYS) {
            throw DynamoDbError.validation("Too many items requested for the BatchGetItem call");
        }
        Results.BatchGet result = call.database().batchGet(tables, call.now());
        return JsonAnswer.of(answer -> {
            answer.json.writeObjectFieldStart("Responses");
            for (Map.Entry<String, List<Map<String, AttributeValue>>> table : result.responses().entrySet()) {
                answer.items(table.getKey(), table.getValue());
            }
            answer.json.writeEndObject();
            answer.json.writeObjectFieldStart("UnprocessedKeys");
            for (Map.Entry<String, List<Map<String, AttributeValue>>> table : result.unprocessedKeys().entrySet()) {
                answer.json.writeObjectFieldStart(table.getKey());
                answer.items("Keys", table.getValue());
                answer.json.writeEndObject();
            }
            answer.json.writeEndObject();
            answer.capacities(call.capacityMode(), result.capacity());
        });
    }

    static byte[] batchWriteItem(Call call) {
        JsonInput in = call.input();
        Optional<Map<String, JsonNode>> requestItems = in.map("RequestItems", "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>");
        Constraints constraints = common(in, new Constraints().required("requestItems", requestItems.orElse(null)));
        requestItems.ifPresent(items -> constraints.size("requestItems", items, items.size(), 1, 25));
        Map<String, String> counts = new LinkedHashMap<>();
        requestItems.orElse(Map.of()).forEach((table, writes) -> counts.put(table, "[" + writes.size() + " requests]"));
        Map<String, List<Requests.BatchWriteRequest>> tables = new LinkedHashMap<>();
        int writes = 0;
        for (Map.Entry<String, JsonNode> entry : requestItems.orElse(Map.of()).entrySet()) {
            constraints.name("requestItems." + entry.getKey() + ".member", entry.getKey());
            List<Requests.BatchWriteRequest> requests = new ArrayList<>();
            for (JsonNode node : JsonInput.list(entry.getValue())) {
                JsonInput request = JsonInput.struct(node, "WriteRequest");
                Optional<JsonInput> put = request.struct("PutRequest", "PutRequest");
                Optional<JsonInput> delete = request.struct("DeleteRequest", "DeleteRequest");
                if (put.isPresent() == delete.isPresent()) {
                    throw DynamoDbError.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
                            + "the supported datatypes");
                }
                requests.add(new Requests.BatchWriteRequest(put.map(p -> p.attributes("Item").orElseThrow(() ->
                        DynamoDbError.validation("1 validation error detected: Value null at 'requestItems." + entry.getKey()
                                + ".member.1.member.putRequest.item' failed to satisfy constraint: Member must not be null"))),
                        delete.map(d -> d.attributes("Key").orElseThrow(() ->
                                DynamoDbError.validation("1 validation error detected: Value null at 'requestItems." + entry.getKey()
                                        + ".member.1.member.deleteRequest.key' failed to satisfy constraint: Member must not be null")))));
            }
            if (requests.isEmpty() || requests.size() > MAX_BATCH_WRITES) {
                constraints.fail("requestItems", counts, "Map value must satisfy constraint: [Member must have length less than or "
                        + "equal to 25, Member must have length greater than or equal to 1]");
            }
            writes += requests.size();
            tables.put(TableOperations.table(call, entry.getKey()), requests);
        }
        constraints.check();
        if (writes > MAX_BATCH_WRITES) {
            throw DynamoDbError.validation("Too many items requested for the BatchWriteItem call");
        }
        Results.BatchWrite result = call.database().batchWrite(tables, call.now());
        return JsonAnswer.of(answer -> {
            answer.json.writeObjectFieldStart("UnprocessedItems");
            answer.json.writeEndObject();
            answer.capacities(call.capacityMode(), result.capacity());
        });
    }

    // ---- transactions

    static byte[] transactGetItems(Call call) {
        JsonInput in = call.input();
        List<JsonInput> items = in.structList("TransactItems", "TransactGetItem").orElse(null);
        Constraints constraints = common(in, new Constraints().required("transactItems", items));
        if (items != null) {
            constraints.size("transactItems", items.stream().map(i -> i.node().toString()).toList(), items.size(), 1, MAX_TRANSACTION_ITEMS);
        }
        constraints.check();
        List<Requests.TransactGetItem> gets = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonInput get = items.get(i).struct("Get", "Get").orElseThrow(() -> DynamoDbError.validation(
                    "1 validation error detected: Value null at 'transactItems." + "' failed to satisfy constraint: Member must not be null"));
            String table = get.string("TableName").orElse(null);
            Map<String, AttributeValue> key = get.attributes("Key").orElse(null);
            String path = "transactItems." + (i + 1) + ".member.get";
            new Constraints().tableName(path + ".tableName", table).required(path + ".key", key).check();
            RequestExpressions expressions = new RequestExpressions(get, List.of("ProjectionExpression"), List.of());
            Optional<List<DocumentPath>> projection = expressions.projection();
            expressions.checkAllUsed();
            gets.add(new Requests.TransactGetItem(TableOperations.table(call, table), key, projection));
        }
        Results.TransactGet result = call.database().transactGet(gets, call.now());
        return JsonAnswer.of(answer -> {
            answer.json.writeArrayFieldStart("Responses");
            for (Optional<Map<String, AttributeValue>> item : result.items()) {
                answer.json.writeStartObject();
                if (item.isPresent()) {
                    answer.item("Item", item.get());
                }
                answer.json.writeEndObject();
            }
            answer.json.writeEndArray();
            answer.capacities(call.capacityMode(), result.capacity());
        });
    }

    static byte[] transactWriteItems(Call call) {
        JsonInput in = call.input();
        List<JsonInput> items = in.structList("TransactItems", "TransactWriteItem").orElse(null);
        Optional<String> token = in.string("ClientRequestToken");
        Constraints constraints = common(in, new Constraints().required("transactItems", items)
                .length("clientRequestToken", token.orElse(null), 1, 36));
        if (items != null) {
            constraints.size("transactItems", items.stream().map(i -> i.node().toString()).toList(), items.size(), 1, MAX_TRANSACTION_ITEMS);
        }
        constraints.check();
        List<Requests.TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            actions.add(transactWriteItem(call, items.get(i), "transactItems." + (i + 1) + ".member"));
        }
        Results.TransactWrite result = call.database().transactWrite(actions, token, fingerprint(in), call.now());
        return JsonAnswer.of(answer -> answer.capacities(call.capacityMode(), result.capacity()));
    }

    private static Requests.TransactWriteItem transactWriteItem(Call call, JsonInput item, String path) {
        Optional<JsonInput> check = item.struct("ConditionCheck", "ConditionCheck");
        Optional<JsonInput> put = item.struct("Put", "Put");
        Optional<JsonInput> delete = item.struct("Delete", "Delete");
        Optional<JsonInput> update = item.struct("Update", "Update");
        int given = (check.isPresent() ? 1 : 0) + (put.isPresent() ? 1 : 0) + (delete.isPresent() ? 1 : 0) + (update.isPresent() ? 1 : 0);
        if (given != 1) {
            throw DynamoDbError.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        JsonInput action = check.or(() -> put).or(() -> delete).or(() -> update).orElseThrow();
        String kind = check.isPresent() ? "conditionCheck" : put.isPresent() ? "put" : delete.isPresent() ? "delete" : "update";
        String table = action.string("TableName").orElse(null);
        Constraints constraints = new Constraints().tableName(path + "." + kind + ".tableName", table)
                .oneOf(path + "." + kind + ".returnValuesOnConditionCheckFailure",
                        action.string("ReturnValuesOnConditionCheckFailure").orElse(null), RETURN_ON_FAILURE);
        Map<String, AttributeValue> itemOrKey = put.isPresent() ? action.attributes("Item").orElse(null) : action.attributes("Key").orElse(null);
        constraints.required(path + "." + kind + (put.isPresent() ? ".item" : ".key"), itemOrKey);
        if (check.isPresent()) {
            constraints.required(path + ".conditionCheck.conditionExpression", action.string("ConditionExpression").orElse(null));
        }
        if (update.isPresent()) {
            constraints.required(path + ".update.updateExpression", action.string("UpdateExpression").orElse(null));
        }
        constraints.check();
        RequestExpressions expressions = new RequestExpressions(action,
                update.isPresent() ? List.of("UpdateExpression", "ConditionExpression") : List.of("ConditionExpression"), List.of());
        Optional<List<UpdateAction>> actions = expressions.update();
        Optional<Condition> condition = expressions.condition("ConditionExpression");
        expressions.checkAllUsed();
        Requests.Guard guard = new Requests.Guard(condition, returnOnFailure(action));
        String tableName = TableOperations.table(call, table);
        if (put.isPresent()) {
            return new Requests.TransactPut(tableName, itemOrKey, guard);
        }
        if (delete.isPresent()) {
            return new Requests.TransactDelete(tableName, itemOrKey, guard);
        }
        if (update.isPresent()) {
            return new Requests.TransactUpdate(tableName, itemOrKey, actions.orElseThrow(), guard);
        }
        return new Requests.TransactConditionCheck(tableName, itemOrKey, guard);
    }

    /** What makes two TransactWriteItems requests "the same" for a ClientRequestToken: their items. */
    private static String fingerprint(JsonInput in) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(in.node().path("TransactItems").toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- shared

    /** The parameters every item operation has: ReturnConsumedCapacity and ReturnItemCollectionMetrics. */
    private static Constraints common(JsonInput in, Constraints constraints) {
        return constraints.oneOf("returnConsumedCapacity", in.string("ReturnConsumedCapacity").orElse(null), CAPACITY_MODES)
                .oneOf("returnItemCollectionMetrics", in.string("ReturnItemCollectionMetrics").orElse(null), METRICS)
                .oneOf("returnValuesOnConditionCheckFailure", in.string("ReturnValuesOnConditionCheckFailure").orElse(null),
                        RETURN_ON_FAILURE);
    }

    private static Requests.Guard guard(JsonInput in, List<String> expressionFields, List<String> legacy) {
        RequestExpressions expressions = new RequestExpressions(in, expressionFields, legacy);
        Optional<Condition> condition = condition(in, expressions);
        expressions.checkAllUsed();
        return new Requests.Guard(condition, returnOnFailure(in));
    }

    private static Optional<Condition> condition(JsonInput in, RequestExpressions expressions) {
        return expressions.condition("ConditionExpression").or(() ->
                in.map("Expected", "ExpectedAttributeValue").flatMap(e -> LegacyParameters.expected(e, in.string("ConditionalOperator"))));
    }

    private static boolean returnOnFailure(JsonInput in) {
        return in.string("ReturnValuesOnConditionCheckFailure").orElse("NONE").equals("ALL_OLD");
    }

    private static byte[] write(Call call, Results.Write result) {
        return JsonAnswer.of(answer -> {
            if (result.attributes().isPresent()) {
                answer.item("Attributes", result.attributes().get());
            }
            answer.capacity(call.capacityMode(), result.capacity());
        });
    }

}
