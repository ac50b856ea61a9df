package course.sandbox.apigateway.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import course.sandbox.apigateway.RestApiModel;
import course.sandbox.apigateway.RestApiShapes.Model;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A request validator's body check: the method's model for the request's content type, as JSON
 * Schema draft 4 (API Gateway's model language), run by networknt's validator. References to the
 * API's other models ({@code https://apigateway.amazonaws.com/restapis/ID/models/NAME}) resolve
 * inside the same document; no reference is ever fetched.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html">Request validation</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html">Data models for REST APIs</a>
 */
public final class RequestValidation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CACHED = 256;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    /**
     * The validation errors of {@code body} against {@code modelName} (empty when valid), as
     * {@code $context.error.validationErrorString} lists them.
     */
    public List<String> validate(String apiId, Map<String, Model> models, String modelName, String body) {
        JsonNode instance;
        try {
            instance = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of("Invalid JSON in request body: " + e.getOriginalMessage());
        }
        if (instance == null) {
            return List.of("Request body is empty; the model " + modelName + " requires one");
        }
        Schema schema = schema(apiId, models, modelName);
        List<String> errors = new ArrayList<>();
        for (Error error : schema.validate(instance)) {
            errors.add(error.getMessage());
        }
        return errors;
    }

    private Schema schema(String apiId, Map<String, Model> models, String modelName) {
        ObjectNode root = parse(models.get(modelName));
        ObjectNode definitions = JSON.createObjectNode();
        models.values().forEach(model -> definitions.set(model.name, parse(model)));
        // A schema's own $schema and id would re-base its references; the document is one unit here.
        for (ObjectNode schema : definitionsAndRoot(root, definitions)) {
            schema.remove("$schema");
            schema.remove("id");
        }
        root.set("definitions", definitions);
        localize(root, RestApiModel.modelUrl(apiId, ""));
        String key = root.toString();
        if (compiled.size() > MAX_CACHED) {
            compiled.clear();
        }
        return compiled.computeIfAbsent(key, text -> registry.getSchema(root));
    }

    private static List<ObjectNode> definitionsAndRoot(ObjectNode root, ObjectNode definitions) {
        List<ObjectNode> schemas = new ArrayList<>(List.of(root));
        definitions.elements().forEachRemaining(schema -> schemas.add((ObjectNode) schema));
        return schemas;
    }

    private static ObjectNode parse(Model model) {
        try {
            JsonNode tree = model == null || model.schema == null ? null : JSON.readTree(model.schema);
            return tree instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    /** Model URLs become {@code #/definitions/NAME}; any other non-local reference matches anything. */
    private static void localize(JsonNode node, String modelUrlPrefix) {
        if (node instanceof ObjectNode object) {
            Optional.ofNullable(object.get("$ref")).map(JsonNode::asText).ifPresent(ref -> {
                if (ref.startsWith(modelUrlPrefix)) {
                    object.set("$ref", TextNode.valueOf("#/definitions/" + ref.substring(modelUrlPrefix.length())));
                } else if (!ref.startsWith("#")) {
                    object.remove("$ref");
                }
            });
            for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
                localize(children.next(), modelUrlPrefix);
            }
        } else if (node != null && node.isArray()) {
            node.forEach(child -> localize(child, modelUrlPrefix));
        }
    }
}
