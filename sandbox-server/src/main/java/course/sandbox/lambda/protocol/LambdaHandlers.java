package course.sandbox.lambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.lambda.CodeArchive;
import course.sandbox.lambda.ContainerImage;
import course.sandbox.lambda.LambdaErrors;
import course.sandbox.lambda.LambdaModel;
import course.sandbox.lambda.LambdaModel.Alias;
import course.sandbox.lambda.LambdaModel.FunctionConfig;
import course.sandbox.lambda.LambdaModel.LayerVersion;
import course.sandbox.service.ServiceException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda's REST-JSON members: reading them from request documents, and writing the
 * FunctionConfiguration, AliasConfiguration and layer shapes with the member names of the API
 * reference. A member of the wrong JSON type is refused as AWS refuses it.
 */
final class LambdaHandlers {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaHandlers() {
    }

    // ---- outputs

    static ObjectNode configuration(FunctionConfig config, String state) {
        ObjectNode node = NODES.objectNode();
        node.put("FunctionName", config.name()).put("FunctionArn", config.versionArn());
        if (config.image() == null) {
            node.put("Runtime", config.runtime());
        }
        node.put("Role", config.role());
        if (config.image() == null) {
            node.put("Handler", config.handler());
        }
        node.put("CodeSize", config.code().size())
                .put("Description", config.description()).put("Timeout", config.timeout()).put("MemorySize", config.memorySize())
                .put("LastModified", config.lastModified()).put("CodeSha256", config.code().sha256())
                .put("Version", config.version());
        if (!config.environment().isEmpty()) {
            ObjectNode variables = node.putObject("Environment").putObject("Variables");
            config.environment().forEach(variables::put);
        }
        node.putObject("TracingConfig").put("Mode", "PassThrough");
        node.put("RevisionId", config.revisionId());
        if (!config.layers().isEmpty()) {
            ArrayNode layers = node.putArray("Layers");
            config.layers().forEach(layer -> layers.addObject().put("Arn", layer.arn()).put("CodeSize", layer.codeSize()));
        }
        node.put("State", state).put("LastUpdateStatus", "Successful").put("PackageType", config.packageType());
        if (config.image() != null && !config.image().overrides().isEmpty()) {
            ObjectNode imageConfig = node.putObject("ImageConfigResponse").putObject("ImageConfig");
            ContainerImage.ImageConfig overrides = config.image().overrides();
            if (overrides.entryPoint() != null) {
                overrides.entryPoint().forEach(imageConfig.putArray("EntryPoint")::add);
            }
            if (overrides.command() != null) {
                overrides.command().forEach(imageConfig.putArray("Command")::add);
            }
            if (overrides.workingDirectory() != null) {
                imageConfig.put("WorkingDirectory", overrides.workingDirectory());
            }
        }
        ArrayNode architectures = node.putArray("Architectures");
        config.architectures().forEach(architectures::add);
        node.putObject("EphemeralStorage").put("Size", config.ephemeralStorage());
        node.putObject("SnapStart").put("ApplyOn", "None").put("OptimizationStatus", "Off");
        if (config.image() == null) {
            node.putObject("RuntimeVersionConfig").put("RuntimeVersionArn", "arn:aws:lambda:" + regionOf(config.arn())
                    + "::runtime:sandbox-" + config.runtime());
        }
        node.putObject("LoggingConfig").put("LogFormat", "Text").put("LogGroup", config.logGroup());
        return node;
    }

    static ObjectNode alias(Alias alias) {
        ObjectNode node = NODES.objectNode().put("AliasArn", alias.arn()).put("Name", alias.name())
                .put("FunctionVersion", alias.functionVersion()).put("Description", alias.description());
        if (!alias.additionalWeights().isEmpty()) {
            ObjectNode weights = node.putObject("RoutingConfig").putObject("AdditionalVersionWeights");
            alias.additionalWeights().forEach(weights::put);
        }
        return node.put("RevisionId", alias.revisionId());
    }

    static ObjectNode layerVersion(LayerVersion version, boolean withContent) {
        ObjectNode node = NODES.objectNode();
        if (withContent) {
            node.putObject("Content").put("CodeSha256", version.code().sha256()).put("CodeSize", version.code().size());
            node.put("LayerArn", version.layerArn());
        }
        node.put("LayerVersionArn", version.arn()).put("Description", version.description())
                .put("CreatedDate", version.createdDate()).put("Version", version.version());
        if (!version.compatibleRuntimes().isEmpty()) {
            ArrayNode runtimes = node.putArray("CompatibleRuntimes");
            version.compatibleRuntimes().forEach(runtimes::add);
        }
        if (!version.compatibleArchitectures().isEmpty()) {
            ArrayNode architectures = node.putArray("CompatibleArchitectures");
            version.compatibleArchitectures().forEach(architectures::add);
        }
        if (version.licenseInfo() != null) {
            node.put("LicenseInfo", version.licenseInfo());
        }
        return node;
    }

    // ---- inputs

    static LambdaModel.Settings settings(JsonNode input) {
        Map<String, String> environment = null;
        JsonNode env = input.get("Environment");
        if (env != null && !env.isNull()) {
            if (!env.isObject()) {
                throw wrongType("Environment");
            }
            environment = stringMap(env, "Variables");
            if (environment == null) {
                environment = Map.of();
            }
        }
        JsonNode storage = input.get("EphemeralStorage");
        Integer storageSize = storage == null || storage.isNull() ? null : integer(storage, "Size");
        return new LambdaModel.Settings(text(input, "Runtime"), text(input, "Role"), text(input, "Handler"),
                text(input, "Description"), integer(input, "Timeout"), integer(input, "MemorySize"), environment,
                texts(input, "Layers"), texts(input, "Architectures"), storageSize);
    }

