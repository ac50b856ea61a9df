package course.sandbox.lambda.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every Lambda operation the sandbox serves: its REST route (method and path template, as the
 * SDK's marshallers write them), the IAM action it needs and the kind of resource that action is
 * decided on. Functions are decided on their ARN, qualified when the request names a version or
 * alias; layer versions on {@code layer:NAME:VERSION}; listings and account settings on {@code *}.
 *
 * @see <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html">Actions, resources, and condition keys for AWS Lambda</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html">Lambda resource-level permissions</a>
 */
public enum LambdaOperation {
    CreateFunction("POST", "/2015-03-31/functions", Resource.FUNCTION),
    ListFunctions("GET", "/2015-03-31/functions", Resource.ALL),
    GetFunction("GET", "/2015-03-31/functions/{FunctionName}", Resource.FUNCTION),
    DeleteFunction("DELETE", "/2015-03-31/functions/{FunctionName}", Resource.FUNCTION),
    GetFunctionConfiguration("GET", "/2015-03-31/functions/{FunctionName}/configuration", Resource.FUNCTION),
    UpdateFunctionConfiguration("PUT", "/2015-03-31/functions/{FunctionName}/configuration", Resource.FUNCTION),
    UpdateFunctionCode("PUT", "/2015-03-31/functions/{FunctionName}/code", Resource.FUNCTION),
    Invoke("POST", "/2015-03-31/functions/{FunctionName}/invocations", Resource.FUNCTION, "lambda:InvokeFunction"),
    PublishVersion("POST", "/2015-03-31/functions/{FunctionName}/versions", Resource.FUNCTION),
    ListVersionsByFunction("GET", "/2015-03-31/functions/{FunctionName}/versions", Resource.FUNCTION),
    CreateAlias("POST", "/2015-03-31/functions/{FunctionName}/aliases", Resource.FUNCTION),
    ListAliases("GET", "/2015-03-31/functions/{FunctionName}/aliases", Resource.FUNCTION),
    GetAlias("GET", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", Resource.FUNCTION),
    UpdateAlias("PUT", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", Resource.FUNCTION),
    DeleteAlias("DELETE", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", Resource.FUNCTION),
    AddPermission("POST", "/2015-03-31/functions/{FunctionName}/policy", Resource.FUNCTION),
    GetPolicy("GET", "/2015-03-31/functions/{FunctionName}/policy", Resource.FUNCTION),
    RemovePermission("DELETE", "/2015-03-31/functions/{FunctionName}/policy/{StatementId}", Resource.FUNCTION),
    PutFunctionConcurrency("PUT", "/2017-10-31/functions/{FunctionName}/concurrency", Resource.FUNCTION),
    DeleteFunctionConcurrency("DELETE", "/2017-10-31/functions/{FunctionName}/concurrency", Resource.FUNCTION),
    GetFunctionConcurrency("GET", "/2019-09-30/functions/{FunctionName}/concurrency", Resource.FUNCTION),
    PutProvisionedConcurrencyConfig("PUT", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", Resource.FUNCTION),
    GetProvisionedConcurrencyConfig("GET", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", Resource.FUNCTION),
    DeleteProvisionedConcurrencyConfig("DELETE", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency",
            Resource.FUNCTION),
    PublishLayerVersion("POST", "/2018-10-31/layers/{LayerName}/versions", Resource.LAYER),
    ListLayerVersions("GET", "/2018-10-31/layers/{LayerName}/versions", Resource.ALL),
    GetLayerVersion("GET", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", Resource.LAYER_VERSION),
    DeleteLayerVersion("DELETE", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", Resource.LAYER_VERSION),
    ListLayers("GET", "/2018-10-31/layers", Resource.ALL),
    GetAccountSettings("GET", "/2016-08-19/account-settings", Resource.ALL);

    /** The kind of resource an action is decided on. */
    public enum Resource {
        ALL, FUNCTION, LAYER, LAYER_VERSION
    }

    /** A request matched to its operation, with the path's labels decoded. */
    public record Match(LambdaOperation operation, Map<String, String> labels) {
        public String label(String name) {
            return labels.get(name);
        }
    }

    private final String method;
    private final String template;
    private final Pattern path;
    private final List<String> labels = new ArrayList<>();
    private final Resource resource;
    private final String action;

    LambdaOperation(String method, String template, Resource resource) {
        this(method, template, resource, null);
    }

    LambdaOperation(String method, String template, Resource resource, String action) {
        this.method = method;
        this.template = template;
        this.resource = resource;
        this.action = action == null ? "lambda:" + name() : action;
        Matcher label = Pattern.compile("\\{([A-Za-z]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (label.find()) {
            regex.append(Pattern.quote(template.substring(last, label.start()))).append("([^/]+)");
            labels.add(label.group(1));
            last = label.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append("/?");
        this.path = Pattern.compile(regex.toString());
    }

    public String action() {
        return action;
    }

    public Resource resource() {
        return resource;
    }

    public String method() {
        return method;
    }

    public String template() {
        return template;
    }

    /** The operation of a method and raw (percent-encoded) path, if the sandbox serves it. */
    public static Optional<Match> match(String method, String rawPath) {
        for (LambdaOperation operation : values()) {
            if (!operation.method.equals(method)) {
                continue;
            }
            Matcher matcher = operation.path.matcher(rawPath);
            if (matcher.matches()) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < operation.labels.size(); i++) {
                    values.put(operation.labels.get(i), URLDecoder.decode(matcher.group(i + 1).replace("+", "%2B"),
                            StandardCharsets.UTF_8));
                }
                return Optional.of(new Match(operation, values));
            }
        }
        return Optional.empty();
    }
}
