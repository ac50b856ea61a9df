package container;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The function inside the image: the same RequestHandler a .zip would hold. */
public class Greeter implements RequestHandler<Map<String, String>, Map<String, String>> {
    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("greeting", "hello, " + event.getOrDefault("name", "world"));
        answer.put("from", "an image");
        // The image's WORKDIR: /function on Lambda; in the sandbox, /function under the unpacked image.
        answer.put("workingDirectory", Path.of("").toAbsolutePath().toString());
        return answer;
    }
}
