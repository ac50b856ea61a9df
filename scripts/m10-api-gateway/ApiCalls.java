import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Calling a deployed API from a demo, with java.net.http as any client would: on AWS its own host
 * name, {@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}}; on the sandbox (or any
 * --endpoint-url) the same host in the path, {@code {endpoint}/_host/{api-id}.execute-api.{region}.amazonaws.com/{stage}},
 * since Java does not resolve {@code *.localhost}.
 */
final class ApiCalls {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    /** A stage's URL; {@code ""} for an HTTP API's {@code $default} stage, whose URL has no stage segment. */
    ApiCalls(Demo.Target target, String apiId, String stage) {
        String host = apiId + ".execute-api." + target.region().id() + ".amazonaws.com";
        String stagePath = stage.isEmpty() ? "" : "/" + stage;
        this.baseUrl = target.endpoint() == null ? "https://" + host + stagePath
                : target.endpoint().toString().replaceAll("/$", "") + "/_host/" + host + stagePath;
    }

    String baseUrl() {
        return baseUrl;
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET(), headers);
    }

    HttpResponse<String> post(String pathAndQuery, String json, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    /**
     * Waits until a new deployment answers (AWS takes a few seconds; the sandbox answers at once):
     * until {@code pathAndQuery} stops answering 403 "Forbidden" or "Missing Authentication Token".
     */
    void awaitDeployed(String pathAndQuery) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            HttpResponse<String> answer = get(pathAndQuery);
            if (answer.statusCode() != 403 || Instant.now().isAfter(deadline)) {
                return;
            }
            sleep(Duration.ofSeconds(2));
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Demo.UserError("Cannot reach " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Demo.UserError("Interrupted.");
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Demo.UserError("Interrupted.");
        }
    }

    /** "400 {"message":…}" as one line for the narration. */
    static String line(HttpResponse<String> answer) {
        return answer.statusCode() + " " + answer.body().strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
