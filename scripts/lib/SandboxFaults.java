import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local sandbox's fault rules (POST and DELETE on /_sandbox/faults), for the demos that need
 * a target that throttles or fails on demand. AWS itself offers no such switch, so these demos
 * need the sandbox. The same rules can be added by hand: ./jbang sandbox faults add --help.
 */
public final class SandboxFaults {
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern ERROR = Pattern.compile("\"error\":\"([^\"]*)\"");

    private final HttpClient http;
    private final URI faults;

    private SandboxFaults(HttpClient http, URI faults) {
        this.http = http;
        this.faults = faults;
    }

    /** The fault rules of the demo's target; a target that is not a course sandbox is one line to fix. */
    public static SandboxFaults of(Demo.Target target) {
        if (target.endpoint() == null) {
            throw new Demo.UserError("This demo injects faults, which only the local sandbox does: run it with --local.");
        }
        SandboxFaults sandbox = new SandboxFaults(HttpClient.newHttpClient(), target.endpoint().resolve("/_sandbox/faults"));
        HttpResponse<String> answer = sandbox.send(HttpRequest.newBuilder(sandbox.faults).GET());
        if (answer.statusCode() != 200) {
            throw new Demo.UserError(target.endpoint() + " is not a course sandbox (no /_sandbox/faults): run this demo with --local.");
        }
        return sandbox;
    }

    /** Adds a rule (a JSON spec, e.g. {"service":"sts","error":"throttling","count":2}); returns its id. */
    public String add(String spec) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(faults).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(spec)));
        Matcher id = ID.matcher(answer.body());
        if (answer.statusCode() != 201 || !id.find()) {
            Matcher error = ERROR.matcher(answer.body());
            throw new Demo.UserError("The sandbox refused the fault rule " + spec + ": " + (error.find() ? error.group(1) : answer.body()));
        }
        return id.group(1);
    }

    public void remove(String id) {
        send(HttpRequest.newBuilder(faults.resolve("faults/" + id)).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("X-Course-Sandbox-Control", "yes").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Demo.UserError("Cannot reach the sandbox's fault rules at " + faults + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Demo.UserError("Interrupted.");
        }
    }
}
