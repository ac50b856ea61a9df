package course.sandbox.e2e;

import org.xml.sax.SAXException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Requests written byte by byte on a loopback socket, for what an HTTP client library would
 * refuse to send (invalid UTF-8 in a path, a lying Content-Length, a body that stops), signed
 * by the SDK's own SigV4 signer when they must get past authentication.
 */
public final class RawWire {
    private RawWire() {
    }

    /** An answer as read off the socket: status 0 when the server closed without one. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        /** The error code of an XML or JSON error body, or "" when there is none. */
        public String code() {
            String text = text();
            int start = text.indexOf("<Code>");
            if (start >= 0) {
                return text.substring(start + 6, text.indexOf("</Code>", start));
            }
            int type = text.indexOf("\"__type\":\"");
            if (type >= 0) {
                String value = text.substring(type + 10, text.indexOf('"', type + 10));
                return value.substring(value.indexOf('#') + 1);
            }
            return "";
        }

        /** Whether the body is empty, or well-formed XML 1.0 (or JSON when the answer says so). */
        public boolean wellFormed() {
            if (body.length == 0 || header("Content-Type").orElse("").contains("json")) {
                return true;
            }
            return parsesAsXml(body);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }

    /** A strict XML 1.0 parse with the JDK's parser, as clients parse AWS's answers. */
    public static boolean parsesAsXml(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.parse(new ByteArrayInputStream(body));
            return true;
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return false;
        }
    }

    /**
     * Signs a request for {@code service} in {@code region} as the SDK would (S3: payload hash,
     * path used as sent) and returns its bytes with {@code Connection: close}. {@code rawTarget}
     * is the path and query exactly as they go on the wire; a Content-Length or Transfer-Encoding
     * in {@code headers} is signed as given (a body that will not match it).
     */
    public static byte[] signed(RunningSandbox sandbox, String method, String rawTarget, Map<String, String> headers,
                                byte[] body, String service, String region) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(sandbox.endpoint() + rawTarget));
        headers.forEach(request::putHeader);
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Transfer-Encoding")
                || name.equalsIgnoreCase("Content-Length"))) {
            request.putHeader("Content-Length", Integer.toString(body.length));
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(builder -> builder
                .identity(AwsCredentialsIdentity.create(RunningSandbox.ROOT.accessKeyId(),
                        RunningSandbox.ROOT.secretAccessKey()))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !service.equals("s3"))
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !service.equals("s3"))
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        Map<String, String> signedHeaders = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> signedHeaders.put(name, values.get(0)));
        return request(method, rawTarget, signedHeaders, body);
    }

    /** The bytes of a request: the request line, {@code Host}, the headers, {@code Connection: close}, the body. */
    public static byte[] request(String method, String rawTarget, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(rawTarget).append(" HTTP/1.1\r\n");
        boolean host = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Host"));
        if (!host) {
            head.append("Host: 127.0.0.1\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    /** Sends the bytes whole and reads the answer to the end; fails the test after {@code timeout}. */
    public static Answer exchange(int port, byte[] request, Duration timeout) {
        return exchange(port, request, timeout, false);
    }

    /**
     * As {@link #exchange(int, byte[], Duration)}; {@code thenEnd} half-closes the connection
     * after the request, so a body shorter than declared ends (IncompleteBody) instead of stalling.
     */
    public static Answer exchange(int port, byte[] request, Duration timeout, boolean thenEnd) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (thenEnd) {
                    socket.shutdownOutput();
                }
            } catch (IOException answeredEarly) {
                // the sandbox may answer and close before it has read everything
            }
            return read(socket.getInputStream());
        } catch (SocketTimeoutException hang) {
            throw new AssertionError("no answer within " + timeout + " to: "
                    + new String(request, 0, Math.min(request.length, 200), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one answer to the end of the connection. */
    public static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (IOException reset) {
            if (all.size() == 0) {
                return new Answer(0, Map.of(), new byte[0]);
            }
        }
        return parse(all.toByteArray());
    }

    /** Splits an answer into status, headers (lower-case names) and body (after an interim 100). */
    public static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        while (text.startsWith("HTTP/1.1 100")) {
            text = text.substring(text.indexOf("\r\n\r\n") + 4);
        }
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(0, Map.of(), raw);
        }
        List<String> lines = text.substring(0, end).lines().toList();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        byte[] body = text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
        return new Answer(Integer.parseInt(lines.get(0).substring(9, 12)), headers, body);
    }
}
