package course.sandbox.protocol;

import course.sandbox.http.SandboxRequest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which service a request is for, and in which protocol, decided the way AWS's endpoints
 * would if they all shared one host: DynamoDB by X-Amz-Target, IAM and STS by the signing
 * scope or their Action names, everything else is S3.
 *
 * @param service the signing name: s3, iam, sts, dynamodb
 * @param action  the operation when the protocol names it (Query Action, JSON target), else "-"
 */
public record ServiceRoute(String service, Protocol protocol, String action) {
    private static final Pattern SCOPE_SERVICE =
            Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/,\\s]+/([^/,\\s]+)/aws4_request");
    private static final Pattern QUERY_SCOPE_SERVICE =
            Pattern.compile("(?:^|&)X-Amz-Credential=[^&]*?(?:%2F|/)\\d{8}(?:%2F|/)[^&%/]+(?:%2F|/)([^&%/]+)(?:%2F|/)aws4_request",
                    Pattern.CASE_INSENSITIVE);
    private static final Set<String> STS_ACTIONS = Set.of(
            "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "DecodeAuthorizationMessage",
            "GetAccessKeyInfo", "GetCallerIdentity", "GetFederationToken", "GetSessionToken");

    public static ServiceRoute of(SandboxRequest request) {
        String target = request.headers().first("X-Amz-Target").orElse("");
        if (target.startsWith("DynamoDB_20120810.")) {
            return new ServiceRoute("dynamodb", Protocol.JSON, target.substring(target.indexOf('.') + 1));
        }
        if (target.startsWith("DynamoDBStreams_20120810.")) {
            return new ServiceRoute("dynamodb", Protocol.JSON, target.substring(target.indexOf('.') + 1));
        }
        String signedFor = signingService(request);
        Map<String, String> form = queryParameters(request);
        String action = form.get("Action");
        if (action != null && !signedFor.equals("s3")) {
            boolean sts = signedFor.equals("sts") || (signedFor.isEmpty() && STS_ACTIONS.contains(action));
            return new ServiceRoute(sts ? "sts" : "iam", Protocol.QUERY, action);
        }
        if (signedFor.equals("iam") || signedFor.equals("sts")) {
            return new ServiceRoute(signedFor, Protocol.QUERY, "-");
        }
        return new ServiceRoute("s3", Protocol.REST_XML, "-");
    }

    /** The Query protocol's parameters: the form body of a POST, else the query string. */
    public static Map<String, String> queryParameters(SandboxRequest request) {
        String contentType = request.headers().first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (request.method().equals("POST") && contentType.startsWith("application/x-www-form-urlencoded")) {
            return FormParameters.parse(new String(request.body(), StandardCharsets.UTF_8));
        }
        return FormParameters.parse(request.rawQuery());
    }

    private static String signingService(SandboxRequest request) {
        Matcher header = SCOPE_SERVICE.matcher(request.headers().first("Authorization").orElse(""));
        if (header.find()) {
            return header.group(1);
        }
        Matcher query = QUERY_SCOPE_SERVICE.matcher(request.rawQuery());
        return query.find() ? query.group(1) : "";
    }
}
