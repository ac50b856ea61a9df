package course.sandbox.dynamodb;

import course.sandbox.dynamodb.model.DynamoDbError;
import course.sandbox.dynamodb.model.Table;
import course.sandbox.dynamodb.model.TableStream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator and GetRecords over the
 * tables' change records. Shard iterators expire after 15 minutes, as AWS's do.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB_Streams.html
 */
final class StreamOperations {
    static final Duration ITERATOR_LIFETIME = Duration.ofMinutes(15);
    static final List<String> ITERATOR_TYPES = List.of("TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER");

    private StreamOperations() {
    }

    static byte[] listStreams(Call call) {
        JsonInput in = call.input();
        Optional<String> tableName = in.string("TableName");
        Optional<Integer> limit = in.integer("Limit");
        Optional<String> start = in.string("ExclusiveStartStreamArn");
        new Constraints().name("tableName", tableName.orElse(null)).range("limit", limit.map(Integer::longValue).orElse(null), 1, 100).check();
        List<TableStream> streams = call.database().withStreams(tables -> {
            List<TableStream> all = new ArrayList<>();
            for (Table table : tables) {
                if (tableName.isEmpty() || tableName.get().equals(table.name())) {
                    all.addAll(table.streams());
                }
            }
            return all;
        });
        int from = start.map(arn -> streams.stream().map(TableStream::arn).toList().indexOf(arn) + 1).orElse(0);
        int to = Math.min(streams.size(), from + limit.orElse(100));
        List<TableStream> page = streams.subList(Math.min(from, to), to);
        return JsonAnswer.of(answer -> {
            answer.json.writeArrayFieldStart("Streams");
            for (TableStream stream : page) {
                answer.json.writeStartObject();
                answer.field("StreamArn", stream.arn()).field("TableName", stream.tableName()).field("StreamLabel", stream.label());
                answer.json.writeEndObject();
            }
            answer.json.writeEndArray();
            if (to < streams.size()) {
                answer.field("LastEvaluatedStreamArn", page.get(page.size() - 1).arn());
            }
        });
    }

