package course.sandbox.apigateway.protocol;

import course.sandbox.auth.SigV4;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A REST operation's path, {@code /restapis/{restapi_id}/stages}: literal segments and labels,
 * matched against a raw request path (labels percent-decoded; a trailing slash ignored).
 */
public record PathTemplate(List<String> segments) {

    public static PathTemplate of(String path) {
        return new PathTemplate(List.of(path.substring(1).split("/")));
    }

    /** The labels of {@code rawPath} when it matches, by name. */
    public Optional<Map<String, String>> match(String rawPath) {
        String[] raw = trim(rawPath).substring(1).split("/", -1);
        if (raw.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < raw.length; i++) {
            String segment = segments.get(i);
            String value = SigV4.percentDecode(raw[i]);
            if (segment.startsWith("{")) {
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                labels.put(segment.substring(1, segment.length() - 1), value);
            } else if (!segment.equals(value)) {
                return Optional.empty();
            }
        }
        return Optional.of(labels);
    }

    static String trim(String rawPath) {
        return rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
    }

    /** Whether a raw query string carries {@code marker} ({@code mode=import}) as one of its parameters. */
    static boolean hasParameter(String rawQuery, String marker) {
        return ("&" + rawQuery + "&").contains("&" + marker + "&");
    }
}
