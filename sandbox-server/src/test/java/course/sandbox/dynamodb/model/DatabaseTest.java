package course.sandbox.dynamodb.model;

import course.sandbox.dynamodb.expression.ExpressionContext;
import course.sandbox.dynamodb.expression.ExpressionParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model alone, on a clock of the test's: token expiry, TTL, streams and the data directory. */
class DatabaseTest {
    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void aClientRequestTokenIsRememberedForTenMinutes() {
        Database db = new Database("000000000000", "us-east-1", Journal.NONE);
        table(db, "Counters");
        List<Requests.TransactWriteItem> add = List.of(new Requests.TransactUpdate("Counters", key("c"),
                ExpressionParser.update("ADD n :one", new ExpressionContext(null, Map.of(":one", AttributeValue.n(1)))),
                Requests.Guard.NONE));
        db.transactWrite(add, Optional.of("t"), "same", T0);
        db.transactWrite(add, Optional.of("t"), "same", T0.plus(Duration.ofMinutes(9)));
        assertEquals(AttributeValue.n(1), item(db, "c").get("n"));
        DynamoDbError mismatch = assertThrows(DynamoDbError.class, () -> db.transactWrite(add, Optional.of("t"), "other", T0.plusSeconds(60)));
        assertEquals("IdempotentParameterMismatchException", mismatch.code());
        db.transactWrite(add, Optional.of("t"), "same", T0.plus(Duration.ofMinutes(11)));
        assertEquals(AttributeValue.n(2), item(db, "c").get("n"), "ten minutes later the token is new again");
    }

    // "TTL typically deletes expired items within a few days" in AWS; the sandbox deletes them when next touched,
    // and leaves items more than five years past expiry alone, as AWS does.
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html
    @Test
    void timeToLiveDeletesExpiredItemsOnTheDatabasesClock() {
        Database db = new Database("000000000000", "us-east-1", Journal.NONE);
        table(db, "Sessions");
        db.timeToLive("Sessions", true, "expires", T0);
        long now = T0.getEpochSecond();
        put(db, "Sessions", Map.of("id", AttributeValue.s("soon"), "expires", AttributeValue.n(now + 60)));
        put(db, "Sessions", Map.of("id", AttributeValue.s("ancient"), "expires", AttributeValue.n(now - 6L * 365 * 24 * 3600)));
        put(db, "Sessions", Map.of("id", AttributeValue.s("text"), "expires", AttributeValue.s("not a number")));
        assertEquals(3, db.describeTable("Sessions", T0).itemCount());
        assertEquals(3, db.describeTable("Sessions", T0.plusSeconds(59)).itemCount());
        assertEquals(2, db.describeTable("Sessions", T0.plusSeconds(61)).itemCount());
        assertTrue(db.getItem("Sessions", key("soon"), true, Optional.empty(), T0.plusSeconds(61)).item().isEmpty());
    }

    @Test
    void streamsRecordChangesWithTheViewTypesImages() {
        Database db = new Database("000000000000", "us-east-1", Journal.NONE);
        db.createTable(spec("Feed", Optional.of("NEW_AND_OLD_IMAGES")), T0);
        put(db, "Feed", Map.of("id", AttributeValue.s("a"), "v", AttributeValue.n(1)));
        put(db, "Feed", Map.of("id", AttributeValue.s("a"), "v", AttributeValue.n(2)));
        db.deleteItem("Feed", key("a"), Requests.Guard.NONE, "NONE", T0);
        TableStream stream = db.describeTable("Feed", T0).latestStream().orElseThrow();
        List<TableStream.Record> records = stream.read(0, 100, T0);
        assertEquals(List.of("INSERT", "MODIFY", "REMOVE"), records.stream().map(TableStream.Record::eventName).toList());
        assertEquals(AttributeValue.n(1), records.get(1).oldImage().orElseThrow().get("v"));
        assertEquals(AttributeValue.n(2), records.get(1).newImage().orElseThrow().get("v"));
        assertTrue(stream.read(0, 100, T0.plus(Duration.ofHours(25))).isEmpty(), "records are kept 24 hours");
    }

    @Test
    void aDataDirectoryKeepsTablesItemsAndIndexesAcrossRestarts(@TempDir Path data) throws Exception {
        try (DynamoDbStore store = new DynamoDbStore(Optional.of(data))) {
            Database db = store.database("000000000000", "us-east-1");
            db.createTable(spec("Kept", Optional.of("KEYS_ONLY")), T0);
            for (int i = 0; i < 50; i++) {
                put(db, "Kept", Map.of("id", AttributeValue.s("item-" + i), "v", AttributeValue.n(i)));
            }
            db.deleteItem("Kept", key("item-0"), Requests.Guard.NONE, "NONE", T0);
            db.tag(db.describeTable("Kept", T0).arn(), Map.of("team", "course"), T0);
            store.database("000000000000", "../../etc").createTable(spec("Odd", Optional.empty()), T0);
        }
        try (var folders = Files.list(data)) {
            assertEquals(List.of("000000000000_=2e2e2f2e2e2f657463", "000000000000_us-east-1"),
                    folders.map(f -> f.getFileName().toString()).sorted().toList(), "no region name escapes the data directory");
        }
        // A crash mid-write leaves a torn last line: it is ignored.
        Files.writeString(data.resolve("000000000000_us-east-1/journal.log"), "{\"change\":\"put\",\"table\":\"Kept\",\"item\":{\"id\":",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (DynamoDbStore store = new DynamoDbStore(Optional.of(data))) {
            Database db = store.database("000000000000", "us-east-1");
            Table table = db.describeTable("Kept", T0);
            assertEquals(49, table.itemCount());
            assertEquals(Map.of("team", "course"), table.tags());
            assertEquals(AttributeValue.n(7), item(db, "Kept", "item-7").get("v"));
            assertEquals("KEYS_ONLY", table.latestStream().orElseThrow().viewType());
            assertEquals(List.of("Odd"), store.database("000000000000", "../../etc").tableNames(Optional.empty()));
        }
    }

    private static TableSpec spec(String name, Optional<String> stream) {
        return new TableSpec(name, List.of(new TableSpec.AttributeDefinition("id", ScalarType.S)),
                List.of(new TableSpec.KeyElement("id", "HASH")), List.of(), List.of(), Optional.of("PAY_PER_REQUEST"),
                Optional.empty(), stream, Map.of(), Optional.empty(), false);
    }

    private static void table(Database db, String name) {
        db.createTable(spec(name, Optional.empty()), T0);
    }

    private static void put(Database db, String table, Map<String, AttributeValue> item) {
        db.putItem(table, item, Requests.Guard.NONE, "NONE", T0);
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.s(id));
    }

    private static Map<String, AttributeValue> item(Database db, String id) {
        return item(db, "Counters", id);
    }

    private static Map<String, AttributeValue> item(Database db, String table, String id) {
        return db.getItem(table, key(id), true, Optional.empty(), T0).item().orElseThrow();
    }
}
