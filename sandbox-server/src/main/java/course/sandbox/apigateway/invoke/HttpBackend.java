package course.sandbox.apigateway.invoke;

import course.sandbox.http.Headers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HTTP and HTTP_PROXY integrations: the request API Gateway sends to the backend and what comes
 * back, within the integration's timeout (29 s at most). Hop-by-hop headers stay behind.
 */
final class HttpBackend {
    /** Headers that belong to one connection, or that java.net.http sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    record Response(int status, Headers headers, byte[] body) {
    }

    Response send(String method, URI uri, Map<String, List<String>> headers, byte[] body, int timeoutMillis) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(timeoutMillis))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Headers answer = new Headers();
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(value -> answer.add(name, value));
                }
            });
            return new Response(response.statusCode(), answer, response.body());
        } catch (HttpTimeoutException e) {
            throw GatewayErrors.timedOut();
        } catch (IOException | IllegalArgumentException e) {
            throw GatewayErrors.internal();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayErrors.internal();
        }
    }
}
