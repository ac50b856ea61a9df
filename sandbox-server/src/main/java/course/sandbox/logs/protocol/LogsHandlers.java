package course.sandbox.logs.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.logs.InsightsQuery;
import course.sandbox.logs.LogsErrors;
import course.sandbox.logs.LogsModel;
import course.sandbox.logs.LogsModel.EventPage;
import course.sandbox.logs.LogsModel.FilteredEvent;
import course.sandbox.logs.LogsModel.FilteredPage;
import course.sandbox.logs.LogsModel.InputEvent;
import course.sandbox.logs.LogsModel.LogGroupInfo;
import course.sandbox.logs.LogsModel.LogStreamInfo;
import course.sandbox.logs.LogsModel.OutputEvent;
import course.sandbox.logs.LogsModel.Page;
import course.sandbox.logs.LogsModel.PutResult;
import course.sandbox.logs.LogsModel.Scope;
import course.sandbox.service.ServiceException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Logs' JSON 1.1 inputs and outputs: each operation's members read from the request
 * document, handed to {@link LogsModel}, and its answer written with the member names of the API
 * reference. A member of the wrong JSON type is a SerializationException, as AWS answers it.
 */
final class LogsHandlers {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LogsModel model;

    LogsHandlers(LogsModel model) {
        this.model = model;
    }

