package course.sandbox.dynamodb;

import course.sandbox.SandboxApp;
import course.sandbox.SandboxConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Not a test: prints the sandbox's cold time to its first DynamoDB answer, and warm PutItem and
 * GetItem requests per second through the sandbox and straight to DynamoDB Local, with the
 * same SDK client configuration in the same run. Loopback only, a fixed number of requests.
 * Run with {@code java -cp <test-classes:classes:test deps> course.sandbox.dynamodb.DynamoDbBenchmark [requests]}.
 */
public final class DynamoDbBenchmark {
    private static final AwsBasicCredentials ROOT = AwsBasicCredentials.create(
            SandboxConfig.DEFAULT_ACCESS_KEY_ID, SandboxConfig.DEFAULT_SECRET_ACCESS_KEY);

    private DynamoDbBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long coldStart = System.nanoTime();
        SandboxConfig config = new SandboxConfig(freePort(), SandboxConfig.DEFAULT_ACCOUNT, "us-east-1",
                SandboxConfig.DEFAULT_ACCESS_KEY_ID, SandboxConfig.DEFAULT_SECRET_ACCESS_KEY, Optional.empty(), false);
        try (SandboxApp sandbox = SandboxApp.start(config, new PrintStream(OutputStream.nullOutputStream()));
             DynamoDbClient viaSandbox = client(URI.create(config.endpoint()))) {
            long sandboxUp = System.nanoTime();
            viaSandbox.listTables();
            long firstAnswer = System.nanoTime();
            System.out.printf("Cold: sandbox start %d ms, then first DynamoDB answer (DynamoDB Local started on demand) %d ms%n",
                    (sandboxUp - coldStart) / 1_000_000, (firstAnswer - sandboxUp) / 1_000_000);
            // Started only now, so the cold figure above includes loading DynamoDB Local.
            try (DynamoDbLocal direct = DynamoDbLocal.start(0, Optional.empty(), false);
                 DynamoDbClient viaLocal = client(URI.create(direct.endpoint()))) {
                warm(viaSandbox, viaLocal, requests);
            }
        }
        // DynamoDB Local leaves a non-daemon streams thread per database running after shutdown.
        System.exit(0);
    }

    private static void warm(DynamoDbClient viaSandbox, DynamoDbClient viaLocal, int requests) {
        createTable(viaSandbox);
        createTable(viaLocal);
        System.out.printf("%-9s %14s %14s %8s%n", "request", "sandbox req/s", "local req/s", "ratio");
        for (String operation : new String[] {"PutItem", "GetItem"}) {
            measure(viaSandbox, operation, requests / 4); // warm-up
            measure(viaLocal, operation, requests / 4);
            double sandboxRate = measure(viaSandbox, operation, requests);
            double localRate = measure(viaLocal, operation, requests);
            System.out.printf("%-9s %14.0f %14.0f %7.2fx%n", operation, sandboxRate, localRate, localRate / sandboxRate);
        }
    }

    private static double measure(DynamoDbClient ddb, String operation, int requests) {
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("item-" + (i % 100)));
            if (operation.equals("PutItem")) {
                ddb.putItem(r -> r.tableName("Bench").item(Map.of("id", key.get("id"), "n", AttributeValue.fromN("1"))));
            } else {
                ddb.getItem(r -> r.tableName("Bench").key(key));
            }
        }
        return requests / ((System.nanoTime() - start) / 1e9);
    }

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(ROOT)).build();
    }

    private static void createTable(DynamoDbClient ddb) {
        ddb.createTable(r -> r.tableName("Bench").billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