    static byte[] describeStream(Call call) {
        TableStream stream = stream(call, call.input().string("StreamArn").orElse(null));
        return JsonAnswer.of(answer -> {
            var json = answer.json;
            json.writeObjectFieldStart("StreamDescription");
            answer.field("StreamArn", stream.arn()).field("StreamLabel", stream.label()).field("StreamStatus", stream.status())
                    .field("StreamViewType", stream.viewType()).time("CreationRequestDateTime", stream.created())
                    .field("TableName", stream.tableName());
            json.writeArrayFieldStart("KeySchema");
            json.writeStartObject();
            answer.field("AttributeName", stream.key().partitionKey()).field("KeyType", "HASH");
            json.writeEndObject();
            if (stream.key().sortKey().isPresent()) {
                json.writeStartObject();
                answer.field("AttributeName", stream.key().sortKey().get()).field("KeyType", "RANGE");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("Shards");
            json.writeStartObject();
            answer.field("ShardId", stream.shardId());
            json.writeObjectFieldStart("SequenceNumberRange");
            answer.field("StartingSequenceNumber", stream.startingSequenceNumber());
            if (stream.status().equals("DISABLED")) {
                answer.field("EndingSequenceNumber", String.valueOf(stream.nextSequence() - 1));
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    static byte[] getShardIterator(Call call) {
        JsonInput in = call.input();
        String arn = in.string("StreamArn").orElse(null);
        String shardId = in.string("ShardId").orElse(null);
        String type = in.string("ShardIteratorType").orElse(null);
        Optional<String> sequence = in.string("SequenceNumber");
        new Constraints().required("streamArn", arn).required("shardId", shardId).required("shardIteratorType", type)
                .oneOf("shardIteratorType", type, ITERATOR_TYPES).check();
        TableStream stream = stream(call, arn);
        if (!stream.shardId().equals(shardId)) {
            throw DynamoDbError.resourceNotFound("Requested resource not found: Shard does not exist");
        }
        long position = switch (type) {
            case "TRIM_HORIZON" -> 0;
            case "LATEST" -> stream.nextSequence();
            default -> {
                long number = sequence.map(StreamOperations::sequence).orElseThrow(() -> DynamoDbError.validation(
                        "SequenceNumber is required when ShardIteratorType is " + type));
                yield type.equals("AT_SEQUENCE_NUMBER") ? number : number + 1;
            }
        };
        return JsonAnswer.of(answer -> answer.field("ShardIterator", iterator(stream, position, call.now())));
    }

    static byte[] getRecords(Call call) {
        JsonInput in = call.input();
        String iterator = in.string("ShardIterator").orElse(null);
        Optional<Integer> limit = in.integer("Limit");
        new Constraints().required("shardIterator", iterator).length("shardIterator", iterator, 1, 2048)
                .range("limit", limit.map(Integer::longValue).orElse(null), 1, 1000).check();
        String[] parts = iterator.split("\\|");
        if (parts.length != 4 || !parts[2].matches("[0-9]{1,18}") || !parts[3].matches("[0-9]{1,18}")) {
            throw DynamoDbError.validation("Invalid ShardIterator");
        }
        if (Instant.ofEpochMilli(Long.parseLong(parts[3])).plus(ITERATOR_LIFETIME).isBefore(call.now())) {
            throw new DynamoDbError("ExpiredIteratorException", "Iterator expired");
        }
        TableStream stream = stream(call, parts[0]);
        long position = Long.parseLong(parts[2]);
        List<TableStream.Record> records = call.database().withStreams(tables -> stream.read(position, limit.orElse(1000), call.now()));
        long next = records.isEmpty() ? Math.max(position, stream.nextSequence())
                : Long.parseLong(records.get(records.size() - 1).sequenceNumber()) + 1;
        return JsonAnswer.of(answer -> {
            var json = answer.json;
            json.writeArrayFieldStart("Records");
            for (TableStream.Record record : records) {
                json.writeStartObject();
                answer.field("eventID", record.eventId()).field("eventName", record.eventName()).field("eventVersion", "1.1")
                        .field("eventSource", "aws:dynamodb").field("awsRegion", stream.region());
                json.writeObjectFieldStart("dynamodb");
                answer.time("ApproximateCreationDateTime", record.created());
                answer.item("Keys", record.keys());
                if (record.newImage().isPresent()) {
                    answer.item("NewImage", record.newImage().get());
                }
                if (record.oldImage().isPresent()) {
                    answer.item("OldImage", record.oldImage().get());
                }
                answer.field("SequenceNumber", record.sequenceNumber()).field("SizeBytes", record.sizeBytes())
                        .field("StreamViewType", stream.viewType());
                json.writeEndObject();
                if (record.byTtl()) {
                    json.writeObjectFieldStart("userIdentity");
                    answer.field("PrincipalId", "dynamodb.amazonaws.com").field("Type", "Service");
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            // A disabled stream's shard closes: once read to its end, there is no next iterator.
            if (!(stream.status().equals("DISABLED") && next >= stream.nextSequence())) {
                answer.field("NextShardIterator", iterator(stream, next, call.now()));
            }
        });
    }

    /** Opaque to clients; carries the stream ARN in clear so authorization can name the stream GetRecords reads. */
    private static String iterator(TableStream stream, long position, Instant now) {
        return stream.arn() + "|" + stream.shardId() + "|" + position + "|" + now.toEpochMilli();
    }

    private static long sequence(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw DynamoDbError.validation("Invalid SequenceNumber: " + text);
        }
    }

    private static TableStream stream(Call call, String arn) {
        new Constraints().required("streamArn", arn).length("streamArn", arn, 37, 1024).check();
        return call.database().withStreams(tables -> {
            for (Table table : tables) {
                for (TableStream stream : table.streams()) {
                    if (stream.arn().equals(arn)) {
                        return stream;
                    }
                }
            }
            throw DynamoDbError.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
        });
    }
}
