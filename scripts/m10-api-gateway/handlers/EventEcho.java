package echo;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers a Lambda proxy integration with the very event API Gateway sent, as the response
 * body: the demo shows what a REST API (payload 1.0) and an HTTP API (payload 2.0) deliver.
 */
public class EventEcho implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        StringBuilder body = new StringBuilder();
        for (char c : event.toCharArray()) {
            switch (c) {
                case '"' -> body.append("\\\"");
                case '\\' -> body.append("\\\\");
                case '\n' -> body.append("\\n");
                case '\r' -> body.append("\\r");
                case '\t' -> body.append("\\t");
                default -> body.append(c);
            }
        }
        String response = "{\"statusCode\": 200, \"headers\": {\"Content-Type\": \"application/json\"}, \"body\": \"" + body + "\"}";
        out.write(response.getBytes(StandardCharsets.UTF_8));
    }
}
