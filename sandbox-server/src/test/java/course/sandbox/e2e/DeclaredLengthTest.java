package course.sandbox.e2e;

import course.sandbox.http.HttpLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A declared length (Content-Length, x-amz-decoded-content-length) is a promise, not an
 * allocation: the sandbox takes memory as bytes arrive, refuses what exceeds its limit with
 * S3's EntityTooLarge, and answers a body that falls short IncompleteBody or RequestTimeout.
 * Before, a few small requests declaring ~2 GB each made the sandbox allocate it (or fail
 * with NegativeArraySizeException and OutOfMemoryError).
 */
class DeclaredLengthTest {
    private static final String BUCKET = "declared-lengths";
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final byte[] SMALL = "only a few bytes".getBytes(StandardCharsets.UTF_8);

    private static RunningSandbox sandbox;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.startWith(HttpLimits.DEFAULTS.withTimeouts(SECOND, SECOND));
        s3 = S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(RunningSandbox.rootCredentials()).httpClient(ApacheHttpClient.create()).build();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stop() {
        s3.close();
        sandbox.close();
    }

    // EntityTooLarge: "Your proposed upload exceeds the maximum allowed object size."
    // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
    @Test
    void aDecodedLengthPastTheLimitIsEntityTooLargeWhateverItsSize() {
        for (long declared : List.of(4_294_967_295L, 2_147_483_647L, 1_900_000_000L, HttpLimits.MAX_BODY_BYTES + 1)) {
            Upload upload = chunkedUpload("too-large", declared);
            RawWire.Answer answer = RawWire.exchange(sandbox.port(), upload.whole(), Duration.ofSeconds(10));
            assertEquals(400, answer.status(), declared + ": " + answer);
            assertEquals("EntityTooLarge", answer.code(), declared + ": " + answer);
            assertTrue(answer.wellFormed(), answer.toString());
        }
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("too-large")));
        assertFalse(sandbox.log().contains("Internal error"), sandbox.log());
    }

    @Test
    void aContentLengthPastTheLimitIsRefusedBeforeTheBodyIsAskedFor() throws IOException {
        String head = "PUT /" + BUCKET + "/huge HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + (HttpLimits.MAX_BODY_BYTES + 1)
                + "\r\nExpect: 100-continue\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            RawWire.Answer answer = RawWire.read(socket.getInputStream());
            assertEquals(400, answer.status(), answer.toString());
            assertEquals("EntityTooLarge", answer.code(), answer.toString());
        }
    }

    /**
     * Twenty uploads that each declare 900 MB (under the limit) and send a few bytes would, allocated
     * up front, take 18 GB: here each holds what arrived until its timeout, and a small upload next
     * to them goes through.
     */
    @Test
    void stalledUploadsDeclaringLargeBodiesHoldOnlyWhatArrived() throws Exception {
        long declared = 900_000_000L;
        List<Socket> stalled = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(20);
        try {
            List<Future<RawWire.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                byte[] prefix = i % 2 == 0 ? chunkedUpload("stalled-" + i, declared).prefix()
                        : plainPrefix("stalled-" + i, declared);
                Socket socket = new Socket("127.0.0.1", sandbox.port());
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(prefix);
                stalled.add(socket);
                answers.add(readers.submit(() -> RawWire.read(socket.getInputStream())));
            }
            long start = System.nanoTime();
            s3.putObject(b -> b.bucket(BUCKET).key("small"), RequestBody.fromString("1 KB next to them"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2_000, "a small PUT took " + millis + " ms");
            for (Future<RawWire.Answer> future : answers) {
                RawWire.Answer answer = future.get();
                assertEquals(400, answer.status(), answer.toString());
                assertTrue(List.of("RequestTimeout", "IncompleteBody").contains(answer.code()), answer.toString());
            }
        } finally {
            readers.shutdownNow();
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        assertEquals("1 KB next to them", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("small")).asUtf8String());
        assertFalse(sandbox.log().contains("Internal error"), sandbox.log());
    }

    /** A body that ends before its Content-Length is IncompleteBody, and nothing is stored. */
    @Test
    void aPlainBodyEndingEarlyIsIncompleteBody() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(plainPrefix("short", 60_000_000));
            socket.shutdownOutput();
            RawWire.Answer answer = RawWire.read(socket.getInputStream());
            assertEquals("IncompleteBody", answer.code(), answer.toString());
        }
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("short")));
    }

    /** Without a Content-Length (chunked transfer) the limit is checked as bytes arrive. */
    @Test
    void aChunkedBodyGrowingPastTheLimitIsEntityTooLarge() throws IOException {
        HttpLimits oneMebibyte = new HttpLimits(SECOND, SECOND, Duration.ofSeconds(30), 64 * 1024, 1 << 20, 1024, 16);
        try (RunningSandbox small = RunningSandbox.startWith(oneMebibyte); Socket socket = new Socket("127.0.0.1", small.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("PUT /" + BUCKET + "/chunked HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[256 * 1024];
            try {
                for (int i = 0; i < 8; i++) {
                    socket.getOutputStream().write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().write(chunk);
                    socket.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException answeredEarly) {
                // refused mid-way
            }
            RawWire.Answer answer = RawWire.read(socket.getInputStream());
            assertEquals("EntityTooLarge", answer.code(), answer.toString());
            RawWire.Answer declared = RawWire.exchange(small.port(), ("PUT /" + BUCKET + "/big HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 2097152\r\n\r\n").getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(10));
            assertEquals("EntityTooLarge", declared.code(), declared.toString());
        }
    }

    /** The head of a signed plain PUT declaring {@code declared} bytes, and the first few of them. */
    private static byte[] plainPrefix(String key, long declared) {
        String signed = new String(RawWire.signed(sandbox, "PUT", "/" + BUCKET + "/" + key,
                Map.of("Content-Length", Long.toString(declared)), SMALL, "s3", RunningSandbox.REGION), StandardCharsets.ISO_8859_1);
        return (signed.substring(0, signed.indexOf("\r\n\r\n") + 4) + "abc").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An aws-chunked upload as the SDK signs it, claiming {@code declared} decoded bytes but carrying a few. */
    private record Upload(String head, byte[] body) {
        byte[] whole() {
            byte[] all = new byte[head.length() + body.length];
            System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, all, 0, head.length());
            System.arraycopy(body, 0, all, head.length(), body.length);
            return all;
        }

        /** The head and the first chunk's header: what a client sends before it stalls. */
        byte[] prefix() {
            byte[] all = whole();
            return java.util.Arrays.copyOf(all, head.length() + Math.min(body.length, 40));
        }
    }

    private static Upload chunkedUpload(String key, long declared) {
        URI uri = URI.create(sandbox.endpoint() + "/" + BUCKET + "/" + key);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(uri)
                .putHeader("Content-Length", Long.toString(declared)).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(builder -> builder
                .identity(AwsCredentialsIdentity.create(RunningSandbox.ROOT.accessKeyId(), RunningSandbox.ROOT.secretAccessKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(SMALL))
                .putProperty(AwsV4HttpSigner.REGION_NAME, RunningSandbox.REGION)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
        byte[] body;
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder head = new StringBuilder("PUT " + signed.request().encodedPath() + " HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1:").append(sandbox.port()).append("\r\n");
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
            }
        });
        // The Content-Length the signer computed for the declared size: the body that would match it.
        String contentLength = signed.request().firstMatchingHeader("Content-Length").orElse(Long.toString(declared));
        head.append("Content-Length: ").append(contentLength).append("\r\nConnection: close\r\n\r\n");
        return new Upload(head.toString(), body);
    }
}
