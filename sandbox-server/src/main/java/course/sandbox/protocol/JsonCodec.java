package course.sandbox.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;
import course.sandbox.service.ServiceException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * AWS JSON 1.0 and 1.1: {@code POST /} with {@code X-Amz-Target: Prefix.Operation}, a JSON body,
 * and errors as {@code {"__type": "namespace#Code", "message": …}}. The two versions differ only
 * in their Content-Type.
 */
public final class JsonCodec implements DocumentCodec {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String contentType;

    JsonCodec(String version) {
        this.contentType = "application/x-amz-json-" + version;
    }

    public String contentType() {
        return contentType;
    }

    @Override
    public Optional<String> operation(SandboxRequest request) {
        return request.headers().first("X-Amz-Target")
                .filter(target -> target.indexOf('.') > 0)
                .map(target -> target.substring(target.indexOf('.') + 1));
    }

    @Override
    public JsonNode input(byte[] body) {
        return readTree(JSON, body);
    }

    @Override
    public SandboxResponse answer(int status, JsonNode output, String requestId) {
        return respond(status, output, requestId);
    }

    @Override
    public SandboxResponse error(ServiceException error, ErrorContext context) {
        SandboxResponse response = respond(error.status(), errorDocument(error, context), context.requestId());
        addErrorHeaders(response.headers(), error, context);
        return response;
    }

    private SandboxResponse respond(int status, JsonNode document, String requestId) {
        Headers headers = new Headers().add("Content-Type", contentType).add("x-amzn-RequestId", requestId);
        return new SandboxResponse(status, headers, write(JSON, document));
    }

    /** {@code {"__type": "namespace#Code", "message": …}}, what JSON and CBOR clients read the code from. */
    static ObjectNode errorDocument(ServiceException error, ErrorContext context) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", context.jsonNamespace().isEmpty() ? error.shape() : context.jsonNamespace() + "#" + error.shape());
        body.put("message", Json.wellFormed(error.getMessage()));
        error.details().forEach((name, value) -> body.put(name, Json.wellFormed(value)));
        return body;
    }

    /** The headers AWS adds to every JSON-family error; awsQueryCompatible services add the Query code. */
    static void addErrorHeaders(Headers headers, ServiceException error, ErrorContext context) {
        for (String name : error.headers().lowerCaseNames()) {
            error.headers().all(name).forEach(value -> headers.add(name, value));
        }
        if (context.queryCompatible()) {
            headers.add("x-amzn-query-error", error.code() + ";" + error.fault());
        }
    }

    static JsonNode readTree(ObjectMapper mapper, byte[] body) {
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new ServiceException(400, "SerializationException", "Start of structure or map found where not expected");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new ServiceException(400, "SerializationException", "Malformed input: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(ObjectMapper mapper, JsonNode document) {
        try {
            return mapper.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }
}
