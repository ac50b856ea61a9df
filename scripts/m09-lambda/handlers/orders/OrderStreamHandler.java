package orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same order as raw bytes: a stream handler gets the event as it arrived and writes its
 * answer itself (no mapping by the runtime), useful for big payloads or a JSON library of your
 * choice. This one reads the three fields with a pattern to stay free of dependencies.
 */
public class OrderStreamHandler implements RequestStreamHandler {
    private static final PriceCalculator CALCULATOR = new PriceCalculator();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        context.getLogger().log("raw event: " + event);
        String item = field(event, "item");
        int quantity = Integer.parseInt(field(event, "quantity"));
        BigDecimal total = CALCULATOR.total(item, quantity, new BigDecimal(field(event, "unitPrice")));
        String answer = "{\"item\":\"" + item + "\",\"total\":\"" + total.toPlainString() + "\",\"bytesRead\":"
                + event.getBytes(StandardCharsets.UTF_8).length + "}";
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)\"?").matcher(json);
        if (!matcher.find()) {
            throw new IllegalArgumentException("the event has no " + name);
        }
        return matcher.group(1).strip();
    }
}
