package course.sandbox.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The fields Logs Insights discovers in a JSON log event: every member, nested ones named with
 * dots ({@code request.path}), numbers as numbers.
 */
final class JsonFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFields() {
    }

    static void flatten(String message, Map<String, Object> row) {
        JsonNode tree;
        try {
            tree = JSON.readTree(message);
        } catch (IOException notJson) {
            return;
        }
        if (tree != null && tree.isObject()) {
            flatten("", tree, row);
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> row) {
        for (Iterator<Map.Entry<String, JsonNode>> members = node.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            String name = prefix + member.getKey();
            JsonNode value = member.getValue();
            if (value.isObject()) {
                flatten(name + ".", value, row);
            } else if (value.isNumber()) {
                row.putIfAbsent(name, value.doubleValue());
            } else if (!value.isNull()) {
                row.putIfAbsent(name, value.isTextual() ? value.textValue() : value.toString());
            }
        }
    }
}
