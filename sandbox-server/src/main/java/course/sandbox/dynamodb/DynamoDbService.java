package course.sandbox.dynamodb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import course.sandbox.dynamodb.model.Database;
import course.sandbox.dynamodb.model.DynamoDbError;
import course.sandbox.dynamodb.model.DynamoDbStore;
import course.sandbox.dynamodb.model.ItemJson;
import course.sandbox.dynamodb.model.SecondaryIndex;
import course.sandbox.dynamodb.model.Table;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxResponse;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRegistry;
import course.sandbox.service.ServiceRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * DynamoDB and DynamoDB Streams behind the pipeline, served by the sandbox's own model: one
 * database per account and region (every principal of the account shares its tables), in
 * memory or under the data directory. Answers carry {@code x-amz-crc32}, which the SDKs check.
 */
public final class DynamoDbService implements AwsService, AutoCloseable {
    private static final String JSON_TYPE = "application/x-amz-json-1.0";
    private static final String DYNAMODB = "DynamoDB_20120810";
    private static final String STREAMS = "DynamoDBStreams_20120810";
    /** Errors of AWS's front end (coral), written with a capitalized Message; the rest are DynamoDB's own. */
    private static final Set<String> FRONT_END_ERRORS = Set.of("AccessDeniedException", "UnrecognizedClientException",
            "InvalidSignatureException", "IncompleteSignatureException", "MissingAuthenticationTokenException",
            "ExpiredTokenException", "SerializationException", "UnknownOperationException");
    private static final JsonFactory JSON = new JsonFactory();
    /** DynamoDB's and DynamoDB Streams' other operations: the sandbox says it lacks them, rather than that they do not exist. */
    private static final Set<String> AWS_OPERATIONS = Set.of("BatchExecuteStatement", "CreateBackup", "CreateGlobalTable",
            "DeleteBackup", "DeleteResourcePolicy", "DescribeBackup", "DescribeContinuousBackups", "DescribeContributorInsights",
            "DescribeExport", "DescribeGlobalTable", "DescribeGlobalTableSettings", "DescribeImport",
            "DescribeKinesisStreamingDestination", "DescribeTableReplicaAutoScaling", "DisableKinesisStreamingDestination",
            "EnableKinesisStreamingDestination", "ExecuteStatement", "ExecuteTransaction", "ExportTableToPointInTime",
            "GetResourcePolicy", "ImportTable", "ListBackups", "ListContributorInsights", "ListExports", "ListGlobalTables",
            "ListImports", "PutResourcePolicy", "RestoreTableFromBackup", "RestoreTableToPointInTime", "UpdateContinuousBackups",
            "UpdateContributorInsights", "UpdateGlobalTable", "UpdateGlobalTableSettings", "UpdateKinesisStreamingDestination",
            "UpdateTableReplicaAutoScaling");

    private static final Map<String, Function<Call, byte[]>> OPERATIONS = Map.ofEntries(
            Map.entry(DYNAMODB + ".CreateTable", TableOperations::createTable),
            Map.entry(DYNAMODB + ".DescribeTable", TableOperations::describeTable),
            Map.entry(DYNAMODB + ".ListTables", TableOperations::listTables),
            Map.entry(DYNAMODB + ".UpdateTable", TableOperations::updateTable),
            Map.entry(DYNAMODB + ".DeleteTable", TableOperations::deleteTable),
            Map.entry(DYNAMODB + ".TagResource", TableOperations::tagResource),
            Map.entry(DYNAMODB + ".UntagResource", TableOperations::untagResource),
            Map.entry(DYNAMODB + ".ListTagsOfResource", TableOperations::listTagsOfResource),
            Map.entry(DYNAMODB + ".DescribeTimeToLive", TableOperations::describeTimeToLive),
            Map.entry(DYNAMODB + ".UpdateTimeToLive", TableOperations::updateTimeToLive),
            Map.entry(DYNAMODB + ".DescribeLimits", TableOperations::describeLimits),
            Map.entry(DYNAMODB + ".DescribeEndpoints", TableOperations::describeEndpoints),
            Map.entry(DYNAMODB + ".PutItem", ItemOperations::putItem),
            Map.entry(DYNAMODB + ".GetItem", ItemOperations::getItem),
            Map.entry(DYNAMODB + ".UpdateItem", ItemOperations::updateItem),
            Map.entry(DYNAMODB + ".DeleteItem", ItemOperations::deleteItem),
            Map.entry(DYNAMODB + ".Query", ItemOperations::query),
            Map.entry(DYNAMODB + ".Scan", ItemOperations::scan),
            Map.entry(DYNAMODB + ".BatchGetItem", ItemOperations::batchGetItem),
            Map.entry(DYNAMODB + ".BatchWriteItem", ItemOperations::batchWriteItem),
            Map.entry(DYNAMODB + ".TransactGetItems", ItemOperations::transactGetItems),
            Map.entry(DYNAMODB + ".TransactWriteItems", ItemOperations::transactWriteItems),
            Map.entry(STREAMS + ".ListStreams", StreamOperations::listStreams),
            Map.entry(STREAMS + ".DescribeStream", StreamOperations::describeStream),
            Map.entry(STREAMS + ".GetShardIterator", StreamOperations::getShardIterator),
            Map.entry(STREAMS + ".GetRecords", StreamOperations::getRecords));

