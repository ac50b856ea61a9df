package course.sandbox.apigateway.invoke;

import course.sandbox.auth.SigV4;
import course.sandbox.http.Headers;
import course.sandbox.service.Caller;
import course.sandbox.service.ServiceRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request to an execute-api endpoint, as API Gateway reads it: the API id from the host
 * ({@code {api-id}.execute-api.localhost} or {@code {api-id}.execute-api.{region}.amazonaws.com}),
 * the stage from the first path segment, the rest of the path, the query string and the headers
 * (each with all their values, in order).
 *
 * @param domainName the host the client addressed, without a port
 * @param stage      the first path segment, "" when the path has none
 * @param path       the path after the stage, percent-decoded, "/" at least
 * @param rawPath    the path as sent, stage included
 */
public record CallSite(String apiId, String region, String domainName, String httpMethod, String stage, String path,
                       String rawPath, String rawQuery, Map<String, List<String>> query, Headers headers, byte[] body,
                       String sourceIp, Caller caller, String requestId, Instant now) {

    /** {@code dd/MMM/yyyy:HH:mm:ss Z}, how $context.requestTime and the Lambda events write the time. */
    public static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** Headers of one connection (an h2c upgrade attempt, keep-alive), which API Gateway's front never passes on. */
    private static final java.util.Set<String> HOP_BY_HOP = java.util.Set.of("connection", "upgrade", "http2-settings",
            "keep-alive", "te", "trailer", "transfer-encoding", "proxy-connection");

    public static CallSite of(ServiceRequest request, String defaultRegion) {
        String host = request.http().host().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        String domain = colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
        String[] labels = domain.split("\\.");
        String apiId = labels[0];
        String region = labels.length > 2 && domain.endsWith(".amazonaws.com") ? labels[2] : defaultRegion;
        String raw = request.http().rawPath();
        String[] parts = raw.substring(1).split("/", 2);
        String stage = SigV4.percentDecode(parts[0]);
        String rest = parts.length > 1 ? "/" + parts[1] : "/";
        return new CallSite(apiId, region, domain, request.http().method(), stage, rest, raw, request.http().rawQuery(),
                query(request.http().rawQuery()), request.http().headers(), request.body(),
                request.http().remote().getAddress().getHostAddress(), request.caller(), request.requestId(), request.now());
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String piece : rawQuery.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int equals = piece.indexOf('=');
            String name = decode(equals < 0 ? piece : piece.substring(0, equals));
            String value = equals < 0 ? "" : decode(piece.substring(equals + 1));
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String value) {
        return SigV4.percentDecode(value.replace('+', ' '));
    }

    /** Path segments after the stage, percent-decoded. */
    public List<String> segments() {
        List<String> segments = new ArrayList<>();
        for (String segment : path.substring(1).split("/", -1)) {
            if (!segment.isEmpty()) {
                segments.add(SigV4.percentDecode(segment));
            }
        }
        return segments;
    }

    /** The path after the stage, decoded, as events and $context.resourcePath-style values show it. */
    public String decodedPath() {
        return SigV4.percentDecode(path);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The last value of each header, names as sent (API Gateway's single-value view). */
    public Map<String, String> singleHeaders() {
        Map<String, String> single = new LinkedHashMap<>();
        multiHeaders().forEach((name, values) -> single.put(name, values.get(values.size() - 1)));
        return single;
    }

    public Map<String, List<String>> multiHeaders() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (String lower : headers.lowerCaseNames()) {
            if (HOP_BY_HOP.contains(lower)) {
                continue;
            }
            List<String> values = headers.all(lower);
            all.put(originalName(lower), values);
        }
        return all;
    }

    /** A header's name as the client spelled it (Headers keeps arrival order and case). */
    private String originalName(String lower) {
        for (String name : headers.names()) {
            if (name.equalsIgnoreCase(lower)) {
                return name;
            }
        }
        return lower;
    }

    public String header(String name) {
        return headers.first(name).orElse(null);
    }

    public String userAgent() {
        return headers.first("User-Agent").orElse(null);
    }

    public String contentType() {
        String type = headers.first("Content-Type").orElse("application/json");
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    public String requestTime() {
        return REQUEST_TIME.format(now);
    }
}
