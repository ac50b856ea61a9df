package versions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** The lambda-versions demo's function: it says which version ran and what its configuration says. */
public class Versioned implements RequestHandler<Map<String, Object>, String> {
    private static final String MESSAGE = System.getenv().getOrDefault("MESSAGE", "(no MESSAGE)");

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "version " + context.getFunctionVersion() + " says " + MESSAGE;
    }
}
