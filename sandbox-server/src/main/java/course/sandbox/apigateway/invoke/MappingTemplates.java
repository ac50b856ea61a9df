package course.sandbox.apigateway.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.util.introspection.SecureUberspector;

import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mapping templates as API Gateway runs them: Velocity (VTL) with {@code $input},
 * {@code $context}, {@code $stageVariables} and {@code $util}. Velocity's secure introspection
 * keeps templates away from classes and reflection.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html">Variables for data transformations</a>
 */
public final class MappingTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final VelocityEngine engine = new VelocityEngine();

    public MappingTemplates() {
        engine.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, SecureUberspector.class.getName());
        engine.setProperty(RuntimeConstants.RUNTIME_LOG_REFERENCE_LOG_INVALID, false);
        // No template may hold a request thread for long: loops stop after 1000 rounds.
        engine.setProperty(RuntimeConstants.MAX_NUMBER_LOOPS, 1000);
        engine.init();
    }

    /** What a template sees of the request: the body it transforms and the method request's parameters. */
    public record Input(String body, Map<String, String> path, Map<String, String> querystring, Map<String, String> header) {
    }

    /**
     * Renders {@code template}; a template that fails (a syntax error, a bad JSON body where
     * {@code $input.json} needs one) throws {@link IllegalArgumentException} with the reason.
     */
    public String render(String template, Input input, Map<String, Object> context, Map<String, String> stageVariables) {
        VelocityContext velocity = new VelocityContext();
        velocity.put("input", new InputVariable(input));
        velocity.put("context", context);
        velocity.put("stageVariables", stageVariables);
        velocity.put("util", new UtilVariable());
        StringWriter out = new StringWriter();
        try {
            engine.evaluate(velocity, out, "template", template);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return out.toString();
    }

    /** {@code $input}: the body, JSONPath selections of it, and the request's parameters. */
    public static final class InputVariable {
        private final Input input;
        private JsonNode parsed;

        InputVariable(Input input) {
            this.input = input;
        }

        public String getBody() {
            return input.body();
        }

        /** {@code $input.json('$.a')}: the selection as a JSON string. */
        public String json(String path) {
            JsonNode node = JsonPaths.select(tree(), path);
            return node.isMissingNode() ? "" : node.toString();
        }

        /** {@code $input.path('$.a')}: the selection as an object a template can iterate or print. */
        public Object path(String path) {
            JsonNode node = JsonPaths.select(tree(), path);
            return node.isMissingNode() ? "" : JSON.convertValue(node, Object.class);
        }

        /** {@code $input.params()}: all parameters, by location. */
        public Map<String, Map<String, String>> params() {
            Map<String, Map<String, String>> all = new LinkedHashMap<>();
            all.put("path", input.path());
            all.put("querystring", input.querystring());
            all.put("header", input.header());
            return all;
        }

        /** {@code $input.params('x')}: path, then query string, then header. */
        public String params(String name) {
            for (Map<String, String> location : List.of(input.path(), input.querystring(), input.header())) {
                for (Map.Entry<String, String> entry : location.entrySet()) {
                    if (entry.getKey().equals(name) || location == input.header() && entry.getKey().equalsIgnoreCase(name)) {
                        return entry.getValue();
                    }
                }
            }
            return "";
        }

        private JsonNode tree() {
            if (parsed == null) {
                try {
                    parsed = input.body() == null || input.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(input.body());
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("Invalid JSON in request body: " + e.getOriginalMessage());
                }
            }
            return parsed;
        }
    }

    /** {@code $util}: escaping and encoding helpers. */
    public static final class UtilVariable {
        public String escapeJavaScript(String value) {
            String json = JSON.getNodeFactory().textNode(value == null ? "" : value).toString();
            return json.substring(1, json.length() - 1).replace("'", "\\'");
        }

        public Object parseJson(String json) {
            try {
                return JSON.readValue(json, Object.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage());
            }
        }

        public String urlEncode(String value) {
            return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
        }

        public String urlDecode(String value) {
            return URLDecoder.decode(value == null ? "" : value, StandardCharsets.UTF_8);
        }

        public String base64Encode(String value) {
            return Base64.getEncoder().encodeToString((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
        }

        public String base64Decode(String value) {
            return new String(Base64.getDecoder().decode(value == null ? "" : value), StandardCharsets.UTF_8);
        }
    }
}
