package course.sandbox.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.SandboxConfig;
import course.sandbox.control.ControlEndpoint;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Asks whoever listens on a loopback port whether it is a course sandbox, and tells it to reset. */
public final class SandboxProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public SandboxProbe(int port) {
        this.port = port;
    }

    /** The health answer of a course sandbox on the port, or empty when none answers there. */
    public Optional<JsonNode> health() {
        try {
            HttpResponse<String> response = http.send(request(ControlEndpoint.HEALTH).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode health = JSON.readTree(response.body());
            return ControlEndpoint.SERVICE_NAME.equals(health.path("service").asText())
                    ? Optional.of(health) : Optional.empty();
        } catch (IOException notASandbox) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** True when something (sandbox or not) already listens on 127.0.0.1 at the port. */
    public boolean portTaken() {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return false;
        } catch (IOException taken) {
            return true;
        }
    }

    public boolean reset() throws IOException, InterruptedException {
        try {
            HttpResponse<Void> response = http.send(request(ControlEndpoint.RESET)
                            .header(ControlEndpoint.RESET_HEADER, "yes")
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (ConnectException nobodyListening) {
            return false;
        }
    }

    /** A control endpoint's answer: HTTP status and JSON body. */
    public record ControlAnswer(int status, JsonNode body) {
    }

    /**
     * Calls a control endpoint (e.g. /_sandbox/faults) with the control header; empty when
     * nobody listens on the port.
     *
     * @param json the request body, or null for none
     */
    public Optional<ControlAnswer> control(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path).header(ControlEndpoint.CONTROL_HEADER, "yes")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return Optional.of(new ControlAnswer(response.statusCode(), JSON.readTree(response.body())));
        } catch (ConnectException nobodyListening) {
            return Optional.empty();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(SandboxConfig.endpoint(port) + path)).timeout(Duration.ofSeconds(5));
    }
}
