package course.sandbox.e2e;

import course.sandbox.auth.AwsRegions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The region of a credential scope must be one of AWS's: anything else is refused with the
 * error AWS gives, before it can reach state kept per region (DynamoDB's files in --data mode).
 */
class RegionScopeTest {
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    private static final String LONG_REGION = "r".repeat(233);
    private static final List<String> UNKNOWN_REGIONS = List.of("xx-fake-1", LONG_REGION, "..", "us-east-1 ", "US-EAST-1",
            "aws-global", "us-east-1\u0001");

    // Query services: SignatureDoesNotMatch, "Credential should be scoped to a valid region, not '…'."
    // (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html); DynamoDB's JSON
    // protocol names it InvalidSignatureException; S3's endpoint answers AuthorizationHeaderMalformed
    // "the region '…' is wrong; expecting 'us-east-1'" (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
    @Test
    void aScopeNamingNoAwsRegionIsRefusedByEveryService(@TempDir Path data) throws IOException {
        try (RunningSandbox sandbox = RunningSandbox.startKeepingDataIn(data)) {
            for (String region : UNKNOWN_REGIONS) {
                expect(sandbox, "sts", region, 403, "SignatureDoesNotMatch", "POST", "/",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=GetCallerIdentity&Version=2011-06-15");
                expect(sandbox, "iam", region, 403, "SignatureDoesNotMatch", "POST", "/",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=ListUsers&Version=2010-05-08");
                expect(sandbox, "dynamodb", region, 400, "InvalidSignatureException", "POST", "/",
                        Map.of("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "DynamoDB_20120810.ListTables"), "{}");
                expect(sandbox, "s3", region, 400, "AuthorizationHeaderMalformed", "GET", "/", Map.of(), "");
            }
            // DynamoDB still serves every client, and no request value became a file name.
            try (DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(sandbox.endpoint()).region(Region.EU_WEST_1)
                    .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(RunningSandbox.rootCredentials()).build()) {
                ddb.createTable(r -> r.tableName("notes").billingMode("PAY_PER_REQUEST")
                        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
                assertEquals(List.of("notes"), ddb.listTables().tableNames());
            }
            try (Stream<Path> files = Files.walk(data)) {
                List<String> names = files.map(path -> path.getFileName().toString()).toList();
                assertFalse(names.stream().anyMatch(name -> name.contains("rrrr") || name.contains("fake")), names.toString());
            }
        }
    }

    @Test
    void everyAwsRegionIsServed() {
        try (RunningSandbox sandbox = RunningSandbox.start()) {
            for (String region : List.of("us-east-1", "eu-central-2", "ap-southeast-7", "mx-central-1", "cn-north-1",
                    "us-gov-west-1", "eusc-de-east-1")) {
                try (StsClient sts = StsClient.builder().endpointOverride(sandbox.endpoint()).region(Region.of(region))
                        .httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(StaticCredentialsProvider.create(RunningSandbox.ROOT)).build()) {
                    assertEquals(RunningSandbox.ACCOUNT, sts.getCallerIdentity().account(), region);
                }
            }
        }
    }

    /** The sandbox's one list is the SDK's, less the aws-*-global names the SDK uses for global endpoints. */
    @Test
    void theSandboxKnowsTheRegionsTheSdkKnows() {
        Set<String> sdk = Region.regions().stream().map(Region::id).filter(id -> !id.endsWith("-global"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(sdk, AwsRegions.names());
    }

    private static void expect(RunningSandbox sandbox, String service, String region, int status, String code,
                               String method, String path, Map<String, String> headers, String body) {
        RawWire.Answer answer = RawWire.exchange(sandbox.port(), RawWire.signed(sandbox, method, path, headers,
                body.getBytes(StandardCharsets.UTF_8), service, region), ANSWER_WITHIN);
        String what = service + " signed for '" + region + "': " + answer;
        assertEquals(status, answer.status(), what);
        assertEquals(code, answer.code(), what);
        assertTrue(answer.text().contains("region"), what);
        assertTrue(answer.wellFormed(), what);
    }
}