    ObjectNode handle(LogsOperation operation, Scope scope, JsonNode input, Instant now) {
        ObjectNode output = NODES.objectNode();
        switch (operation) {
            case CreateLogGroup -> model.createLogGroup(scope, text(input, "logGroupName"), text(input, "kmsKeyId"),
                    tags(input), text(input, "logGroupClass"), now);
            case DeleteLogGroup -> model.deleteLogGroup(scope, text(input, "logGroupName"));
            case DescribeLogGroups -> {
                Page<LogGroupInfo> page = model.describeLogGroups(scope, new LogsModel.GroupQuery(text(input, "logGroupNamePrefix"),
                        text(input, "logGroupNamePattern"), text(input, "logGroupClass"), integer(input, "limit"),
                        text(input, "nextToken")), now);
                ArrayNode groups = output.putArray("logGroups");
                page.items().forEach(group -> groups.add(group(group)));
                page.nextToken().ifPresent(token -> output.put("nextToken", token));
            }
            case PutRetentionPolicy -> model.putRetentionPolicy(scope, text(input, "logGroupName"), integer(input, "retentionInDays"), now);
            case DeleteRetentionPolicy -> model.deleteRetentionPolicy(scope, text(input, "logGroupName"));
            case CreateLogStream -> model.createLogStream(scope, text(input, "logGroupName"), text(input, "logStreamName"), now);
            case DeleteLogStream -> model.deleteLogStream(scope, text(input, "logGroupName"), text(input, "logStreamName"));
            case DescribeLogStreams -> {
                String orderBy = text(input, "orderBy");
                if (orderBy != null && !orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
                    throw LogsErrors.validation("orderBy", orderBy, "satisfy enum value set: [LogStreamName, LastEventTime]");
                }
                Page<LogStreamInfo> page = model.describeLogStreams(scope, groupName(scope, input), new LogsModel.StreamQuery(
                        text(input, "logStreamNamePrefix"), "LastEventTime".equals(orderBy), bool(input, "descending"),
                        integer(input, "limit"), text(input, "nextToken")), now);
                ArrayNode streams = output.putArray("logStreams");
                page.items().forEach(stream -> streams.add(stream(stream)));
                page.nextToken().ifPresent(token -> output.put("nextToken", token));
            }
            case PutLogEvents -> {
                PutResult result = model.putLogEvents(scope, text(input, "logGroupName"), text(input, "logStreamName"),
                        events(input), now);
                output.put("nextSequenceToken", result.nextSequenceToken());
                result.rejected().ifPresent(rejected -> {
                    ObjectNode info = output.putObject("rejectedLogEventsInfo");
                    rejected.tooNewLogEventStartIndex().ifPresent(index -> info.put("tooNewLogEventStartIndex", index));
                    rejected.tooOldLogEventEndIndex().ifPresent(index -> info.put("tooOldLogEventEndIndex", index));
                    rejected.expiredLogEventEndIndex().ifPresent(index -> info.put("expiredLogEventEndIndex", index));
                });
            }
            case GetLogEvents -> {
                EventPage page = model.getLogEvents(scope, groupName(scope, input), text(input, "logStreamName"),
                        new LogsModel.EventQuery(longValue(input, "startTime"), longValue(input, "endTime"),
                                text(input, "nextToken"), integer(input, "limit"), bool(input, "startFromHead")), now);
                ArrayNode events = output.putArray("events");
                for (OutputEvent event : page.events()) {
                    events.addObject().put("timestamp", event.timestamp()).put("message", event.message())
                            .put("ingestionTime", event.ingestionTime());
                }
                output.put("nextForwardToken", page.nextForwardToken()).put("nextBackwardToken", page.nextBackwardToken());
            }
            case FilterLogEvents -> {
                FilteredPage page = model.filterLogEvents(scope, groupName(scope, input), new LogsModel.FilterQuery(
                        texts(input, "logStreamNames"), text(input, "logStreamNamePrefix"), longValue(input, "startTime"),
                        longValue(input, "endTime"), text(input, "filterPattern"), text(input, "nextToken"),
                        integer(input, "limit")), now);
                ArrayNode events = output.putArray("events");
                for (FilteredEvent event : page.events()) {
                    events.addObject().put("logStreamName", event.logStreamName()).put("timestamp", event.timestamp())
                            .put("message", event.message()).put("ingestionTime", event.ingestionTime())
                            .put("eventId", event.eventId());
                }
                ArrayNode searched = output.putArray("searchedLogStreams");
                page.searchedLogStreams().forEach(name -> searched.addObject().put("logStreamName", name)
                        .put("searchedCompletely", true));
                page.nextToken().ifPresent(token -> output.put("nextToken", token));
            }
            case TagResource -> model.tagLogGroup(scope, taggedGroup(scope, input), tags(input));
            case UntagResource -> {
                List<String> keys = texts(input, "tagKeys");
                if (keys == null) {
                    throw LogsErrors.missing("tagKeys");
                }
                model.untagLogGroup(scope, taggedGroup(scope, input), keys);
            }
            case ListTagsForResource -> {
                ObjectNode tags = output.putObject("tags");
                model.listTags(scope, taggedGroup(scope, input)).forEach(tags::put);
            }
            case StartQuery -> output.put("queryId", model.startQuery(scope, queriedGroups(scope, input),
                    longValue(input, "startTime"), longValue(input, "endTime"), text(input, "queryString"),
                    integer(input, "limit"), now));
            case GetQueryResults -> {
                String id = text(input, "queryId");
                if (id == null) {
                    throw LogsErrors.missing("queryId");
                }
                LogsModel.QueryResults results = model.getQueryResults(scope, id);
                ArrayNode rows = output.putArray("results");
                for (Map<String, Object> row : results.rows()) {
                    ArrayNode fields = rows.addArray();
                    row.forEach((field, value) -> fields.addObject().put("field", field)
                            .put("value", InsightsQuery.text(value)));
                }
                output.putObject("statistics").put("recordsMatched", (double) results.recordsMatched())
                        .put("recordsScanned", (double) results.recordsScanned())
                        .put("bytesScanned", (double) results.bytesScanned());
                output.put("status", results.status());
            }
            case StopQuery -> {
                String id = text(input, "queryId");
                if (id == null) {
                    throw LogsErrors.missing("queryId");
                }
                output.put("success", model.stopQuery(scope, id));
            }
        }
        return output;
    }

