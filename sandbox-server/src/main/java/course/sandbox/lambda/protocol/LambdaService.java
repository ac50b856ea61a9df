package course.sandbox.lambda.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxResponse;
import course.sandbox.iam.policy.MalformedPolicyException;
import course.sandbox.iam.policy.PolicyDocument;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.ResourcePolicy;
import course.sandbox.lambda.CodeArchive;
import course.sandbox.lambda.ExecutionRoles;
import course.sandbox.lambda.LambdaErrors;
import course.sandbox.lambda.LambdaModel;
import course.sandbox.lambda.LambdaModel.FunctionConfig;
import course.sandbox.lambda.LambdaModel.LayerVersion;
import course.sandbox.lambda.LambdaModel.Reference;
import course.sandbox.lambda.LambdaModel.Scope;
import course.sandbox.lambda.LambdaModel.Target;
import course.sandbox.lambda.LambdaRuntime;
import course.sandbox.protocol.DocumentCodec;
import course.sandbox.protocol.FormParameters;
import course.sandbox.s3.ReadConditions;
import course.sandbox.s3.S3Store;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRegistry;
import course.sandbox.service.ServiceRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import course.sandbox.ecr.EcrModel;
import course.sandbox.lambda.ContainerImage;
import course.sandbox.lambda.ContainerImage.ImageConfig;

/**
 * AWS Lambda behind the pipeline: REST-JSON requests over {@link LambdaModel} (what functions,
 * versions, aliases and layers exist) and {@link LambdaRuntime} (which runs them). Each operation
 * of {@link LambdaOperation} needs its IAM action on its resource; CreateFunction and a role change
 * also need iam:PassRole on the execution role, code from S3 needs s3:GetObject, and Invoke is
 * decided with the function's resource policy as well.
 */
public final class LambdaService implements AwsService {
    /** Synchronous invocations take 6 MB; asynchronous ones 1 MB (raised from 256 KB in 2025). */
    static final int MAX_SYNC_PAYLOAD = 6_291_456;
    static final int MAX_ASYNC_PAYLOAD = 1_048_576;
    /** LogType Tail returns the last 4 KB of the invocation's log. */
    static final int TAIL_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaModel model;
    private final LambdaRuntime runtime;
    private final ExecutionRoles roles;
    private final S3Store s3;
    private final ImageSource images;

    public LambdaService(LambdaModel model, LambdaRuntime runtime, ExecutionRoles roles, S3Store s3, EcrModel ecr) {
        this.model = model;
        this.runtime = runtime;
        this.roles = roles;
        this.s3 = s3;
        this.images = new ImageSource(ecr);
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("lambda");
    }

