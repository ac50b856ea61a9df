///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//DEPS com.amazonaws:DynamoDBLocal:2.6.1
//DEPS info.picocli:picocli:4.7.7
//DEPS org.slf4j:slf4j-nop:1.7.36
//SOURCES ../../sandbox-server/src/main/java/course/sandbox/dynamodb/DynamoDbLocal.java

import course.sandbox.dynamodb.DynamoDbLocal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "ddb-local", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs AWS's DynamoDB Local in the foreground on 127.0.0.1 (telemetry off),",
                "shows how to aim the SDK and the AWS CLI at it, and what it does not do that DynamoDB does.",
                "Stop it with Ctrl-C."})
public class ddb_local implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--db-path", paramLabel = "DIR", description = "Keep tables in SQLite files in DIR (default: in memory, gone on exit).")
    Path dbPath;

    @Option(names = "--shared-db", description = "One set of tables for every access key and region (DynamoDB Local's -sharedDb).")
    boolean sharedDb;

    private final HttpClient http = HttpClient.newHttpClient();
    private int step;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new ddb_local());
        commandLine.setParameterExceptionHandler((error, ignored) -> {
            error.getCommandLine().getErr().println(error.getMessage() + " (see --help)");
            return 2;
        });
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            System.err.println("Invalid --port " + port + ": use a port between 1 and 65535, e.g. 8000.");
            return 2;
        }
        DynamoDbLocal local;
        try {
            local = DynamoDbLocal.start(port, Optional.ofNullable(dbPath), sharedDb);
        } catch (BindException taken) {
            System.err.println("Port " + port + " on 127.0.0.1 is in use; choose another with --port.");
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            local.close();
            System.out.println("DynamoDB Local stopped.");
            stopped.countDown();
        }, "ddb-local-shutdown"));

        step("DynamoDB Local is running");
        show("Endpoint", local.endpoint() + " (127.0.0.1 only; telemetry off)");
        show("Storage", dbPath == null ? "in memory: tables are gone when it stops" : "SQLite files in " + dbPath.toAbsolutePath());
        show("Same as", "java -jar DynamoDBLocal.jar -port " + port + (dbPath == null ? " -inMemory" : " -dbPath " + dbPath)
                + (sharedDb ? " -sharedDb" : "") + " -disableTelemetry");

        step("Aim the SDK at it (any region; any key of letters and digits)");
        say("DynamoDbClient ddb = DynamoDbClient.builder()");
        say("    .endpointOverride(URI.create(\"" + local.endpoint() + "\"))");
        say("    .region(Region.US_EAST_1)");
        say("    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(\"local\", \"local\")))");
        say("    .build();");

        step("Aim the AWS CLI at it");
        say("aws dynamodb list-tables --endpoint-url " + local.endpoint());
        say("or for every DynamoDB call of a shell: export AWS_ENDPOINT_URL_DYNAMODB=" + local.endpoint());

        step("Try it: a request with a made-up signature");
        String table = "ddb_local_check_" + Long.toHexString(System.nanoTime());
        int created = call(local, "alice", "CreateTable", "{\"TableName\":\"" + table + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}]}").statusCode();
        show("CreateTable signed with key 'alice' and signature 'made-up'", "HTTP " + created + " (accepted)");
        String asBob = call(local, "bob", "ListTables", "{}").body();
        show("ListTables as key 'bob'", asBob);
        call(local, "alice", "DeleteTable", "{\"TableName\":\"" + table + "\"}");
        say(sharedDb ? "With --shared-db every key sees the same tables." : "bob does not see alice's table: tables are kept per access key and region.");

        step("What DynamoDB Local does not do that DynamoDB does");
        say("· checks no signature: any key and secret are accepted");
        say("· knows no IAM: every caller may do everything, no AccessDeniedException");
        say("· keeps tables per access key and region, not per account (unless -sharedDb)");
        say("· enforces no throughput: provisioned capacity is recorded, nothing is ever throttled");
        say("· creates tables and indexes at once, and every read is in fact strongly consistent");
        say("The course sandbox runs this same DynamoDB Local behind SigV4 and IAM: ./jbang sandbox start");
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    private HttpResponse<String> call(DynamoDbLocal local, String accessKey, String operation, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(local.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey
                        + "/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=made-up")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void step(String text) {
        System.out.println();
        System.out.println(++step + ". " + text);
    }

    private static void show(String label, String value) {
        System.out.println("   " + label + ": " + value);
    }

    private static void say(String text) {
        System.out.println("   " + text);
    }
}
