package concurrency;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;
import java.util.UUID;

/** The lambda-concurrency demo's function: it keeps its environment busy for as long as it is asked to. */
public class Busy implements RequestHandler<Map<String, Object>, String> {
    private static final String ENVIRONMENT = UUID.randomUUID().toString().substring(0, 8);

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        long millis = ((Number) event.getOrDefault("millis", 0)).longValue();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "environment " + ENVIRONMENT + " was busy " + millis + " ms";
    }
}
