///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:dynamodb-enhanced
//SOURCES ../lib/DemoCommand.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbAtomicCounter;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

@Command(name = "ddb-counter", mixinStandardHelpOptions = true,
        description = "Counters in DynamoDB, as AWS's database blog on resource counters lays them out: atomic ADD, "
                + "a retried ADD that double counts, a versioned update, an idempotent transaction, @DynamoDbAtomicCounter.")
public class ddb_counter implements Callable<Integer> {
    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8", description = "Concurrent writers (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--increments", paramLabel = "M", defaultValue = "25", description = "Increments per writer (default: ${DEFAULT-VALUE}).")
    int increments;

    public static void main(String[] args) {
        DemoCommand.main(new ddb_counter(), args);
    }

    /** A page whose views the Enhanced Client counts by itself. */
    @DynamoDbBean
    public static class Page {
        private String id;
        private Long views;

        @DynamoDbPartitionKey
        public String getId() { return id; }
        public void setId(String id) { this.id = id; }

        @DynamoDbAtomicCounter
        public Long getViews() { return views; }
        public void setViews(Long views) { this.views = views; }
    }

    /**
     * Makes the next answer "get lost" on the way back: DynamoDB has done the work, the client
     * sees a timeout and its retry sends the same request again — what a flaky network does.
     */
    static final class LoseNextAnswer implements ExecutionInterceptor {
        final AtomicBoolean armed = new AtomicBoolean();

        @Override
        public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            if (armed.compareAndSet(true, false)) {
                throw SdkClientException.create("answer lost on the way back (simulated)",
                        new SocketTimeoutException("Read timed out"));
            }
            return context.httpResponse();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || threads > 64 || increments < 1 || increments > 1000) {
            throw new Demo.UserError("Use --threads 1..64 and --increments 1..1000.");
        }
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String table = Demo.uniqueName("course-counters");
        LoseNextAnswer lose = new LoseNextAnswer();
        try (DynamoDbClient ddb = DynamoDbClient.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(lose)).build()) {
            ddb.createTable(r -> r.tableName(table).billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
            cleanup.add("table " + table, () -> ddb.deleteTable(r -> r.tableName(table)));
            try {
                ddb.waiter().waitUntilTableExists(r -> r.tableName(table));
                run(ddb, table, lose);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }


    private void run(DynamoDbClient ddb, String table, LoseNextAnswer lose) throws Exception {
        Demo.step("Atomic counter: UpdateItem ADD from " + threads + " threads × " + increments + " increments");
        parallel(() -> add(ddb, table, "atomic"));
        Demo.show("Expected", threads * increments);
        Demo.show("Counted", count(ddb, table, "atomic"));
        Demo.say("DynamoDB applies each ADD atomically on the server: no read, no lost update.");

        Demo.step("But ADD is not idempotent: the answer of one ADD is lost and the SDK retries it");
        add(ddb, table, "retried");
        lose.armed.set(true);
        add(ddb, table, "retried");
        Demo.show("Increments sent by the application", 2);
        Demo.show("Counted", count(ddb, table, "retried"));
        Demo.say("The first attempt had been applied; the retry applied it again: over-counting.");

        Demo.step("Versioned (conditional) update: read n and v, write n+1 only if v is unchanged");
        AtomicInteger conflicts = new AtomicInteger();
        parallel(() -> versionedIncrement(ddb, table, "versioned", conflicts));
        Demo.show("Counted", count(ddb, table, "versioned"));
        Demo.show("Conflicts retried", conflicts.get());
        long[] current = read(ddb, table, "versioned");
        lose.armed.set(true);
        try {
            conditionalWrite(ddb, table, "versioned", current[0] + 1, current[1]);
        } catch (ConditionalCheckFailedException e) {
            Demo.show("Replayed after a lost answer", "ConditionalCheckFailedException: the retry cannot count twice");
        }
        Demo.show("Counted after the replay", count(ddb, table, "versioned"));
        Demo.say("Accurate and safe to retry, but each increment costs a read, and contention costs retries.");

        Demo.step("Idempotent counter: TransactWriteItems with a ClientRequestToken");
        String token = UUID.randomUUID().toString();
        lose.armed.set(true);
        ddb.transactWriteItems(r -> r.clientRequestToken(token).transactItems(TransactWriteItem.builder()
                .update(u -> u.tableName(table).key(key("idempotent")).updateExpression("ADD n :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build()));
        Demo.show("ClientRequestToken", token);
        Demo.show("Counted after a lost answer and a retry", count(ddb, table, "idempotent"));
        Demo.say("DynamoDB remembers the token for 10 minutes: the retry returns success without a second write.");
        Demo.say("Transactions cost two write units per item.");

        Demo.step("@DynamoDbAtomicCounter: the Enhanced Client adds to the counter on every update");
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
        DynamoDbTable<Page> pages = enhanced.table(table, TableSchema.fromBean(Page.class));
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Page page = new Page();
            page.setId("home");
            seen.add(pages.updateItem(page).getViews());
        }
        Demo.show("views after each of three updateItem calls", seen);
        Demo.say("The counter starts at 0 on the first write and adds 1 on each later one (startValue, delta).");
        Demo.say("Under the hood an update expression adds the delta: accurate, and not idempotent either.");

        Demo.step("Accuracy against cost (after AWS's database blog on resource counters), one more increment each,");
        Demo.say("its cost as DynamoDB reports it with ReturnConsumedCapacity=TOTAL");
        String add = wcu(ddb.updateItem(r -> r.tableName(table).key(key("atomic")).updateExpression("ADD n :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits());
        Page home = new Page();
        home.setId("home");
        String atomicCounter = wcu(pages.updateItemWithResponse(r -> r.item(home).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity().capacityUnits());
        var versionRead = ddb.getItem(r -> r.tableName(table).key(key("versioned")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        long n = number(versionRead.item(), "n");
        long v = number(versionRead.item(), "v");
        String versioned = versionRead.consumedCapacity().capacityUnits() + " RCU + "
                + wcu(ddb.updateItem(r -> r.tableName(table).key(key("versioned"))
                        .updateExpression("SET n = :next, v = :nextVersion").conditionExpression("v = :version")
                        .expressionAttributeValues(Map.of(":next", AttributeValue.fromN(String.valueOf(n + 1)),
                                ":nextVersion", AttributeValue.fromN(String.valueOf(v + 1)), ":version", AttributeValue.fromN(String.valueOf(v))))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits());
        String transaction = wcu(ddb.transactWriteItems(r -> r.clientRequestToken(UUID.randomUUID().toString())
                .transactItems(TransactWriteItem.builder().update(u -> u.tableName(table).key(key("idempotent")).updateExpression("ADD n :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().stream().mapToDouble(c -> c.capacityUnits()).sum());
        Demo.say(String.format("%-28s %-10s %-12s %s", "approach", "accurate", "retry-safe", "cost per increment"));
        Demo.say(String.format("%-28s %-10s %-12s %s", "UpdateItem ADD", "yes", "no", add));
        Demo.say(String.format("%-28s %-10s %-12s %s", "@DynamoDbAtomicCounter", "yes", "no", atomicCounter + " (with the item's update)"));
        Demo.say(String.format("%-28s %-10s %-12s %s", "versioned conditional write", "yes", "yes", versioned + ", + retries"));
        Demo.say(String.format("%-28s %-10s %-12s %s", "TransactWriteItems + token", "yes", "10 min", transaction));
        Demo.say("(Items up to 1 KB: a write unit per write, a read unit per strongly consistent read; a transaction pays double.)");
    }

    private static String wcu(double units) {
        return units + " WCU";
    }

    private void parallel(Runnable increment) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        increment.run();
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void add(DynamoDbClient ddb, String table, String id) {
        ddb.updateItem(r -> r.tableName(table).key(key(id)).updateExpression("ADD n :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    }

    /** Reads the count and its version; on a conflict (another writer was first) counts it and starts over. */
    private static void versionedIncrement(DynamoDbClient ddb, String table, String id, AtomicInteger conflicts) {
        while (true) {
            long[] current = read(ddb, table, id);
            try {
                conditionalWrite(ddb, table, id, current[0] + 1, current[1]);
                return;
            } catch (ConditionalCheckFailedException conflict) {
                conflicts.incrementAndGet();
            }
        }
    }

    /** The count n and its version v, as a strongly consistent read sees them (0 and 0 before the first write). */
    private static long[] read(DynamoDbClient ddb, String table, String id) {
        Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName(table).key(key(id)).consistentRead(true)).item();
        return new long[] {number(item, "n"), number(item, "v")};
    }

    /** Writes count {@code next} only if the version is still {@code version}. */
    private static void conditionalWrite(DynamoDbClient ddb, String table, String id, long next, long version) {
        ddb.updateItem(r -> r.tableName(table).key(key(id))
                .updateExpression("SET n = :next, v = :nextVersion")
                .conditionExpression("attribute_not_exists(v) OR v = :version")
                .expressionAttributeValues(Map.of(":next", AttributeValue.fromN(String.valueOf(next)),
                        ":nextVersion", AttributeValue.fromN(String.valueOf(version + 1)),
                        ":version", AttributeValue.fromN(String.valueOf(version)))));
    }

    private static long count(DynamoDbClient ddb, String table, String id) {
        return read(ddb, table, id)[0];
    }

    private static long number(Map<String, AttributeValue> item, String attribute) {
        return item.containsKey(attribute) ? Long.parseLong(item.get(attribute).n()) : 0;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }
}
