package course.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A request line and its headers, parsed strictly (RFC 9112): what is not HTTP/1.x, a target a
 * URI cannot hold, a Content-Length that is not one number, or one sent with Transfer-Encoding,
 * is a {@link Refused} head, answered by the front in AWS's shape instead of being guessed at.
 *
 * @param contentLength the declared length, or -1 without one (then {@code chunked} or no body)
 */
record RequestHead(String method, String rawPath, String rawQuery, boolean http11, Headers headers,
                   long contentLength, boolean chunked, boolean expectContinue, boolean keepAlive) {

    /** A head the front refuses, with what could be read of it (to pick the answer's shape). */
    static final class Refused extends Exception {
        private final HttpRefusal refusal;
        private final transient RequestHead partial;

        Refused(HttpRefusal refusal, RequestHead partial) {
            super(refusal.code(), null, false, false);
            this.refusal = refusal;
            this.partial = partial;
        }

        HttpRefusal refusal() {
            return refusal;
        }

        /** What was read before the head was refused; a bare {@code GET /} when nothing was. */
        RequestHead partial() {
            return partial;
        }
    }

    boolean hasBody() {
        return chunked || contentLength > 0;
    }

    /** A stand-in head for an answer to bytes that never formed one. */
    static RequestHead unreadable() {
        return new RequestHead("GET", "/", "", true, new Headers(), 0, false, false, false);
    }

    /**
     * The end of the head in {@code bytes[from, to)}: the index after its empty line, or -1
     * while it has not arrived. Lines end in LF, optionally after CR.
     */
    static int end(byte[] bytes, int from, int to) {
        int lineStart = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                int length = i - lineStart;
                boolean empty = length == 0 || (length == 1 && bytes[lineStart] == '\r');
                if (empty && lineStart > from) {
                    return i + 1;
                }
                lineStart = i + 1;
            }
        }
        return -1;
    }

    /** Empty lines before a request line are skipped (a client may send CRLF after a body). */
    static int skipLeadingEmptyLines(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && (bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return i;
    }

    /** Parses {@code bytes[from, to)}, which ends with the head's empty line. */
    static RequestHead parse(byte[] bytes, int from, int to) throws Refused {
        // Header values are ISO-8859-1 on the wire; SigV4 canonicalizes them as they came.
        List<String> lines = List.of(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1).split("\n", -1));
        String requestLine = lines.get(0).endsWith("\r") ? lines.get(0).substring(0, lines.get(0).length() - 1) : lines.get(0);
        String[] parts = requestLine.split(" ", -1);
        String version = parts[parts.length - 1];
        if (parts.length < 3 || !isToken(parts[0]) || !(version.equals("HTTP/1.1") || version.equals("HTTP/1.0"))) {
            throw new Refused(HttpRefusal.BAD_REQUEST, unreadable());
        }
        if (parts.length > 3) {
            // a space inside the target
            throw new Refused(HttpRefusal.INVALID_URI, unreadable());
        }
        String method = parts[0];
        boolean http11 = parts[2].equals("HTTP/1.1");
        Headers headers = new Headers();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (text.isEmpty()) {
                break;
            }
            if (text.indexOf('\0') >= 0 || text.indexOf('\r') >= 0) {
                throw new Refused(HttpRefusal.BAD_REQUEST, unreadable());
            }
            if (text.charAt(0) == ' ' || text.charAt(0) == '\t') {
                // obsolete line folding: the continuation joins the previous value with one space
                if (name == null) {
                    throw new Refused(HttpRefusal.BAD_REQUEST, unreadable());
                }
                value.append(' ').append(text.strip());
                continue;
            }
            if (name != null) {
                headers.add(name, value.toString().strip());
            }
            int colon = text.indexOf(':');
            if (colon <= 0 || !isToken(text.substring(0, colon))) {
                throw new Refused(HttpRefusal.BAD_REQUEST, unreadable());
            }
            name = text.substring(0, colon);
            value.setLength(0);
            value.append(text, colon + 1, text.length());
        }
        if (name != null) {
            headers.add(name, value.toString().strip());
        }

        String target = parts[1];
        String rawPath;
        String rawQuery;
        RequestHead unaddressed = new RequestHead(method, "/", "", http11, headers, 0, false, false, false);
        if (!isUriText(target)) {
            throw new Refused(HttpRefusal.INVALID_URI, unaddressed);
        }
        target = originForm(target).orElseThrow(() -> new Refused(HttpRefusal.INVALID_URI, unaddressed));
        int question = target.indexOf('?');
        rawPath = question < 0 ? target : target.substring(0, question);
        rawQuery = question < 0 ? "" : target.substring(question + 1);
        RequestHead partial = new RequestHead(method, rawPath, rawQuery, http11, headers, 0, false, false, false);

        if (headers.all("Host").size() > 1) {
            throw new Refused(HttpRefusal.BAD_REQUEST, partial);
        }
        long contentLength = contentLength(headers, partial);
        boolean chunked = false;
        List<String> encodings = headers.all("Transfer-Encoding");
        if (!encodings.isEmpty()) {
            if (contentLength >= 0 || !http11) {
                // Both framings at once is how requests are smuggled: refuse it (RFC 9112 section 6.1).
                throw new Refused(HttpRefusal.INVALID_CONTENT_LENGTH, partial);
            }
            if (encodings.size() != 1 || !encodings.get(0).equalsIgnoreCase("chunked")) {
                throw new Refused(HttpRefusal.UNSUPPORTED_TRANSFER_ENCODING, partial);
            }
            chunked = true;
        }
        String connection = String.join(",", headers.all("Connection")).toLowerCase(Locale.ROOT);
        boolean keepAlive = http11 ? !connection.contains("close") : connection.contains("keep-alive");
        boolean expectContinue = http11 && headers.first("Expect").map(e -> e.equalsIgnoreCase("100-continue")).orElse(false);
        return new RequestHead(method, rawPath, rawQuery, http11, headers, contentLength, chunked,
                expectContinue && (chunked || contentLength > 0), keepAlive);
    }

    /** -1 without Content-Length; every value must be the same run of digits. */
    private static long contentLength(Headers headers, RequestHead partial) throws Refused {
        long length = -1;
        for (String field : headers.all("Content-Length")) {
            for (String item : field.split(",", -1)) {
                String digits = item.strip();
                if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new Refused(HttpRefusal.INVALID_CONTENT_LENGTH, partial);
                }
                long parsed = Long.parseLong(digits);
                if (length >= 0 && parsed != length) {
                    throw new Refused(HttpRefusal.INVALID_CONTENT_LENGTH, partial);
                }
                length = parsed;
            }
        }
        return length;
    }

    /** The path-and-query of an origin-form or absolute-form target. */
    private static Optional<String> originForm(String target) {
        if (target.startsWith("/")) {
            return Optional.of(target);
        }
        String lower = target.toLowerCase(Locale.ROOT);
        for (String scheme : List.of("http://", "https://")) {
            if (lower.startsWith(scheme)) {
                int slash = target.indexOf('/', scheme.length());
                int question = target.indexOf('?', scheme.length());
                if (slash < 0 || (question >= 0 && question < slash)) {
                    return Optional.of("/" + (question < 0 ? "" : target.substring(question)));
                }
                return Optional.of(target.substring(slash));
            }
        }
        return Optional.empty();
    }

    /** Only what RFC 3986 allows in a URI: unreserved, sub-delims, ":@/?" and whole %-escapes. */
    private static boolean isUriText(String target) {
        if (target.isEmpty()) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= target.length() || !isHex(target.charAt(i + 1)) || !isHex(target.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!(isAlphaNumeric(c) || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isAlphaNumeric(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphaNumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
