package course.sandbox.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test stand-in for the policy engine's validator: accepts any JSON object. */
public final class JsonObjectPolicyValidator implements PolicyValidator {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void validate(String json, PolicyKind kind) throws InvalidPolicyException {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new InvalidPolicyException("Syntax errors in policy.");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidPolicyException("Syntax errors in policy.");
        }
    }
}
