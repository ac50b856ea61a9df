package course.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.SandboxConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AWS CLI v2 `dynamodb` commands against the sandbox: botocore's own signing and JSON
 * protocol, waiters, batches, transactions with a client request token and TTL, checked
 * against the sandbox's answers. Skipped when /usr/bin/aws is not CLI v2
 * (.ci/install-clients.sh installs it).
 */
class DynamoDbAwsCliTest {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        ExternalClient.requireAwsCliV2();
        sandbox = RunningSandbox.start();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void createPutGetQueryAndDeleteThroughTheCli() throws Exception {
        JsonNode created = json(aws("dynamodb", "create-table", "--table-name", "CliNotes",
                "--attribute-definitions", "AttributeName=owner,AttributeType=S", "AttributeName=at,AttributeType=N",
                "--key-schema", "AttributeName=owner,KeyType=HASH", "AttributeName=at,KeyType=RANGE",
                "--billing-mode", "PAY_PER_REQUEST"));
        assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/CliNotes", created.path("TableDescription").path("TableArn").asText());

        aws("dynamodb", "wait", "table-exists", "--table-name", "CliNotes");
        aws("dynamodb", "put-item", "--table-name", "CliNotes",
                "--item", "{\"owner\":{\"S\":\"ann\"},\"at\":{\"N\":\"1\"},\"text\":{\"S\":\"first\"}}");
        aws("dynamodb", "put-item", "--table-name", "CliNotes",
                "--item", "{\"owner\":{\"S\":\"ann\"},\"at\":{\"N\":\"2\"},\"text\":{\"S\":\"second\"}}");

        JsonNode item = json(aws("dynamodb", "get-item", "--table-name", "CliNotes",
                "--key", "{\"owner\":{\"S\":\"ann\"},\"at\":{\"N\":\"2\"}}"));
        assertEquals("second", item.path("Item").path("text").path("S").asText());

        JsonNode query = json(aws("dynamodb", "query", "--table-name", "CliNotes",
                "--key-condition-expression", "#o = :o", "--expression-attribute-names", "{\"#o\":\"owner\"}",
                "--expression-attribute-values", "{\":o\":{\"S\":\"ann\"}}"));
        assertEquals(2, query.path("Count").asInt());

        assertTrue(json(aws("dynamodb", "list-tables")).path("TableNames").toString().contains("CliNotes"));
        aws("dynamodb", "delete-table", "--table-name", "CliNotes");
    }

    @Test
    void updatesBatchesTransactionsAndTimeToLiveThroughTheCli() throws Exception {
        aws("dynamodb", "create-table", "--table-name", "CliCounters", "--billing-mode", "PAY_PER_REQUEST",
                "--attribute-definitions", "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH");
        aws("dynamodb", "wait", "table-exists", "--table-name", "CliCounters");
        aws("dynamodb", "batch-write-item", "--request-items", "{\"CliCounters\":["
                + "{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"}}}},"
                + "{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\"b\"},\"n\":{\"N\":\"5\"}}}}]}");
        JsonNode updated = json(aws("dynamodb", "update-item", "--table-name", "CliCounters", "--key", "{\"id\":{\"S\":\"a\"}}",
                "--update-expression", "ADD n :one", "--expression-attribute-values", "{\":one\":{\"N\":\"1\"}}",
                "--return-values", "UPDATED_NEW", "--return-consumed-capacity", "TOTAL"));
        assertEquals("2", updated.path("Attributes").path("n").path("N").asText());
        assertEquals(1.0, updated.path("ConsumedCapacity").path("CapacityUnits").asDouble());

        JsonNode scan = json(aws("dynamodb", "scan", "--table-name", "CliCounters", "--filter-expression", "n > :two",
                "--expression-attribute-values", "{\":two\":{\"N\":\"2\"}}"));
        assertEquals(1, scan.path("Count").asInt());
        assertEquals(2, scan.path("ScannedCount").asInt());

        String transaction = "[{\"Update\":{\"TableName\":\"CliCounters\",\"Key\":{\"id\":{\"S\":\"b\"}},"
                + "\"UpdateExpression\":\"ADD n :one\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}}]";
        aws("dynamodb", "transact-write-items", "--transact-items", transaction, "--client-request-token", "cli-token");
        aws("dynamodb", "transact-write-items", "--transact-items", transaction, "--client-request-token", "cli-token");
        JsonNode b = json(aws("dynamodb", "get-item", "--table-name", "CliCounters", "--key", "{\"id\":{\"S\":\"b\"}}",
                "--consistent-read"));
        assertEquals("6", b.path("Item").path("n").path("N").asText(), "the retried transaction counted once");

        Result failed = run("dynamodb", "transact-write-items", "--transact-items", "[{\"ConditionCheck\":{\"TableName\":"
                + "\"CliCounters\",\"Key\":{\"id\":{\"S\":\"a\"}},\"ConditionExpression\":\"attribute_not_exists(id)\"}}]");
        assertEquals(254, failed.exitCode, failed.output);
        assertTrue(failed.output.contains("TransactionCanceledException") && failed.output.contains("[ConditionalCheckFailed]"), failed.output);

        aws("dynamodb", "update-time-to-live", "--table-name", "CliCounters", "--time-to-live-specification",
                "Enabled=true,AttributeName=expires");
        assertEquals("ENABLED", json(aws("dynamodb", "describe-time-to-live", "--table-name", "CliCounters"))
                .path("TimeToLiveDescription").path("TimeToLiveStatus").asText());
        aws("dynamodb", "delete-table", "--table-name", "CliCounters");
        aws("dynamodb", "wait", "table-not-exists", "--table-name", "CliCounters");
    }

    @Test
    void dynamoDbErrorsReachTheCliWithTheirCodes() throws Exception {
        Result missing = run("dynamodb", "describe-table", "--table-name", "NoSuchCliTable");
        assertEquals(254, missing.exitCode, missing.output);
        assertTrue(missing.output.contains("(ResourceNotFoundException)"), missing.output);

        Result badKey = runAs("AKIAUNKNOWNKEY000000", "dynamodb", "list-tables");
        assertTrue(badKey.output.contains("(UnrecognizedClientException)"), badKey.output);
    }

    private static String aws(String... arguments) throws Exception {
        Result result = run(arguments);
        assertEquals(0, result.exitCode, () -> String.join(" ", arguments) + "\n" + result.output);
        return result.output;
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... arguments) throws Exception {
        return runAs(SandboxConfig.DEFAULT_ACCESS_KEY_ID, arguments);
    }

    private static Result runAs(String accessKeyId, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(AWS.toString()));
        command.addAll(List.of(arguments));
        if (sandbox != null) {
            command.addAll(List.of("--endpoint-url", sandbox.endpoint().toString(), "--output", "json"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("AWS_ACCESS_KEY_ID", accessKeyId);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", SandboxConfig.DEFAULT_SECRET_ACCESS_KEY);
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        builder.environment().put("AWS_MAX_ATTEMPTS", "1");
        builder.environment().put("AWS_PAGER", "");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "aws did not finish");
        return new Result(process.exitValue(), output);
    }
}
