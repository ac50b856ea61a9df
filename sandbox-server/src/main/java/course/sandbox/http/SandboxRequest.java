package course.sandbox.http;

import java.net.InetSocketAddress;

/**
 * One HTTP request as it arrived, before any service looks at it. The path and query stay
 * exactly as sent (still percent-encoded), because signatures are computed over them.
 *
 * @param method    HTTP method, upper case
 * @param rawPath   request path as sent, e.g. {@code /my-bucket/a%20b.txt}
 * @param rawQuery  query string as sent without the '?', or {@code ""} when there is none
 * @param headers   all request headers
 * @param payload   the request body, read on first use
 * @param remote    the client's address
 */
public record SandboxRequest(
        String method,
        String rawPath,
        String rawQuery,
        Headers headers,
        RequestPayload payload,
        InetSocketAddress remote) {

    /** A request whose body has already been read whole. */
    public SandboxRequest(String method, String rawPath, String rawQuery, Headers headers, byte[] body,
                          InetSocketAddress remote) {
        this(method, rawPath, rawQuery, headers, RequestPayload.of(body), remote);
    }

    /** The whole request body (empty array when there is none), read now if needed. */
    public byte[] body() {
        return payload.bytes();
    }

    public String host() {
        return headers.first("Host").orElse("");
    }
}
