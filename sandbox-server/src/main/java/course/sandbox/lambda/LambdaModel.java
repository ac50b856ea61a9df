package course.sandbox.lambda;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's state and rules, without HTTP and without processes: functions with their $LATEST
 * configuration and published versions, aliases with weighted routing, layer versions, reserved
 * and provisioned concurrency settings, resource policies, per account and region. Running code
 * is {@link LambdaRuntime}'s job; this class decides what runs.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/api/welcome.html">Lambda API reference</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html">Lambda quotas</a>
 */
public final class LambdaModel {
    /** A .zip uploaded directly (ZipFile) may be 50 MB; base64 makes the request 69,905,067 bytes. */
    public static final long MAX_ZIPPED = 52_428_800L;
    public static final long MAX_ZIPPED_REQUEST = 69_905_067L;
    /** Function code and all its layers, extracted. */
    public static final long MAX_UNZIPPED = 262_144_000L;
    public static final long TOTAL_CODE_SIZE = 80_530_636_800L;
    public static final int ACCOUNT_CONCURRENCY = 1000;
    /** PutFunctionConcurrency must leave at least 100 executions unreserved. */
    public static final int MIN_UNRESERVED = 100;
    public static final int MAX_LAYERS = 5;
    public static final int MAX_ENVIRONMENT_BYTES = 4096;
    public static final int DEFAULT_TIMEOUT = 3;
    public static final int MAX_TIMEOUT = 900;
    public static final int DEFAULT_MEMORY = 128;
    public static final int MAX_MEMORY = 10_240;
    /** The runtimes the sandbox can run: each on the newest installed JDK of at least its version. */
    public static final List<String> RUNTIMES = List.of("java11", "java17", "java21", "java25");
    public static final String LATEST = "$LATEST";

