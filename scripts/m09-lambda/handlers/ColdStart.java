package coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The lambda-cold-start demo's function. Everything static runs once per execution environment,
 * in the INIT phase: the expensive setup a handler reuses while the environment stays warm.
 */
public class ColdStart implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Instant INITIALIZED = Instant.now();
    private static final String ENVIRONMENT = UUID.randomUUID().toString().substring(0, 8);
    private static final String GREETING = System.getenv().getOrDefault("GREETING", "hello");
    private static int invocations;

    static {
        // Stands in for the real work of an init: reading configuration, creating SDK clients.
        System.out.println("INIT: environment " + ENVIRONMENT + " loads the handler class once");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        invocations++;
        context.getLogger().log("invocation " + invocations + " in environment " + ENVIRONMENT);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("greeting", GREETING + ", " + event.getOrDefault("name", "world"));
        answer.put("environment", ENVIRONMENT);
        answer.put("invocationInThisEnvironment", invocations);
        answer.put("secondsSinceInit", Duration.between(INITIALIZED, Instant.now()).toSeconds());
        return answer;
    }
}