    @Override
    public Operation operation(ServiceRequest request) {
        LambdaOperation.Match match = match(request);
        LambdaOperation operation = match.operation();
        Scope scope = scope(request);
        List<Permission> permissions = new ArrayList<>();
        switch (operation.resource()) {
            case ALL -> permissions.add(Permission.of(operation.action(), "*"));
            case LAYER -> permissions.add(Permission.of(operation.action(), scope.layerArn(match.label("LayerName"))));
            case LAYER_VERSION -> permissions.add(Permission.of(operation.action(),
                    scope.layerArn(match.label("LayerName")) + ":" + match.label("VersionNumber")));
            case FUNCTION -> {
                Reference reference = operation == LambdaOperation.CreateFunction
                        ? new Reference(LambdaHandlers.required(input(request), "FunctionName"), Optional.empty())
                        : reference(scope, request, match);
                String arn = scope.functionArn(reference.name()) + reference.qualifier().map(q -> ":" + q).orElse("");
                Permission permission = Permission.of(operation.action(), arn);
                if (operation == LambdaOperation.Invoke) {
                    permission = permission.withResourcePolicy(model.policy(scope, reference).map(policy ->
                            new ResourcePolicy(arn, scope.account(), PolicyDocument.parse(policy, PolicyKind.RESOURCE))));
                }
                permissions.add(permission);
            }
        }
        if (operation == LambdaOperation.CreateFunction || operation == LambdaOperation.UpdateFunctionConfiguration) {
            String role = LambdaHandlers.text(input(request), "Role");
            if (role != null) {
                permissions.add(Permission.of("iam:PassRole", role));
            }
        }
        if (operation == LambdaOperation.CreateFunction || operation == LambdaOperation.UpdateFunctionCode
                || operation == LambdaOperation.PublishLayerVersion) {
            JsonNode code = codeMember(operation, input(request));
            String bucket = LambdaHandlers.text(code, "S3Bucket");
            if (bucket != null) {
                permissions.add(Permission.of("s3:GetObject", "arn:aws:s3:::" + bucket + "/"
                        + LambdaHandlers.required(code, "S3Key")));
            }
        }
        return new Operation(operation.name(), permissions);
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        LambdaOperation.Match match = match(request);
        Scope scope = scope(request);
        if (match.operation() == LambdaOperation.Invoke) {
            return invoke(request, scope, reference(scope, request, match));
        }
        DocumentCodec codec = request.documentCodec();
        JsonNode input = input(request);
        ObjectNode output = LambdaHandlers.NODES.objectNode();
        int status = 200;
        switch (match.operation()) {
            case CreateFunction -> {
                LambdaModel.Settings settings = LambdaHandlers.settings(input);
                if (settings.role() != null) {
                    roles.check(settings.role());
                }
                JsonNode codeMember = codeMember(match.operation(), input);
                Map<String, String> tags = Optional.ofNullable(LambdaHandlers.stringMap(input, "Tags")).orElse(Map.of());
                FunctionConfig config;
                if ("Image".equals(LambdaHandlers.text(input, "PackageType"))) {
                    ContainerImage image = images.resolve(scope, LambdaHandlers.text(codeMember, "ImageUri"),
                            LambdaHandlers.imageConfig(input));
                    config = model.createImageFunction(scope, LambdaHandlers.required(input, "FunctionName"), settings, image,
                            tags, request.now());
                } else {
                    if (LambdaHandlers.text(codeMember, "ImageUri") != null) {
                        throw LambdaErrors.invalid("Please don't provide ImageUri when the intended function PackageType is Zip.");
                    }
                    config = model.createFunction(scope, LambdaHandlers.required(input, "FunctionName"), settings,
                            code(codeMember), tags, request.now());
                }
                if (LambdaHandlers.bool(input, "Publish")) {
                    config = model.publishVersion(scope, config.name(), null, null, null, request.now());
                }
                output.setAll(LambdaHandlers.configuration(config, "Active"));
                status = 201;
            }
            case ListFunctions -> {
                ArrayNode functions = output.putArray("Functions");
                model.listFunctions(scope).forEach(config -> functions.add(LambdaHandlers.configuration(config, "Active")));
            }
            case GetFunction -> {
                Reference reference = reference(scope, request, match);
                FunctionConfig config = model.getFunction(scope, reference);
                output.set("Configuration", LambdaHandlers.configuration(config, "Active"));
                if (config.image() != null) {
                    // Lambda reports where the image came from and the digest it runs.
                    output.putObject("Code").put("RepositoryType", "ECR").put("ImageUri", config.image().imageUri())
                            .put("ResolvedImageUri", config.image().resolvedImageUri());
                } else {
                    output.putObject("Code").put("RepositoryType", "S3");
                }
                ObjectNode tags = output.putObject("Tags");
                model.tags(scope, reference.name()).forEach(tags::put);
                model.reservedConcurrency(scope, reference.name()).ifPresent(reserved ->
                        output.putObject("Concurrency").put("ReservedConcurrentExecutions", reserved));
            }
            case GetFunctionConfiguration -> output.setAll(LambdaHandlers.configuration(
                    model.getFunction(scope, reference(scope, request, match)), "Active"));
            case DeleteFunction -> {
                Reference reference = reference(scope, request, match);
                model.deleteFunction(scope, reference);
                runtime.retire(scope, reference.name(), reference.qualifier().orElse(null));
                status = 204;
            }
            case UpdateFunctionConfiguration -> {
                Reference reference = reference(scope, request, match);
                LambdaModel.Settings settings = LambdaHandlers.settings(input);
                if (settings.role() != null) {
                    roles.check(settings.role());
                }
                FunctionConfig config = model.updateConfiguration(scope, reference.name(), settings,
                        input.hasNonNull("ImageConfig") ? LambdaHandlers.imageConfig(input) : null,
                        LambdaHandlers.text(input, "RevisionId"), request.now());
                runtime.retire(scope, reference.name(), LambdaModel.LATEST);
                output.setAll(LambdaHandlers.configuration(config, "Active"));
            }
            case UpdateFunctionCode -> {
                Reference reference = reference(scope, request, match);
                String imageUri = LambdaHandlers.text(input, "ImageUri");
                FunctionConfig config = imageUri != null
                        ? model.updateImage(scope, reference.name(), images.resolve(scope, imageUri, ImageConfig.NONE),
                        LambdaHandlers.text(input, "RevisionId"), request.now())
                        : model.updateCode(scope, reference.name(), code(input), LambdaHandlers.text(input, "RevisionId"),
                        request.now());
                runtime.retire(scope, reference.name(), LambdaModel.LATEST);
                if (LambdaHandlers.bool(input, "Publish")) {
                    config = model.publishVersion(scope, config.name(), null, null, null, request.now());
                }
                output.setAll(LambdaHandlers.configuration(config, "Active"));
            }
            case PublishVersion -> {
                output.setAll(LambdaHandlers.configuration(model.publishVersion(scope, reference(scope, request, match).name(),
                        LambdaHandlers.text(input, "CodeSha256"), LambdaHandlers.text(input, "Description"),
                        LambdaHandlers.text(input, "RevisionId"), request.now()), "Active"));
                status = 201;
            }
            case ListVersionsByFunction -> {
                ArrayNode versions = output.putArray("Versions");
                model.listVersions(scope, reference(scope, request, match).name())
                        .forEach(config -> versions.add(LambdaHandlers.configuration(config, "Active")));
            }
            case CreateAlias -> {
                output.setAll(LambdaHandlers.alias(model.createAlias(scope, reference(scope, request, match).name(),
                        LambdaHandlers.text(input, "Name"), LambdaHandlers.text(input, "FunctionVersion"),
                        LambdaHandlers.text(input, "Description"), LambdaHandlers.weights(input))));
                status = 201;
            }
            case ListAliases -> {
                ArrayNode aliases = output.putArray("Aliases");
                model.listAliases(scope, reference(scope, request, match).name()).forEach(alias -> aliases.add(LambdaHandlers.alias(alias)));
            }
            case GetAlias -> output.setAll(LambdaHandlers.alias(model.getAlias(scope, reference(scope, request, match).name(),
                    match.label("Name"))));
            case UpdateAlias -> {
                String function = reference(scope, request, match).name();
                output.setAll(LambdaHandlers.alias(model.updateAlias(scope, function, match.label("Name"),
                        LambdaHandlers.text(input, "FunctionVersion"), LambdaHandlers.text(input, "Description"),
                        LambdaHandlers.weights(input), LambdaHandlers.text(input, "RevisionId"))));
            }
            case DeleteAlias -> {
                String function = reference(scope, request, match).name();
                model.getAlias(scope, function, match.label("Name"));
                model.deleteAlias(scope, function, match.label("Name"));
                status = 204;
            }
            case AddPermission -> {
                Reference reference = reference(scope, request, match);
                String resource = scope.functionArn(reference.name()) + reference.qualifier().map(q -> ":" + q).orElse("");
                String statement = LambdaHandlers.statement(input, resource);
                try {
                    PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}", PolicyKind.RESOURCE);
                } catch (MalformedPolicyException e) {
                    throw LambdaErrors.invalid("The provided principal was invalid. Please check the principal and try again.");
                }
                model.addPermission(scope, reference, LambdaHandlers.required(input, "StatementId"), statement,
                        LambdaHandlers.text(input, "RevisionId"));
                output.put("Statement", statement);
                status = 201;
            }
            case GetPolicy -> {
                Reference reference = reference(scope, request, match);
                model.getFunction(scope, reference);
                String policy = model.policy(scope, reference).orElseThrow(() ->
                        LambdaErrors.notFound("The resource you requested does not exist."));
                output.put("Policy", policy).put("RevisionId", model.policyRevision(scope, reference));
            }
            case RemovePermission -> {
                model.removePermission(scope, reference(scope, request, match), match.label("StatementId"),
                        query(request).get("RevisionId"));
                status = 204;
            }
            case PutFunctionConcurrency -> {
                String function = reference(scope, request, match).name();
                model.putReservedConcurrency(scope, function, LambdaHandlers.integer(input, "ReservedConcurrentExecutions"));
                output.put("ReservedConcurrentExecutions", model.reservedConcurrency(scope, function).orElseThrow());
            }
            case DeleteFunctionConcurrency -> {
                model.deleteReservedConcurrency(scope, reference(scope, request, match).name());
                status = 204;
            }
            case GetFunctionConcurrency -> model.reservedConcurrency(scope, reference(scope, request, match).name())
                    .ifPresent(reserved -> output.put("ReservedConcurrentExecutions", reserved));
            case PutProvisionedConcurrencyConfig -> {
                Reference reference = reference(scope, request, match);
                String qualifier = reference.qualifier().orElse(null);
                LambdaModel.ProvisionedConfig config = model.putProvisioned(scope, reference.name(), qualifier,
                        LambdaHandlers.integer(input, "ProvisionedConcurrentExecutions"));
                runtime.provision(scope, model.config(scope, reference.name(), config.version()), qualifier, config.requested());
                output.setAll(provisioned(scope, reference.name(), qualifier, config.requested()));
                status = 202;
            }
            case GetProvisionedConcurrencyConfig -> {
                Reference reference = reference(scope, request, match);
                String qualifier = reference.qualifier().orElseThrow(() -> LambdaErrors.missing("qualifier"));
                LambdaModel.ProvisionedConfig config = model.provisioned(scope, reference.name(), qualifier).orElseThrow(() ->
                        LambdaErrors.provisionedNotReady("No Provisioned Concurrency Config found for this function"));
                output.setAll(provisioned(scope, reference.name(), qualifier, config.requested()));
            }
            case DeleteProvisionedConcurrencyConfig -> {
                Reference reference = reference(scope, request, match);
                String qualifier = reference.qualifier().orElseThrow(() -> LambdaErrors.missing("qualifier"));
                model.deleteProvisioned(scope, reference.name(), qualifier).ifPresent(config ->
                        runtime.deprovision(scope, reference.name(), qualifier, config.version()));
                status = 204;
            }
            case PublishLayerVersion -> {
                JsonNode content = codeMember(match.operation(), input);
                LayerVersion version = model.publishLayerVersion(scope, match.label("LayerName"), code(content),
                        LambdaHandlers.text(input, "Description"), LambdaHandlers.texts(input, "CompatibleRuntimes"),
                        LambdaHandlers.texts(input, "CompatibleArchitectures"), LambdaHandlers.text(input, "LicenseInfo"),
                        request.now());
                output.setAll(LambdaHandlers.layerVersion(version, true));
                status = 201;
            }
            case GetLayerVersion -> output.setAll(LambdaHandlers.layerVersion(model.getLayerVersion(scope, match.label("LayerName"),
                    layerVersionNumber(match)), true));
            case ListLayerVersions -> {
                ArrayNode versions = output.putArray("LayerVersions");
                model.listLayerVersions(scope, match.label("LayerName"))
                        .forEach(version -> versions.add(LambdaHandlers.layerVersion(version, false)));
            }
            case DeleteLayerVersion -> {
                model.deleteLayerVersion(scope, match.label("LayerName"), layerVersionNumber(match));
                status = 204;
            }
            case ListLayers -> {
                ArrayNode layers = output.putArray("Layers");
                for (LayerVersion latest : model.listLayers(scope)) {
                    layers.addObject().put("LayerName", latest.name()).put("LayerArn", latest.layerArn())
                            .set("LatestMatchingVersion", LambdaHandlers.layerVersion(latest, false));
                }
            }
            case GetAccountSettings -> {
                LambdaModel.Usage usage = model.usage(scope);
                output.putObject("AccountLimit").put("TotalCodeSize", LambdaModel.TOTAL_CODE_SIZE)
                        .put("CodeSizeUnzipped", LambdaModel.MAX_UNZIPPED).put("CodeSizeZipped", LambdaModel.MAX_ZIPPED)
                        .put("ConcurrentExecutions", LambdaModel.ACCOUNT_CONCURRENCY)
                        .put("UnreservedConcurrentExecutions", model.unreservedConcurrency(scope));
                output.putObject("AccountUsage").put("TotalCodeSize", usage.totalCodeSize())
                        .put("FunctionCount", usage.functionCount());
            }
            case Invoke -> throw new IllegalStateException("Invoke is answered above");
        }
        if (status == 204) {
            return new SandboxResponse(204, new Headers().add("x-amzn-RequestId", request.requestId()), new byte[0]);
        }
        return codec.answer(status, output, request.requestId());
    }

    /**
     * Invoke: RequestResponse waits for the function; Event queues it (202); DryRun only checks
     * permissions (204). Function errors are 200 answers with X-Amz-Function-Error.
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html">Invoke</a>
     */
    private SandboxResponse invoke(ServiceRequest request, Scope scope, Reference reference) {
        String type = request.http().headers().first("X-Amz-Invocation-Type").orElse("RequestResponse");
        if (!List.of("RequestResponse", "Event", "DryRun").contains(type)) {
            throw LambdaErrors.validation("invocationType", type, "satisfy enum value set: [Event, RequestResponse, DryRun]");
        }
        String logType = request.http().headers().first("X-Amz-Log-Type").orElse("None");
        if (!logType.equals("None") && !logType.equals("Tail")) {
            throw LambdaErrors.validation("logType", logType, "satisfy enum value set: [None, Tail]");
        }
        byte[] payload = request.body();
        int limit = type.equals("Event") ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
        if (payload.length > limit) {
            throw LambdaErrors.tooLarge(limit, type.equals("Event") ? "InvokeAsync" : "InvokeFunction");
        }
        if (payload.length > 0) {
            try {
                JSON.readTree(payload);
            } catch (java.io.IOException notJson) {
                throw LambdaErrors.invalidRequestContent("Could not parse request body into json: Could not parse payload into json: "
                        + firstLine(notJson instanceof JsonProcessingException parse ? parse.getOriginalMessage() : notJson.getMessage()));
            }
        }
        Target target = model.target(scope, reference);
        String invokedArn = scope.functionArn(reference.name()) + reference.qualifier().map(q -> ":" + q).orElse("");
        Headers headers = new Headers().add("x-amzn-RequestId", request.requestId());
        switch (type) {
            case "DryRun" -> {
                return new SandboxResponse(204, headers, new byte[0]);
            }
            case "Event" -> {
                String name = reference.name();
                runtime.invokeAsync(scope, () -> model.target(scope, reference).config(),
                        () -> model.reservedConcurrency(scope, name), () -> model.unreservedConcurrency(scope), invokedArn, payload);
                return new SandboxResponse(202, headers, new byte[0]);
            }
            default -> {
                String clientContext = request.http().headers().first("X-Amz-Client-Context").orElse(null);
                LambdaRuntime.Result result = runtime.invoke(scope, target.config(),
                        model.reservedConcurrency(scope, reference.name()), model.unreservedConcurrency(scope), invokedArn,
                        payload, clientContext, logType.equals("Tail"));
                headers.add("Content-Type", "application/json").add("X-Amz-Executed-Version", result.executedVersion());
                if (result.functionError() != null) {
                    headers.add("X-Amz-Function-Error", result.functionError());
                }
                if (logType.equals("Tail")) {
                    byte[] log = result.log().getBytes(StandardCharsets.UTF_8);
                    int from = Math.max(0, log.length - TAIL_BYTES);
                    headers.add("X-Amz-Log-Result", Base64.getEncoder().encodeToString(
                            java.util.Arrays.copyOfRange(log, from, log.length)));
                }
                return new SandboxResponse(200, headers, result.payload());
            }
        }
    }

    private ObjectNode provisioned(Scope scope, String function, String qualifier, int requested) {
        ObjectNode output = LambdaHandlers.NODES.objectNode().put("RequestedProvisionedConcurrentExecutions", requested);
        LambdaRuntime.ProvisionedState state = runtime.provisionedState(scope, function, qualifier)
                .orElse(new LambdaRuntime.ProvisionedState(requested, 0, "IN_PROGRESS", null, java.time.Instant.now()));
        output.put("AvailableProvisionedConcurrentExecutions", state.allocated())
                .put("AllocatedProvisionedConcurrentExecutions", state.allocated()).put("Status", state.status());
        if (state.reason() != null) {
            output.put("StatusReason", state.reason());
        }
        return output.put("LastModified", state.modified().toString());
    }

    /** The code of a Code or Content member: ZipFile bytes, or an object from S3. */
    private CodeArchive code(JsonNode code) {
        byte[] zip = LambdaHandlers.zipFile(code);
        if (zip == null) {
            String bucket = LambdaHandlers.text(code, "S3Bucket");
            if (bucket == null) {
                throw LambdaErrors.invalid("Please provide a source for function code.");
            }
            String key = LambdaHandlers.required(code, "S3Key");
            try {
                zip = s3.getObject(bucket, key, LambdaHandlers.text(code, "S3ObjectVersion"), null, ReadConditions.NONE).body();
            } catch (ServiceException missing) {
                throw LambdaErrors.invalid("Error occurred while GetObject. S3 Error Code: " + missing.code()
                        + ". S3 Error Message: " + missing.getMessage());
            }
            if (zip.length > LambdaModel.MAX_UNZIPPED) {
                throw LambdaErrors.invalid("Unzipped size must be smaller than " + LambdaModel.MAX_UNZIPPED + " bytes");
            }
            return CodeArchive.of(zip, LambdaModel.MAX_UNZIPPED);
        }
        return LambdaHandlers.archive(zip);
    }

    private static JsonNode codeMember(LambdaOperation operation, JsonNode input) {
        if (operation == LambdaOperation.UpdateFunctionCode) {
            return input;
        }
        String member = operation == LambdaOperation.PublishLayerVersion ? "Content" : "Code";
        JsonNode code = input.get(member);
        if (code == null || code.isNull()) {
            if (operation == LambdaOperation.CreateFunction && "Image".equals(LambdaHandlers.text(input, "PackageType"))) {
                return LambdaHandlers.NODES.objectNode();
            }
            throw LambdaErrors.missing(Character.toLowerCase(member.charAt(0)) + member.substring(1));
        }
        if (!code.isObject()) {
            throw LambdaErrors.invalidRequestContent("Could not parse request body into json: " + member + " is not an object.");
        }
        return code;
    }

    private static long layerVersionNumber(LambdaOperation.Match match) {
        try {
            return Long.parseLong(match.label("VersionNumber"));
        } catch (NumberFormatException e) {
            throw LambdaErrors.validation("versionNumber", match.label("VersionNumber"), "be a number");
        }
    }

    /** Lambda's 403 AccessDeniedException also says whose fault it is. */
    @Override
    public ServiceException accessDenied(String message) {
        return AwsService.super.accessDenied(message).detail("Type", "User");
    }

    @Override
    public void reset() {
        runtime.reset();
        model.reset();
    }

    private LambdaOperation.Match match(ServiceRequest request) {
        return LambdaOperation.match(request.http().method(), request.http().rawPath())
                .orElseThrow(() -> notServed(request.http().method() + " " + request.http().rawPath()));
    }

    private static Reference reference(Scope scope, ServiceRequest request, LambdaOperation.Match match) {
        return LambdaModel.reference(scope, match.label("FunctionName"), query(request).get("Qualifier"));
    }

    private static Map<String, String> query(ServiceRequest request) {
        return FormParameters.parse(request.http().rawQuery());
    }

    private static JsonNode input(ServiceRequest request) {
        return request.documentCodec().input(request.body());
    }

    private static Scope scope(ServiceRequest request) {
        return new Scope(request.caller().principal().accountId(), request.region());
    }

    private static String firstLine(String text) {
        int newline = text == null ? -1 : text.indexOf('\n');
        return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
    }
}