    /** Lambda's reserved environment variables: a function may not set them. */
    static final Set<String> RESERVED_VARIABLES = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
            "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT",
            "LAMBDA_RUNTIME_DIR");

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]{1,64}");
    private static final Pattern FUNCTION_REFERENCE = Pattern.compile(
            "(?:arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\\d):)?(?:(\\d{12}):)?(?:function:)?([a-zA-Z0-9-_]+)(?::(\\$LATEST|[a-zA-Z0-9-_]+))?");
    private static final Pattern ROLE = Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    private static final Pattern LAYER_VERSION_ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\\d):(\\d{12}):layer:([a-zA-Z0-9-_]+):([0-9]+)");
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    /** Where state lives: one account in one region. */
    public record Scope(String account, String region) {
        public String functionArn(String name) {
            return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
        }

        public String layerArn(String name) {
            return "arn:aws:lambda:" + region + ":" + account + ":layer:" + name;
        }
    }

    /** A function and, when one was named, its qualifier: a version, $LATEST or an alias. */
    public record Reference(String name, Optional<String> qualifier) {
    }

    /** A layer version as a function uses it. */
    public record LayerUse(String arn, long codeSize, CodeArchive code) {
    }

    /**
     * One configuration of a function: $LATEST (which changes) or a published version (which
     * does not). Every change makes a new record with a new revision id.
     */
    public record FunctionConfig(String name, String arn, String version, String runtime, String role, String handler,
                                 String description, int timeout, int memorySize, Map<String, String> environment,
                                 List<LayerUse> layers, CodeArchive code, String lastModified, String revisionId,
                                 List<String> architectures, int ephemeralStorage, String logGroup, ContainerImage image) {
        public FunctionConfig {
            environment = Map.copyOf(environment);
            layers = List.copyOf(layers);
        }

        /** The ARN of this version: qualified unless $LATEST, as FunctionArn reports it. */
        public String versionArn() {
            return version.equals(LATEST) ? arn : arn + ":" + version;
        }

        /** Zip, or Image for a function that runs a container image. */
        public String packageType() {
            return image == null ? "Zip" : "Image";
        }

        FunctionConfig publishedAs(String number, String modified) {
            return new FunctionConfig(name, arn, number, runtime, role, handler, description, timeout, memorySize,
                    environment, layers, code, modified, UUID.randomUUID().toString(), architectures, ephemeralStorage, logGroup,
                    image);
        }

        /** Whether publishing would give a version equal to {@code other} in code and configuration. */
        boolean sameAs(FunctionConfig other) {
            return code.sha256().equals(other.code.sha256()) && java.util.Objects.equals(runtime, other.runtime)
                    && role.equals(other.role) && java.util.Objects.equals(handler, other.handler)
                    && java.util.Objects.equals(image == null ? null : image.overrides(),
                    other.image == null ? null : other.image.overrides()) && description.equals(other.description) && timeout == other.timeout
                    && memorySize == other.memorySize && environment.equals(other.environment)
                    && layers.stream().map(LayerUse::arn).toList().equals(other.layers.stream().map(LayerUse::arn).toList());
        }
    }

    /** The settable parts of a configuration; null members keep the current value (or take the default on create). */
    public record Settings(String runtime, String role, String handler, String description, Integer timeout,
                           Integer memorySize, Map<String, String> environment, List<String> layers,
                           List<String> architectures, Integer ephemeralStorage) {
    }

    public record Alias(String name, String arn, String functionVersion, Map<String, Double> additionalWeights,
                        String description, String revisionId) {
        public Alias {
            additionalWeights = Map.copyOf(additionalWeights);
        }
    }

    public record LayerVersion(String name, long version, String arn, String layerArn, String description,
                               List<String> compatibleRuntimes, List<String> compatibleArchitectures, String licenseInfo,
                               String createdDate, CodeArchive code) {
    }

    /** What an Invoke runs: the configuration, the version that executes, and whether an alias chose it. */
    public record Target(FunctionConfig config, String executedVersion, String qualifierUsed) {
    }

    public record ProvisionedConfig(String qualifier, String version, int requested) {
    }

    private static final class Function {
        FunctionConfig latest;
        final TreeMap<Long, FunctionConfig> versions = new TreeMap<>();
        long lastVersion;
        final TreeMap<String, Alias> aliases = new TreeMap<>();
        Integer reservedConcurrency;
        final Map<String, String> tags = new TreeMap<>();
        /** Resource policy statements by qualifier ("" for the function itself), each by Sid. */
        final Map<String, LinkedHashMap<String, String>> policies = new LinkedHashMap<>();
        final Map<String, String> policyRevisions = new LinkedHashMap<>();
        final Map<String, ProvisionedConfig> provisioned = new LinkedHashMap<>();
        final String created;

        Function(FunctionConfig latest) {
            this.latest = latest;
            this.created = latest.lastModified();
        }
    }

    private final Map<Scope, TreeMap<String, Function>> functions = new LinkedHashMap<>();
    private final Map<Scope, TreeMap<String, TreeMap<Long, LayerVersion>>> layers = new LinkedHashMap<>();
    private final Map<Scope, Map<String, Long>> layerCounters = new LinkedHashMap<>();
    private final Random random = new Random();

    // ---- references

    /**
     * Reads a FunctionName parameter as AWS does: a name, a partial ARN ({@code 123456789012:function:name})
     * or a full ARN, each optionally with a qualifier; ARNs must name this account and region.
     */
    public static Reference reference(Scope scope, String functionName) {
        if (functionName == null || functionName.isEmpty()) {
            throw LambdaErrors.validation("functionName", functionName, "have length greater than or equal to 1");
        }
        if (functionName.length() > 170) {
            throw LambdaErrors.validation("functionName", functionName, "have length less than or equal to 170");
        }
        Matcher matcher = FUNCTION_REFERENCE.matcher(functionName);
        if (!matcher.matches() || matcher.group(3).length() > 64) {
            throw LambdaErrors.validation("functionName", functionName, "satisfy regular expression pattern: "
                    + "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        }
        if ((matcher.group(1) != null && !matcher.group(1).equals(scope.region()))
                || (matcher.group(2) != null && !matcher.group(2).equals(scope.account()))) {
            throw LambdaErrors.functionNotFound(functionName);
        }
        return new Reference(matcher.group(3), Optional.ofNullable(matcher.group(4)));
    }

    /** The function's name and the one qualifier: from the name or the Qualifier parameter, which must agree. */
    public static Reference reference(Scope scope, String functionName, String qualifier) {
        Reference reference = reference(scope, functionName);
        if (qualifier == null) {
            return reference;
        }
        if (reference.qualifier().isPresent() && !reference.qualifier().get().equals(qualifier)) {
            throw LambdaErrors.invalid("The derived qualifier from the function name does not match the specified qualifier.");
        }
        return new Reference(reference.name(), Optional.of(qualifier));
    }

    // ---- functions

    public synchronized FunctionConfig createFunction(Scope scope, String name, Settings settings, CodeArchive code,
                                                      Map<String, String> tags, Instant now) {
        return create(scope, name, settings, code, null, tags, now);
    }

    /**
     * Creates a function of PackageType Image: no Runtime, Handler or Layers (the image brings
     * them); CodeSha256 is the image's manifest digest, CodeSize 0, as Lambda reports them.
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html">CreateFunction</a>
     */
    public synchronized FunctionConfig createImageFunction(Scope scope, String name, Settings settings, ContainerImage image,
                                                           Map<String, String> tags, Instant now) {
        if (settings.runtime() != null || settings.handler() != null || (settings.layers() != null && !settings.layers().isEmpty())) {
            throw LambdaErrors.invalid("Please don't provide Handler or Runtime or Layer when the intended function PackageType is Image.");
        }
        return create(scope, name, settings, CodeArchive.ofImage(image), image, tags, now);
    }

    private FunctionConfig create(Scope scope, String name, Settings settings, CodeArchive code, ContainerImage image,
                                  Map<String, String> tags, Instant now) {
        checkName(name);
        TreeMap<String, Function> all = functions(scope);
        if (all.containsKey(name)) {
            throw LambdaErrors.conflict("Function already exist: " + name);
        }
        if (settings.runtime() == null && image == null) {
            throw LambdaErrors.invalid("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        if (settings.role() == null) {
            throw LambdaErrors.missing("role");
        }
        if (settings.handler() == null && image == null) {
            throw LambdaErrors.invalid("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        FunctionConfig config = configure(scope, null, name, settings, code, image, now);
        Function function = new Function(config);
        function.tags.putAll(tags);
        all.put(name, function);
        return config;
    }

    public synchronized FunctionConfig updateConfiguration(Scope scope, String name, Settings settings, String revisionId,
                                                           Instant now) {
        return updateConfiguration(scope, name, settings, null, revisionId, now);
    }

    /** As above; a non-null {@code imageConfig} replaces an image function's ImageConfig as a whole. */
    public synchronized FunctionConfig updateConfiguration(Scope scope, String name, Settings settings,
                                                           ContainerImage.ImageConfig imageConfig, String revisionId, Instant now) {
        Function function = function(scope, name);
        checkRevision(function.latest.revisionId(), revisionId);
        ContainerImage image = function.latest.image();
        if (image != null && (settings.runtime() != null || settings.handler() != null
                || (settings.layers() != null && !settings.layers().isEmpty()))) {
            throw LambdaErrors.invalid("Please don't provide Handler or Runtime or Layer when the intended function PackageType is Image.");
        }
        if (imageConfig != null) {
            if (image == null) {
                throw LambdaErrors.invalid("ImageConfig applies to functions of PackageType Image only.");
            }
            image = new ContainerImage(image.imageUri(), image.resolvedImageUri(), image.digest(), image.config(), imageConfig,
                    image.layers());
        }
        function.latest = configure(scope, function.latest, name, settings, function.latest.code(), image, now);
        return function.latest;
    }

    public synchronized FunctionConfig updateCode(Scope scope, String name, CodeArchive code, String revisionId, Instant now) {
        Function function = function(scope, name);
        checkRevision(function.latest.revisionId(), revisionId);
        if (function.latest.image() != null) {
            throw LambdaErrors.invalid("Please provide ImageUri when updating a function with packageType Image.");
        }
        checkUnzipped(code, function.latest.layers());
        FunctionConfig old = function.latest;
        function.latest = new FunctionConfig(old.name(), old.arn(), LATEST, old.runtime(), old.role(), old.handler(),
                old.description(), old.timeout(), old.memorySize(), old.environment(), old.layers(), code,
                LAST_MODIFIED.format(now), UUID.randomUUID().toString(), old.architectures(), old.ephemeralStorage(), old.logGroup(),
                null);
        return function.latest;
    }

    /** UpdateFunctionCode with an ImageUri: the image's new digest, the function's ImageConfig kept. */
    public synchronized FunctionConfig updateImage(Scope scope, String name, ContainerImage image, String revisionId, Instant now) {
        Function function = function(scope, name);
        checkRevision(function.latest.revisionId(), revisionId);
        FunctionConfig old = function.latest;
        if (old.image() == null) {
            throw LambdaErrors.invalid("Please don't provide ImageUri when updating a function with packageType Zip.");
        }
        ContainerImage updated = new ContainerImage(image.imageUri(), image.resolvedImageUri(), image.digest(), image.config(),
                old.image().overrides(), image.layers());
        function.latest = new FunctionConfig(old.name(), old.arn(), LATEST, null, old.role(), null,
                old.description(), old.timeout(), old.memorySize(), old.environment(), List.of(), CodeArchive.ofImage(updated),
                LAST_MODIFIED.format(now), UUID.randomUUID().toString(), old.architectures(), old.ephemeralStorage(), old.logGroup(),
                updated);
        return function.latest;
    }

    /** A configuration of the function: $LATEST, a version number, or (resolved) an alias's primary version. */
    public synchronized FunctionConfig getFunction(Scope scope, Reference reference) {
        Function function = function(scope, reference.name());
        if (reference.qualifier().isEmpty()) {
            return function.latest;
        }
        String qualifier = reference.qualifier().get();
        Alias alias = function.aliases.get(qualifier);
        return version(scope, function, alias != null ? alias.functionVersion() : qualifier);
    }

    public synchronized Map<String, String> tags(Scope scope, String name) {
        return Map.copyOf(function(scope, name).tags);
    }

    public synchronized Optional<Integer> reservedConcurrency(Scope scope, String name) {
        return Optional.ofNullable(function(scope, name).reservedConcurrency);
    }

    /** Deletes the function with all its versions and aliases, or (with a version qualifier) one version. */
    public synchronized List<FunctionConfig> deleteFunction(Scope scope, Reference reference) {
        Function function = function(scope, reference.name());
        if (reference.qualifier().isEmpty()) {
            functions(scope).remove(reference.name());
            List<FunctionConfig> removed = new ArrayList<>(function.versions.values());
            removed.add(function.latest);
            return removed;
        }
        String qualifier = reference.qualifier().get();
        if (qualifier.equals(LATEST)) {
            throw LambdaErrors.invalid("$LATEST version cannot be deleted without deleting the function.");
        }
        if (function.aliases.containsKey(qualifier)) {
            throw LambdaErrors.invalid("Deletion of aliases is not currently supported.");
        }
        FunctionConfig version = version(scope, function, qualifier);
        for (Alias alias : function.aliases.values()) {
            if (alias.functionVersion().equals(qualifier) || alias.additionalWeights().containsKey(qualifier)) {
                throw LambdaErrors.conflict("Unable to delete version because the following aliases reference it: ["
                        + alias.name() + "]");
            }
        }
        function.versions.remove(Long.parseLong(qualifier));
        function.provisioned.remove(qualifier);
        return List.of(version);
    }

    /** $LATEST of every function, by name. */
    public synchronized List<FunctionConfig> listFunctions(Scope scope) {
        return functions(scope).values().stream().map(function -> function.latest).toList();
    }

    // ---- versions

    /**
     * Publishes $LATEST as a new version; when neither code nor configuration changed since the
     * last version, that version is returned instead, as Lambda does.
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/api/API_PublishVersion.html">PublishVersion</a>
     */
    public synchronized FunctionConfig publishVersion(Scope scope, String name, String codeSha256, String description,
                                                      String revisionId, Instant now) {
        Function function = function(scope, name);
        checkRevision(function.latest.revisionId(), revisionId);
        if (codeSha256 != null && !codeSha256.equals(function.latest.code().sha256())) {
            throw LambdaErrors.invalid("CodeSHA256 (" + codeSha256 + ") is different from current CodeSHA256 in $LATEST ("
                    + function.latest.code().sha256() + "). Please try again with the CodeSHA256 in $LATEST.");
        }
        if (!function.versions.isEmpty() && function.versions.lastEntry().getValue().sameAs(function.latest)
                && (description == null || description.equals(function.versions.lastEntry().getValue().description()))) {
            return function.versions.lastEntry().getValue();
        }
        long number = ++function.lastVersion;
        FunctionConfig latest = function.latest;
        FunctionConfig published = latest.publishedAs(String.valueOf(number), LAST_MODIFIED.format(now));
        if (description != null) {
            published = new FunctionConfig(published.name(), published.arn(), published.version(), published.runtime(),
                    published.role(), published.handler(), description, published.timeout(), published.memorySize(),
                    published.environment(), published.layers(), published.code(), published.lastModified(),
                    published.revisionId(), published.architectures(), published.ephemeralStorage(), published.logGroup(),
                    published.image());
        }
        function.versions.put(number, published);
        return published;
    }

    public synchronized List<FunctionConfig> listVersions(Scope scope, String name) {
        Function function = function(scope, name);
        List<FunctionConfig> all = new ArrayList<>();
        all.add(function.latest);
        all.addAll(function.versions.values());
        return all;
    }

    // ---- aliases

    public synchronized Alias createAlias(Scope scope, String name, String aliasName, String version, String description,
                                          Map<String, Double> weights) {
        Function function = function(scope, name);
        checkAliasName(aliasName);
        if (function.aliases.containsKey(aliasName)) {
            throw LambdaErrors.conflict("Alias already exists: " + scope.functionArn(name) + ":" + aliasName);
        }
        if (version == null) {
            throw LambdaErrors.missing("functionVersion");
        }
        Alias alias = new Alias(aliasName, scope.functionArn(name) + ":" + aliasName, checkAliasTarget(scope, function, version,
                weights), weights == null ? Map.of() : weights, description == null ? "" : description,
                UUID.randomUUID().toString());
        function.aliases.put(aliasName, alias);
        return alias;
    }

    public synchronized Alias updateAlias(Scope scope, String name, String aliasName, String version, String description,
                                          Map<String, Double> weights, String revisionId) {
        Function function = function(scope, name);
        Alias current = alias(scope, function, aliasName);
        checkRevision(current.revisionId(), revisionId);
        String target = version == null ? current.functionVersion() : version;
        Map<String, Double> routing = weights == null ? current.additionalWeights() : weights;
        Alias updated = new Alias(aliasName, current.arn(), checkAliasTarget(scope, function, target, routing),
                routing, description == null ? current.description() : description, UUID.randomUUID().toString());
        function.aliases.put(aliasName, updated);
        return updated;
    }

    public synchronized Alias getAlias(Scope scope, String name, String aliasName) {
        return alias(scope, function(scope, name), aliasName);
    }

    public synchronized void deleteAlias(Scope scope, String name, String aliasName) {
        Function function = function(scope, name);
        if (function.aliases.remove(aliasName) != null) {
            function.provisioned.remove(aliasName);
            function.policies.remove(aliasName);
        }
    }

    public synchronized List<Alias> listAliases(Scope scope, String name) {
        return List.copyOf(function(scope, name).aliases.values());
    }

    // ---- what an Invoke runs

    /**
     * The configuration an Invoke runs: $LATEST, a version, or an alias's version, chosen by
     * the alias's weights (AdditionalVersionWeights take their share, the primary version the rest).
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html">Alias routing</a>
     */
    public synchronized Target target(Scope scope, Reference reference) {
        Function function = function(scope, reference.name());
        String qualifier = reference.qualifier().orElse(LATEST);
        Alias alias = function.aliases.get(qualifier);
        if (alias == null) {
            FunctionConfig config = qualifier.equals(LATEST) ? function.latest : version(scope, function, qualifier);
            return new Target(config, config.version(), qualifier);
        }
        String chosen = alias.functionVersion();
        double draw = random.nextDouble();
        for (Map.Entry<String, Double> weight : alias.additionalWeights().entrySet()) {
            draw -= weight.getValue();
            if (draw < 0) {
                chosen = weight.getKey();
                break;
            }
        }
        FunctionConfig config = version(scope, function, chosen);
        return new Target(config, config.version(), qualifier);
    }

    /** The version a qualifier stands for (an alias's primary version), for provisioned concurrency. */
    public synchronized String versionOf(Scope scope, String name, String qualifier) {
        Function function = function(scope, name);
        Alias alias = function.aliases.get(qualifier);
        return alias != null ? alias.functionVersion() : version(scope, function, qualifier).version();
    }

    public synchronized FunctionConfig config(Scope scope, String name, String version) {
        Function function = function(scope, name);
        return version.equals(LATEST) ? function.latest : version(scope, function, version);
    }

    // ---- concurrency

    /**
     * Reserves concurrency for a function; the account must keep 100 unreserved.
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html">Reserved concurrency</a>
     */
    public synchronized void putReservedConcurrency(Scope scope, String name, Integer reserved) {
        Function function = function(scope, name);
        if (reserved == null) {
            throw LambdaErrors.missing("reservedConcurrentExecutions");
        }
        if (reserved < 0) {
            throw LambdaErrors.validation("reservedConcurrentExecutions", reserved, "have value greater than or equal to 0");
        }
        int otherReserved = functions(scope).values().stream().filter(other -> other != function)
                .mapToInt(other -> other.reservedConcurrency == null ? 0 : other.reservedConcurrency).sum();
        if (ACCOUNT_CONCURRENCY - otherReserved - reserved < MIN_UNRESERVED) {
            throw LambdaErrors.invalid("Specified ReservedConcurrentExecutions for function decreases account's "
                    + "UnreservedConcurrentExecution below its minimum value of [" + MIN_UNRESERVED + "].");
        }
        function.reservedConcurrency = reserved;
    }

    public synchronized void deleteReservedConcurrency(Scope scope, String name) {
        function(scope, name).reservedConcurrency = null;
    }

    public synchronized int unreservedConcurrency(Scope scope) {
        return ACCOUNT_CONCURRENCY - functions(scope).values().stream()
                .mapToInt(function -> function.reservedConcurrency == null ? 0 : function.reservedConcurrency).sum();
    }

    public synchronized ProvisionedConfig putProvisioned(Scope scope, String name, String qualifier, Integer count) {
        Function function = function(scope, name);
        if (qualifier == null) {
            throw LambdaErrors.missing("qualifier");
        }
        if (qualifier.equals(LATEST)) {
            throw LambdaErrors.invalid("Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
        }
        if (count == null || count < 1) {
            throw LambdaErrors.validation("provisionedConcurrentExecutions", count, "have value greater than or equal to 1");
        }
        String version = versionOf(scope, name, qualifier);
        if (function.reservedConcurrency != null) {
            int others = function.provisioned.values().stream().filter(config -> !config.qualifier().equals(qualifier))
                    .mapToInt(ProvisionedConfig::requested).sum();
            if (others + count > function.reservedConcurrency) {
                throw LambdaErrors.invalid("Requested Provisioned Concurrency should not be greater than the "
                        + "reservedConcurrentExecution for function");
            }
        }
        ProvisionedConfig config = new ProvisionedConfig(qualifier, version, count);
        function.provisioned.put(qualifier, config);
        return config;
    }

    public synchronized Optional<ProvisionedConfig> provisioned(Scope scope, String name, String qualifier) {
        return Optional.ofNullable(function(scope, name).provisioned.get(qualifier));
    }

    public synchronized Optional<ProvisionedConfig> deleteProvisioned(Scope scope, String name, String qualifier) {
        return Optional.ofNullable(function(scope, name).provisioned.remove(qualifier));
    }

    // ---- resource policies

    /** Adds a statement to the function's (or the qualifier's) policy; returns the statement's JSON. */
    public synchronized String addPermission(Scope scope, Reference reference, String statementId, String statementJson,
                                             String revisionId) {
        Function function = function(scope, reference.name());
        String key = reference.qualifier().orElse("");
        if (!key.isEmpty() && !key.equals(LATEST)) {
            versionOf(scope, reference.name(), key);
        }
        checkRevision(function.policyRevisions.getOrDefault(key, function.latest.revisionId()), revisionId);
        LinkedHashMap<String, String> statements = function.policies.computeIfAbsent(key, k -> new LinkedHashMap<>());
        if (statements.containsKey(statementId)) {
            throw LambdaErrors.conflict("The statement id (" + statementId + ") provided already exists. Please provide a "
                    + "new statement id, or remove the existing statement.");
        }
        statements.put(statementId, statementJson);
        function.policyRevisions.put(key, UUID.randomUUID().toString());
        return statementJson;
    }

    public synchronized void removePermission(Scope scope, Reference reference, String statementId, String revisionId) {
        Function function = function(scope, reference.name());
        String key = reference.qualifier().orElse("");
        LinkedHashMap<String, String> statements = function.policies.get(key);
        checkRevision(function.policyRevisions.getOrDefault(key, ""), revisionId);
        if (statements == null || statements.remove(statementId) == null) {
            throw LambdaErrors.notFound("Statement " + statementId + " is not found in resource policy.");
        }
        function.policyRevisions.put(key, UUID.randomUUID().toString());
    }

    /** The policy document of the function or qualifier, as JSON; empty when it has no statements. */
    public synchronized Optional<String> policy(Scope scope, Reference reference) {
        Function function = functions(scope).get(reference.name());
        if (function == null) {
            return Optional.empty();
        }
        LinkedHashMap<String, String> statements = function.policies.get(reference.qualifier().orElse(""));
        if (statements == null || statements.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":["
                + String.join(",", statements.values()) + "]}");
    }

    public synchronized String policyRevision(Scope scope, Reference reference) {
        return function(scope, reference.name()).policyRevisions.getOrDefault(reference.qualifier().orElse(""), "");
    }

    // ---- layers

    /**
     * Publishes a new version of a layer; numbers start at 1 and are never reused, even after the
     * layer's versions were all deleted.
     */
    public synchronized LayerVersion publishLayerVersion(Scope scope, String name, CodeArchive code, String description,
                                                         List<String> runtimes, List<String> architectures, String license,
                                                         Instant now) {
        checkLayerName(name);
        long number = layerCounters.computeIfAbsent(scope, key -> new LinkedHashMap<>()).merge(name, 1L, Long::sum);
        LayerVersion version = new LayerVersion(name, number, scope.layerArn(name) + ":" + number, scope.layerArn(name),
                description == null ? "" : description, runtimes == null ? List.of() : List.copyOf(runtimes),
                architectures == null ? List.of() : List.copyOf(architectures), license, LAST_MODIFIED.format(now), code);
        layers(scope).computeIfAbsent(name, key -> new TreeMap<>()).put(number, version);
        return version;
    }

    public synchronized LayerVersion getLayerVersion(Scope scope, String name, long number) {
        TreeMap<Long, LayerVersion> versions = layers(scope).get(name);
        LayerVersion version = versions == null ? null : versions.get(number);
        if (version == null) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        return version;
    }

    public synchronized List<LayerVersion> listLayerVersions(Scope scope, String name) {
        checkLayerName(name);
        TreeMap<Long, LayerVersion> versions = layers(scope).get(name);
        return versions == null ? List.of() : List.copyOf(versions.descendingMap().values());
    }

    /** The newest version of each layer. */
    public synchronized List<LayerVersion> listLayers(Scope scope) {
        return layers(scope).values().stream().filter(versions -> !versions.isEmpty())
                .map(versions -> versions.lastEntry().getValue()).toList();
    }

    public synchronized void deleteLayerVersion(Scope scope, String name, long number) {
        TreeMap<Long, LayerVersion> versions = layers(scope).get(name);
        if (versions != null) {
            versions.remove(number);
        }
    }

    // ---- account

    public record Usage(long totalCodeSize, int functionCount) {
    }

    public synchronized Usage usage(Scope scope) {
        long code = 0;
        for (Function function : functions(scope).values()) {
            code += function.latest.code().size();
            for (FunctionConfig version : function.versions.values()) {
                code += version.code().size();
            }
        }
        for (TreeMap<Long, LayerVersion> versions : layers(scope).values()) {
            code += versions.values().stream().mapToLong(version -> version.code().size()).sum();
        }
        return new Usage(code, functions(scope).size());
    }

    public synchronized void reset() {
        functions.clear();
        layers.clear();
        layerCounters.clear();
    }

    // ---- rules

    private FunctionConfig configure(Scope scope, FunctionConfig current, String name, Settings settings, CodeArchive code,
                                     ContainerImage image, Instant now) {
        String runtime = pick(settings.runtime(), current == null ? null : current.runtime());
        if (image == null && !RUNTIMES.contains(runtime)) {
            throw LambdaErrors.invalid("The runtime parameter of " + runtime + " is not supported by the sandbox, which runs "
                    + "Java functions: " + String.join(", ", RUNTIMES) + ".");
        }
        String role = pick(settings.role(), current == null ? null : current.role());
        if (!ROLE.matcher(role).matches()) {
            throw LambdaErrors.validation("role", role, "satisfy regular expression pattern: "
                    + "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
        }
        String handler = pick(settings.handler(), current == null ? null : current.handler());
        if (image == null && (handler.length() > 128 || handler.isBlank())) {
            throw LambdaErrors.validation("handler", handler, "have length less than or equal to 128");
        }
        int timeout = pick(settings.timeout(), current == null ? DEFAULT_TIMEOUT : current.timeout());
        if (timeout < 1 || timeout > MAX_TIMEOUT) {
            throw LambdaErrors.validation("timeout", timeout, timeout < 1 ? "have value greater than or equal to 1"
                    : "have value less than or equal to " + MAX_TIMEOUT);
        }
        int memory = pick(settings.memorySize(), current == null ? DEFAULT_MEMORY : current.memorySize());
        if (memory < 128 || memory > MAX_MEMORY) {
            throw LambdaErrors.validation("memorySize", memory, memory < 128 ? "have value greater than or equal to 128"
                    : "have value less than or equal to " + MAX_MEMORY);
        }
        Map<String, String> environment = settings.environment() != null ? settings.environment()
                : current == null ? Map.of() : current.environment();
        checkEnvironment(environment);
        List<LayerUse> layerUses = settings.layers() != null ? resolveLayers(scope, settings.layers())
                : current == null ? List.of() : current.layers();
        if (image == null) {
            checkUnzipped(code, layerUses);
        }
        String description = pick(settings.description(), current == null ? "" : current.description());
        if (description.length() > 256) {
            throw LambdaErrors.validation("description", description, "have length less than or equal to 256");
        }
        List<String> architectures = settings.architectures() != null ? List.copyOf(settings.architectures())
                : current == null ? List.of("x86_64") : current.architectures();
        if (architectures.size() != 1 || !List.of("x86_64", "arm64").contains(architectures.get(0))) {
            throw LambdaErrors.validation("architectures", architectures, "have length less than or equal to 1");
        }
        int storage = pick(settings.ephemeralStorage(), current == null ? 512 : current.ephemeralStorage());
        if (storage < 512 || storage > 10_240) {
            throw LambdaErrors.validation("ephemeralStorage.size", storage, storage < 512
                    ? "have value greater than or equal to 512" : "have value less than or equal to 10240");
        }
        return new FunctionConfig(name, scope.functionArn(name), LATEST, runtime, role, handler, description, timeout, memory,
                environment, layerUses, code, LAST_MODIFIED.format(now), UUID.randomUUID().toString(), architectures, storage,
                "/aws/lambda/" + name, image);
    }

    private List<LayerUse> resolveLayers(Scope scope, List<String> arns) {
        if (arns.size() > MAX_LAYERS) {
            throw LambdaErrors.invalid("Cannot reference more than " + MAX_LAYERS + " layers.");
        }
        List<LayerUse> uses = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (String arn : arns) {
            Matcher matcher = LAYER_VERSION_ARN.matcher(arn);
            if (!matcher.matches()) {
                throw LambdaErrors.validation("layers", arns, "satisfy regular expression pattern: "
                        + "arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+");
            }
            if (!names.add(matcher.group(3))) {
                throw LambdaErrors.invalid("Two different versions of the same layer are not allowed to be referenced "
                        + "in the same function. " + arn + " and another version of the layer are referenced.");
            }
            Scope owner = new Scope(matcher.group(2), matcher.group(1));
            TreeMap<Long, LayerVersion> versions = layers(owner).get(matcher.group(3));
            LayerVersion version = versions == null ? null : versions.get(Long.parseLong(matcher.group(4)));
            if (version == null || !owner.equals(scope)) {
                throw LambdaErrors.invalid("Layer version " + arn + " does not exist.");
            }
            uses.add(new LayerUse(arn, version.code().size(), version.code()));
        }
        return uses;
    }

    private static void checkUnzipped(CodeArchive code, List<LayerUse> layers) {
        long total = code.unzippedSize() + layers.stream().mapToLong(layer -> layer.code().unzippedSize()).sum();
        if (total > MAX_UNZIPPED) {
            throw LambdaErrors.invalid("Function code combined with layers exceeds the maximum allowed size of "
                    + MAX_UNZIPPED + " bytes. The actual size is " + total + " bytes.");
        }
    }

    /** @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html">Environment variables</a> */
    private static void checkEnvironment(Map<String, String> environment) {
        List<String> reserved = environment.keySet().stream().filter(RESERVED_VARIABLES::contains).sorted().toList();
        if (!reserved.isEmpty()) {
            throw LambdaErrors.invalid("Lambda was unable to configure your environment variables because the environment "
                    + "variables you have provided contains reserved keys that are currently not supported for modification. "
                    + "Reserved keys used in this request: " + String.join(", ", reserved));
        }
        for (String key : environment.keySet()) {
            if (!key.matches("[a-zA-Z]([a-zA-Z0-9_])+")) {
                throw LambdaErrors.validation("environment.variables", "[" + key + "]",
                        "satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+");
            }
        }
        StringBuilder measured = new StringBuilder("{");
        environment.forEach((key, value) -> measured.append(measured.length() > 1 ? "," : "").append('"').append(key)
                .append("\":\"").append(value).append('"'));
        measured.append('}');
        if (measured.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_ENVIRONMENT_BYTES) {
            throw LambdaErrors.invalid("Lambda was unable to configure your environment variables because the environment "
                    + "variables you have provided exceeded the 4KB limit. String measured: " + measured);
        }
    }

    private String checkAliasTarget(Scope scope, Function function, String version, Map<String, Double> weights) {
        if (!version.equals(LATEST)) {
            version(scope, function, version);
        }
        if (weights != null && !weights.isEmpty()) {
            if (weights.size() > 1) {
                throw LambdaErrors.invalid("Number of items in AdditionalVersionWeights cannot be greater than 1");
            }
            if (version.equals(LATEST)) {
                throw LambdaErrors.invalid("$LATEST is not supported for an alias pointing to more than 1 version");
            }
            for (Map.Entry<String, Double> weight : weights.entrySet()) {
                if (weight.getKey().equals(version)) {
                    throw LambdaErrors.invalid("Routing config must not contain the primary version: " + version);
                }
                version(scope, function, weight.getKey());
                if (weight.getValue() < 0 || weight.getValue() > 1) {
                    throw LambdaErrors.validation("routingConfig.additionalVersionWeights", weight.getValue(),
                            "have value less than or equal to 1.0");
                }
            }
        }
        return version;
    }

    private FunctionConfig version(Scope scope, Function function, String qualifier) {
        if (qualifier.equals(LATEST)) {
            return function.latest;
        }
        FunctionConfig found = null;
        if (qualifier.matches("[0-9]{1,18}")) {
            found = function.versions.get(Long.parseLong(qualifier));
        }
        if (found == null) {
            throw LambdaErrors.functionNotFound(scope.functionArn(function.latest.name()) + ":" + qualifier);
        }
        return found;
    }

    private Alias alias(Scope scope, Function function, String aliasName) {
        Alias alias = function.aliases.get(aliasName);
        if (alias == null) {
            throw LambdaErrors.notFound("Cannot find alias arn: " + scope.functionArn(function.latest.name()) + ":" + aliasName);
        }
        return alias;
    }

    private Function function(Scope scope, String name) {
        Function function = functions(scope).get(name);
        if (function == null) {
            throw LambdaErrors.functionNotFound(scope.functionArn(name));
        }
        return function;
    }

    private TreeMap<String, Function> functions(Scope scope) {
        return functions.computeIfAbsent(scope, key -> new TreeMap<>());
    }

    private TreeMap<String, TreeMap<Long, LayerVersion>> layers(Scope scope) {
        return layers.computeIfAbsent(scope, key -> new TreeMap<>());
    }

    private static void checkRevision(String current, String expected) {
        if (expected != null && !expected.equals(current)) {
            throw LambdaErrors.preconditionFailed("The Revision Id provided does not match the latest Revision Id. "
                    + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
    }

    private static void checkName(String name) {
        if (name == null) {
            throw LambdaErrors.missing("functionName");
        }
        if (!NAME.matcher(name).matches()) {
            throw LambdaErrors.validation("functionName", name, "satisfy regular expression pattern: "
                    + "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        }
    }

    private static void checkAliasName(String name) {
        if (name == null) {
            throw LambdaErrors.missing("name");
        }
        if (name.length() > 128 || !ALIAS.matcher(name).matches()) {
            throw LambdaErrors.validation("name", name, "satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        }
    }

    private static void checkLayerName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw LambdaErrors.validation("layerName", name, "satisfy regular expression pattern: "
                    + "(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+");
        }
    }

    private static <T> T pick(T given, T current) {
        return given != null ? given : current;
    }
}
