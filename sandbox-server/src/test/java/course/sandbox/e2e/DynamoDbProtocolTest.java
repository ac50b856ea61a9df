package course.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * DynamoDB's wire protocol with hand-made, correctly signed requests: JSON of the wrong shape
 * is a 400 SerializationException, an unknown or empty operation a 400
 * UnknownOperationException, constraint violations one ValidationException listing them, and
 * every answer carries the CRC32 of its body in x-amz-crc32.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
class DynamoDbProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        send("DynamoDB_20120810.CreateTable", """
                {"TableName":"Wire","BillingMode":"PAY_PER_REQUEST","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}""");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            DescribeTable  | {"TableName":[]}                               | com.amazon.coral.service#SerializationException | Unrecognized collection type class java.lang.String
            DescribeTable  | {"TableName":5}                                | com.amazon.coral.service#SerializationException | NUMBER_VALUE cannot be converted to String
            DescribeTable  | {"TableName":{}}                               | com.amazon.coral.service#SerializationException | Start of structure or map found where not expected
            ListTables     | {"Limit":"x"}                                  | com.amazon.coral.service#SerializationException | STRING_VALUE cannot be converted to Integer
            GetItem        | {"TableName":"Wire","Key":{"id":{"S":1}}}      | com.amazon.coral.service#SerializationException | NUMBER_VALUE cannot be converted to String
            GetItem        | {"TableName":"Wire","Key":{"id":{"N":123}}}    | com.amazon.coral.service#SerializationException | NUMBER_VALUE cannot be converted to String
            GetItem        | {"TableName":"Wire","Key":[]}                  | com.amazon.coral.service#SerializationException | Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>
            GetItem        | {"TableName":"Wire","ConsistentRead":7}        | com.amazon.coral.service#SerializationException | NUMBER_VALUE cannot be converted to Boolean
            GetItem        | {"TableName":"Wire","Key":{"id":{}}}           | com.amazon.coral.validate#ValidationException   | Supplied AttributeValue is empty, must contain exactly one of the supported datatypes
            GetItem        | {"TableName":"Wire","Key":{"id":{"S":"a","N":"1"}}} | com.amazon.coral.validate#ValidationException | Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes
            GetItem        | {"TableName":"Wire"}                           | com.amazon.coral.validate#ValidationException   | 1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null
            ListTables     | {"Limit":1000,"ExclusiveStartTableName":"a;"}  | com.amazon.coral.validate#ValidationException   | 3 validation errors detected: Value '1000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100; Value 'a;' at 'exclusiveStartTableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a;' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length greater than or equal to 3
            PutItem        | {"TableName":"Wire","Item":{"id":{"S":"a"}},"ReturnValues":"SOME"} | com.amazon.coral.validate#ValidationException | 1 validation error detected: Value 'SOME' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]
            PutItem        | {"TableName":"Wire","Item":{"id":{"S":"a"}},"ExpressionAttributeValues":{":v":{"S":"x"}}} | com.amazon.coral.validate#ValidationException | ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null
            PutItem        | {"TableName":"Wire","Item":{"id":{"S":"a"}},"ConditionExpression":"a = :v","Expected":{"a":{"Exists":false}},"ExpressionAttributeValues":{":v":{"S":"x"}}} | com.amazon.coral.validate#ValidationException | Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}
            GetItem        | {"TableName":"Nope","Key":{"id":{"S":"a"}}}    | com.amazonaws.dynamodb.v20120810#ResourceNotFoundException | Requested resource not found
            Scan           | {"TableName":"Wire","Segment":1,"TotalSegments":2,"ExclusiveStartKey":{"id":{"S":"seg-0"}}} | com.amazon.coral.validate#ValidationException | The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 1
            """)
    void wrongInputIsAnsweredAsDynamoDbAnswersIt(String operation, String body, String type, String message) throws Exception {
        Answer answer = send("DynamoDB_20120810." + operation, body);
        assertEquals(400, answer.status, answer.body);
        JsonNode error = JSON.readTree(answer.body);
        assertEquals(type, error.path("__type").asText());
        assertEquals(message, error.has("Message") ? error.path("Message").asText() : error.path("message").asText());
    }

    @Test
    void aForgedShardIteratorIsRefusedNotACrash() throws Exception {
        for (String iterator : new String[] {"garbage", "arn:aws:dynamodb:us-east-1:000000000000:table/Wire/stream/x|s|x|y",
                "a|b|99999999999999999999999|1"}) {
            Answer answer = send("DynamoDBStreams_20120810.GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}");
            assertEquals(400, answer.status, iterator + " " + answer.body);
            assertEquals("Invalid ShardIterator", JSON.readTree(answer.body).path("message").asText());
        }
    }

    @Test
    void unknownAndEmptyOperationsAreUnknownOperationException() throws Exception {
        for (String target : new String[] {"DynamoDB_20120810.Bogus", "DynamoDB_20120810.", "DynamoDBStreams_20120810.PutItem"}) {
            Answer answer = send(target, "{}");
            assertEquals(400, answer.status, target);
            assertEquals("com.amazon.coral.service#UnknownOperationException", JSON.readTree(answer.body).path("__type").asText());
        }
        Answer partiql = send("DynamoDB_20120810.ExecuteStatement", "{\"Statement\":\"SELECT * FROM Wire\"}");
        assertEquals("The sandbox's DynamoDB does not implement ExecuteStatement yet.", JSON.readTree(partiql.body).path("Message").asText());
    }

    // "DynamoDB supports nested attributes up to 32 levels deep."
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-attributes
    @Test
    void documentsNestAtMost32Levels() throws Exception {
        String ok = "{\"L\":[".repeat(32) + "{\"S\":\"x\"}" + "]}".repeat(32);
        assertEquals(200, send("DynamoDB_20120810.PutItem", "{\"TableName\":\"Wire\",\"Item\":{\"id\":{\"S\":\"deep\"},\"d\":" + ok + "}}").status);
        String deep = "{\"L\":[".repeat(33) + "{\"S\":\"x\"}" + "]}".repeat(33);
        Answer refused = send("DynamoDB_20120810.PutItem", "{\"TableName\":\"Wire\",\"Item\":{\"id\":{\"S\":\"deep\"},\"d\":" + deep + "}}");
        assertEquals(400, refused.status);
        assertEquals("Nesting Levels have exceeded supported limits", JSON.readTree(refused.body).path("message").asText());
        String absurd = "{\"L\":[".repeat(5000) + "]}".repeat(5000);
        assertEquals(400, send("DynamoDB_20120810.PutItem", "{\"TableName\":\"Wire\",\"Item\":{\"d\":" + absurd + "}}").status,
                "JSON nested past the parser's own limit is refused, not a crash");
    }

    @Test
    void malformedJsonIsASerializationException() throws Exception {
        for (String body : new String[] {"{not json", "[]", ""}) {
            Answer answer = send("DynamoDB_20120810.ListTables", body);
            assertEquals(400, answer.status, body);
            assertEquals("com.amazon.coral.service#SerializationException", JSON.readTree(answer.body).path("__type").asText());
        }
    }

    // The SDKs compare x-amz-crc32 with the body they read and retry on a mismatch.
    @Test
    void answersCarryTheCrc32OfTheirBody() throws Exception {
        for (Answer answer : new Answer[] {send("DynamoDB_20120810.ListTables", "{}"),
                send("DynamoDB_20120810.GetItem", "{\"TableName\":\"Nope\",\"Key\":{\"id\":{\"S\":\"a\"}}}")}) {
            CRC32 crc = new CRC32();
            crc.update(answer.body.getBytes(StandardCharsets.UTF_8));
            assertEquals(String.valueOf(crc.getValue()), answer.crc32);
        }
        assertFalse(send("DynamoDB_20120810.ListTables", "{}").body.contains("ddblocal"));
    }

    private record Answer(int status, String body, String crc32) {
    }

    private static Answer send(String target, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(sandbox.endpoint())
                .putHeader("Content-Type", "application/x-amz-json-1.0").putHeader("X-Amz-Target", target).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(
                        RunningSandbox.ROOT.accessKeyId(), RunningSandbox.ROOT.secretAccessKey()))
                .request(request).payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder http = HttpRequest.newBuilder(sandbox.endpoint()).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> http.header(name, value));
            }
        });
        try {
            HttpResponse<String> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("x-amz-crc32").orElse(""));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
