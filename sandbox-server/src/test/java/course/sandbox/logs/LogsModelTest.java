package course.sandbox.logs;

import course.sandbox.logs.LogsModel.EventPage;
import course.sandbox.logs.LogsModel.EventQuery;
import course.sandbox.logs.LogsModel.FilterQuery;
import course.sandbox.logs.LogsModel.FilteredPage;
import course.sandbox.logs.LogsModel.GroupQuery;
import course.sandbox.logs.LogsModel.InputEvent;
import course.sandbox.logs.LogsModel.LogGroupInfo;
import course.sandbox.logs.LogsModel.LogStreamInfo;
import course.sandbox.logs.LogsModel.OutputEvent;
import course.sandbox.logs.LogsModel.Page;
import course.sandbox.logs.LogsModel.PutResult;
import course.sandbox.logs.LogsModel.Scope;
import course.sandbox.logs.LogsModel.StreamQuery;
import course.sandbox.service.ServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CloudWatch Logs model alone: AWS's rules without HTTP. */
class LogsModelTest {
    private static final Scope HERE = new Scope("000000000000", "us-east-1");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final long T = NOW.toEpochMilli();

    private final LogsModel model = new LogsModel();

    private static void fails(String code, String message, Executable call) {
        ServiceException error = assertThrows(ServiceException.class, call);
        assertEquals(code, error.code(), error.toString());
        assertEquals(400, error.status());
        if (message != null) {
            assertEquals(message, error.getMessage());
        }
    }

    private static List<InputEvent> events(long... timestamps) {
        List<InputEvent> events = new ArrayList<>();
        for (long timestamp : timestamps) {
            events.add(new InputEvent(timestamp, "event at " + timestamp));
        }
        return events;
    }

    private void groupWithStream(String group, String stream) {
        model.createLogGroup(HERE, group, null, Map.of(), null, NOW);
        model.createLogStream(HERE, group, stream, NOW);
    }

    private static List<String> messages(List<OutputEvent> events) {
        return events.stream().map(OutputEvent::message).toList();
    }

    /** Messages as the SDKs report them, e.g. terraform's "ResourceAlreadyExistsException: The specified log group already exists". */
    @Test
    void groupsAreUniquePerAccountAndRegion() {
        model.createLogGroup(HERE, "/course/app", null, Map.of(), null, NOW);
        fails("ResourceAlreadyExistsException", "The specified log group already exists",
                () -> model.createLogGroup(HERE, "/course/app", null, Map.of(), null, NOW));
        model.createLogGroup(new Scope("000000000000", "eu-west-1"), "/course/app", null, Map.of(), null, NOW);
        fails("ResourceNotFoundException", "The specified log group does not exist.", () -> model.deleteLogGroup(HERE, "/course/none"));
        model.deleteLogGroup(HERE, "/course/app");
        assertEquals(List.of(), model.describeLogGroups(HERE, new GroupQuery(null, null, null, null, null), NOW).items());
        assertEquals(1, model.describeLogGroups(new Scope("000000000000", "eu-west-1"),
                new GroupQuery(null, null, null, null, null), NOW).items().size());
    }

    /** CreateLogGroup: 1-512 characters of a-z, A-Z, 0-9, '_', '-', '/', '.', '#'. */
    @Test
    void namesAreValidatedAsTheApiModelsThem() {
        fails("InvalidParameterException", "1 validation error detected: Value 'my group' at 'logGroupName' failed to satisfy "
                + "constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
                () -> model.createLogGroup(HERE, "my group", null, Map.of(), null, NOW));
        fails("InvalidParameterException", null, () -> model.createLogGroup(HERE, "x".repeat(513), null, Map.of(), null, NOW));
        fails("InvalidParameterException", null, () -> model.createLogGroup(HERE, "aws/mine", null, Map.of(), null, NOW));
        model.createLogGroup(HERE, "g", null, Map.of(), null, NOW);
        fails("InvalidParameterException", "1 validation error detected: Value 'a:b' at 'logStreamName' failed to satisfy "
                + "constraint: Member must satisfy regular expression pattern: [^:*]*", () -> model.createLogStream(HERE, "g", "a:b", NOW));
        model.createLogStream(HERE, "g", "2026/03/01/[$LATEST]0123abcd", NOW);
    }

