package course.sandbox.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;
import course.sandbox.service.ServiceException;

import java.util.Optional;

/**
 * REST-JSON (Lambda, API Gateway, X-Ray): the method and path name the operation; bodies are
 * JSON; an error names its code in the {@code X-Amzn-ErrorType} header and its message in the body.
 */
public final class RestJsonCodec implements DocumentCodec {

    RestJsonCodec() {
    }

    @Override
    public Optional<String> operation(SandboxRequest request) {
        return Optional.empty();
    }

    @Override
    public JsonNode input(byte[] body) {
        return JsonCodec.readTree(JsonCodec.JSON, body);
    }

    @Override
    public SandboxResponse answer(int status, JsonNode output, String requestId) {
        Headers headers = new Headers().add("Content-Type", "application/json").add("x-amzn-RequestId", requestId);
        return new SandboxResponse(status, headers, JsonCodec.write(JsonCodec.JSON, output));
    }

    @Override
    public SandboxResponse error(ServiceException error, ErrorContext context) {
        ObjectNode body = JsonCodec.JSON.createObjectNode();
        body.put("message", Json.wellFormed(error.getMessage()));
        error.details().forEach((name, value) -> body.put(name, Json.wellFormed(value)));
        SandboxResponse response = answer(error.status(), body, context.requestId());
        response.headers().add("X-Amzn-ErrorType", error.code());
        JsonCodec.addErrorHeaders(response.headers(), error, context);
        return response;
    }
}
