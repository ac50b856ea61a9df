package course.sandbox.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.http.Headers;
import course.sandbox.service.Caller;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Payload format 1.0 field by field against AWS's documented example: the request
 * {@code POST /testStage/hello/world?name=me} to {@code gy415nuibc.execute-api.us-east-1.amazonaws.com}
 * with {@code Content-Type: application/json}, {@code headerName: headerValue} and body
 * {@code {"a": 1}}, on {@code ANY /{proxy+}} with the stage variable {@code stageVariableName}.
 * The example's CloudFront headers are what CloudFront adds in front of an edge API; the sandbox
 * has none.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format">Input format of a Lambda function for proxy integration</a>
 */
class ProxyEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2018-02-20T22:48:57.665Z");

    private static CallSite documentedRequest() {
        Headers headers = new Headers().add("Content-Type", "application/json").add("headerName", "headerValue")
                .add("Host", "gy415nuibc.execute-api.us-east-1.amazonaws.com").add("User-Agent", "PostmanRuntime/2.4.5");
        byte[] body = "{\r\n\t\"a\": 1\r\n}".getBytes(StandardCharsets.UTF_8);
        return new CallSite("gy415nuibc", "us-east-1", "gy415nuibc.execute-api.us-east-1.amazonaws.com", "POST", "testStage",
                "/hello/world", "/testStage/hello/world", "name=me&multivalueName=you&multivalueName=me",
                Map.of("name", List.of("me"), "multivalueName", List.of("you", "me")), headers, body, "192.168.196.186",
                Caller.anonymous(), "deef4878-7910-11e6-8f14-25afc3e9ae33", NOW);
    }

    @Test
    void version1MatchesTheDocumentedExample() {
        JsonNode event = ProxyEvents.version1(documentedRequest(), new ProxyEvents.RestContext("12345678912", "roq9wj",
                "/{proxy+}", "dep123", Map.of("proxy", "hello/world"), Map.of("stageVariableName", "stageVariableValue"),
                Optional.empty(), Optional.empty()), false);

        assertEquals(List.of("resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters",
                "multiValueQueryStringParameters", "pathParameters", "stageVariables", "requestContext", "body",
                "isBase64Encoded"), names(event));
        assertEquals("/{proxy+}", event.path("resource").asText());
        assertEquals("/hello/world", event.path("path").asText());
        assertEquals("POST", event.path("httpMethod").asText());
        assertEquals("headerValue", event.path("headers").path("headerName").asText());
        assertEquals("application/json", event.path("headers").path("Content-Type").asText());
        assertEquals("gy415nuibc.execute-api.us-east-1.amazonaws.com", event.path("headers").path("Host").asText());
        assertEquals("[\"headerValue\"]", event.path("multiValueHeaders").path("headerName").toString());
        assertEquals("me", event.path("queryStringParameters").path("name").asText());
        // the single-value map keeps the last value; the multi-value map keeps them all, in order
        assertEquals("me", event.path("queryStringParameters").path("multivalueName").asText());
        assertEquals("[\"you\",\"me\"]", event.path("multiValueQueryStringParameters").path("multivalueName").toString());
        assertEquals("{\"proxy\":\"hello/world\"}", event.path("pathParameters").toString());
        assertEquals("{\"stageVariableName\":\"stageVariableValue\"}", event.path("stageVariables").toString());
        assertEquals("{\r\n\t\"a\": 1\r\n}", event.path("body").asText());
        assertFalse(event.path("isBase64Encoded").asBoolean());

        JsonNode context = event.path("requestContext");
        assertEquals("12345678912", context.path("accountId").asText());
        assertEquals("roq9wj", context.path("resourceId").asText());
        assertEquals("testStage", context.path("stage").asText());
        assertEquals("deef4878-7910-11e6-8f14-25afc3e9ae33", context.path("requestId").asText());
        assertEquals("/{proxy+}", context.path("resourcePath").asText());
        assertEquals("POST", context.path("httpMethod").asText());
        assertEquals("gy415nuibc", context.path("apiId").asText());
        // the AWS_IAM example's further members: requestTime, path with the stage, protocol, requestTimeEpoch
        assertEquals("20/Feb/2018:22:48:57 +0000", context.path("requestTime").asText());
        assertEquals("/testStage/hello/world", context.path("path").asText());
        assertEquals("HTTP/1.1", context.path("protocol").asText());
        assertEquals(1519166937665L, context.path("requestTimeEpoch").asLong());

        JsonNode identity = context.path("identity");
        for (String absent : List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "apiKey",
                "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn", "user")) {
            assertTrue(identity.has(absent) && identity.get(absent).isNull(), absent + " in " + identity);
        }
        assertEquals("192.168.196.186", identity.path("sourceIp").asText());
        assertEquals("PostmanRuntime/2.4.5", identity.path("userAgent").asText());
    }

    @Test
    void emptyPartsAreNullAsInAws() {
        CallSite call = new CallSite("abc", "us-east-1", "abc.execute-api.localhost", "GET", "prod", "/", "/prod", "", Map.of(),
                new Headers(), new byte[0], "127.0.0.1", Caller.anonymous(), "id", NOW);
        JsonNode event = ProxyEvents.version1(call, new ProxyEvents.RestContext("000000000000", "root", "/", "d", Map.of(),
                Map.of(), Optional.empty(), Optional.empty()), false);
        for (String member : List.of("headers", "multiValueHeaders", "queryStringParameters",
                "multiValueQueryStringParameters", "pathParameters", "stageVariables", "body")) {
            assertTrue(event.get(member).isNull(), member);
        }
        assertEquals("/prod/", event.path("requestContext").path("path").asText());
    }

    /** https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format */
    @Test
    void readsTheProxyOutputFormat() {
        ProxyEvents.ProxyResponse answer = ProxyEvents.response(("{\"statusCode\": 201, \"headers\": {\"X-A\": \"1\"}, "
                + "\"multiValueHeaders\": {\"X-B\": [\"2\", \"3\"]}, \"body\": \"made\"}").getBytes(StandardCharsets.UTF_8), false)
                .orElseThrow();
        assertEquals(201, answer.status());
        assertEquals(List.of("2", "3"), answer.headers().all("X-B"));
        assertEquals("made", new String(answer.body(), StandardCharsets.UTF_8));
        // Anything else is a malformed Lambda proxy response: API Gateway answers 502.
        assertTrue(ProxyEvents.response("\"hello\"".getBytes(StandardCharsets.UTF_8), false).isEmpty());
        assertTrue(ProxyEvents.response("{\"body\": \"no status\"}".getBytes(StandardCharsets.UTF_8), false).isEmpty());
        // HTTP APIs (2.0) read an answer without statusCode as a 200 JSON body.
        assertEquals(200, ProxyEvents.response("{\"ok\": true}".getBytes(StandardCharsets.UTF_8), true).orElseThrow().status());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
