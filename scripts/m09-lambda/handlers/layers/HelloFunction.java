package layers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** One of two functions using the layer: its own package holds only this class. */
public class HelloFunction implements RequestHandler<String, String> {
    @Override
    public String handleRequest(String name, Context context) {
        return context.getFunctionName().replaceAll(".*-", "") + " → " + shared.Greetings.greet(name);
    }
}
