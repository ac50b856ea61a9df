package course.sandbox.logs;

import course.sandbox.logs.LogsFiles.Event;
import course.sandbox.logs.LogsFiles.StoredGroup;
import course.sandbox.logs.LogsFiles.StoredScope;
import course.sandbox.logs.LogsFiles.StoredState;
import course.sandbox.logs.LogsFiles.StoredStream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudWatch Logs' state and rules, without HTTP: log groups and their streams per account and
 * region, events, retention and tags, with AWS's limits and errors ({@link LogsErrors}). Kept in
 * memory, or under a directory ({@link LogsFiles}) when the sandbox runs with {@code --data}.
 *
 * <p>Other services write their logs in-process with {@link #append}, which creates the group and
 * stream as needed, as Lambda does for {@code /aws/lambda/<function>}.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/Welcome.html">CloudWatch Logs API reference</a>
 */
public final class LogsModel {
    /** PutLogEvents: at most 10,000 events and 1,048,576 bytes, counting each message in UTF-8 plus 26 bytes. */
    public static final int MAX_BATCH_EVENTS = 10_000;
    public static final int MAX_BATCH_BYTES = 1_048_576;
    public static final int EVENT_OVERHEAD_BYTES = 26;
    /** Events more than 2 hours ahead or 14 days behind are rejected; a batch may not span more than 24 hours. */
    public static final Duration MAX_AHEAD = Duration.ofHours(2);
    public static final Duration MAX_BEHIND = Duration.ofDays(14);
    public static final Duration MAX_SPAN = Duration.ofHours(24);
    /** The retention periods PutRetentionPolicy accepts. */
    public static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    public static final List<String> LOG_GROUP_CLASSES = List.of("STANDARD", "INFREQUENT_ACCESS", "DELIVERY");
    public static final int MAX_TAGS = 50;

    private static final Pattern GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]+");
    private static final Pattern STREAM_NAME = Pattern.compile("[^:*]*");
    private static final Pattern GROUP_ARN = Pattern.compile("arn:aws[a-z-]*:logs:([^:]*):([^:]*):log-group:([^:]+)(:\\*)?");
    private static final Pattern EVENT_TOKEN = Pattern.compile("([fb])/(\\d{19})(\\d{19})/s");
    private static final Pattern EVENT_KEY = Pattern.compile("(\\d{19})(\\d{19})");

    /** Where state lives: one account in one region. */
    public record Scope(String account, String region) {
        /** The log group's ARN without the {@code :*} suffix: tagging takes it, and its IAM resource. */
        public String groupArn(String group) {
            return "arn:aws:logs:" + region + ":" + account + ":log-group:" + group;
        }

        public String streamArn(String group, String stream) {
            return groupArn(group) + ":log-stream:" + stream;
        }
    }

    public record InputEvent(long timestamp, String message) {
    }

    public record LogGroupInfo(String name, long creationTime, Integer retentionInDays, String kmsKeyId, String logGroupClass,
                               long storedBytes, String arn, String logGroupArn) {
    }

    public record LogStreamInfo(String name, long creationTime, Optional<Long> firstEventTimestamp,
                                Optional<Long> lastEventTimestamp, Optional<Long> lastIngestionTime,
                                String uploadSequenceToken, String arn) {
    }

    public record OutputEvent(long timestamp, String message, long ingestionTime) {
    }

    public record FilteredEvent(String logStreamName, long timestamp, String message, long ingestionTime, String eventId) {
    }

    /** PutLogEvents' rejectedLogEventsInfo: start index inclusive, end indexes exclusive. */
    public record Rejected(Optional<Integer> tooNewLogEventStartIndex, Optional<Integer> tooOldLogEventEndIndex,
                           Optional<Integer> expiredLogEventEndIndex) {
    }

    public record PutResult(String nextSequenceToken, Optional<Rejected> rejected) {
    }

    public record Page<T>(List<T> items, Optional<String> nextToken) {
    }

    public record EventPage(List<OutputEvent> events, String nextForwardToken, String nextBackwardToken) {
    }

    public record FilteredPage(List<FilteredEvent> events, List<String> searchedLogStreams, Optional<String> nextToken) {
    }

    /** DescribeLogGroups' filters; null members are absent. */
    public record GroupQuery(String namePrefix, String namePattern, String logGroupClass, Integer limit, String nextToken) {
    }

    /** DescribeLogStreams' filters and order; null members are absent. */
    public record StreamQuery(String namePrefix, boolean orderByLastEventTime, boolean descending, Integer limit,
                              String nextToken) {
    }

    /** GetLogEvents' range and position; null members are absent. */
    public record EventQuery(Long startTime, Long endTime, String nextToken, Integer limit, boolean startFromHead) {
    }

    /** FilterLogEvents' streams, range and pattern; null members are absent. */
    public record FilterQuery(List<String> logStreamNames, String logStreamNamePrefix, Long startTime, Long endTime,
                              String filterPattern, String nextToken, Integer limit) {
    }

    private static final class Group {
        final String name;
        final long creationTime;
        Integer retentionInDays;
        String kmsKeyId;
        String logGroupClass;
        final TreeMap<String, String> tags = new TreeMap<>();
        final TreeMap<String, Stream> streams = new TreeMap<>();
        /** The last sequence number given to an event of this group. */
        long lastSequence;

        Group(String name, long creationTime) {
            this.name = name;
            this.creationTime = creationTime;
        }
    }

    private static final class Stream {
        final String name;
        final long creationTime;
        final String fileId;
        /** Ordered by timestamp, then sequence. */
        final ArrayList<Event> events = new ArrayList<>();

        Stream(String name, long creationTime, String fileId) {
            this.name = name;
            this.creationTime = creationTime;
            this.fileId = fileId;
        }
    }

    private static final Comparator<Event> EVENT_ORDER = Comparator.comparingLong(Event::timestamp).thenComparingLong(Event::sequence);

    private final Optional<LogsFiles> files;
    private final Map<Scope, TreeMap<String, Group>> scopes = new LinkedHashMap<>();
    /** Query results are kept for GetQueryResults: the newest 100 (AWS keeps them for 7 days). */
    private static final int MAX_KEPT_QUERIES = 100;
    private final Map<String, StoredQuery> queries = new LinkedHashMap<>();

    /** Logs kept in memory. */
    public LogsModel() {
        this.files = Optional.empty();
    }

    /** Logs kept under {@code directory}, reloaded from it. */
    public LogsModel(Path directory) {
        this.files = Optional.of(new LogsFiles(directory));
        load(files.get());
    }

    // ---- log groups

    public synchronized void createLogGroup(Scope scope, String name, String kmsKeyId, Map<String, String> tags,
                                            String logGroupClass, Instant now) {
        checkGroupName(name);
        if (name.startsWith("aws/")) {
            throw LogsErrors.invalid("Log group names can't start with aws/.");
        }
        if (kmsKeyId != null && kmsKeyId.length() > 256) {
            throw LogsErrors.validation("kmsKeyId", kmsKeyId, "have length less than or equal to 256");
        }
        String groupClass = logGroupClass == null ? "STANDARD" : logGroupClass;
        if (!LOG_GROUP_CLASSES.contains(groupClass)) {
            throw LogsErrors.validation("logGroupClass", logGroupClass, "satisfy enum value set: " + LOG_GROUP_CLASSES);
        }
        checkTags(scope.groupArn(name), tags == null ? Map.of() : tags, 0);
        TreeMap<String, Group> groups = groups(scope);
        if (groups.containsKey(name)) {
            throw LogsErrors.groupExists();
        }
        Group group = new Group(name, now.toEpochMilli());
        group.kmsKeyId = kmsKeyId;
        group.logGroupClass = groupClass;
        if (tags != null) {
            group.tags.putAll(tags);
        }
        groups.put(name, group);
        saveState();
    }

    public synchronized void deleteLogGroup(Scope scope, String name) {
        checkGroupName(name);
        Group group = groups(scope).remove(name);
        if (group == null) {
            throw LogsErrors.groupNotFound();
        }
        saveState();
        files.ifPresent(store -> group.streams.values().forEach(stream -> store.deleteStream(stream.fileId)));
    }

    public synchronized Page<LogGroupInfo> describeLogGroups(Scope scope, GroupQuery query, Instant now) {
        if (query.namePrefix() != null && query.namePattern() != null) {
            throw LogsErrors.invalid("LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.");
        }
        if (query.namePrefix() != null) {
            checkGroupName(query.namePrefix());
        }
        int limit = limit(query.limit(), 50, "limit");
        String after = query.nextToken() == null ? null : decodeToken(query.nextToken());
        List<LogGroupInfo> page = new ArrayList<>();
        boolean more = false;
        for (Group group : groups(scope).tailMap(after == null ? "" : after, after == null).values()) {
            if ((query.namePrefix() != null && !group.name.startsWith(query.namePrefix()))
                    || (query.namePattern() != null && !group.name.contains(query.namePattern()))
                    || (query.logGroupClass() != null && !query.logGroupClass().equals(group.logGroupClass))) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            expire(group, now);
            page.add(info(scope, group));
        }
        return new Page<>(page, more ? Optional.of(encodeToken(page.get(page.size() - 1).name())) : Optional.empty());
    }

    public synchronized void putRetentionPolicy(Scope scope, String group, Integer retentionInDays, Instant now) {
        checkGroupName(group);
        if (retentionInDays == null) {
            throw LogsErrors.missing("retentionInDays");
        }
        if (!RETENTION_DAYS.contains(retentionInDays)) {
            throw LogsErrors.validation("retentionInDays", retentionInDays, "satisfy enum value set: " + RETENTION_DAYS);
        }
        Group found = group(scope, group);
        found.retentionInDays = retentionInDays;
        saveState();
        expire(found, now);
    }

    public synchronized void deleteRetentionPolicy(Scope scope, String group) {
        checkGroupName(group);
        group(scope, group).retentionInDays = null;
        saveState();
    }

    // ---- tags (TagResource, UntagResource, ListTagsForResource name the group by its ARN)

    public synchronized void tagLogGroup(Scope scope, String group, Map<String, String> tags) {
        Group found = group(scope, group);
        checkTags(scope.groupArn(group), tags, (int) found.tags.keySet().stream().filter(key -> !tags.containsKey(key)).count());
        found.tags.putAll(tags);
        saveState();
    }

    public synchronized void untagLogGroup(Scope scope, String group, List<String> tagKeys) {
        group(scope, group).tags.keySet().removeAll(tagKeys);
        saveState();
    }

    public synchronized Map<String, String> listTags(Scope scope, String group) {
        return new TreeMap<>(group(scope, group).tags);
    }

    /**
     * The group a {@code logGroupIdentifier} or tagging {@code resourceArn} names: a name, or a
     * log group ARN (with or without {@code :*}) of this account and region.
     */
    public static String groupName(Scope scope, String identifier) {
        if (!identifier.startsWith("arn:")) {
            return identifier;
        }
        Matcher arn = GROUP_ARN.matcher(identifier);
        if (!arn.matches()) {
            throw LogsErrors.invalid("Invalid log group ARN: " + identifier);
        }
        if (!arn.group(1).equals(scope.region()) || !arn.group(2).equals(scope.account())) {
            throw LogsErrors.groupNotFound();
        }
        return arn.group(3);
    }

    // ---- log streams

    public synchronized void createLogStream(Scope scope, String group, String stream, Instant now) {
        checkGroupName(group);
        checkStreamName(stream);
        Group found = group(scope, group);
        if (found.streams.containsKey(stream)) {
            throw LogsErrors.streamExists();
        }
        found.streams.put(stream, new Stream(stream, now.toEpochMilli(), LogsFiles.newFileId()));
        saveState();
    }

    public synchronized void deleteLogStream(Scope scope, String group, String stream) {
        checkGroupName(group);
        checkStreamName(stream);
        Stream removed = group(scope, group).streams.remove(stream);
        if (removed == null) {
            throw LogsErrors.streamNotFound();
        }
        saveState();
        files.ifPresent(store -> store.deleteStream(removed.fileId));
    }

    public synchronized Page<LogStreamInfo> describeLogStreams(Scope scope, String group, StreamQuery query, Instant now) {
        checkGroupName(group);
        if (query.namePrefix() != null) {
            checkStreamName(query.namePrefix());
            if (query.orderByLastEventTime()) {
                throw LogsErrors.invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
            }
        }
        int limit = limit(query.limit(), 50, "limit");
        Group found = group(scope, group);
        expire(found, now);
        Comparator<Stream> order = query.orderByLastEventTime()
                ? Comparator.<Stream>comparingLong(stream -> lastEventTimestamp(stream).orElse(0L)).thenComparing(stream -> stream.name)
                : Comparator.comparing(stream -> stream.name);
        if (query.descending()) {
            order = order.reversed();
        }
        List<Stream> streams = new ArrayList<>(found.streams.values().stream()
                .filter(stream -> query.namePrefix() == null || stream.name.startsWith(query.namePrefix())).sorted(order).toList());
        if (query.nextToken() != null) {
            String[] after = decodeToken(query.nextToken()).split("/", 2);
            if (after.length != 2) {
                throw invalidToken();
            }
            Stream last = new Stream(after[1], 0, "");
            last.events.add(new Event(parseLong(after[0]), "", 0, 0));
            Comparator<Stream> byOrder = order;
            streams.removeIf(stream -> byOrder.compare(stream, last) <= 0);
        }
        List<LogStreamInfo> page = streams.stream().limit(limit).map(stream -> info(scope, found, stream)).toList();
        Optional<String> next = Optional.empty();
        if (streams.size() > limit) {
            Stream last = streams.get(limit - 1);
            next = Optional.of(encodeToken((query.orderByLastEventTime() ? lastEventTimestamp(last).orElse(0L) : 0) + "/" + last.name));
        }
        return new Page<>(page, next);
    }

    // ---- events

    /**
     * Uploads a batch as AWS does today: the sequence token is ignored; events must be in
     * chronological order within the batch; events too far ahead, behind or past the retention
     * period are rejected (and reported) while the others are stored; the accepted ones may not
     * span more than 24 hours.
     *
     * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html">PutLogEvents</a>
     */
    public synchronized PutResult putLogEvents(Scope scope, String group, String stream, List<InputEvent> events, Instant now) {
        checkGroupName(group);
        checkStreamName(stream);
        Group foundGroup = group(scope, group);
        Stream found = stream(foundGroup, stream);
        if (events == null || events.isEmpty() || events.size() > MAX_BATCH_EVENTS) {
            throw events == null ? LogsErrors.missing("logEvents") : LogsErrors.validation("logEvents", "[" + events.size() + " events]",
                    events.isEmpty() ? "have length greater than or equal to 1" : "have length less than or equal to " + MAX_BATCH_EVENTS);
        }
        long bytes = 0;
        for (int i = 0; i < events.size(); i++) {
            InputEvent event = events.get(i);
            if (event.message() == null || event.message().isEmpty()) {
                throw event.message() == null ? LogsErrors.missing("logEvents." + (i + 1) + ".member.message")
                        : LogsErrors.validation("logEvents." + (i + 1) + ".member.message", "", "have length greater than or equal to 1");
            }
            if (event.timestamp() < 0) {
                throw LogsErrors.validation("logEvents." + (i + 1) + ".member.timestamp", event.timestamp(), "have value greater than or equal to 0");
            }
            bytes += event.message().getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD_BYTES;
            if (i > 0 && event.timestamp() < events.get(i - 1).timestamp()) {
                throw LogsErrors.invalid("Log events in a single PutLogEvents request must be in chronological order.");
            }
        }
        if (bytes > MAX_BATCH_BYTES) {
            throw LogsErrors.invalid("Upload too large: " + bytes + " bytes exceeds limit of " + MAX_BATCH_BYTES);
        }
        long nowMillis = now.toEpochMilli();
        long tooNewAfter = nowMillis + MAX_AHEAD.toMillis();
        long tooOldBefore = nowMillis - MAX_BEHIND.toMillis();
        long expiredBefore = foundGroup.retentionInDays == null ? Long.MIN_VALUE
                : nowMillis - Duration.ofDays(foundGroup.retentionInDays).toMillis();
        int tooOldEnd = 0;
        int expiredEnd = 0;
        int tooNewStart = events.size();
        for (int i = 0; i < events.size(); i++) {
            long timestamp = events.get(i).timestamp();
            if (timestamp < tooOldBefore) {
                tooOldEnd = i + 1;
            }
            if (timestamp < expiredBefore) {
                expiredEnd = i + 1;
            }
            if (timestamp > tooNewAfter && tooNewStart == events.size()) {
                tooNewStart = i;
            }
        }
        int firstValid = Math.max(tooOldEnd, expiredEnd);
        if (tooNewStart > firstValid
                && events.get(tooNewStart - 1).timestamp() - events.get(firstValid).timestamp() > MAX_SPAN.toMillis()) {
            throw LogsErrors.invalid("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }
        expire(foundGroup, now);
        for (int i = firstValid; i < tooNewStart; i++) {
            insert(found, new Event(events.get(i).timestamp(), events.get(i).message(), nowMillis, ++foundGroup.lastSequence));
        }
        if (tooNewStart > firstValid) {
            files.ifPresent(store -> store.writeStream(found.fileId, found.events));
        }
        Optional<Rejected> rejected = tooOldEnd == 0 && expiredEnd == 0 && tooNewStart == events.size() ? Optional.empty()
                : Optional.of(new Rejected(tooNewStart == events.size() ? Optional.empty() : Optional.of(tooNewStart),
                        tooOldEnd == 0 ? Optional.empty() : Optional.of(tooOldEnd),
                        expiredEnd == 0 ? Optional.empty() : Optional.of(expiredEnd)));
        return new PutResult(sequenceToken(foundGroup.lastSequence), rejected);
    }

    /**
     * Appends events for a service that writes logs in-process (Lambda: {@code /aws/lambda/<function>}),
     * creating the group and the stream when they do not exist yet; the batch follows PutLogEvents' rules.
     */
    public synchronized PutResult append(Scope scope, String group, String stream, List<InputEvent> events, Instant now) {
        if (!groups(scope).containsKey(group)) {
            createLogGroup(scope, group, null, Map.of(), null, now);
        }
        if (!groups(scope).get(group).streams.containsKey(stream)) {
            createLogStream(scope, group, stream, now);
        }
        return putLogEvents(scope, group, stream, events, now);
    }

    /**
     * One page of a stream's events, oldest first within the page. Without a token the page is the
     * stream's head ({@code startFromHead}) or its tail; {@code f/…} tokens read forward, {@code b/…}
     * backward; at either end the token passed in comes back, which ends a paginator.
     *
     * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html">GetLogEvents</a>
     */
    public synchronized EventPage getLogEvents(Scope scope, String group, String stream, EventQuery query, Instant now) {
        checkGroupName(group);
        checkStreamName(stream);
        int limit = limit(query.limit(), MAX_BATCH_EVENTS, "limit");
        checkTime("startTime", query.startTime());
        checkTime("endTime", query.endTime());
        Group foundGroup = group(scope, group);
        Stream found = stream(foundGroup, stream);
        expire(foundGroup, now);
        // endTime is exclusive here
        List<Event> inRange = found.events.stream()
                .filter(event -> (query.startTime() == null || event.timestamp() >= query.startTime())
                        && (query.endTime() == null || event.timestamp() < query.endTime())).toList();
        Matcher token = null;
        if (query.nextToken() != null) {
            token = EVENT_TOKEN.matcher(query.nextToken());
            if (!token.matches()) {
                throw invalidToken();
            }
        }
        List<Event> page = new ArrayList<>();
        boolean forward = token == null ? query.startFromHead() : token.group(1).equals("f");
        if (forward) {
            int from = token == null ? 0 : firstAfter(inRange, key(token));
            long size = 0;
            for (int i = from; i < inRange.size() && page.size() < limit; i++) {
                size += size(inRange.get(i));
                if (size > MAX_BATCH_BYTES) {
                    break;
                }
                page.add(inRange.get(i));
            }
        } else {
            int to = token == null ? inRange.size() : firstAfter(inRange, predecessor(key(token)));
            long size = 0;
            for (int i = to - 1; i >= 0 && page.size() < limit; i--) {
                size += size(inRange.get(i));
                if (size > MAX_BATCH_BYTES) {
                    break;
                }
                page.add(0, inRange.get(i));
            }
        }
        String nextForward;
        String nextBackward;
        if (!page.isEmpty()) {
            nextForward = "f/" + key(page.get(page.size() - 1)) + "/s";
            nextBackward = "b/" + key(page.get(0)) + "/s";
        } else if (token == null) {
            nextForward = "f/" + key(0, 0) + "/s";
            nextBackward = "b/" + key(0, 0) + "/s";
        } else if (forward) {
            nextForward = query.nextToken();
            long[] at = key(token);
            nextBackward = "b/" + key(at[0], at[1] + 1) + "/s";
        } else {
            nextBackward = query.nextToken();
            long[] at = predecessor(key(token));
            nextForward = "f/" + key(at[0], at[1]) + "/s";
        }
        return new EventPage(page.stream().map(event -> new OutputEvent(event.timestamp(), event.message(), event.ingestionTime()))
                .toList(), nextForward, nextBackward);
    }

    /**
     * Matching events of a group's streams (all, those named, or those with a prefix), interleaved
     * by timestamp; {@code startTime} and {@code endTime} are both inclusive here.
     *
     * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html">FilterLogEvents</a>
     */
    public synchronized FilteredPage filterLogEvents(Scope scope, String group, FilterQuery query, Instant now) {
        checkGroupName(group);
        if (query.logStreamNames() != null && query.logStreamNamePrefix() != null) {
            throw LogsErrors.invalid("Cannot specify both logStreamNames and logStreamNamePrefix");
        }
        if (query.logStreamNames() != null && (query.logStreamNames().isEmpty() || query.logStreamNames().size() > 100)) {
            throw LogsErrors.validation("logStreamNames", query.logStreamNames(), query.logStreamNames().isEmpty()
                    ? "have length greater than or equal to 1" : "have length less than or equal to 100");
        }
        if (query.logStreamNamePrefix() != null) {
            checkStreamName(query.logStreamNamePrefix());
        }
        checkTime("startTime", query.startTime());
        checkTime("endTime", query.endTime());
        int limit = limit(query.limit(), MAX_BATCH_EVENTS, "limit");
        FilterPattern pattern = FilterPattern.parse(query.filterPattern());
        long[] after = null;
        if (query.nextToken() != null) {
            Matcher key = EVENT_KEY.matcher(decodeToken(query.nextToken()));
            if (!key.matches()) {
                throw invalidToken();
            }
            after = new long[] {parseLong(key.group(1)), parseLong(key.group(2))};
        }
        Group found = group(scope, group);
        expire(found, now);
        List<Stream> streams = found.streams.values().stream()
                .filter(stream -> query.logStreamNames() == null || query.logStreamNames().contains(stream.name))
                .filter(stream -> query.logStreamNamePrefix() == null || stream.name.startsWith(query.logStreamNamePrefix()))
                .toList();
        record Match(Stream stream, Event event) {
        }
        List<Match> matches = new ArrayList<>();
        for (Stream stream : streams) {
            for (Event event : stream.events) {
                if ((query.startTime() == null || event.timestamp() >= query.startTime())
                        && (query.endTime() == null || event.timestamp() <= query.endTime())
                        && (after == null || compareKey(event, after) > 0)
                        && pattern.matches(event.message())) {
                    matches.add(new Match(stream, event));
                }
            }
        }
        matches.sort(Comparator.comparing(Match::event, EVENT_ORDER));
        List<FilteredEvent> page = new ArrayList<>();
        long size = 0;
        for (Match match : matches) {
            size += size(match.event());
            if (page.size() == limit || size > MAX_BATCH_BYTES) {
                break;
            }
            page.add(new FilteredEvent(match.stream().name, match.event().timestamp(), match.event().message(),
                    match.event().ingestionTime(), key(match.event())));
        }
        Optional<String> next = page.size() < matches.size() ? Optional.of(encodeToken(page.get(page.size() - 1).eventId()))
                : Optional.empty();
        return new FilteredPage(page, streams.stream().map(stream -> stream.name).toList(), next);
    }

    // ---- Logs Insights

    /** A query's state and results, as GetQueryResults reports them. */
    public record QueryResults(String status, List<Map<String, Object>> rows, long recordsMatched, long recordsScanned,
                               long bytesScanned) {
    }

    /** At most this many log groups per query. */
    public static final int MAX_QUERY_GROUPS = 50;

    /**
     * Runs a Logs Insights query over the groups' events between {@code startTime} and
     * {@code endTime} (epoch seconds, both inclusive); the results are ready when this returns.
     *
     * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartQuery.html">StartQuery</a>
     */
    public synchronized String startQuery(Scope scope, List<String> groupNames, Long startTime, Long endTime, String queryString,
                                          Integer limit, Instant now) {
        if (groupNames.isEmpty()) {
            throw LogsErrors.invalid("Specify either logGroupName, logGroupNames or logGroupIdentifiers.");
        }
        if (groupNames.size() > MAX_QUERY_GROUPS) {
            throw LogsErrors.validation("logGroupNames", groupNames.size() + " groups", "have length less than or equal to "
                    + MAX_QUERY_GROUPS);
        }
        if (startTime == null || endTime == null) {
            throw LogsErrors.missing(startTime == null ? "startTime" : "endTime");
        }
        if (endTime < startTime) {
            throw LogsErrors.invalid("End time should not be before the start time");
        }
        if (queryString == null) {
            throw LogsErrors.missing("queryString");
        }
        int rows = limit(limit, InsightsQuery.DEFAULT_LIMIT, "limit");
        InsightsQuery query;
        try {
            query = InsightsQuery.parse(queryString);
        } catch (InsightsQuery.MalformedQueryException e) {
            throw new course.sandbox.service.ServiceException(400, "MalformedQueryException", e.getMessage());
        }
        List<InsightsQuery.Event> events = new ArrayList<>();
        long bytes = 0;
        for (String name : groupNames) {
            checkGroupName(name);
            Group group = group(scope, name);
            expire(group, now);
            for (Stream stream : group.streams.values()) {
                for (Event event : stream.events) {
                    if (event.timestamp() >= startTime * 1000 && event.timestamp() <= endTime * 1000 + 999) {
                        events.add(new InsightsQuery.Event(scope.account() + ":" + name, stream.name, event.timestamp(),
                                event.message()));
                        bytes += event.message().getBytes(StandardCharsets.UTF_8).length;
                    }
                }
            }
        }
        InsightsQuery.Result result = query.run(events, rows);
        String id = java.util.UUID.randomUUID().toString();
        queries.put(id, new StoredQuery(scope, new QueryResults("Complete", result.rows(), result.matched(), events.size(), bytes)));
        while (queries.size() > MAX_KEPT_QUERIES) {
            queries.remove(queries.keySet().iterator().next());
        }
        return id;
    }

    public synchronized QueryResults getQueryResults(Scope scope, String queryId) {
        StoredQuery stored = queries.get(queryId);
        if (stored == null || !stored.scope().equals(scope)) {
            throw new course.sandbox.service.ServiceException(400, "ResourceNotFoundException", "Query does not exist.");
        }
        return stored.results();
    }

    /** Stops a running query; the sandbox's queries complete as they start, so there is never one to stop. */
    public synchronized boolean stopQuery(Scope scope, String queryId) {
        getQueryResults(scope, queryId);
        return false;
    }

    private record StoredQuery(Scope scope, QueryResults results) {
    }

    /** Drops everything ({@code sandbox reset}). */
    public synchronized void reset() {
        queries.clear();
        scopes.clear();
        saveState();
        files.ifPresent(store -> store.deleteUnreferenced(Set.of()));
    }

    // ---- rules shared by the operations

    private TreeMap<String, Group> groups(Scope scope) {
        return scopes.computeIfAbsent(scope, key -> new TreeMap<>());
    }

    private Group group(Scope scope, String name) {
        Group group = groups(scope).get(name);
        if (group == null) {
            throw LogsErrors.groupNotFound();
        }
        return group;
    }

    private static Stream stream(Group group, String name) {
        Stream stream = group.streams.get(name);
        if (stream == null) {
            throw LogsErrors.streamNotFound();
        }
        return stream;
    }

    private static void checkGroupName(String name) {
        checkName("logGroupName", name, GROUP_NAME, "[\\.\\-_/#A-Za-z0-9]+");
    }

    private static void checkStreamName(String name) {
        checkName("logStreamName", name, STREAM_NAME, "[^:*]*");
    }

    private static void checkName(String member, String name, Pattern pattern, String shown) {
        if (name == null) {
            throw LogsErrors.missing(member);
        }
        if (name.isEmpty() || name.length() > 512) {
            throw LogsErrors.validation(member, name, name.isEmpty() ? "have length greater than or equal to 1"
                    : "have length less than or equal to 512");
        }
        if (!pattern.matcher(name).matches()) {
            throw LogsErrors.validation(member, name, "satisfy regular expression pattern: " + shown);
        }
    }

    private static void checkTime(String member, Long time) {
        if (time != null && time < 0) {
            throw LogsErrors.validation(member, time, "have value greater than or equal to 0");
        }
    }

    private static int limit(Integer limit, int max, String member) {
        if (limit == null) {
            return max;
        }
        if (limit < 1 || limit > max) {
            throw LogsErrors.validation(member, limit, limit < 1 ? "have value greater than or equal to 1"
                    : "have value less than or equal to " + max);
        }
        return limit;
    }

    private static void checkTags(String resourceArn, Map<String, String> tags, int kept) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().isEmpty() || tag.getKey().length() > 128) {
                throw LogsErrors.validation("tags", tag.getKey(), "have length less than or equal to 128");
            }
            if (tag.getValue() == null || tag.getValue().length() > 256) {
                throw LogsErrors.validation("tags." + tag.getKey(), tag.getValue(), "have length less than or equal to 256");
            }
        }
        if (tags.size() + kept > MAX_TAGS) {
            throw LogsErrors.tooManyTags(resourceArn);
        }
    }

    /** Events older than the group's retention period go, as AWS deletes them. */
    private void expire(Group group, Instant now) {
        if (group.retentionInDays == null) {
            return;
        }
        long cutoff = now.toEpochMilli() - Duration.ofDays(group.retentionInDays).toMillis();
        for (Stream stream : group.streams.values()) {
            int expired = 0;
            while (expired < stream.events.size() && stream.events.get(expired).timestamp() < cutoff) {
                expired++;
            }
            if (expired > 0) {
                stream.events.subList(0, expired).clear();
                files.ifPresent(store -> store.writeStream(stream.fileId, stream.events));
            }
        }
    }

    private static void insert(Stream stream, Event event) {
        int at = stream.events.size();
        while (at > 0 && EVENT_ORDER.compare(stream.events.get(at - 1), event) > 0) {
            at--;
        }
        stream.events.add(at, event);
    }

    private static long size(Event event) {
        return event.message().getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD_BYTES;
    }

    private static Optional<Long> lastEventTimestamp(Stream stream) {
        return stream.events.stream().map(Event::timestamp).max(Long::compare);
    }

    private static LogGroupInfo info(Scope scope, Group group) {
        long stored = group.streams.values().stream().flatMap(stream -> stream.events.stream())
                .mapToLong(event -> event.message().getBytes(StandardCharsets.UTF_8).length).sum();
        return new LogGroupInfo(group.name, group.creationTime, group.retentionInDays, group.kmsKeyId, group.logGroupClass,
                stored, scope.groupArn(group.name) + ":*", scope.groupArn(group.name));
    }

    private static LogStreamInfo info(Scope scope, Group group, Stream stream) {
        Optional<Long> first = stream.events.stream().map(Event::timestamp).min(Long::compare);
        Optional<Long> ingested = stream.events.stream().map(Event::ingestionTime).max(Long::compare);
        long lastSequence = stream.events.stream().mapToLong(Event::sequence).max().orElse(0);
        return new LogStreamInfo(stream.name, stream.creationTime, first, lastEventTimestamp(stream), ingested,
                sequenceToken(lastSequence), scope.streamArn(group.name, stream.name));
    }

    private static String sequenceToken(long sequence) {
        return String.format("%056d", sequence + 1);
    }

    // ---- tokens: events are keyed by (timestamp, sequence), 19 digits each

    private static String key(long timestamp, long sequence) {
        return String.format("%019d%019d", timestamp, sequence);
    }

    private static String key(Event event) {
        return key(event.timestamp(), event.sequence());
    }

    private static long[] key(Matcher token) {
        return new long[] {parseLong(token.group(2)), parseLong(token.group(3))};
    }

    private static long[] predecessor(long[] key) {
        return key[1] > 0 ? new long[] {key[0], key[1] - 1} : key;
    }

    private static int compareKey(Event event, long[] key) {
        int byTime = Long.compare(event.timestamp(), key[0]);
        return byTime != 0 ? byTime : Long.compare(event.sequence(), key[1]);
    }

    /** The index of the first event after {@code key}. */
    private static int firstAfter(List<Event> events, long[] key) {
        int index = 0;
        while (index < events.size() && compareKey(events.get(index), key) <= 0) {
            index++;
        }
        return index;
    }

    private static long parseLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw invalidToken();
        }
    }

    private static String encodeToken(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidToken();
        }
    }

    private static RuntimeException invalidToken() {
        return LogsErrors.invalid("The specified nextToken is invalid.");
    }

    // ---- persistence

    private void load(LogsFiles store) {
        Set<String> fileIds = new HashSet<>();
        for (StoredScope stored : store.load().scopes()) {
            TreeMap<String, Group> groups = groups(new Scope(stored.account(), stored.region()));
            for (StoredGroup storedGroup : stored.groups()) {
                Group group = new Group(storedGroup.name(), storedGroup.creationTime());
                group.retentionInDays = storedGroup.retentionInDays();
                group.kmsKeyId = storedGroup.kmsKeyId();
                group.logGroupClass = storedGroup.logGroupClass();
                group.tags.putAll(storedGroup.tags());
                for (StoredStream storedStream : storedGroup.streams()) {
                    // an id that is not a UUID never becomes a path: the stream starts over empty
                    boolean valid = LogsFiles.isFileId(storedStream.fileId());
                    Stream stream = new Stream(storedStream.name(), storedStream.creationTime(),
                            valid ? storedStream.fileId() : LogsFiles.newFileId());
                    if (valid) {
                        stream.events.addAll(store.readStream(stream.fileId));
                        stream.events.sort(EVENT_ORDER);
                    }
                    stream.events.forEach(event -> group.lastSequence = Math.max(group.lastSequence, event.sequence()));
                    fileIds.add(stream.fileId);
                    group.streams.put(stream.name, stream);
                }
                groups.put(group.name, group);
            }
        }
        store.deleteUnreferenced(fileIds);
    }

    private void saveState() {
        if (files.isEmpty()) {
            return;
        }
        List<StoredScope> stored = new ArrayList<>();
        scopes.forEach((scope, groups) -> stored.add(new StoredScope(scope.account(), scope.region(), groups.values().stream()
                .map(group -> new StoredGroup(group.name, group.creationTime, group.retentionInDays, group.kmsKeyId,
                        group.logGroupClass, new TreeMap<>(group.tags), group.streams.values().stream()
                        .map(stream -> new StoredStream(stream.name, stream.creationTime, stream.fileId)).toList()))
                .toList())));
        files.get().save(new StoredState(stored));
    }
}