    private final String account;
    private final DynamoDbStore store;
    /** The body operation() parsed, for handle() on the same thread (the pipeline calls one, then the other). */
    private final ThreadLocal<Parsed> parsed = new ThreadLocal<>();

    private record Parsed(ServiceRequest request, JsonInput input) {
    }

    /**
     * @param account       the sandbox's account: all its principals share its tables
     * @param dataDirectory where tables are kept across restarts, or empty for memory only
     */
    public DynamoDbService(String account, Optional<Path> dataDirectory) {
        this.account = account;
        this.store = new DynamoDbStore(dataDirectory);
        WarmUp.start(account);
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("dynamodb");
    }

    @Override
    public Operation operation(ServiceRequest request) {
        String target = request.http().headers().first("X-Amz-Target").orElse("");
        if (!OPERATIONS.containsKey(target)) {
            String operation = target.substring(target.indexOf('.') + 1);
            throw new DynamoDbException(new DynamoDbError("UnknownOperationException",
                    AWS_OPERATIONS.contains(operation) ? "The sandbox's DynamoDB does not implement " + operation + " yet." : null));
        }
        try {
            JsonInput input = JsonInput.parse(request.body());
            parsed.set(new Parsed(request, input));
            Database database = database(request);
            return DynamoDbPermissions.of(target.substring(target.indexOf('.') + 1), input.node(), request.region(), account,
                    table -> database.findTable(table.startsWith("arn:") ? table.substring(table.lastIndexOf('/') + 1) : table)
                            .map(DynamoDbService::keySchema));
        } catch (DynamoDbError error) {
            throw new DynamoDbException(error);
        }
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        Parsed body = parsed.get();
        parsed.remove();
        String target = request.http().headers().first("X-Amz-Target").orElse("");
        try {
            JsonInput input = body != null && body.request() == request ? body.input() : JsonInput.parse(request.body());
            Call call = new Call(operation.name(), input, database(request), request.now(),
                    request.http().headers().first("Host").orElse("127.0.0.1"));
            return respond(200, OPERATIONS.get(target).apply(call), request.requestId());
        } catch (DynamoDbError error) {
            throw new DynamoDbException(error);
        }
    }

    private Database database(ServiceRequest request) {
        return store.database(account, request.region());
    }

    private static course.sandbox.dynamodb.KeySchema keySchema(Table table) {
        Map<String, String> indexes = new HashMap<>();
        for (SecondaryIndex index : table.globalIndexes()) {
            indexes.put(index.name(), index.key().partitionKey());
        }
        for (SecondaryIndex index : table.localIndexes()) {
            indexes.put(index.name(), index.key().partitionKey());
        }
        return new course.sandbox.dynamodb.KeySchema(table.key().partitionKey(), indexes);
    }

    /**
     * DynamoDB's own error shapes, beyond the JSON 1.0 codec's: front-end errors in coral's
     * namespace with a capitalized Message, ValidationException in coral's validate namespace,
     * and the CancellationReasons and Item some errors carry.
     */
    @Override
    public SandboxResponse render(ServiceException error, ServiceRequest request) {
        parsed.remove();
        DynamoDbError detail = error instanceof DynamoDbException dynamo ? dynamo.error : null;
        String code = error.code();
        String namespace = FRONT_END_ERRORS.contains(code) ? "com.amazon.coral.service#"
                : code.equals("ValidationException") ? "com.amazon.coral.validate#" : "com.amazonaws.dynamodb.v20120810#";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("__type", namespace + code);
            if (detail != null && !detail.cancellationReasons().isEmpty()) {
                json.writeArrayFieldStart("CancellationReasons");
                for (DynamoDbError.CancellationReason reason : detail.cancellationReasons()) {
                    json.writeStartObject();
                    if (reason.item().isPresent()) {
                        json.writeFieldName("Item");
                        ItemJson.writeItem(json, reason.item().get());
                    }
                    json.writeStringField("Code", reason.code());
                    if (reason.message().isPresent()) {
                        json.writeStringField("Message", reason.message().get());
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            if (detail != null && detail.item().isPresent()) {
                json.writeFieldName("Item");
                ItemJson.writeItem(json, detail.item().get());
            }
            if (error.getMessage() != null) {
                boolean capitalized = FRONT_END_ERRORS.contains(code) || code.equals("TransactionCanceledException");
                json.writeStringField(capitalized ? "Message" : "message", error.getMessage());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return respond(error.status(), out.toByteArray(), request.requestId());
    }

    private static SandboxResponse respond(int status, byte[] body, String requestId) {
        CRC32 crc = new CRC32();
        crc.update(body);
        Headers headers = new Headers().add("Content-Type", JSON_TYPE).add("x-amzn-RequestId", requestId)
                .add("x-amz-crc32", String.valueOf(crc.getValue()));
        return new SandboxResponse(status, headers, body);
    }

    @Override
    public void reset() {
        store.reset();
    }

    @Override
    public void close() {
        store.close();
    }

    /** A model error on its way to the answer, with what DynamoDB's error bodies carry beyond code and message. */
    static final class DynamoDbException extends ServiceException {
        final DynamoDbError error;

        DynamoDbException(DynamoDbError error) {
            super(error.code().equals("InternalServerError") ? 500 : 400, error.code(), error.getMessage());
            this.error = error;
        }
    }
}
