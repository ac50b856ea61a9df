package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests that are not well-formed HTTP/1.1 (a bad or conflicting Content-Length, characters a
 * URI cannot hold, an unknown Transfer-Encoding) are answered with AWS's error in the shape of
 * the service the request names, never an HTML page; well-formed framing the JDK server
 * handled (keep-alive, pipelining, chunked bodies, Expect: 100-continue) still works.
 */
class HttpFramingTest {
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final String BUCKET = "framing";

    private static RunningSandbox sandbox;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        s3 = S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(RunningSandbox.rootCredentials()).httpClient(ApacheHttpClient.create()).build();
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.putObject(b -> b.bucket(BUCKET).key("kept"), RequestBody.fromString("kept"));
    }

    @AfterAll
    static void stop() {
        s3.close();
        sandbox.close();
    }

    @Test
    void invalidOrConflictingContentLengthIsAnAwsError() {
        for (String lengths : List.of("Content-Length: abc", "Content-Length: -1", "Content-Length: 1e3",
                "Content-Length: 5, 6", "Content-Length: 5\r\nContent-Length: 6", "Content-Length: 99999999999999999999",
                "Content-Length: 5\r\nTransfer-Encoding: chunked")) {
            RawWire.Answer answer = raw("PUT /" + BUCKET + "/kept HTTP/1.1\r\nHost: 127.0.0.1\r\n" + lengths
                    + "\r\nConnection: close\r\n\r\nhello");
            assertAwsError(answer, 400, "InvalidArgument", lengths);
        }
        assertEquals("kept", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("kept")).asUtf8String());
    }

    // S3 answers InvalidURI, "Couldn't parse the specified URI." (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html)
    @Test
    void illegalCharactersInTheUrlAreInvalidUri() {
        for (String target : List.of("/b/a b", "/b/%zz", "/b/%4", "/b/<x>", "/b/a\"b", "/b/{x}", "/b/a|b", "/b/a^b",
                "/b/a`b", "/b/a\\b", "/b/a#frag", "/b/caf\u00e9", "/b/\u0001", "b/no-slash", "*")) {
            RawWire.Answer answer = raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertAwsError(answer, 400, "InvalidURI", target);
            assertTrue(answer.text().startsWith("<?xml") && answer.text().contains("<Error>"), answer.toString());
        }
    }

    /** The answer takes the shape of the service the head names: Query XML for IAM, JSON for DynamoDB. */
    @Test
    void refusalsTakeTheShapeOfTheServiceNamed() {
        RawWire.Answer query = raw("POST /?x=<y> HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: AWS4-HMAC-SHA256 "
                + "Credential=AKIASANDBOXEXAMPLE00/20250101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0\r\n"
                + "Connection: close\r\n\r\n");
        assertAwsError(query, 400, "InvalidURI", "iam");
        assertTrue(query.text().startsWith("<ErrorResponse>"), query.toString());
        RawWire.Answer json = raw("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                + "Content-Length: x\r\nConnection: close\r\n\r\n");
        assertAwsError(json, 400, "InvalidArgument", "dynamodb");
        assertTrue(json.header("Content-Type").orElse("").contains("json"), json.toString());
    }

    /**
     * A TLS handshake on the plain-HTTP port is refused at once, so a client that tries HTTPS first
     * (Jib, for a registry allowed to be insecure) gets an SSL error and falls back to HTTP, rather
     * than waiting for its read timeout.
     */
    @Test
    void aTlsHandshakeIsRefusedAtOnce() throws IOException {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) javax.net.ssl.SSLSocketFactory.getDefault()
                .createSocket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(5_000);
            assertThrows(javax.net.ssl.SSLException.class, socket::startHandshake);
        }
    }

    @Test
    void malformedHeadsAndUnknownEncodingsAreAwsErrors() {
        assertAwsError(raw("GET / HTTP/2.0\r\nHost: x\r\n\r\n"), 400, "BadRequest", "HTTP/2.0");
        assertAwsError(raw("GET /\r\n\r\n"), 400, "BadRequest", "HTTP/0.9");
        assertAwsError(raw("G(E)T / HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "BadRequest", "method");
        assertAwsError(raw("GET / HTTP/1.1\r\nno colon here\r\n\r\n"), 400, "BadRequest", "no colon");
        assertAwsError(raw("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n"), 400, "BadRequest", "space in name");
        assertAwsError(raw("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400, "BadRequest", "two hosts");
        assertAwsError(raw("PUT /" + BUCKET + "/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"), 501,
                "NotImplemented", "gzip");
        assertAwsError(raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n"), 400,
                "RequestHeaderSectionTooLarge", "70 kB header");
        RawWire.Answer health = raw("GET /_sandbox/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, health.status(), health.toString());
    }

    @Test
    void keepAlivePipeliningChunkedBodiesAndExpectContinueWork() throws IOException {
        String health = "GET /_sandbox/health HTTP/1.1\r\nHost: x\r\n\r\n";
        String twoAnswers = exchangeRaw((health + health.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"))
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(2, twoAnswers.split("HTTP/1.1 200 OK", -1).length - 1, twoAnswers);

        // A chunked PUT, signed over its payload like any other.
        byte[] body = "chunked body".getBytes(StandardCharsets.UTF_8);
        String signed = new String(RawWire.signed(sandbox, "PUT", "/" + BUCKET + "/chunked",
                Map.of("Transfer-Encoding", "chunked"), body, "s3", RunningSandbox.REGION), StandardCharsets.ISO_8859_1);
        String head = signed.substring(0, signed.indexOf("\r\n\r\n") + 4);
        String chunked = head + "5\r\nchunk\r\n7;ext=1\r\ned body\r\n0\r\nX-Trailer: t\r\n\r\n";
        RawWire.Answer put = RawWire.parse(exchangeRaw(chunked.getBytes(StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(200, put.status(), put.toString());
        assertEquals("chunked body", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("chunked")).asUtf8String());

        // Expect: 100-continue gets the interim answer before the body is sent.
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Expect", "100-continue");
        byte[] request = RawWire.signed(sandbox, "PUT", "/" + BUCKET + "/continued", headers, body, "s3", RunningSandbox.REGION);
        int split = new String(request, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request, 0, split);
            InputStream in = socket.getInputStream();
            String interim = new String(in.readNBytes(25), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim);
            out.write(request, split, request.length - split);
            assertEquals(200, RawWire.read(in).status());
        }
        assertEquals("chunked body", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("continued")).asUtf8String());

        // HEAD keeps the GET's headers and sends no body.
        String headAnswer = exchangeRaw(("HEAD /_sandbox/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertTrue(headAnswer.endsWith("\r\n\r\n"), headAnswer);
        assertFalse(sandbox.log().contains("Internal error"), sandbox.log());
    }

    private static void assertAwsError(RawWire.Answer answer, int status, String code, String what) {
        assertEquals(status, answer.status(), what + ": " + answer);
        assertEquals(code, answer.code(), what + ": " + answer);
        assertTrue(answer.wellFormed(), what + ": " + answer);
        assertFalse(answer.text().toLowerCase().contains("<html"), what + ": " + answer);
    }

    private static RawWire.Answer raw(String request) {
        return RawWire.exchange(sandbox.port(), request.getBytes(StandardCharsets.ISO_8859_1), ANSWER_WITHIN);
    }

    private static String exchangeRaw(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
