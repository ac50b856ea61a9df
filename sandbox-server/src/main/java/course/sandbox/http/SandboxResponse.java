package course.sandbox.http;

import java.nio.charset.StandardCharsets;

/**
 * What the sandbox answers: a status, headers and a body. Services build these; the HTTP front
 * writes them out unchanged.
 */
public record SandboxResponse(int status, Headers headers, byte[] body) {

    public static SandboxResponse of(int status, String contentType, String body) {
        return new SandboxResponse(status, new Headers().add("Content-Type", contentType),
                body.getBytes(StandardCharsets.UTF_8));
    }

    public static SandboxResponse json(int status, String json) {
        return of(status, "application/json", json);
    }

    public static SandboxResponse xml(int status, String xml) {
        return of(status, "application/xml", xml);
    }
}
