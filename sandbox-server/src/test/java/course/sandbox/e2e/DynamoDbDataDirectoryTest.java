package course.sandbox.e2e;

import course.sandbox.SandboxApp;
import course.sandbox.SandboxConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static course.sandbox.e2e.DynamoDbItemsTest.n;
import static course.sandbox.e2e.DynamoDbItemsTest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code sandbox --data DIR}: tables, items, indexes and TTL settings survive a restart of the sandbox. */
class DynamoDbDataDirectoryTest {

    @Test
    void tablesSurviveARestartOfTheSandbox(@TempDir Path data) throws Exception {
        SandboxConfig config = new SandboxConfig(RunningSandbox.freePort(), SandboxConfig.DEFAULT_ACCOUNT, "us-east-1",
                SandboxConfig.DEFAULT_ACCESS_KEY_ID, SandboxConfig.DEFAULT_SECRET_ACCESS_KEY, Optional.empty(), false)
                .withDataDirectory(data);
        try (SandboxApp sandbox = SandboxApp.start(config, quiet()); DynamoDbClient ddb = client(config)) {
            ddb.createTable(r -> r.tableName("Kept").billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("kind").attributeType(ScalarAttributeType.S))
                    .globalSecondaryIndexes(g -> g.indexName("byKind").keySchema(k -> k.attributeName("kind").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.ALL))));
            ddb.updateTimeToLive(r -> r.tableName("Kept").timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
            for (int i = 0; i < 20; i++) {
                int id = i;
                ddb.putItem(r -> r.tableName("Kept").item(Map.of("id", s("item-" + id), "kind", s(id % 2 == 0 ? "even" : "odd"),
                        "n", n(String.valueOf(id)))));
            }
            ddb.updateItem(r -> r.tableName("Kept").key(Map.of("id", s("item-3"))).updateExpression("ADD n :ten")
                    .expressionAttributeValues(Map.of(":ten", n("10"))));
            ddb.deleteItem(r -> r.tableName("Kept").key(Map.of("id", s("item-0"))));
        }
        try (SandboxApp sandbox = SandboxApp.start(config, quiet()); DynamoDbClient ddb = client(config)) {
            assertEquals(19, ddb.scan(r -> r.tableName("Kept")).count());
            assertEquals("13", ddb.getItem(r -> r.tableName("Kept").key(Map.of("id", s("item-3")))).item().get("n").n());
            assertEquals(9, ddb.query(r -> r.tableName("Kept").indexName("byKind").keyConditionExpression("kind = :k")
                    .expressionAttributeValues(Map.of(":k", s("even")))).count());
            assertEquals("expires", ddb.describeTimeToLive(r -> r.tableName("Kept")).timeToLiveDescription().attributeName());
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    private static DynamoDbClient client(SandboxConfig config) {
        return DynamoDbClient.builder().endpointOverride(URI.create(config.endpoint())).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(RunningSandbox.rootCredentials()).build();
    }
}
