package insights;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/**
 * The logs-insights demo's function: it logs one JSON line per order it processes, and a plain
 * ERROR line for the orders it refuses, so there is something to query.
 */
public class OrderWorker implements RequestHandler<Map<String, Object>, String> {
    private static final String[] REASONS = {"payment declined", "out of stock"};

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        int order = ((Number) event.get("order")).intValue();
        long millis = (order % 5) * 40L;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (order % 6 == 0) {
            String reason = REASONS[order / 6 % REASONS.length];
            System.out.println("ERROR order " + order + " failed: " + reason);
            throw new IllegalStateException("order " + order + " failed: " + reason);
        }
        System.out.println("{\"order\":" + order + ",\"status\":\"shipped\",\"workMs\":" + millis + "}");
        return "order " + order + " shipped";
    }
}
