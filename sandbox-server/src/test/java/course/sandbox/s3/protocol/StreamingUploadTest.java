package course.sandbox.s3.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import course.sandbox.e2e.RunningSandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
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
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * aws-chunked uploads are decoded while they arrive: a body that comes in slow pieces over a
 * real socket is stored whole with its MD5 ETag and trailer checksum; a body cut off mid-chunk
 * and a chunk changed on the wire are refused with S3's errors, leave no object and no
 * internal error behind.
 */
class StreamingUploadTest {
    private static final String BUCKET = "streaming-uploads";
    private static final byte[] PAYLOAD = SdkScenarios.randomBytes(600_000, 11);

    private static RunningSandbox sandbox;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        s3 = S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(RunningSandbox.rootCredentials()).httpClient(ApacheHttpClient.create()).build();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stop() {
        s3.close();
        sandbox.close();
    }

    @Test
    void bodyArrivingInSlowPiecesIsStoredWithItsEtagAndChecksum() throws Exception {
        Wire wire = signedPut("slow.bin");
        String answer = send(wire, piecesOf(wire.body(), 7), Duration.ofMillis(40), false);

        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(PAYLOAD));
        assertTrue(answer.toLowerCase().contains("etag: \"" + md5 + "\""), answer);
        assertArrayEquals(PAYLOAD, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("slow.bin")).asByteArray());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("slow.bin").checksumMode(ChecksumMode.ENABLED));
        assertEquals(course.sandbox.protocol.ChecksumAlgorithm.CRC32.base64(PAYLOAD), head.checksumCRC32());
        assertFalse(sandbox.log().contains("Internal error"), sandbox.log());
    }

    @Test
    void bodyCutOffMidChunkIsIncompleteBodyAndStoresNothing() throws Exception {
        Wire wire = signedPut("cut-off.bin");
        byte[] half = java.util.Arrays.copyOf(wire.body(), wire.body().length / 2);
        String answer = send(wire, List.of(half), Duration.ZERO, true);

        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("<Code>IncompleteBody</Code>"), answer);
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("cut-off.bin")));
        assertFalse(sandbox.log().contains("Internal error"), sandbox.log());
    }

    @Test
    void chunkChangedOnTheWireIsRefusedBeforeTheRestIsStored() throws Exception {
        Wire wire = signedPut("tampered.bin");
        byte[] tampered = wire.body().clone();
        tampered[200] ^= 1; // a data byte of the first chunk
        String answer = send(wire, List.of(tampered), Duration.ZERO, false);

        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(answer.contains("<Code>SignatureDoesNotMatch</Code>"), answer);
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("tampered.bin")));
    }

    /** A PUT as the SDK's S3 client signs it over HTTP: signed chunks with a CRC32 trailer. */
    private record Wire(String head, byte[] body) {}

    private static Wire signedPut(String key) {
        URI uri = URI.create(sandbox.endpoint() + "/" + BUCKET + "/" + key);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(uri)
                .putHeader("Content-Length", Integer.toString(PAYLOAD.length)).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(builder -> builder
                .identity(AwsCredentialsIdentity.create(RunningSandbox.ROOT.accessKeyId(),
                        RunningSandbox.ROOT.secretAccessKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(PAYLOAD))
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
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Host") && !header.getKey().equalsIgnoreCase("Content-Length")) {
                header.getValue().forEach(value -> head.append(header.getKey()).append(": ").append(value).append("\r\n"));
            }
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        return new Wire(head.toString(), body);
    }

    private static List<byte[]> piecesOf(byte[] body, int count) {
        List<byte[]> pieces = new java.util.ArrayList<>();
        int size = (body.length + count - 1) / count;
        for (int start = 0; start < body.length; start += size) {
            pieces.add(java.util.Arrays.copyOfRange(body, start, Math.min(body.length, start + size)));
        }
        return pieces;
    }

    /**
     * Writes the head and the pieces with a pause between them; {@code endEarly} half-closes the
     * connection after the last piece, as a client that gave up would. Returns the whole answer.
     */
    private static String send(Wire wire, List<byte[]> pieces, Duration pause, boolean endEarly) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(wire.head().getBytes(StandardCharsets.ISO_8859_1));
            try {
                for (byte[] piece : pieces) {
                    out.write(piece);
                    out.flush();
                    Thread.sleep(pause.toMillis());
                }
                if (endEarly) {
                    socket.shutdownOutput();
                }
            } catch (IOException answeredEarly) {
                // The sandbox may answer (and close) before it has read everything: read that answer.
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
