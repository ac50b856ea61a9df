package layers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** The other function using the same layer. */
public class WelcomeFunction implements RequestHandler<String, String> {
    @Override
    public String handleRequest(String name, Context context) {
        return context.getFunctionName().replaceAll(".*-", "") + " → " + shared.Greetings.greet(name) + ", welcome!";
    }
}
