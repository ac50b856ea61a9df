package course.sandbox.iam.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An immutable, validated IAM policy document.
 *
 * <p>Parse with {@link #parse(String)} (identity policies) or {@link #parse(String, PolicyKind)};
 * invalid documents raise {@link MalformedPolicyException} carrying IAM's reason text.
 */
public final class PolicyDocument {

    public static final String VERSION_2012 = "2012-10-17";
    public static final String VERSION_2008 = "2008-10-17";

    static final String SYNTAX_ERROR = "Syntax errors in policy.";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    private static final Pattern ALPHANUMERIC_SID = Pattern.compile("[0-9A-Za-z]*");
    private static final Pattern VENDOR = Pattern.compile("[A-Za-z0-9*?-]+");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final String json;
    private final PolicyKind kind;
    private final String version;
    private final String id;
    private final List<Statement> statements;

    private PolicyDocument(String json, PolicyKind kind, String version, String id, List<Statement> statements) {
        this.json = json;
        this.kind = kind;
        this.version = version;
        this.id = id;
        this.statements = List.copyOf(statements);
    }

    /** Parses an identity-based policy (user, group, role, boundary or session policy). */
    public static PolicyDocument parse(String json) {
        return parse(json, PolicyKind.IDENTITY);
    }

    /**
     * Parses and validates a policy document of the given kind.
     *
     * @throws MalformedPolicyException with IAM's reason when the document is invalid
     */
    public static PolicyDocument parse(String json, PolicyKind kind) {
        if (json == null || json.isBlank()) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        JsonNode root;
        List<Position[]> spans;
        try {
            root = MAPPER.readTree(json);
            spans = statementSpans(json);
        } catch (IOException e) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL_FIELDS.contains(name)) {
                throw new MalformedPolicyException("Unknown field " + name);
            }
        }
        String version = optionalText(root, "Version");
        if (version != null && !version.equals(VERSION_2012) && !version.equals(VERSION_2008)) {
            throw new MalformedPolicyException("The policy failed legacy parsing");
        }
        String id = optionalText(root, "Id");
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null) {
            throw new MalformedPolicyException("Missing required field Statement");
        }
        List<JsonNode> statementNodes = new ArrayList<>();
        if (statementNode.isObject()) {
            statementNodes.add(statementNode);
        } else if (statementNode.isArray()) {
            statementNode.forEach(statementNodes::add);
        } else {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        if (statementNodes.size() != spans.size()) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        List<Statement> statements = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        for (int i = 0; i < statementNodes.size(); i++) {
            Statement statement = parseStatement(statementNodes.get(i), i, kind, spans.get(i));
            if (statement.sid() != null && !statement.sid().isEmpty() && !sids.add(statement.sid())) {
                throw new MalformedPolicyException("Statement IDs (SID) in a single policy must be unique.");
            }
            statements.add(statement);
        }
        return new PolicyDocument(json, kind, version, id, statements);
    }

    private static Statement parseStatement(JsonNode node, int index, PolicyKind kind, Position[] span) {
        if (!node.isObject()) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!STATEMENT_FIELDS.contains(name)) {
                throw new MalformedPolicyException("Unknown field " + name);
            }
        }
        String sid = optionalText(node, "Sid");
        if (sid != null && kind != PolicyKind.RESOURCE && !ALPHANUMERIC_SID.matcher(sid).matches()) {
            throw new MalformedPolicyException("Statement IDs (SID) must be alpha-numeric. "
                    + "Check that your input satisfies the regular expression [0-9A-Za-z]*");
        }
        String effectText = optionalText(node, "Effect");
        if (effectText == null) {
            throw new MalformedPolicyException("Missing required field Effect");
        }
        Effect effect = switch (effectText) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            default -> throw new MalformedPolicyException("Invalid effect: " + effectText);
        };

        boolean hasPrincipal = node.has("Principal");
        boolean hasNotPrincipal = node.has("NotPrincipal");
        if (kind == PolicyKind.IDENTITY && (hasPrincipal || hasNotPrincipal)) {
            throw new MalformedPolicyException("Policy document should not specify a principal.");
        }
        if (hasPrincipal && hasNotPrincipal) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        if (kind != PolicyKind.IDENTITY && !hasPrincipal && !hasNotPrincipal) {
            throw new MalformedPolicyException("Missing required field Principal");
        }
        PrincipalBlock principal = null;
        if (hasPrincipal || hasNotPrincipal) {
            principal = parsePrincipal(node.get(hasPrincipal ? "Principal" : "NotPrincipal"));
        }

        boolean hasAction = node.has("Action");
        boolean hasNotAction = node.has("NotAction");
        if (hasAction && hasNotAction) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        if (!hasAction && !hasNotAction) {
            throw new MalformedPolicyException("Policy statement must contain actions.");
        }
        List<String> actions = stringOrList(node.get(hasAction ? "Action" : "NotAction"));
        if (actions.isEmpty()) {
            throw new MalformedPolicyException("Policy statement must contain actions.");
        }
        actions.forEach(PolicyDocument::validateAction);

        boolean hasResource = node.has("Resource");
        boolean hasNotResource = node.has("NotResource");
        if (hasResource && hasNotResource) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        List<String> resources = List.of();
        if (kind == PolicyKind.TRUST) {
            if (hasResource || hasNotResource) {
                throw new MalformedPolicyException("Has prohibited field " + (hasResource ? "Resource" : "NotResource"));
            }
        } else {
            if (!hasResource && !hasNotResource) {
                throw new MalformedPolicyException("Policy statement must contain resources.");
            }
            resources = stringOrList(node.get(hasResource ? "Resource" : "NotResource"));
            if (resources.isEmpty()) {
                throw new MalformedPolicyException("Policy statement must contain resources.");
            }
            for (String resource : resources) {
                if (!resource.equals("*") && !resource.startsWith("arn:")) {
                    throw new MalformedPolicyException("Resource " + resource + " must be in ARN format or \"*\".");
                }
            }
        }

        List<Condition> conditions = node.has("Condition") ? parseConditions(node.get("Condition")) : List.of();
        return new Statement(index, sid, effect, principal, hasNotPrincipal, actions, hasNotAction,
                resources, hasNotResource, conditions, span[0], span[1]);
    }

    private static void validateAction(String action) {
        if (action.equals("*")) {
            return;
        }
        int colon = action.indexOf(':');
        if (colon < 0) {
            throw new MalformedPolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
        }
        if (action.indexOf(':', colon + 1) >= 0) {
            throw new MalformedPolicyException("Actions/Condition can contain only one colon.");
        }
        String vendor = action.substring(0, colon);
        if (!VENDOR.matcher(vendor).matches()) {
            throw new MalformedPolicyException("Vendor " + vendor + " is not valid");
        }
    }

    private static PrincipalBlock parsePrincipal(JsonNode node) {
        if (node.isTextual()) {
            if (!node.asText().equals("*")) {
                throw new MalformedPolicyException("Invalid principal in policy: " + node.asText());
            }
            return new PrincipalBlock(true, Map.of());
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new MalformedPolicyException("Invalid principal in policy");
        }
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String type = field.getKey();
            if (!PRINCIPAL_TYPES.contains(type)) {
                throw new MalformedPolicyException("Invalid principal in policy");
            }
            List<String> values = stringOrList(field.getValue());
            if (values.isEmpty()) {
                throw new MalformedPolicyException("Invalid principal in policy");
            }
            for (String value : values) {
                if (!validPrincipalValue(type, value)) {
                    throw new MalformedPolicyException("Invalid principal in policy: \"" + type + "\":\"" + value + "\"");
                }
            }
            byType.put(type, values);
        }
        return new PrincipalBlock(false, byType);
    }

    private static boolean validPrincipalValue(String type, String value) {
        return switch (type) {
            case "AWS" -> value.equals("*") || ACCOUNT_ID.matcher(value).matches() || value.startsWith("arn:");
            case "Service" -> value.equals("*") || value.contains(".");
            case "Federated" -> value.equals("*") || value.startsWith("arn:") || value.contains(".");
            default -> !value.isEmpty();
        };
    }

    private static List<Condition> parseConditions(JsonNode node) {
        if (!node.isObject()) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> operators = node.fields(); operators.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = operators.next();
            ConditionOperator operator = ConditionOperator.parse(entry.getKey());
            if (!entry.getValue().isObject()) {
                throw new MalformedPolicyException(SYNTAX_ERROR);
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = entry.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> keyEntry = keys.next();
                validateConditionKey(keyEntry.getKey());
                conditions.add(new Condition(operator, keyEntry.getKey(), scalarOrList(keyEntry.getValue())));
            }
        }
        return conditions;
    }

    private static void validateConditionKey(String key) {
        // Tag keys after the slash may legitimately contain colons (aws:ResourceTag/aws:cloudformation:...).
        int slash = key.indexOf('/');
        String head = slash < 0 ? key : key.substring(0, slash);
        int colon = head.indexOf(':');
        if (colon <= 0) {
            throw new MalformedPolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
        }
        if (head.indexOf(':', colon + 1) >= 0) {
            throw new MalformedPolicyException("Actions/Condition can contain only one colon.");
        }
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        return value.asText();
    }

    private static List<String> stringOrList(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    throw new MalformedPolicyException(SYNTAX_ERROR);
                }
                values.add(element.asText());
            }
        } else {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        return values;
    }

    /** Condition values may be strings, numbers or booleans, alone or in an array. */
    private static List<String> scalarOrList(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode element : node) {
                values.add(scalarText(element));
            }
        } else {
            values.add(scalarText(node));
        }
        return values;
    }

    private static String scalarText(JsonNode node) {
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw new MalformedPolicyException(SYNTAX_ERROR);
    }

    /**
     * Finds where each statement object starts and ends in the text. The tree model keeps no
     * locations, so a streaming pass over the same text records them in document order.
     */
    private static List<Position[]> statementSpans(String json) throws IOException {
        List<Position[]> spans = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return spans;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!name.equals("Statement")) {
                    parser.skipChildren();
                } else if (value == JsonToken.START_OBJECT) {
                    spans.add(span(parser));
                } else if (value == JsonToken.START_ARRAY) {
                    JsonToken element;
                    while ((element = parser.nextToken()) != JsonToken.END_ARRAY && element != null) {
                        if (element == JsonToken.START_OBJECT) {
                            spans.add(span(parser));
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
            }
        }
        return spans;
    }

    private static Position[] span(JsonParser parser) throws IOException {
        JsonLocation start = parser.currentTokenLocation();
        parser.skipChildren();
        JsonLocation close = parser.currentTokenLocation();
        return new Position[] {
                new Position(start.getLineNr(), start.getColumnNr()),
                new Position(close.getLineNr(), close.getColumnNr() + 1)};
    }

    /** The original JSON text. */
    public String json() {
        return json;
    }

    public PolicyKind kind() {
        return kind;
    }

    /** The Version element, or null when absent (IAM then treats the policy as 2008-10-17). */
    public String version() {
        return version;
    }

    /** True when policy variables are substituted, which IAM does only for version 2012-10-17. */
    public boolean supportsVariables() {
        return VERSION_2012.equals(version);
    }

    public String id() {
        return id;
    }

    public List<Statement> statements() {
        return statements;
    }

    @Override
    public String toString() {
        return json;
    }
}
