package course.sandbox.protocol;

import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceRegistry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which service a request is for, in which protocol, and why: AWS's front door for every
 * service in {@link ServiceRegistry}, on one host. The rules, first match wins:
 * <ol>
 *   <li><b>effective host</b>: the Host header, or the host in a {@code /_host/<host>/…} path
 *       prefix, names a service by its endpoint label ({@code 123.s3-control.us-east-1.amazonaws.com},
 *       {@code abc.execute-api.localhost}); on {@code *.localhost} an S3-signed request keeps
 *       {@code <bucket>.localhost} for S3;</li>
 *   <li><b>X-Amz-Target</b> prefix ({@code Logs_20140328.…});</li>
 *   <li><b>RPC v2 CBOR</b> path {@code /service/<Service>/operation/<Op>} with {@code smithy-protocol: rpc-v2-cbor};</li>
 *   <li><b>signing name</b> of the credential scope, then the <b>path prefix</b> among the services
 *       sharing it ({@code /v20180820/} is S3 Control, {@code /v2/} API Gateway V2);</li>
 *   <li><b>Query Action</b> of an unsigned request (STS's actions, else IAM);</li>
 *   <li><b>S3</b> for everything else: S3-signed and anonymous requests.</li>
 * </ol>
 * A scope naming another service than the one routed to is refused by authentication.
 *
 * <p>The {@code /_host/<host>} prefix lets a client reach a host-addressed endpoint on 127.0.0.1
 * (a wildcard name like {@code {account}.s3-control…} does not resolve locally). The client signs
 * the request as sent: Host {@code 127.0.0.1:port} and the full path, prefix included; the sandbox
 * verifies that, then hands the service the request with the prefix stripped and the effective host
 * as its Host.
 *
 * @param service    the service, served or not
 * @param protocol   the protocol this request speaks
 * @param action     the operation when the protocol names it (Query Action, JSON target, CBOR path), else "-"
 * @param reason     which rule decided, for --explain
 * @param request    the request as the service sees it: {@code /_host/…} stripped
 * @param signedFor  the signing name of the credential scope, "" when unsigned
 */
public record ServiceRoute(ServiceDescriptor service, Protocol protocol, String action, String reason,
                           SandboxRequest request, String signedFor) {
    public static final String HOST_PATH_PREFIX = "/_host/";

    private static final Pattern SCOPE_SERVICE =
            Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/,\\s]+/([^/,\\s]+)/aws4_request");
    private static final Pattern QUERY_SCOPE_SERVICE =
            Pattern.compile("(?:^|&)X-Amz-Credential=[^&]*?(?:%2F|/)\\d{8}(?:%2F|/)[^&%/]+(?:%2F|/)([^&%/]+)(?:%2F|/)aws4_request",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    public static ServiceRoute of(SandboxRequest original) {
        String signedFor = signingService(original);
        SandboxRequest request = original;
        String host = hostWithoutPort(original.host());
        String hostSource = "Host header";
        if (original.rawPath().startsWith(HOST_PATH_PREFIX)) {
            String rest = original.rawPath().substring(HOST_PATH_PREFIX.length());
            int slash = rest.indexOf('/');
            host = hostWithoutPort(slash < 0 ? rest : rest.substring(0, slash));
            hostSource = "path prefix " + HOST_PATH_PREFIX + host;
            request = withHostAndPath(original, host, slash < 0 ? "/" : rest.substring(slash));
        }

        // 1. effective host
        Optional<String> label = endpointLabel(host);
        if (label.isPresent()) {
            List<ServiceDescriptor> candidates = ServiceRegistry.byEndpointPrefix(label.get());
            boolean bucketOnLocalhost = host.endsWith(".localhost") && signedFor.equals("s3")
                    && candidates.stream().noneMatch(service -> service.signingName().equals("s3"));
            if (!candidates.isEmpty() && !bucketOnLocalhost) {
                ServiceDescriptor service = byPath(candidates, request.rawPath());
                return route(service, request, signedFor, "effective host " + host + " (" + hostSource
                        + ") is a " + label.get() + " endpoint");
            }
        }
        // 2. X-Amz-Target
        Optional<String> target = request.headers().first("X-Amz-Target");
        if (target.isPresent() && target.get().indexOf('.') > 0) {
            String prefix = target.get().substring(0, target.get().indexOf('.'));
            Optional<ServiceDescriptor> service = ServiceRegistry.byTargetPrefix(prefix);
            if (service.isPresent()) {
                return route(service.get(), request, signedFor, "X-Amz-Target prefix " + prefix);
            }
        }
        // 3. RPC v2 CBOR path
        if (CborCodec.isRpcV2Cbor(request)) {
            Optional<ServiceDescriptor> service = CborCodec.serviceName(request).flatMap(ServiceRegistry::byCborService);
            if (service.isPresent()) {
                return route(service.get(), request, signedFor, "smithy-protocol rpc-v2-cbor, path names "
                        + service.get().cborServiceName());
            }
        }
        // 4. signing name, then path prefix
        List<ServiceDescriptor> signedServices = ServiceRegistry.bySigningName(signedFor);
        if (!signedServices.isEmpty()) {
            ServiceDescriptor service = byPath(signedServices, request.rawPath());
            boolean byPrefix = service.matchesPath(request.rawPath());
            return route(service, request, signedFor, "signed for " + signedFor
                    + (byPrefix ? ", path prefix of " + service.name() : signedServices.size() > 1 ? ", no other path prefix matched" : ""));
        }
        // 5. Query Action
        Optional<String> action = Optional.ofNullable(QueryCodec.parameters(request).get("Action"));
        if (action.isPresent()) {
            ServiceDescriptor service = ServiceRegistry.byQueryAction(action.get());
            return route(service, request, signedFor, "Query Action " + action.get()
                    + (signedFor.isEmpty() ? " (unsigned)" : " (signed for " + signedFor + ", which names no service)"));
        }
        // 6. S3
        return route(ServiceRegistry.get("s3"), request, signedFor, signedFor.isEmpty()
                ? "unsigned and no other rule matched: S3, which takes anonymous requests"
                : "signed for " + signedFor + ", which names no service the sandbox knows: S3, the last rule");
    }

    /** The protocol the request speaks, among those its service's clients use. */
    private static ServiceRoute route(ServiceDescriptor service, SandboxRequest request, String signedFor, String reason) {
        Protocol protocol = service.defaultProtocol();
        if (request.headers().contains("X-Amz-Target") && (service.speaks(Protocol.JSON_1_0) || service.speaks(Protocol.JSON_1_1))) {
            protocol = service.speaks(Protocol.JSON_1_0) ? Protocol.JSON_1_0 : Protocol.JSON_1_1;
        } else if (CborCodec.isRpcV2Cbor(request) && service.speaks(Protocol.RPC_V2_CBOR)) {
            protocol = Protocol.RPC_V2_CBOR;
        } else if (service.speaks(Protocol.QUERY) && QueryCodec.parameters(request).containsKey("Action")) {
            protocol = Protocol.QUERY;
        }
        String action = protocol.codec().operation(request).orElse("-");
        return new ServiceRoute(service, protocol, action, reason, request, signedFor);
    }

    private static ServiceDescriptor byPath(List<ServiceDescriptor> candidates, String rawPath) {
        return candidates.stream().filter(service -> service.matchesPath(rawPath)).findFirst().orElse(candidates.get(0));
    }

    /**
     * The label of a host that names a service endpoint: the one before the region of
     * {@code *.amazonaws.com}, or the one before {@code localhost}.
     */
    static Optional<String> endpointLabel(String host) {
        String name;
        if (host.endsWith(".amazonaws.com")) {
            name = host.substring(0, host.length() - ".amazonaws.com".length());
        } else if (host.endsWith(".amazonaws.com.cn")) {
            name = host.substring(0, host.length() - ".amazonaws.com.cn".length());
        } else if (host.endsWith(".localhost")) {
            name = host.substring(0, host.length() - ".localhost".length());
        } else {
            return Optional.empty();
        }
        String[] labels = name.split("\\.");
        int last = labels.length - 1;
        if (last > 0 && REGION.matcher(labels[last]).matches()) {
            last--;
        }
        return labels[last].isEmpty() ? Optional.empty() : Optional.of(labels[last]);
    }

    private static String hostWithoutPort(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        int colon = lower.lastIndexOf(':');
        return colon > 0 && lower.indexOf(']') < colon ? lower.substring(0, colon) : lower;
    }

    private static SandboxRequest withHostAndPath(SandboxRequest request, String host, String path) {
        Headers headers = new Headers();
        for (String name : request.headers().lowerCaseNames()) {
            if (!name.equals("host")) {
                request.headers().all(name).forEach(value -> headers.add(name, value));
            }
        }
        headers.add("Host", host);
        return new SandboxRequest(request.method(), path, request.rawQuery(), headers, request.payload(), request.remote());
    }

    /** The service of the credential scope (Authorization header or presigned query), "" when unsigned. */
    static String signingService(SandboxRequest request) {
        Matcher header = SCOPE_SERVICE.matcher(request.headers().first("Authorization").orElse(""));
        if (header.find()) {
            return header.group(1);
        }
        Matcher query = QUERY_SCOPE_SERVICE.matcher(request.rawQuery());
        return query.find() ? query.group(1) : "";
    }
}
