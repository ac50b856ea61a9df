package course.sandbox.auth;

import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the raw HTTP requests of the AWS SigV4 test suite: request line, headers (a line that
 * starts with whitespace continues the previous header, folded with one space), blank line,
 * body. Paths and queries are kept exactly as written.
 */
final class RawHttp {
    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50000);

    private RawHttp() {
    }

    static SandboxRequest parse(byte[] raw) {
        int bodyStart = indexOf(raw, "\n\n".getBytes(StandardCharsets.US_ASCII));
        String head = new String(raw, 0, bodyStart < 0 ? raw.length : bodyStart, StandardCharsets.UTF_8);
        byte[] body = bodyStart < 0 ? new byte[0] : Arrays.copyOfRange(raw, bodyStart + 2, raw.length);

        String[] lines = head.split("\n");
        String requestLine = lines[0];
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(' '));
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? "" : target.substring(question + 1);

        List<String[]> fields = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                String[] previous = fields.get(fields.size() - 1);
                previous[1] = previous[1] + " " + line.strip();
            } else {
                int colon = line.indexOf(':');
                fields.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
            }
        }
        Headers headers = new Headers();
        fields.forEach(field -> headers.add(field[0], field[1]));
        return new SandboxRequest(method, rawPath, rawQuery, headers, body, CLIENT);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
