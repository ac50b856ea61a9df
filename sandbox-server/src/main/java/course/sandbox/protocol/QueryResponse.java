package course.sandbox.protocol;

import course.sandbox.http.SandboxResponse;

/** What a Query-protocol handler answers: HTTP status and the XML body (Content-Type text/xml). */
public record QueryResponse(int status, String xml) {

    public SandboxResponse toSandboxResponse() {
        return SandboxResponse.of(status, "text/xml", xml);
    }
}
