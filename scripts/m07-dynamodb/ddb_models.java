///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:dynamodb-enhanced
//SOURCES ../lib/DemoCommand.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

@Command(name = "ddb-models", mixinStandardHelpOptions = true,
        description = "One item three ways: the low-level client (AttributeValue maps), the Enhanced Client with a mapped class, "
                + "and EnhancedDocument (JSON) — written with one, read with another, with the wire JSON each time.")
public class ddb_models implements Callable<Integer> {
    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new ddb_models(), args);
    }

    /** A book as a Java class: the Enhanced Client maps its properties to attributes. */
    @DynamoDbBean
    public static class Book {
        private String isbn;
        private String title;
        private Integer year;
        private List<String> tags;

        @DynamoDbPartitionKey
        public String getIsbn() { return isbn; }
        public void setIsbn(String isbn) { this.isbn = isbn; }
        public String getTitle() { return title; }
        public void setTitle(String title) { this.title = title; }
        public Integer getYear() { return year; }
        public void setYear(Integer year) { this.year = year; }
        public List<String> getTags() { return tags; }
        public void setTags(List<String> tags) { this.tags = tags; }

        @Override
        public String toString() {
            return "Book{isbn=" + isbn + ", title=" + title + ", year=" + year + ", tags=" + tags + "}";
        }
    }

    /** Keeps the JSON body of the last PutItem request, as it went over the wire. */
    static final class WireCapture implements ExecutionInterceptor {
        final AtomicReference<String> lastPut = new AtomicReference<>("");

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            boolean put = context.httpRequest().firstMatchingHeader("X-Amz-Target").filter(t -> t.endsWith(".PutItem")).isPresent();
            context.requestBody().filter(body -> put).ifPresent(body -> {
                try (InputStream in = body.contentStreamProvider().newStream()) {
                    lastPut.set(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Override
    public Integer call() {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String tableName = Demo.uniqueName("course-books");
        WireCapture wire = new WireCapture();
        try (DynamoDbClient ddb = DynamoDbClient.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(wire)).build()) {
            ddb.createTable(r -> r.tableName(tableName).billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("isbn").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("isbn").attributeType(ScalarAttributeType.S)));
            cleanup.add("table " + tableName, () -> ddb.deleteTable(r -> r.tableName(tableName)));
            try {
                ddb.waiter().waitUntilTableExists(r -> r.tableName(tableName));
                run(ddb, tableName, wire);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }


    private void run(DynamoDbClient ddb, String tableName, WireCapture wire) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
        DynamoDbTable<Book> books = enhanced.table(tableName, TableSchema.fromBean(Book.class));
        DynamoDbTable<EnhancedDocument> documents = enhanced.table(tableName, TableSchema.documentSchemaBuilder()
                .addIndexPartitionKey(TableMetadata.primaryIndexName(), "isbn", AttributeValueType.S)
                .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
                .build());

        Demo.step("Write with the low-level client: every value wrapped in its type (S, N, L, ...)");
        double written = ddb.putItem(r -> r.tableName(tableName).item(Map.of(
                "isbn", AttributeValue.fromS("978-0-00-000001-1"),
                "title", AttributeValue.fromS("Tables at Scale"),
                "year", AttributeValue.fromN("2012"),
                "tags", AttributeValue.fromL(List.of(AttributeValue.fromS("nosql"), AttributeValue.fromS("aws")))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits();
        Demo.show("Wire JSON", item(wire));
        Demo.show("Consumed", written + " WCU (ReturnConsumedCapacity): a write unit per started KB, attribute names included");

        Demo.step("Read it with the Enhanced Client: the same item as a Book object");
        Demo.show("Book", books.getItem(Key.builder().partitionValue("978-0-00-000001-1").build()));

        Demo.step("Write with the Enhanced Client from a Book object");
        Book book = new Book();
        book.setIsbn("978-0-00-000002-8");
        book.setTitle("Keys and Indexes");
        book.setYear(2019);
        book.setTags(List.of("design"));
        books.putItem(book);
        Demo.show("Wire JSON", item(wire));

        Demo.step("Read it as an EnhancedDocument: plain JSON, no class needed");
        Demo.show("JSON", documents.getItem(Key.builder().partitionValue("978-0-00-000002-8").build()).toJson());

        Demo.step("Write a JSON document with EnhancedDocument");
        documents.putItem(EnhancedDocument.builder()
                .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
                .json("{\"isbn\":\"978-0-00-000003-5\",\"title\":\"Streams in Practice\",\"year\":2023,\"tags\":[\"cdc\",\"events\"],\"draft\":true}")
                .build());
        Demo.show("Wire JSON", item(wire));

        Demo.step("Read it with the low-level client: the AttributeValue map the service returns");
        Map<String, AttributeValue> raw = ddb.getItem(r -> r.tableName(tableName)
                .key(Map.of("isbn", AttributeValue.fromS("978-0-00-000003-5")))).item();
        Demo.show("year", raw.get("year") + " (a number travels as text in N)");
        Demo.show("tags", raw.get("tags") + " (a JSON array becomes a list L)");
        Demo.show("draft", raw.get("draft") + " (a JSON boolean becomes BOOL)");
        Demo.say("The Book class has no 'draft' property: the Enhanced Client would simply not map it.");

        Demo.step("When to pick which");
        Demo.say("Low-level client: full control of every request option; verbose; what the other two use underneath.");
        Demo.say("Enhanced Client + class: typed items, keys and indexes from annotations; the default for application code.");
        Demo.say("EnhancedDocument: items whose shape varies or arrives as JSON; no class to keep in step.");
    }

    /** The "Item" member of the last PutItem body: DynamoDB's typed JSON. */
    private static String item(WireCapture wire) {
        String body = wire.lastPut.get();
        int start = body.indexOf("\"Item\":");
        if (start < 0) {
            return body;
        }
        int depth = 0;
        int from = body.indexOf('{', start);
        for (int i = from; i < body.length(); i++) {
            char c = body.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0) {
                return body.substring(from, i + 1);
            }
        }
        return body.substring(from);
    }
}
