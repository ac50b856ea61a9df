package course.sandbox.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.http.Headers;
import course.sandbox.iam.Credential;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The events API Gateway hands a Lambda proxy integration, and how it reads the function's
 * answer. Payload format 1.0 (REST APIs, and HTTP APIs on request) keeps every header and query
 * parameter twice, last value and all values; 2.0 (HTTP APIs) joins repeated values with commas,
 * lower-cases header names and moves cookies to their own list.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format">Input format of a Lambda function for proxy integration (REST)</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html">Payload format versions (HTTP APIs)</a>
 */
public final class ProxyEvents {
    static final ObjectMapper JSON = new ObjectMapper();

    private ProxyEvents() {
    }

    /** What a REST method contributes to its 1.0 event besides the request itself. */
    public record RestContext(String accountId, String resourceId, String resourcePath, String deploymentId,
                              Map<String, String> pathParameters, Map<String, String> stageVariables,
                              Optional<String> apiKey, Optional<String> apiKeyId) {
    }

    /** Payload format 1.0, as a REST API builds it for a Lambda proxy integration. */
    public static ObjectNode version1(CallSite call, RestContext rest, boolean binaryBody) {
        ObjectNode event = JSON.createObjectNode();
        event.put("resource", rest.resourcePath());
        event.put("path", call.decodedPath());
        event.put("httpMethod", call.httpMethod());
        Map<String, List<String>> headers = call.multiHeaders();
        if (headers.isEmpty()) {
            event.putNull("headers");
            event.putNull("multiValueHeaders");
        } else {
            ObjectNode single = event.putObject("headers");
            call.singleHeaders().forEach(single::put);
            ObjectNode multi = event.putObject("multiValueHeaders");
            headers.forEach((name, values) -> values.forEach(multi.putArray(name)::add));
        }
        if (call.query().isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode single = event.putObject("queryStringParameters");
            call.query().forEach((name, values) -> single.put(name, values.get(values.size() - 1)));
            ObjectNode multi = event.putObject("multiValueQueryStringParameters");
            call.query().forEach((name, values) -> values.forEach(multi.putArray(name)::add));
        }
        putMap(event, "pathParameters", rest.pathParameters());
        putMap(event, "stageVariables", rest.stageVariables());
        ObjectNode context = event.putObject("requestContext");
        context.put("resourceId", rest.resourceId());
        context.put("resourcePath", rest.resourcePath());
        context.put("httpMethod", call.httpMethod());
        context.put("extendedRequestId", call.requestId());
        context.put("requestTime", call.requestTime());
        context.put("path", "/" + call.stage() + (call.decodedPath().equals("/") ? "/" : call.decodedPath()));
        context.put("accountId", rest.accountId());
        context.put("protocol", "HTTP/1.1");
        context.put("stage", call.stage());
        context.put("domainPrefix", call.apiId());
        context.put("requestTimeEpoch", call.now().toEpochMilli());
        context.put("requestId", call.requestId());
        context.set("identity", identity(call, rest));
        context.put("domainName", call.domainName());
        context.put("deploymentId", rest.deploymentId());
        context.put("apiId", call.apiId());
        body(event, call.body(), binaryBody);
        return event;
    }

    private static ObjectNode identity(CallSite call, RestContext rest) {
        ObjectNode identity = JSON.createObjectNode();
        Optional<Credential> credential = call.caller().credential();
        identity.putNull("cognitoIdentityPoolId");
        putOrNull(identity, "accountId", credential.map(c -> c.principal().accountId()));
        identity.putNull("cognitoIdentityId");
        putOrNull(identity, "caller", credential.map(c -> c.principal().userId()));
        putOrNull(identity, "apiKey", rest.apiKey());
        putOrNull(identity, "apiKeyId", rest.apiKeyId());
        identity.put("sourceIp", call.sourceIp());
        identity.putNull("principalOrgId");
        putOrNull(identity, "accessKey", credential.map(Credential::accessKeyId));
        identity.putNull("cognitoAuthenticationType");
        identity.putNull("cognitoAuthenticationProvider");
        putOrNull(identity, "userArn", credential.map(c -> c.principal().arn()));
        putOrNull(identity, "userAgent", Optional.ofNullable(call.userAgent()));
        putOrNull(identity, "user", credential.map(c -> c.principal().userId()));
        return identity;
    }

    /** What an HTTP API route contributes to its 2.0 event. */
    public record HttpContext(String accountId, String routeKey, Map<String, String> pathParameters,
                              Map<String, String> stageVariables) {
    }