    /** The group of logGroupName or logGroupIdentifier (a name or an ARN): exactly one of them. */
    static String groupName(Scope scope, JsonNode input) {
        String name = text(input, "logGroupName");
        String identifier = text(input, "logGroupIdentifier");
        if (name != null && identifier != null) {
            throw LogsErrors.invalid("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (identifier != null) {
            return LogsModel.groupName(scope, identifier);
        }
        if (name == null) {
            throw LogsErrors.invalid("Should provide either name or ARN of the log group.");
        }
        return name;
    }

    /** The groups a StartQuery names: logGroupName, logGroupNames or logGroupIdentifiers (names or ARNs). */
    static List<String> queriedGroups(Scope scope, JsonNode input) {
        List<String> groups = new ArrayList<>();
        String single = text(input, "logGroupName");
        if (single != null) {
            groups.add(single);
        }
        List<String> names = texts(input, "logGroupNames");
        if (names != null) {
            groups.addAll(names);
        }
        List<String> identifiers = texts(input, "logGroupIdentifiers");
        if (identifiers != null) {
            identifiers.forEach(identifier -> groups.add(LogsModel.groupName(scope, identifier.endsWith(":*")
                    ? identifier.substring(0, identifier.length() - 2) : identifier)));
        }
        return groups;
    }

    /** The log group of a tagging request's resourceArn. */
    static String taggedGroup(Scope scope, JsonNode input) {
        String arn = text(input, "resourceArn");
        if (arn == null) {
            throw LogsErrors.missing("resourceArn");
        }
        if (!arn.startsWith("arn:")) {
            throw LogsErrors.invalid("Invalid resourceArn: " + arn);
        }
        return LogsModel.groupName(scope, arn);
    }

    private static ObjectNode group(LogGroupInfo group) {
        ObjectNode node = NODES.objectNode().put("logGroupName", group.name()).put("creationTime", group.creationTime());
        if (group.retentionInDays() != null) {
            node.put("retentionInDays", group.retentionInDays());
        }
        node.put("metricFilterCount", 0).put("arn", group.arn()).put("storedBytes", group.storedBytes());
        if (group.kmsKeyId() != null) {
            node.put("kmsKeyId", group.kmsKeyId());
        }
        return node.put("logGroupClass", group.logGroupClass()).put("logGroupArn", group.logGroupArn());
    }

    private static ObjectNode stream(LogStreamInfo stream) {
        ObjectNode node = NODES.objectNode().put("logStreamName", stream.name()).put("creationTime", stream.creationTime());
        stream.firstEventTimestamp().ifPresent(time -> node.put("firstEventTimestamp", time));
        stream.lastEventTimestamp().ifPresent(time -> node.put("lastEventTimestamp", time));
        stream.lastIngestionTime().ifPresent(time -> node.put("lastIngestionTime", time));
        // storedBytes of streams is always reported as zero since June 17, 2019 (API reference, LogStream)
        return node.put("uploadSequenceToken", stream.uploadSequenceToken()).put("arn", stream.arn()).put("storedBytes", 0);
    }

    private static List<InputEvent> events(JsonNode input) {
        JsonNode events = input.get("logEvents");
        if (events == null || events.isNull()) {
            return null;
        }
        if (!events.isArray()) {
            throw wrongType("logEvents");
        }
        List<InputEvent> parsed = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            if (!event.isObject()) {
                throw wrongType("logEvents");
            }
            Long timestamp = longValue(event, "timestamp");
            if (timestamp == null) {
                throw LogsErrors.missing("logEvents." + (parsed.size() + 1) + ".member.timestamp");
            }
            parsed.add(new InputEvent(timestamp, text(event, "message")));
        }
        return parsed;
    }

    private static Map<String, String> tags(JsonNode input) {
        JsonNode tags = input.get("tags");
        if (tags == null || tags.isNull()) {
            return Map.of();
        }
        if (!tags.isObject()) {
            throw wrongType("tags");
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        tags.fields().forEachRemaining(tag -> {
            if (!tag.getValue().isTextual()) {
                throw wrongType("tags");
            }
            parsed.put(tag.getKey(), tag.getValue().textValue());
        });
        return parsed;
    }

    static String text(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(member);
        }
        return value.textValue();
    }

    private static List<String> texts(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(member);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw wrongType(member);
            }
            items.add(item.textValue());
        }
        return items;
    }

    private static Long longValue(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(member);
        }
        return value.longValue();
    }

    private static Integer integer(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(member);
        }
        return value.intValue();
    }

    private static boolean bool(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw wrongType(member);
        }
        return value.booleanValue();
    }

    private static ServiceException wrongType(String member) {
        return new ServiceException(400, "SerializationException", "Unexpected value type in payload for member " + member);
    }
}