    /** A CreateFunction's ImageConfig: EntryPoint, Command and WorkingDirectory overriding the image's. */
    static ContainerImage.ImageConfig imageConfig(JsonNode input) {
        JsonNode config = input.get("ImageConfig");
        if (config == null || config.isNull()) {
            return ContainerImage.ImageConfig.NONE;
        }
        if (!config.isObject()) {
            throw wrongType("ImageConfig");
        }
        return new ContainerImage.ImageConfig(texts(config, "EntryPoint"), texts(config, "Command"),
                text(config, "WorkingDirectory"));
    }

    /** The alias's AdditionalVersionWeights; null when RoutingConfig is absent. */
    static Map<String, Double> weights(JsonNode input) {
        JsonNode routing = input.get("RoutingConfig");
        if (routing == null || routing.isNull()) {
            return null;
        }
        JsonNode weights = routing.get("AdditionalVersionWeights");
        if (weights == null || weights.isNull()) {
            return Map.of();
        }
        if (!weights.isObject()) {
            throw wrongType("RoutingConfig.AdditionalVersionWeights");
        }
        Map<String, Double> parsed = new LinkedHashMap<>();
        weights.fields().forEachRemaining(weight -> {
            if (!weight.getValue().isNumber()) {
                throw wrongType("RoutingConfig.AdditionalVersionWeights");
            }
            parsed.put(weight.getKey(), weight.getValue().doubleValue());
        });
        return parsed;
    }

    /** The ZipFile of a Code or Content member, decoded; null when the code comes from S3. */
    static byte[] zipFile(JsonNode code) {
        String encoded = text(code, "ZipFile");
        if (encoded == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw LambdaErrors.invalidRequestContent("Could not parse request body into json: ZipFile is not valid base64.");
        }
    }

    static CodeArchive archive(byte[] zip) {
        if (zip.length > LambdaModel.MAX_ZIPPED) {
            throw LambdaErrors.tooLarge(LambdaModel.MAX_ZIPPED_REQUEST, "CreateFunction");
        }
        return CodeArchive.of(zip, LambdaModel.MAX_UNZIPPED);
    }

    /**
     * A statement of a function's resource policy, as AddPermission writes it: the principal (an
     * account, an ARN, a service or *), the action, the function (or qualified) ARN and the
     * source conditions.
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html">AddPermission</a>
     */
    static String statement(JsonNode input, String resource) {
        String sid = required(input, "StatementId");
        if (!sid.matches("([a-zA-Z0-9-_.]+)") || sid.length() > 100) {
            throw LambdaErrors.validation("statementId", sid, "satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)");
        }
        String action = required(input, "Action");
        if (!action.matches("(lambda:[*]|lambda:[a-zA-Z]+|[*])")) {
            throw LambdaErrors.validation("action", action, "satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
        }
        String principal = required(input, "Principal");
        ObjectNode statement = NODES.objectNode().put("Sid", sid).put("Effect", "Allow");
        if (principal.equals("*")) {
            statement.put("Principal", "*");
        } else if (principal.matches("\\d{12}")) {
            statement.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
        } else if (principal.startsWith("arn:")) {
            statement.putObject("Principal").put("AWS", principal);
        } else if (principal.matches("[a-z0-9.-]+\\.amazonaws\\.com")) {
            statement.putObject("Principal").put("Service", principal);
        } else {
            throw LambdaErrors.invalid("The provided principal was invalid. Please check the principal and try again.");
        }
        statement.put("Action", action).put("Resource", resource);
        ObjectNode condition = NODES.objectNode();
        String sourceAccount = text(input, "SourceAccount");
        if (sourceAccount != null) {
            condition.putObject("StringEquals").put("AWS:SourceAccount", sourceAccount);
        }
        String sourceArn = text(input, "SourceArn");
        if (sourceArn != null) {
            condition.putObject("ArnLike").put("AWS:SourceArn", sourceArn);
        }
        String organization = text(input, "PrincipalOrgID");
        if (organization != null) {
            ObjectNode equals = condition.has("StringEquals") ? (ObjectNode) condition.get("StringEquals")
                    : condition.putObject("StringEquals");
            equals.put("aws:PrincipalOrgID", organization);
        }
        if (!condition.isEmpty()) {
            statement.set("Condition", condition);
        }
        return statement.toString();
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("the sandbox wrote this JSON itself", e);
        }
    }

    static String required(JsonNode input, String member) {
        String value = text(input, member);
        if (value == null) {
            throw LambdaErrors.missing(Character.toLowerCase(member.charAt(0)) + member.substring(1));
        }
        return value;
    }

    static String text(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(member);
        }
        return value.textValue();
    }

    static Integer integer(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(member);
        }
        return value.intValue();
    }

    static boolean bool(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw wrongType(member);
        }
        return value.booleanValue();
    }

    static List<String> texts(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(member);
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw wrongType(member);
            }
            items.add(item.textValue());
        }
        return items;
    }

    static Map<String, String> stringMap(JsonNode input, String member) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(member);
        }
        Map<String, String> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw wrongType(member);
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        });
        return map;
    }

    private static String regionOf(String arn) {
        return arn.split(":")[3];
    }

    private static ServiceException wrongType(String member) {
        return LambdaErrors.invalidRequestContent("Could not parse request body into json: Could not parse payload into json: "
                + "Unexpected value type for member " + member);
    }
}
