package course.sandbox.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.SandboxConfig;
import course.sandbox.faults.FaultInjector;
import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;

import java.time.Instant;
import java.util.Optional;

/**
 * The sandbox's own endpoints under /_sandbox/: health (also tells `sandbox status`/`stop` who
 * is listening), reset and fault rules ({@link FaultsEndpoint}). Reset needs a custom header, which a browser cannot send
 * cross-origin without a CORS preflight the sandbox never approves, so a web page cannot wipe
 * a class's state.
 */
public final class ControlEndpoint {
    public static final String PREFIX = "/_sandbox/";
    public static final String HEALTH = PREFIX + "health";
    public static final String RESET = PREFIX + "reset";
    public static final String RESET_HEADER = "X-Course-Sandbox-Reset";
    public static final String FAULTS = PREFIX + "faults";
    /** Needed to change fault rules, for the same reason as {@link #RESET_HEADER}. */
    public static final String CONTROL_HEADER = "X-Course-Sandbox-Control";
    /** Identifies a course sandbox in the health answer, as opposed to anything else on the port. */
    public static final String SERVICE_NAME = "course-sandbox";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxConfig config;
    private final Instant startedAt;
    private final Runnable reset;
    private final FaultsEndpoint faults;

    /** @param reset drops all state, fault rules included */
    public ControlEndpoint(SandboxConfig config, Instant startedAt, Runnable reset, FaultInjector faults) {
        this.config = config;
        this.startedAt = startedAt;
        this.reset = reset;
        this.faults = new FaultsEndpoint(faults);
    }

    public static boolean handles(SandboxRequest request) {
        return request.rawPath().startsWith(PREFIX);
    }

    public Optional<SandboxResponse> handle(SandboxRequest request) {
        String path = request.rawPath();
        if (path.equals(HEALTH) && request.method().equals("GET")) {
            return Optional.of(SandboxResponse.json(200, health().toString()));
        }
        if (FaultsEndpoint.handles(path)) {
            return Optional.of(faults.handle(request));
        }
        if (path.equals(RESET) && request.method().equals("POST")) {
            if (!request.headers().contains(RESET_HEADER)) {
                return Optional.of(SandboxResponse.json(403,
                        "{\"error\":\"reset needs the " + RESET_HEADER + " header\"}"));
            }
            reset.run();
            return Optional.of(SandboxResponse.json(200, "{\"reset\":true}"));
        }
        return Optional.empty();
    }

    private ObjectNode health() {
        ObjectNode health = JSON.createObjectNode();
        health.put("service", SERVICE_NAME);
        health.put("status", "ready");
        health.put("pid", ProcessHandle.current().pid());
        health.put("endpoint", config.endpoint());
        health.put("account", config.account());
        health.put("region", config.region());
        health.put("accessKeyId", config.rootAccessKeyId());
        health.put("startedAt", startedAt.toString());
        health.put("clock", config.fixedClock().map(Instant::toString).orElse("system"));
        health.put("explain", config.explain());
        return health;
    }
}