    /** Payload format 2.0, as an HTTP API builds it. */
    public static ObjectNode version2(CallSite call, HttpContext route, boolean binaryBody) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", call.rawPath().equals("") ? "/" : call.rawPath());
        event.put("rawQueryString", call.rawQuery());
        List<String> cookies = call.headers().all("Cookie");
        if (!cookies.isEmpty()) {
            ArrayNode list = event.putArray("cookies");
            cookies.stream().flatMap(cookie -> java.util.Arrays.stream(cookie.split(";"))).map(String::strip)
                    .filter(cookie -> !cookie.isEmpty()).forEach(list::add);
        }
        ObjectNode headers = event.putObject("headers");
        call.multiHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Cookie")) {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        if (!call.query().isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            call.query().forEach((name, values) -> query.put(name, String.join(",", values)));
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", route.accountId());
        context.put("apiId", call.apiId());
        context.put("domainName", call.domainName());
        context.put("domainPrefix", call.apiId());
        ObjectNode http = context.putObject("http");
        http.put("method", call.httpMethod());
        http.put("path", call.rawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", call.sourceIp());
        putOrNull(http, "userAgent", Optional.ofNullable(call.userAgent()));
        context.put("requestId", call.requestId());
        context.put("routeKey", route.routeKey());
        context.put("stage", call.stage());
        context.put("time", call.requestTime());
        context.put("timeEpoch", call.now().toEpochMilli());
        if (!route.pathParameters().isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            route.pathParameters().forEach(parameters::put);
        }
        if (!route.stageVariables().isEmpty()) {
            ObjectNode variables = event.putObject("stageVariables");
            route.stageVariables().forEach(variables::put);
        }
        if (call.body().length > 0) {
            event.put("body", binaryBody ? Base64.getEncoder().encodeToString(call.body()) : call.bodyText());
        }
        event.put("isBase64Encoded", binaryBody);
        return event;
    }

    /** A function's answer to a proxy integration, read as API Gateway reads it. */
    public record ProxyResponse(int status, Headers headers, byte[] body) {
    }

    /**
     * Reads a 1.0 answer: an object with {@code statusCode} and optional {@code headers},
     * {@code multiValueHeaders}, {@code body} and {@code isBase64Encoded}; anything else is a
     * malformed response (502). With {@code version2}, an answer without {@code statusCode} is
     * the body of a 200 JSON response, as HTTP APIs read it.
     */
    public static Optional<ProxyResponse> response(byte[] payload, boolean version2) {
        JsonNode answer;
        try {
            answer = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (answer == null) {
            return Optional.empty();
        }
        if (!answer.isObject() || !answer.has("statusCode")) {
            if (!version2) {
                return Optional.empty();
            }
            byte[] body = answer.isTextual() ? answer.asText().getBytes(StandardCharsets.UTF_8) : JSON.valueToTree(answer)
                    .toString().getBytes(StandardCharsets.UTF_8);
            return Optional.of(new ProxyResponse(200, new Headers().add("Content-Type", "application/json"), body));
        }
        JsonNode status = answer.get("statusCode");
        if (!status.canConvertToInt() && !(status.isTextual() && status.asText().matches("\\d{3}"))) {
            return Optional.empty();
        }
        Headers headers = new Headers();
        answer.path("headers").fields().forEachRemaining(header -> headers.add(header.getKey(), header.getValue().asText()));
        answer.path("multiValueHeaders").fields().forEachRemaining(header -> header.getValue()
                .forEach(value -> headers.add(header.getKey(), value.asText())));
        if (version2) {
            answer.path("cookies").forEach(cookie -> headers.add("Set-Cookie", cookie.asText()));
        }
        JsonNode body = answer.get("body");
        byte[] bytes;
        if (body == null || body.isNull()) {
            bytes = new byte[0];
        } else if (answer.path("isBase64Encoded").asBoolean(false)) {
            try {
                bytes = Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        } else {
            bytes = (body.isTextual() ? body.asText() : body.toString()).getBytes(StandardCharsets.UTF_8);
        }
        if (!headers.contains("Content-Type")) {
            headers.add("Content-Type", "application/json");
        }
        return Optional.of(new ProxyResponse(status.asInt(), headers, bytes));
    }

    private static void body(ObjectNode event, byte[] body, boolean binary) {
        if (body.length == 0) {
            event.putNull("body");
        } else {
            event.put("body", binary ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
        }
        event.put("isBase64Encoded", binary && body.length > 0);
    }

    private static void putMap(ObjectNode event, String name, Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            event.putNull(name);
        } else {
            ObjectNode map = event.putObject(name);
            values.forEach(map::put);
        }
    }

    private static void putOrNull(ObjectNode node, String name, Optional<String> value) {
        if (value.isPresent()) {
            node.put(name, value.get());
        } else {
            node.putNull(name);
        }
    }
}