    /** DescribeLogGroups: ASCII-sorted by name, filtered by prefix, at most `limit` (default 50) per page. */
    @Test
    void groupsAreListedInNameOrderByPrefixAndPage() {
        for (String name : List.of("/b/2", "/a/1", "/b/1", "/b/3", "/c")) {
            model.createLogGroup(HERE, name, null, Map.of(), null, NOW);
        }
        Page<LogGroupInfo> first = model.describeLogGroups(HERE, new GroupQuery("/b/", null, null, 2, null), NOW);
        assertEquals(List.of("/b/1", "/b/2"), first.items().stream().map(LogGroupInfo::name).toList());
        Page<LogGroupInfo> second = model.describeLogGroups(HERE, new GroupQuery("/b/", null, null, 2, first.nextToken().orElseThrow()), NOW);
        assertEquals(List.of("/b/3"), second.items().stream().map(LogGroupInfo::name).toList());
        assertEquals(Optional.empty(), second.nextToken());
        LogGroupInfo info = first.items().get(0);
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:/b/1:*", info.arn());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:/b/1", info.logGroupArn());
        assertEquals("STANDARD", info.logGroupClass());
        fails("InvalidParameterException", null, () -> model.describeLogGroups(HERE, new GroupQuery(null, null, null, 51, null), NOW));
        fails("InvalidParameterException", null, () -> model.describeLogGroups(HERE, new GroupQuery(null, null, null, null, "garbage!"), NOW));
    }

    /** DescribeLogStreams: by name (default) or LastEventTime, which cannot be combined with a prefix. */
    @Test
    void streamsAreOrderedByNameOrLastEventTime() {
        model.createLogGroup(HERE, "g", null, Map.of(), null, NOW);
        for (String stream : List.of("c", "a", "b")) {
            model.createLogStream(HERE, "g", stream, NOW);
        }
        model.putLogEvents(HERE, "g", "a", events(T - 1000), NOW);
        model.putLogEvents(HERE, "g", "b", events(T - 3000), NOW);
        model.putLogEvents(HERE, "g", "c", events(T - 2000), NOW);
        assertEquals(List.of("a", "b", "c"), names(model.describeLogStreams(HERE, "g", new StreamQuery(null, false, false, null, null), NOW)));
        assertEquals(List.of("a", "c", "b"), names(model.describeLogStreams(HERE, "g", new StreamQuery(null, true, true, null, null), NOW)));
        Page<LogStreamInfo> first = model.describeLogStreams(HERE, "g", new StreamQuery(null, true, false, 2, null), NOW);
        assertEquals(List.of("b", "c"), names(first));
        assertEquals(List.of("a"), names(model.describeLogStreams(HERE, "g",
                new StreamQuery(null, true, false, 2, first.nextToken().orElseThrow()), NOW)));
        fails("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.",
                () -> model.describeLogStreams(HERE, "g", new StreamQuery("a", true, false, null, null), NOW));
        LogStreamInfo b = first.items().get(0);
        assertEquals(Optional.of(T - 3000), b.firstEventTimestamp());
        assertEquals(Optional.of(T), b.lastIngestionTime());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:g:log-stream:b", b.arn());
        fails("ResourceAlreadyExistsException", "The specified log stream already exists", () -> model.createLogStream(HERE, "g", "a", NOW));
        fails("ResourceNotFoundException", "The specified log group does not exist.", () -> model.createLogStream(HERE, "none", "a", NOW));
        fails("ResourceNotFoundException", "The specified log stream does not exist.", () -> model.deleteLogStream(HERE, "g", "none"));
    }

    private static List<String> names(Page<LogStreamInfo> page) {
        return page.items().stream().map(LogStreamInfo::name).toList();
    }

    /**
     * PutLogEvents: events within a batch must be chronological; events more than 2 hours ahead or 14 days
     * behind are rejected and reported while the others are stored; the sequence token is gone from the API.
     * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
     */
    @Test
    void putLogEventsRejectsTooOldAndTooNewEventsAndStoresTheRest() {
        groupWithStream("g", "s");
        long day = Duration.ofDays(1).toMillis();
        PutResult result = model.putLogEvents(HERE, "g", "s",
                events(T - 15 * day, T - 15 * day + 1, T - 1000, T, T + Duration.ofHours(3).toMillis()), NOW);
        LogsModel.Rejected rejected = result.rejected().orElseThrow();
        assertEquals(Optional.of(2), rejected.tooOldLogEventEndIndex(), "exclusive end: events 0 and 1 are too old");
        assertEquals(Optional.of(4), rejected.tooNewLogEventStartIndex(), "inclusive start");
        assertEquals(Optional.empty(), rejected.expiredLogEventEndIndex());
        EventPage stored = model.getLogEvents(HERE, "g", "s", new EventQuery(null, null, null, null, true), NOW);
        assertEquals(List.of("event at " + (T - 1000), "event at " + T), messages(stored.events()));
        assertEquals(T, stored.events().get(0).ingestionTime());

        PutResult clean = model.putLogEvents(HERE, "g", "s", events(T), NOW);
        assertEquals(Optional.empty(), clean.rejected());
        assertNotEquals(result.nextSequenceToken(), clean.nextSequenceToken());
    }

    @Test
    void putLogEventsEnforcesOrderSpanAndSize() {
        groupWithStream("g", "s");
        fails("InvalidParameterException", "Log events in a single PutLogEvents request must be in chronological order.",
                () -> model.putLogEvents(HERE, "g", "s", events(T, T - 1), NOW));
        fails("InvalidParameterException", "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.",
                () -> model.putLogEvents(HERE, "g", "s", events(T - Duration.ofHours(25).toMillis(), T), NOW));
        // the size counts each message in UTF-8 plus 26 bytes: 2 x (524,262 + 26) = 1,048,576 fits, one byte more does not
        String half = "x".repeat(524_262);
        model.putLogEvents(HERE, "g", "s", List.of(new InputEvent(T, half), new InputEvent(T, half)), NOW);
        fails("InvalidParameterException", "Upload too large: 1048577 bytes exceeds limit of 1048576",
                () -> model.putLogEvents(HERE, "g", "s", List.of(new InputEvent(T, half), new InputEvent(T, half + "y")), NOW));
        fails("InvalidParameterException", null, () -> model.putLogEvents(HERE, "g", "s", events(new long[10_001]), NOW));
        fails("InvalidParameterException", null, () -> model.putLogEvents(HERE, "g", "s", List.of(new InputEvent(T, "")), NOW));
        fails("ResourceNotFoundException", "The specified log stream does not exist.", () -> model.putLogEvents(HERE, "g", "none", events(T), NOW));
        // batches from parallel writers may go back in time: only a single batch must be chronological
        model.putLogEvents(HERE, "g", "s", events(T - 5000), NOW);
        EventPage all = model.getLogEvents(HERE, "g", "s", new EventQuery(null, null, null, null, true), NOW);
        assertEquals(T - 5000, all.events().get(0).timestamp(), "events are kept in timestamp order");
    }

    /**
     * GetLogEvents: without a token, the tail (or the head with startFromHead); nextForwardToken and
     * nextBackwardToken move along the stream, and at its end the token passed in comes back.
     * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html
     */
    @Test
    void getLogEventsPagesForwardAndBackwardWithTokens() {
        groupWithStream("g", "s");
        model.putLogEvents(HERE, "g", "s", events(T - 5, T - 4, T - 3, T - 2, T - 1), NOW);
        EventPage tail = model.getLogEvents(HERE, "g", "s", new EventQuery(null, null, null, 2, false), NOW);
        assertEquals(List.of("event at " + (T - 2), "event at " + (T - 1)), messages(tail.events()));
        EventPage earlier = model.getLogEvents(HERE, "g", "s", new EventQuery(null, null, tail.nextBackwardToken(), 2, false), NOW);
        assertEquals(List.of("event at " + (T - 4), "event at " + (T - 3)), messages(earlier.events()));
        EventPage earliest = model.getLogEvents(HERE, "g", "s", new EventQuery(null, null, earlier.nextBackwardToken(), 2, false), NOW);
        assertEquals(List.of("event at " + (T - 5)), messages(earliest.events()));
        EventPage before = model.getLogEvents(HERE, "g", "s", new EventQuery(null, null, earliest.nextBackwardToken(), 2, false), NOW);
        assertEquals(List.of(), before.events());
        assertEquals(earliest.nextBackwardToken(), before.nextBackwardToken(), "at the head the backward token comes back");
        EventPage forwardAgain = model.getLogEvents(HERE, "g", "s", new EventQuery(null, null, before.nextForwardToken(), 2, true), NOW);
        assertEquals(List.of("event at " + (T - 5), "event at " + (T - 4)), messages(forwardAgain.events()));

        EventPage atEnd = model.getLogEvents(HERE, "g", "s", new EventQuery(null, null, tail.nextForwardToken(), 2, true), NOW);
        assertEquals(List.of(), atEnd.events());
        assertEquals(tail.nextForwardToken(), atEnd.nextForwardToken(), "at the tail the forward token comes back");
        model.putLogEvents(HERE, "g", "s", events(T), NOW);
        EventPage newer = model.getLogEvents(HERE, "g", "s", new EventQuery(null, null, atEnd.nextForwardToken(), 2, true), NOW);
        assertEquals(List.of("event at " + T), messages(newer.events()), "a forward token sees events put later");

        EventPage head = model.getLogEvents(HERE, "g", "s", new EventQuery(T - 4, T - 1, null, null, true), NOW);
        assertEquals(List.of("event at " + (T - 4), "event at " + (T - 3), "event at " + (T - 2)), messages(head.events()),
                "startTime is inclusive, endTime exclusive");
        assertTrue(tail.nextForwardToken().startsWith("f/") && tail.nextBackwardToken().startsWith("b/"));
        fails("InvalidParameterException", null, () -> model.getLogEvents(HERE, "g", "s", new EventQuery(null, null, "x/1/s", null, true), NOW));
    }

    /**
     * FilterLogEvents: events of the chosen streams interleaved by time, startTime and endTime inclusive,
     * the pattern applied, nextToken only while more remain.
     * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
     */
    @Test
    void filterLogEventsInterleavesStreamsAndPages() {
        groupWithStream("g", "web-1");
        model.createLogStream(HERE, "g", "web-2", NOW);
        model.createLogStream(HERE, "g", "worker", NOW);
        model.putLogEvents(HERE, "g", "web-1", List.of(new InputEvent(T - 30, "ERROR one"), new InputEvent(T - 10, "INFO two")), NOW);
        model.putLogEvents(HERE, "g", "web-2", List.of(new InputEvent(T - 20, "ERROR three")), NOW);
        model.putLogEvents(HERE, "g", "worker", List.of(new InputEvent(T - 25, "ERROR four")), NOW);

        FilteredPage errors = model.filterLogEvents(HERE, "g", new FilterQuery(null, null, null, null, "ERROR", null, null), NOW);
        assertEquals(List.of("ERROR one", "ERROR four", "ERROR three"), errors.events().stream().map(LogsModel.FilteredEvent::message).toList());
        assertEquals(List.of("web-1", "worker", "web-2"), errors.events().stream().map(LogsModel.FilteredEvent::logStreamName).toList());
        assertEquals(Optional.empty(), errors.nextToken());

        FilteredPage web = model.filterLogEvents(HERE, "g", new FilterQuery(null, "web-", T - 30, T - 20, null, null, 1), NOW);
        assertEquals(List.of("ERROR one"), web.events().stream().map(LogsModel.FilteredEvent::message).toList());
        FilteredPage next = model.filterLogEvents(HERE, "g", new FilterQuery(null, "web-", T - 30, T - 20, null, web.nextToken().orElseThrow(), 1), NOW);
        assertEquals(List.of("ERROR three"), next.events().stream().map(LogsModel.FilteredEvent::message).toList(), "endTime is inclusive");
        assertEquals(Optional.empty(), next.nextToken());
        assertEquals(List.of("web-1", "web-2"), next.searchedLogStreams());

        FilteredPage named = model.filterLogEvents(HERE, "g", new FilterQuery(List.of("worker"), null, null, null, "", null, null), NOW);
        assertEquals(List.of("ERROR four"), named.events().stream().map(LogsModel.FilteredEvent::message).toList());
        fails("InvalidParameterException", null,
                () -> model.filterLogEvents(HERE, "g", new FilterQuery(List.of("worker"), "web", null, null, null, null, null), NOW));
    }

    /** PutRetentionPolicy: only the documented periods; events past the period are deleted and later ones rejected as expired. */
    @Test
    void retentionDeletesOldEventsAndRejectsExpiredOnes() {
        groupWithStream("g", "s");
        long day = Duration.ofDays(1).toMillis();
        model.putLogEvents(HERE, "g", "s", events(T - 2 * day - 1), NOW);
        model.putLogEvents(HERE, "g", "s", events(T - 1000), NOW);
        fails("InvalidParameterException", null, () -> model.putRetentionPolicy(HERE, "g", 2, NOW));
        model.putRetentionPolicy(HERE, "g", 1, NOW);
        assertEquals(List.of("event at " + (T - 1000)),
                messages(model.getLogEvents(HERE, "g", "s", new EventQuery(null, null, null, null, true), NOW).events()));
        assertEquals(1, model.describeLogGroups(HERE, new GroupQuery(null, null, null, null, null), NOW).items().get(0).retentionInDays());
        PutResult expired = model.putLogEvents(HERE, "g", "s", events(T - 2 * day, T), NOW);
        assertEquals(Optional.of(1), expired.rejected().orElseThrow().expiredLogEventEndIndex());
        model.deleteRetentionPolicy(HERE, "g");
        assertEquals(null, model.describeLogGroups(HERE, new GroupQuery(null, null, null, null, null), NOW).items().get(0).retentionInDays());
    }

    @Test
    void tagsAreKeptPerGroupUpToFifty() {
        model.createLogGroup(HERE, "g", null, Map.of("team", "course"), null, NOW);
        model.tagLogGroup(HERE, LogsModel.groupName(HERE, HERE.groupArn("g")), Map.of("stage", "dev"));
        assertEquals(Map.of("team", "course", "stage", "dev"), model.listTags(HERE, "g"));
        model.untagLogGroup(HERE, "g", List.of("team"));
        assertEquals(Map.of("stage", "dev"), model.listTags(HERE, "g"));
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            many.put("k" + i, "v");
        }
        fails("TooManyTagsException", null, () -> model.tagLogGroup(HERE, "g", many));
        fails("ResourceNotFoundException", null, () -> LogsModel.groupName(HERE, "arn:aws:logs:eu-west-1:000000000000:log-group:g"));
    }

    /** The in-process API another service (Lambda) writes its logs with: group and stream are created on first use. */
    @Test
    void appendCreatesTheGroupAndStreamItWritesTo() {
        model.append(HERE, "/aws/lambda/hello", "2026/03/01/[$LATEST]abc", events(T - 2, T - 1), NOW);
        model.append(HERE, "/aws/lambda/hello", "2026/03/01/[$LATEST]abc", events(T), NOW);
        assertEquals(3, model.getLogEvents(HERE, "/aws/lambda/hello", "2026/03/01/[$LATEST]abc",
                new EventQuery(null, null, null, null, true), NOW).events().size());
    }

    /** Under --data, state survives a restart; names never become file names; crash leftovers are cleaned up. */
    @Test
    void stateSurvivesARestartInItsDirectory(@TempDir Path data) throws Exception {
        LogsModel first = new LogsModel(data);
        first.createLogGroup(HERE, "/course/app", null, Map.of("team", "course"), null, NOW);
        first.createLogStream(HERE, "/course/app", "../../escape", NOW);
        first.putLogEvents(HERE, "/course/app", "../../escape", events(T - 1, T), NOW);
        first.putRetentionPolicy(HERE, "/course/app", 7, NOW);
        Files.writeString(data.resolve("streams").resolve("0b8e1a30-0000-4000-8000-000000000000.json"), "[]");
        Files.writeString(data.resolve("tmp").resolve("half-written.tmp"), "{");

        LogsModel second = new LogsModel(data);
        assertEquals(List.of("event at " + (T - 1), "event at " + T), messages(second.getLogEvents(HERE, "/course/app", "../../escape",
                new EventQuery(null, null, null, null, true), NOW).events()));
        assertEquals(7, second.describeLogGroups(HERE, new GroupQuery(null, null, null, null, null), NOW).items().get(0).retentionInDays());
        assertEquals(Map.of("team", "course"), second.listTags(HERE, "/course/app"));
        try (var files = Files.list(data.resolve("streams"))) {
            assertEquals(1, files.count(), "the unreferenced stream file is gone");
        }
        try (var files = Files.list(data.resolve("tmp"))) {
            assertEquals(0, files.count());
        }
        assertFalse(Files.exists(data.resolve("escape")) || Files.exists(data.getParent().resolve("escape")));
        PutResult more = second.putLogEvents(HERE, "/course/app", "../../escape", events(T), NOW);
        assertEquals(Optional.empty(), more.rejected());
        second.reset();
        assertEquals(List.of(), new LogsModel(data).describeLogGroups(HERE, new GroupQuery(null, null, null, null, null), NOW).items());
    }
}
