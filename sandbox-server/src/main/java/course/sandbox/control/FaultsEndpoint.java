package course.sandbox.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.faults.FaultInjector;
import course.sandbox.faults.FaultKind;
import course.sandbox.faults.FaultRule;
import course.sandbox.faults.FaultSpec;
import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * /_sandbox/faults: GET lists the fault rules, POST adds one (a JSON spec), DELETE clears them
 * all, DELETE /_sandbox/faults/{id} removes one. Changes need the {@link ControlEndpoint#CONTROL_HEADER}
 * header, which a web page cannot send cross-origin without a preflight the sandbox never approves.
 *
 * <p>A spec: {"service":"dynamodb","operation":"GetItem","principal":"arn:…","error":"throttling"
 * | "status":503,"code":"SlowDown","message":"…","probability":0.3,"seed":42,"count":3,"latencyMs":200}
 */
final class FaultsEndpoint {
    static final String PATH = ControlEndpoint.PREFIX + "faults";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("service", "operation", "principal", "error", "status", "code", "message",
            "probability", "seed", "count", "latencyMs");

    private final FaultInjector faults;

    FaultsEndpoint(FaultInjector faults) {
        this.faults = faults;
    }

    static boolean handles(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    SandboxResponse handle(SandboxRequest request) {
        String path = request.rawPath();
        String method = request.method();
        if (method.equals("GET") && path.equals(PATH)) {
            return SandboxResponse.json(200, list().toString());
        }
        if (!method.equals("POST") && !method.equals("DELETE")) {
            return error(405, "use GET, POST or DELETE on " + PATH);
        }
        if (!request.headers().contains(ControlEndpoint.CONTROL_HEADER)) {
            return error(403, "changing fault rules needs the " + ControlEndpoint.CONTROL_HEADER + " header");
        }
        if (method.equals("DELETE")) {
            if (path.equals(PATH)) {
                return SandboxResponse.json(200, JSON.createObjectNode().put("cleared", faults.clear()).toString());
            }
            String id = path.substring(PATH.length() + 1);
            return faults.remove(id) ? SandboxResponse.json(200, JSON.createObjectNode().put("removed", id).toString())
                    : error(404, "no fault rule " + id);
        }
        if (!path.equals(PATH)) {
            return error(404, "POST fault rules to " + PATH);
        }
        try {
            FaultRule rule = faults.add(spec(JSON.readTree(request.body())));
            return SandboxResponse.json(201, describe(rule).toString());
        } catch (JsonProcessingException e) {
            return error(400, "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return error(400, "the body could not be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private ObjectNode list() {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode rules = answer.putArray("rules");
        faults.list().forEach(rule -> rules.add(describe(rule)));
        return answer;
    }

    static FaultSpec spec(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a fault rule is a JSON object, e.g. {\"service\":\"dynamodb\",\"error\":\"throttling\"}");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "'; fields are " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        FaultKind kind = text(json, "error").map(name -> FaultKind.parse(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown error '" + name + "'; use throttling, server-error, unavailable or client-error"))).orElse(null);
        return new FaultSpec(text(json, "service").orElse(null), text(json, "operation").orElse(null),
                text(json, "principal").orElse(null), number(json, "probability").orElse(null),
                number(json, "seed").map(Double::longValue).orElse(null), number(json, "count").map(Double::intValue).orElse(null),
                kind, number(json, "status").map(Double::intValue).orElse(null), text(json, "code").orElse(null),
                text(json, "message").orElse(null), number(json, "latencyMs").map(ms -> Duration.ofMillis(ms.longValue())).orElse(null));
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    private static Optional<Double> number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return Optional.of(value.asDouble());
    }

    static ObjectNode describe(FaultRule rule) {
        FaultSpec spec = rule.spec();
        ObjectNode json = JSON.createObjectNode().put("id", rule.id());
        putIfPresent(json, "service", spec.service());
        putIfPresent(json, "operation", spec.operation());
        putIfPresent(json, "principal", spec.principal());
        if (spec.kind() != null) {
            json.put("error", spec.kind().label());
        }
        if (spec.status() != null) {
            json.put("status", spec.status()).put("code", spec.code());
            putIfPresent(json, "message", spec.message());
        }
        if (spec.probability() != null) {
            json.put("probability", spec.probability());
        }
        if (spec.seed() != null) {
            json.put("seed", spec.seed());
        }
        if (spec.count() != null) {
            json.put("count", spec.count());
        }
        if (spec.latency() != null) {
            json.put("latencyMs", spec.latency().toMillis());
        }
        return json.put("fired", rule.fired()).put("spent", rule.spent()).put("description", rule.describe());
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static SandboxResponse error(int status, String message) {
        return SandboxResponse.json(status, JSON.createObjectNode().put("error", message).toString());
    }
}
