package course.sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import course.sandbox.iam.policy.ContextKeyType;
import course.sandbox.iam.policy.ContextValue;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which IAM permissions a DynamoDB request needs, as AWS's service authorization reference
 * lists them: the action, the resource ARN (table, index, stream, backup, global table or "*")
 * and the fine-grained access control keys only the request can supply —
 * {@code dynamodb:LeadingKeys}, {@code dynamodb:Attributes}, {@code dynamodb:Select},
 * {@code dynamodb:ReturnValues} and {@code dynamodb:ReturnConsumedCapacity}.
 * Requests that touch several tables (batches, transactions) need one permission per action and table.
 */
public final class DynamoDbPermissions {
    public static final String LEADING_KEYS = "dynamodb:LeadingKeys";
    public static final String ATTRIBUTES = "dynamodb:Attributes";
    public static final String SELECT = "dynamodb:Select";
    public static final String RETURN_VALUES = "dynamodb:ReturnValues";
    public static final String RETURN_CONSUMED_CAPACITY = "dynamodb:ReturnConsumedCapacity";

    private static final Set<String> ON_TABLE = Set.of("CreateTable", "DeleteTable", "DescribeTable", "UpdateTable",
            "DescribeTimeToLive", "UpdateTimeToLive", "DescribeContinuousBackups", "UpdateContinuousBackups",
            "CreateBackup", "DescribeContributorInsights", "UpdateContributorInsights",
            "DescribeKinesisStreamingDestination", "EnableKinesisStreamingDestination",
            "DisableKinesisStreamingDestination", "UpdateKinesisStreamingDestination",
            "DescribeTableReplicaAutoScaling", "UpdateTableReplicaAutoScaling");
    private static final Set<String> ON_RESOURCE_ARN = Set.of("TagResource", "UntagResource", "ListTagsOfResource",
            "GetResourcePolicy", "PutResourcePolicy", "DeleteResourcePolicy");
    private static final Set<String> ON_GLOBAL_TABLE = Set.of("CreateGlobalTable", "DescribeGlobalTable",
            "DescribeGlobalTableSettings", "UpdateGlobalTable", "UpdateGlobalTableSettings");
    private static final Pattern STATEMENT_TABLE = Pattern.compile(
            "^\\s*(SELECT\\b.*?\\bFROM|INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|EXISTS\\s*\\(\\s*SELECT\\b.*?\\bFROM)\\s+((?:\"[^\"]+\"|[\\w-]+)(?:\\.(?:\"[^\"]+\"|[\\w-]+))?)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ARN_IN_TEXT = Pattern.compile("arn:aws:dynamodb:[^:\"]*:\\d{12}:table/[\\w.-]+/stream/[\\w.:-]+");

    private final String region;
    private final String account;
    private final KeySchema.Lookup schemas;
    private final Map<String, Access> accesses = new LinkedHashMap<>();

    private DynamoDbPermissions(String region, String account, KeySchema.Lookup schemas) {
        this.region = region;
        this.account = account;
        this.schemas = schemas;
    }

    /**
     * The operation a request names and the permissions it needs.
     *
     * @param operation the part of X-Amz-Target after the dot, e.g. {@code GetItem}
     * @param body      the request's JSON body
     */
    public static Operation of(String operation, JsonNode body, String region, String account, KeySchema.Lookup schemas) {
        DynamoDbPermissions permissions = new DynamoDbPermissions(region, account, schemas);
        permissions.collect(operation, body);
        return new Operation(operation, permissions.accesses.values().stream().map(Access::permission).toList());
    }

    private void collect(String operation, JsonNode body) {
        switch (operation) {
            case "GetItem" -> read("GetItem", body, body.path("TableName").asText(), body.path("Key"), Optional.empty());
            case "PutItem" -> write("PutItem", body, body.path("TableName").asText(), body.path("Item"), true);
            case "UpdateItem" -> update(body);
            case "DeleteItem" -> write("DeleteItem", body, body.path("TableName").asText(), body.path("Key"), false);
            case "Query" -> query(body);
            case "Scan" -> scan(body);
            case "BatchGetItem" -> batchGet(body);
            case "BatchWriteItem" -> batchWrite(body);
            case "TransactGetItems" -> transactGet(body);
            case "TransactWriteItems" -> transactWrite(body);
            case "ExecuteStatement" -> statement(body.path("Statement").asText());
            case "BatchExecuteStatement", "ExecuteTransaction" -> body.path(operation.equals("ExecuteTransaction")
                    ? "TransactStatements" : "Statements").forEach(statement -> statement(statement.path("Statement").asText()));
            case "DescribeBackup", "DeleteBackup" -> access(operation, body.path("BackupArn").asText());
            case "RestoreTableFromBackup", "RestoreTableToPointInTime" ->
                    access(operation, tableArn(body.path("TargetTableName").asText()));
            case "ExportTableToPointInTime" -> access(operation, body.path("TableArn").asText());
            case "DescribeExport" -> access(operation, body.path("ExportArn").asText());
            case "DescribeImport" -> access(operation, body.path("ImportArn").asText());
            case "ImportTable" -> access(operation, tableArn(body.path("TableCreationParameters").path("TableName").asText()));
            case "DescribeStream", "GetShardIterator" -> access(operation, body.path("StreamArn").asText());
            case "GetRecords" -> access(operation, streamOfIterator(body.path("ShardIterator").asText()));
            default -> other(operation, body);
        }
    }

    private void other(String operation, JsonNode body) {
        if (ON_TABLE.contains(operation)) {
            access(operation, tableArn(body.path("TableName").asText()));
        } else if (ON_RESOURCE_ARN.contains(operation)) {
            access(operation, body.path("ResourceArn").asText());
        } else if (ON_GLOBAL_TABLE.contains(operation)) {
            access(operation, "arn:aws:dynamodb::" + account + ":global-table/" + body.path("GlobalTableName").asText());
        } else {
            // ListTables, ListStreams, DescribeLimits, …, and names DynamoDB does not know (it answers those itself).
            access(operation, "*");
        }
    }

    private void read(String action, JsonNode request, String table, JsonNode key, Optional<String> index) {
        Access access = access(action, resourceArn(table, index));
        leadingKeys(access, table, index, key);
        Set<String> projected = projection(request);
        access.attributes.addAll(projected);
        access.single(SELECT, request.path("Select").asText(projected.isEmpty()
                ? (index.isPresent() ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES") : "SPECIFIC_ATTRIBUTES"));
        consumedCapacity(access, request);
    }

    private void write(String action, JsonNode request, String table, JsonNode itemOrKey, boolean putsAttributes) {
        Access access = access(action, tableArn(table));
        leadingKeys(access, table, Optional.empty(), itemOrKey);
        if (putsAttributes) {
            itemOrKey.fieldNames().forEachRemaining(access.attributes::add);
        }
        if (!request.isMissingNode()) {
            returnValues(access, request);
            consumedCapacity(access, request);
        }
    }

    private void update(JsonNode request) {
        String table = request.path("TableName").asText();
        Access access = access("UpdateItem", tableArn(table));
        JsonNode key = request.path("Key");
        leadingKeys(access, table, Optional.empty(), key);
        key.fieldNames().forEachRemaining(access.attributes::add);
        JsonNode names = request.path("ExpressionAttributeNames");
        if (request.hasNonNull("UpdateExpression")) {
            access.attributes.addAll(Expressions.topLevelNames(request.path("UpdateExpression").asText(), names));
        }
        request.path("AttributeUpdates").fieldNames().forEachRemaining(access.attributes::add);
        returnValues(access, request);
        consumedCapacity(access, request);
    }

    private void query(JsonNode request) {
        String table = request.path("TableName").asText();
        Optional<String> index = Optional.ofNullable(request.path("IndexName").textValue());
        read("Query", request, table, MissingNode.getInstance(), index);
        Access access = access("Query", resourceArn(table, index));
        Optional<String> partitionKey = schemas.of(table).flatMap(schema -> schema.partitionKey(index));
        if (partitionKey.isEmpty()) {
            return;
        }
        if (request.hasNonNull("KeyConditionExpression")) {
            Expressions.partitionKeyPlaceholder(request.path("KeyConditionExpression").asText(),
                            request.path("ExpressionAttributeNames"), partitionKey.get())
                    .map(placeholder -> request.path("ExpressionAttributeValues").path(placeholder))
                    .flatMap(DynamoDbPermissions::scalar)
                    .ifPresent(access.leadingKeys::add);
        }
        JsonNode legacy = request.path("KeyConditions").path(partitionKey.get()).path("AttributeValueList");
        if (legacy.size() == 1) {
            scalar(legacy.get(0)).ifPresent(access.leadingKeys::add);
        }
    }

    private void scan(JsonNode request) {
        Optional<String> index = Optional.ofNullable(request.path("IndexName").textValue());
        read("Scan", request, request.path("TableName").asText(), MissingNode.getInstance(), index);
    }

    private void batchGet(JsonNode request) {
        for (Map.Entry<String, JsonNode> table : request.path("RequestItems").properties()) {
            JsonNode keysAndAttributes = table.getValue();
            for (JsonNode key : keysAndAttributes.path("Keys")) {
                read("BatchGetItem", keysAndAttributes, table.getKey(), key, Optional.empty());
            }
            consumedCapacity(access("BatchGetItem", tableArn(table.getKey())), request);
        }
    }

    private void batchWrite(JsonNode request) {
        for (Map.Entry<String, JsonNode> table : request.path("RequestItems").properties()) {
            for (JsonNode write : table.getValue()) {
                if (write.has("PutRequest")) {
                    write("BatchWriteItem", MissingNode.getInstance(), table.getKey(), write.path("PutRequest").path("Item"), true);
                } else {
                    write("BatchWriteItem", MissingNode.getInstance(), table.getKey(), write.path("DeleteRequest").path("Key"), false);
                }
            }
            consumedCapacity(access("BatchWriteItem", tableArn(table.getKey())), request);
        }
    }

    private void transactGet(JsonNode request) {
        for (JsonNode item : request.path("TransactItems")) {
            JsonNode get = item.path("Get");
            read("GetItem", get, get.path("TableName").asText(), get.path("Key"), Optional.empty());
        }
    }

    /** TransactWriteItems needs the permission of each write it contains, as AWS documents. */
    private void transactWrite(JsonNode request) {
        for (JsonNode item : request.path("TransactItems")) {
            if (item.has("Put")) {
                JsonNode put = item.path("Put");
                write("PutItem", put, put.path("TableName").asText(), put.path("Item"), true);
            } else if (item.has("Update")) {
                update(item.path("Update"));
            } else if (item.has("Delete")) {
                JsonNode delete = item.path("Delete");
                write("DeleteItem", delete, delete.path("TableName").asText(), delete.path("Key"), false);
            } else if (item.has("ConditionCheck")) {
                JsonNode check = item.path("ConditionCheck");
                Access access = access("ConditionCheckItem", tableArn(check.path("TableName").asText()));
                leadingKeys(access, check.path("TableName").asText(), Optional.empty(), check.path("Key"));
            }
        }
    }

    /** PartiQL: the verb decides the action (dynamodb:PartiQLSelect, …), the FROM/INTO/UPDATE name the table. */
    private void statement(String statement) {
        String verb = statement.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        String action = switch (verb) {
            case "INSERT" -> "PartiQLInsert";
            case "UPDATE" -> "PartiQLUpdate";
            case "DELETE" -> "PartiQLDelete";
            default -> "PartiQLSelect";
        };
        Matcher table = STATEMENT_TABLE.matcher(statement);
        if (!table.find()) {
            access(action, "*");
            return;
        }
        String name = table.group(2).replace("\"", "");
        int dot = name.indexOf('.');
        access(action, dot < 0 ? tableArn(name) : resourceArn(name.substring(0, dot), Optional.of(name.substring(dot + 1))));
    }

    private void leadingKeys(Access access, String table, Optional<String> index, JsonNode keyOrItem) {
        schemas.of(table).flatMap(schema -> schema.partitionKey(index))
                .map(keyOrItem::path)
                .flatMap(DynamoDbPermissions::scalar)
                .ifPresent(access.leadingKeys::add);
    }

    private static Set<String> projection(JsonNode request) {
        Set<String> names = new LinkedHashSet<>();
        if (request.hasNonNull("ProjectionExpression")) {
            names.addAll(Expressions.topLevelNames(request.path("ProjectionExpression").asText(),
                    request.path("ExpressionAttributeNames")));
        }
        request.path("AttributesToGet").forEach(name -> names.add(name.asText()));
        return names;
    }

    private static void returnValues(Access access, JsonNode request) {
        access.single(RETURN_VALUES, request.path("ReturnValues").asText("NONE"));
    }

    private static void consumedCapacity(Access access, JsonNode request) {
        if (request.hasNonNull("ReturnConsumedCapacity")) {
            access.single(RETURN_CONSUMED_CAPACITY, request.path("ReturnConsumedCapacity").asText());
        }
    }

    /** A key attribute's value as IAM sees it: the text of an S, N or B (base64) value. */
    private static Optional<String> scalar(JsonNode attributeValue) {
        for (String type : List.of("S", "N", "B")) {
            if (attributeValue.path(type).isTextual()) {
                return Optional.of(attributeValue.path(type).asText());
            }
        }
        return Optional.empty();
    }

    private Access access(String operation, String resource) {
        String action = "dynamodb:" + operation;
        return accesses.computeIfAbsent(action + " " + resource, ignored -> new Access(action, resource));
    }

    private String resourceArn(String table, Optional<String> index) {
        return tableArn(table) + index.map(name -> "/index/" + name).orElse("");
    }

    /** A table's ARN; requests may also name a table by its ARN. */
    private String tableArn(String table) {
        return table.startsWith("arn:") ? table : "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table;
    }

    /** GetRecords names no stream, only an iterator: the stream is the one the iterator was issued for. */
    private String streamOfIterator(String iterator) {
        Matcher arn = ARN_IN_TEXT.matcher(iterator);
        return arn.find() ? arn.group() : "arn:aws:dynamodb:" + region + ":" + account + ":table/*/stream/*";
    }

    /** What one action on one resource needs, gathered over all the request's items. */
    private static final class Access {
        final String action;
        final String resource;
        final Set<String> leadingKeys = new LinkedHashSet<>();
        final Set<String> attributes = new LinkedHashSet<>();
        final Map<String, String> singles = new LinkedHashMap<>();

        Access(String action, String resource) {
            this.action = action;
            this.resource = resource;
        }

        void single(String key, String value) {
            singles.put(key, value);
        }

        Permission permission() {
            Map<String, ContextValue> context = new LinkedHashMap<>();
            if (!leadingKeys.isEmpty()) {
                context.put(LEADING_KEYS, list(leadingKeys));
            }
            if (!attributes.isEmpty()) {
                context.put(ATTRIBUTES, list(attributes));
            }
            singles.forEach((key, value) -> context.put(key, ContextValue.string(value)));
            return Permission.of(action, resource).withContext(context);
        }

        private static ContextValue list(Set<String> values) {
            return new ContextValue(ContextKeyType.STRING_LIST, new ArrayList<>(values));
        }
    }
}
