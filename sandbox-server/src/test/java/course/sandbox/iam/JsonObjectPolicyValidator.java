package course.sandbox.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.iam.policy.MalformedPolicyException;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.PolicyValidator;

/** Test stand-in for the policy engine's validator: accepts any JSON object. */
public final class JsonObjectPolicyValidator implements PolicyValidator {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void validate(String json, PolicyKind kind) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new MalformedPolicyException("Syntax errors in policy.");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
    }
}
