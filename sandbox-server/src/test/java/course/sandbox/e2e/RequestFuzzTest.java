package course.sandbox.e2e;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random and mutated HTTP requests on a raw loopback socket (bounded, seeded): the sandbox
 * answers each one promptly, never with a 500, and stays healthy.
 */
class RequestFuzzTest {
    private static final int REQUESTS = 1500;
    private static final String[] METHODS = {"GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS"};
    private static final String[] PATHS = {"/", "/bucket", "/bucket/key", "/b/%zz", "/%2e%2e/%2e%2e/etc/passwd", "/a?uploads",
            "/a/b?partNumber=0&uploadId=x", "/?Action=GetCallerIdentity", "/_sandbox/health", "/_sandbox/nope", "/x?versions&list-type=2"};
    private static final String[] HEADERS = {
            "Authorization: AWS4-HMAC-SHA256 Credential=AKIASANDBOXEXAMPLE00/20250101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00",
            "Authorization: AWS4-HMAC-SHA256 Credential=/////, SignedHeaders=, Signature=",
            "Authorization: AWS4-HMAC-SHA256",
            "Authorization: Bearer x",
            "X-Amz-Date: 20250101T000000Z",
            "X-Amz-Date: not-a-date",
            "X-Amz-Content-Sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
            "X-Amz-Content-Sha256: zz",
            "X-Amz-Target: DynamoDB_20120810.ListTables",
            "X-Amz-Target: Nope.Nope",
            "X-Amz-Security-Token: " + "A".repeat(300),
            "Content-Type: application/x-www-form-urlencoded",
            "Content-Encoding: aws-chunked",
            "x-amz-decoded-content-length: -1",
            "Range: bytes=9-1",
            "x-amz-copy-source: /../..",
    };

    @Test
    void noRequestHangsOrGetsA500() throws IOException {
        Random random = new Random(20261122);
        try (RunningSandbox sandbox = RunningSandbox.start()) {
            URI endpoint = sandbox.endpoint();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                byte[] request = request(random, endpoint);
                int status = send(endpoint, request);
                if (status >= 500 && status != 501) {
                    failures.add(status + " for " + new String(request, StandardCharsets.ISO_8859_1).lines().findFirst().orElse(""));
                }
            }
            assertEquals(List.of(), failures);
            assertEquals(200, send(endpoint, "GET /_sandbox/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1)));
        }
    }

    private static byte[] request(Random random, URI endpoint) {
        StringBuilder head = new StringBuilder();
        String path = PATHS[random.nextInt(PATHS.length)];
        if (random.nextInt(5) == 0) {
            path += "?" + randomText(random, random.nextInt(40));
        }
        head.append(METHODS[random.nextInt(METHODS.length)]).append(' ').append(path.replace(' ', '+')).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(random.nextInt(4) == 0 ? "b.localhost:" + endpoint.getPort() : endpoint.getAuthority()).append("\r\n");
        for (int h = random.nextInt(5); h > 0; h--) {
            head.append(HEADERS[random.nextInt(HEADERS.length)]).append("\r\n");
        }
        byte[] body = new byte[random.nextInt(3) == 0 ? random.nextInt(2048) : 0];
        random.nextBytes(body);
        if (random.nextInt(4) == 0 && body.length > 0) {
            body = ("Action=" + randomText(random, 12) + "&Version=2010-05-08&" + randomText(random, 30)).getBytes(StandardCharsets.UTF_8);
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    private static String randomText(Random random, int length) {
        String alphabet = "abcXYZ019%&=+/.-_~*?$'\"<>{}[]";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** The status of the answer, or 0 when the server closed without one (a malformed request). */
    private static int send(URI endpoint, byte[] request) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            in.readAllBytes();
            if (statusLine.isEmpty()) {
                return 0;
            }
            assertTrue(statusLine.startsWith("HTTP/1.1 "), statusLine);
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (SocketTimeoutException hang) {
            fail("no answer within 10 s to: " + new String(request, StandardCharsets.ISO_8859_1).lines().findFirst().orElse(""));
            return -1;
        }
    }
}
