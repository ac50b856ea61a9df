package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.iam.IamClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB through the sandbox with the SDK's own client: the sandbox's DynamoDB behind SigV4 and IAM,
 * tables shared by the account's principals, ARNs in the sandbox's region and account, and
 * fine-grained access control with dynamodb:LeadingKeys and dynamodb:Attributes.
 */
class DynamoDbEndToEndTest {
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        try (DynamoDbClient ddb = dynamo(RunningSandbox.ROOT, Region.US_EAST_1)) {
            createTable(ddb, "Notes");
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void tablesBelongToTheAccountAndRegionAndCarryItsArn() {
        AwsCredentials user = sandbox.newUser("ddb-admin");
        try (IamClient iam = sandbox.iam(RunningSandbox.ROOT)) {
            iam.attachUserPolicy(r -> r.userName("ddb-admin").policyArn("arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"));
        }
        try (DynamoDbClient asUser = dynamo(user, Region.US_EAST_1);
             DynamoDbClient inIreland = dynamo(RunningSandbox.ROOT, Region.EU_WEST_1)) {
            assertTrue(asUser.listTables().tableNames().contains("Notes"), "another key of the account sees the root's table");
            TableDescription table = asUser.describeTable(r -> r.tableName("Notes")).table();
            assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/Notes", table.tableArn());
            assertTrue(!inIreland.listTables().tableNames().contains("Notes"), "tables are per region");
        }
    }

    @Test
    void itemsRoundTripAndDynamoDbErrorsPassThrough() {
        try (DynamoDbClient ddb = dynamo(RunningSandbox.ROOT, Region.US_EAST_1)) {
            ddb.putItem(r -> r.tableName("Notes").item(Map.of("owner", s("root"), "text", s("hello"))));
            assertEquals("hello", ddb.getItem(r -> r.tableName("Notes").key(Map.of("owner", s("root")))).item().get("text").s());
            ConditionalCheckFailedException conflict = assertThrows(ConditionalCheckFailedException.class,
                    () -> ddb.putItem(r -> r.tableName("Notes").item(Map.of("owner", s("root")))
                            .conditionExpression("attribute_not_exists(#o)").expressionAttributeNames(Map.of("#o", "owner"))));
            assertEquals(400, conflict.statusCode());
            ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                    () -> ddb.getItem(r -> r.tableName("NoSuchTable").key(Map.of("owner", s("x")))));
            assertEquals("ResourceNotFoundException", missing.awsErrorDetails().errorCode());
        }
    }

    @Test
    void leadingKeysLetAUserReachOnlyItemsUnderItsOwnName() {
        AwsCredentials alice = sandbox.newUser("alice");
        putUserPolicy("alice", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                  "Action":["dynamodb:GetItem","dynamodb:PutItem","dynamodb:Query"],
                  "Resource":"arn:aws:dynamodb:us-east-1:000000000000:table/Notes",
                  "Condition":{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${aws:username}"]}}}]}""");
        try (DynamoDbClient ddb = dynamo(alice, Region.US_EAST_1)) {
            ddb.putItem(r -> r.tableName("Notes").item(Map.of("owner", s("alice"), "text", s("mine"))));
            assertEquals(1, ddb.query(r -> r.tableName("Notes").keyConditionExpression("#o = :me")
                    .expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":me", s("alice")))).count());

            DynamoDbException denied = assertThrows(DynamoDbException.class,
                    () -> ddb.putItem(r -> r.tableName("Notes").item(Map.of("owner", s("bob"), "text", s("not mine")))));
            assertEquals(400, denied.statusCode());
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertEquals("User: arn:aws:iam::000000000000:user/alice is not authorized to perform: dynamodb:PutItem on resource: "
                    + "arn:aws:dynamodb:us-east-1:000000000000:table/Notes because no identity-based policy allows the "
                    + "dynamodb:PutItem action", denied.awsErrorDetails().errorMessage());
            assertThrows(DynamoDbException.class, () -> ddb.getItem(r -> r.tableName("Notes").key(Map.of("owner", s("root")))));
        }
    }

    @Test
    void attributesAndSelectLimitWhatAUserMayRead() {
        AwsCredentials reader = sandbox.newUser("reader");
        putUserPolicy("reader", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:GetItem",
                  "Resource":"arn:aws:dynamodb:us-east-1:000000000000:table/Notes",
                  "Condition":{"ForAllValues:StringEquals":{"dynamodb:Attributes":["owner","text"]},
                               "StringEqualsIfExists":{"dynamodb:Select":"SPECIFIC_ATTRIBUTES"}}}]}""");
        try (DynamoDbClient root = dynamo(RunningSandbox.ROOT, Region.US_EAST_1);
             DynamoDbClient ddb = dynamo(reader, Region.US_EAST_1)) {
            root.putItem(r -> r.tableName("Notes").item(Map.of("owner", s("carol"), "text", s("public"), "secret", s("hidden"))));
            Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName("Notes").key(Map.of("owner", s("carol")))
                    .projectionExpression("#o, #t").expressionAttributeNames(Map.of("#o", "owner", "#t", "text"))).item();
            assertEquals(Map.of("owner", s("carol"), "text", s("public")), item);
            DynamoDbException whole = assertThrows(DynamoDbException.class,
                    () -> ddb.getItem(r -> r.tableName("Notes").key(Map.of("owner", s("carol")))));
            assertEquals("AccessDeniedException", whole.awsErrorDetails().errorCode());
            assertThrows(DynamoDbException.class, () -> ddb.getItem(r -> r.tableName("Notes").key(Map.of("owner", s("carol")))
                    .projectionExpression("secret")));
        }
    }

    @Test
    void streamsAnswerWithTheSandboxsArns() {
        try (DynamoDbClient ddb = dynamo(RunningSandbox.ROOT, Region.US_EAST_1);
             DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(sandbox.endpoint())
                     .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(StaticCredentialsProvider.create(RunningSandbox.ROOT)).build()) {
            ddb.createTable(r -> r.tableName("Feed").billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
            String streamArn = streams.listStreams(r -> r.tableName("Feed")).streams().get(0).streamArn();
            assertTrue(streamArn.startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/Feed/stream/"), streamArn);
            assertEquals(streamArn, streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().streamArn());
        }
    }

    @Test
    void anUnsignedRequestIsRefusedInDynamoDbsShape() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/"))
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables").header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, answer.statusCode());
        assertEquals("{\"__type\":\"com.amazon.coral.service#MissingAuthenticationTokenException\","
                + "\"Message\":\"Request is missing Authentication Token\"}", answer.body());
    }

    private static void putUserPolicy(String user, String document) {
        try (IamClient iam = sandbox.iam(RunningSandbox.ROOT)) {
            iam.putUserPolicy(r -> r.userName(user).policyName("notes").policyDocument(document));
        }
    }

    static DynamoDbClient dynamo(AwsCredentials credentials, Region region) {
        return dynamo(sandbox, credentials, region);
    }

    static DynamoDbClient dynamo(RunningSandbox sandbox, AwsCredentials credentials, Region region) {
        return DynamoDbClient.builder().endpointOverride(sandbox.endpoint()).region(region)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static void createTable(DynamoDbClient ddb, String name) {
        ddb.createTable(r -> r.tableName(name).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("owner").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("owner").attributeType(ScalarAttributeType.S)));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
