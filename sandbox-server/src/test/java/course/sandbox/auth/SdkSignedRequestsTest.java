package course.sandbox.auth;

import course.sandbox.protocol.ChecksumAlgorithm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Requests signed by the AWS SDK for Java v2's own SigV4 signer, accepted and tampered with. */
class SdkSignedRequestsTest {
    static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");
    static final String KEY = "AKIDSANDBOXEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSANDBOXKEY";
    static final String SESSION_KEY = "ASIASANDBOXEXAMPLE";
    static final String SESSION_SECRET = "sessionSecret/EXAMPLE+KEY";
    static final String TOKEN = "FwoGZXIvYXdzEXAMPLE//sessiontoken==";
    /** Within every service's clock skew, so expiry is tested on its own. */
    static final Instant SESSION_EXPIRY = NOW.plus(Duration.ofMinutes(3));

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final byte[] BODY = randomBytes(200_000, 7);

    private final SigV4Verifier<String> verifier = new SigV4Verifier<>(id -> switch (id) {
        case KEY -> Optional.of(SigningCredential.longTerm(KEY, SECRET, "user/alice"));
        case SESSION_KEY -> Optional.of(SigningCredential.session(SESSION_KEY, SESSION_SECRET, TOKEN, SESSION_EXPIRY,
                "assumed-role/demo/session"));
        default -> Optional.empty();
    });

    // ---- S3 payload modes ----------------------------------------------------------------

    @Test
    void hexPayloadHashIsAccepted() {
        SandboxRequest request = signS3Put(BODY, props -> { });
        AuthResult.Authenticated<String> ok = accepted(request, NOW);
        assertEquals(PayloadMode.SIGNED_PAYLOAD, ok.payloadMode());
        assertEquals(SigV4.sha256Hex(BODY), request.headers().first("x-amz-content-sha256").orElseThrow());
        assertArrayEquals(BODY, ok.body());
        assertEquals("user/alice", ok.principal());
        assertEquals("s3", ok.service());
        assertEquals("eu-west-1", ok.region());
        assertTrue(ok.signedHeaders().contains("host"));
    }

    @Test
    void hexPayloadWithOneBodyByteChangedIsContentShaMismatch() {
        SandboxRequest request = withBodyByteFlipped(signS3Put(BODY, props -> { }), 1000);
        AuthError error = failed(request, NOW, "XAmzContentSHA256Mismatch", 400);
        assertEquals("The provided 'x-amz-content-sha256' header does not match what was computed.", error.message());
    }

    @Test
    void unsignedPayloadIsAccepted() {
        SandboxRequest request = signS3Put(BODY,
                props -> props.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        AuthResult.Authenticated<String> ok = accepted(request, NOW);
        assertEquals(PayloadMode.UNSIGNED_PAYLOAD, ok.payloadMode());
        assertArrayEquals(BODY, ok.body());
        // Unsigned means unsigned: a changed body byte still verifies.
        assertArrayEquals(withBodyByteFlipped(request, 5).body(), accepted(withBodyByteFlipped(request, 5), NOW).body());
    }

    @Test
    void signedChunksAreDecodedAndVerified() {
        SandboxRequest request = signS3Put(BODY,
                props -> props.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true));
        assertEquals(PayloadMode.STREAMING_SIGNED.headerValue(), request.headers().first("x-amz-content-sha256"));
        AuthResult.Authenticated<String> ok = accepted(request, NOW);
        assertEquals(PayloadMode.STREAMING_SIGNED, ok.payloadMode());
        assertArrayEquals(BODY, ok.body());
        assertTrue(request.body().length > BODY.length, "the wire body is aws-chunked");
    }

    @Test
    void signedChunkWithOneByteChangedIsSignatureDoesNotMatch() {
        SandboxRequest signed = signS3Put(BODY,
                props -> props.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true));
        // Past the first chunk header: a data byte of the second chunk.
        AuthError error = failed(withBodyByteFlipped(signed, 150_000), NOW, "SignatureDoesNotMatch", 403);
        assertTrue(error.stringToSign().orElseThrow().startsWith(SigV4.CHUNK_ALGORITHM + "\n"),
                error.stringToSign().orElseThrow());
        assertTrue(error.canonicalRequest().orElseThrow().startsWith("PUT\n/demo-bucket/notes/a%20b.txt\n"));
    }

    // The SDK computes CRC64NVME only with aws-crt on the class path; ChecksumAlgorithmTest covers it.
    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = "CRC64NVME", mode = EnumSource.Mode.EXCLUDE)
    void unsignedChunksWithTrailingChecksumAreVerified(ChecksumAlgorithm algorithm) {
        SandboxRequest request = signS3Put(BODY, props -> props
                .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, sdkAlgorithm(algorithm)));
        AuthResult.Authenticated<String> ok = accepted(request, NOW);
        assertEquals(PayloadMode.STREAMING_UNSIGNED_TRAILER, ok.payloadMode());
        assertArrayEquals(BODY, ok.body());
        assertEquals(Optional.of(algorithm.base64(BODY)), ok.trailingHeaders().first(algorithm.headerName()));

        AuthError error = failed(withBodyByteFlipped(request, 150_000), NOW, "BadDigest", 400);
        assertEquals("The " + algorithm.name() + " you specified did not match the calculated checksum.",
                error.message());
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = "CRC64NVME", mode = EnumSource.Mode.EXCLUDE)
    void signedChunksWithSignedTrailerAreVerified(ChecksumAlgorithm algorithm) {
        SandboxRequest request = signS3Put(BODY, props -> props
                .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, sdkAlgorithm(algorithm)));
        AuthResult.Authenticated<String> ok = accepted(request, NOW);
        assertEquals(PayloadMode.STREAMING_SIGNED_TRAILER, ok.payloadMode());
        assertArrayEquals(BODY, ok.body());
        assertEquals(Optional.of(algorithm.base64(BODY)), ok.trailingHeaders().first(algorithm.headerName()));

        // A changed trailer value breaks the trailer signature.
        String wire = new String(request.body(), StandardCharsets.ISO_8859_1);
        int trailerValue = wire.indexOf(algorithm.headerName() + ":") + algorithm.headerName().length() + 1;
        AuthError error = failed(withBodyByteFlipped(request, trailerValue), NOW, "SignatureDoesNotMatch", 403);
        assertTrue(error.stringToSign().orElseThrow().startsWith(SigV4.TRAILER_ALGORITHM + "\n"));
    }

    @Test
    void streamingBodyShorterThanDeclaredIsIncompleteBody() {
        SandboxRequest signed = signS3Put(BODY,
                props -> props.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true));
        byte[] truncated = java.util.Arrays.copyOf(signed.body(), signed.body().length - 100);
        SandboxRequest request = new SandboxRequest(signed.method(), signed.rawPath(), signed.rawQuery(),
                signed.headers(), truncated, signed.remote());
        failed(request, NOW, "IncompleteBody", 400);
    }

    // ---- tampering, clock, keys ----------------------------------------------------------

    @Test
    void changedHeaderPathOrSecretIsSignatureDoesNotMatch() {
        SandboxRequest request = signS3Put(BODY, props -> { });
        SandboxRequest typeChanged = SigV4TestSuiteTest.withHeader(request, "Content-Type", "text/plaiN");
        AuthError error = failed(typeChanged, NOW, "SignatureDoesNotMatch", 403);
        assertEquals("The request signature we calculated does not match the signature you provided. "
                + "Check your key and signing method.", error.message());
        assertTrue(error.canonicalRequest().orElseThrow().contains("\ncontent-type:text/plaiN\n"));
        assertEquals(Optional.of(KEY), error.accessKeyId());

        SandboxRequest pathChanged = new SandboxRequest(request.method(), "/demo-bucket/notes/a%20c.txt",
                request.rawQuery(), request.headers(), request.body(), request.remote());
        failed(pathChanged, NOW, "SignatureDoesNotMatch", 403);

        SigV4Verifier<String> wrongSecret = new SigV4Verifier<>(
                id -> Optional.of(SigningCredential.longTerm(id, SECRET + "x", "user/alice")));
        AuthResult.Failed<String> result = assertInstanceOf(AuthResult.Failed.class, wrongSecret.verify(request, NOW));
        assertEquals("SignatureDoesNotMatch", result.error().code());
    }

    @Test
    void s3AllowsFifteenMinutesOfSkew() {
        SandboxRequest request = signS3Put(BODY, props -> { });
        accepted(request, NOW.plus(Duration.ofMinutes(15)));
        accepted(request, NOW.minus(Duration.ofMinutes(15)));
        AuthError error = failed(request, NOW.plus(Duration.ofMinutes(16)), "RequestTimeTooSkewed", 403);
        assertEquals("The difference between the request time and the current time is too large.", error.message());
        failed(request, NOW.minus(Duration.ofMinutes(16)), "RequestTimeTooSkewed", 403);
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyIdForS3() {
        SandboxRequest request = sign(s3Put(BODY), BODY, AwsCredentialsIdentity.create("AKIDUNKNOWN", SECRET),
                SdkSignedRequestsTest::s3Properties);
        AuthError error = failed(request, NOW, "InvalidAccessKeyId", 403);
        assertEquals("The AWS Access Key Id you provided does not exist in our records.", error.message());
    }

    @Test
    void sessionCredentialsNeedTheirTokenAndExpire() {
        AwsSessionCredentialsIdentity session = AwsSessionCredentialsIdentity.create(SESSION_KEY, SESSION_SECRET, TOKEN);
        SandboxRequest request = sign(s3Put(BODY), BODY, session,
                SdkSignedRequestsTest::s3Properties);
        AuthResult.Authenticated<String> ok = accepted(request, NOW);
        assertEquals(Optional.of(TOKEN), ok.sessionToken());
        assertEquals("assumed-role/demo/session", ok.principal());

        AuthError expired = failed(request, SESSION_EXPIRY, "ExpiredToken", 400);
        assertEquals("The provided token has expired.", expired.message());

        SandboxRequest noToken = sign(s3Put(BODY), BODY, AwsCredentialsIdentity.create(SESSION_KEY, SESSION_SECRET),
                SdkSignedRequestsTest::s3Properties);
        AuthError invalid = failed(noToken, NOW, "InvalidToken", 400);
        assertEquals("The provided token is malformed or otherwise invalid.", invalid.message());

        SandboxRequest wrongToken = sign(s3Put(BODY), BODY,
                AwsSessionCredentialsIdentity.create(SESSION_KEY, SESSION_SECRET, TOKEN + "x"),
                SdkSignedRequestsTest::s3Properties);
        failed(wrongToken, NOW, "InvalidToken", 400);

        SandboxRequest tokenWithLongTermKey = sign(s3Put(BODY), BODY,
                AwsSessionCredentialsIdentity.create(KEY, SECRET, TOKEN),
                SdkSignedRequestsTest::s3Properties);
        failed(tokenWithLongTermKey, NOW, "InvalidToken", 400);
    }

    // ---- presigned URLs ------------------------------------------------------------------

    @Test
    void presignedGetIsAcceptedUntilItExpires() {
        SdkHttpRequest get = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:4566/demo-bucket/report%2B2025.csv"))
                .appendRawQueryParameter("versionId", "3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY")
                .build();
        SandboxRequest request = sign(get, null, AwsCredentialsIdentity.create(KEY, SECRET), props -> s3Properties(props)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofHours(1)));
        assertTrue(request.rawQuery().contains("X-Amz-Signature="), request.rawQuery());
        assertTrue(request.headers().first("Authorization").isEmpty());

        AuthResult.Authenticated<String> ok = accepted(request, NOW);
        assertTrue(ok.presigned());
        assertEquals(PayloadMode.UNSIGNED_PAYLOAD, ok.payloadMode());
        accepted(request, NOW.plus(Duration.ofMinutes(60)));

        AuthError expired = failed(request, NOW.plus(Duration.ofMinutes(61)), "AccessDenied", 403);
        assertEquals("Request has expired", expired.message());

        SandboxRequest otherVersion = new SandboxRequest(request.method(), request.rawPath(),
                request.rawQuery().replace("versionId=3", "versionId=4"), request.headers(), request.body(),
                request.remote());
        failed(otherVersion, NOW, "SignatureDoesNotMatch", 403);
    }

    @Test
    void presignedGetWithSessionToken() {
        SdkHttpRequest get = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:4566/demo-bucket/key")).build();
        // The S3 presigner leaves the payload unsigned, as S3 requires for presigned URLs.
        SandboxRequest request = sign(get, null,
                AwsSessionCredentialsIdentity.create(SESSION_KEY, SESSION_SECRET, TOKEN), props -> s3Properties(props)
                        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION,
                                AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(10)));
        assertEquals(Optional.of(TOKEN), accepted(request, NOW).sessionToken());
    }

    // ---- STS, IAM, DynamoDB --------------------------------------------------------------

    @Test
    void stsQueryRequestFollowsStsRules() {
        SandboxRequest request = signForm("sts", "Action=GetCallerIdentity&Version=2011-06-15",
                AwsCredentialsIdentity.create(KEY, SECRET));
        AuthResult.Authenticated<String> ok = accepted(request, NOW);
        assertEquals("sts", ok.service());
        assertEquals(PayloadMode.SIGNED_PAYLOAD, ok.payloadMode());

        AuthError late = failed(request, NOW.plus(Duration.ofMinutes(6)), "SignatureDoesNotMatch", 403);
        assertEquals("Signature expired: 20250115T100000Z is now earlier than 20250115T100100Z "
                + "(20250115T100600Z - 5 min.)", late.message());
        AuthError early = failed(request, NOW.minus(Duration.ofMinutes(6)), "SignatureDoesNotMatch", 403);
        assertEquals("Signature not yet current: 20250115T100000Z is still later than 20250115T095900Z "
                + "(20250115T095400Z + 5 min.)", early.message());
        accepted(request, NOW.plus(Duration.ofMinutes(5)));

        SandboxRequest bodyChanged = withBodyByteFlipped(request, 8);
        AuthError mismatch = failed(bodyChanged, NOW, "SignatureDoesNotMatch", 403);
        assertEquals(AuthErrors.SIGNATURE_MISMATCH, mismatch.message());

        SandboxRequest unknown = signForm("sts", "Action=GetCallerIdentity&Version=2011-06-15",
                AwsCredentialsIdentity.create("AKIDUNKNOWN", SECRET));
        AuthError invalid = failed(unknown, NOW, "InvalidClientTokenId", 403);
        assertEquals("The security token included in the request is invalid.", invalid.message());
    }

    @Test
    void iamSessionErrors() {
        String form = "Action=ListUsers&Version=2010-05-08";
        SandboxRequest session = signForm("iam", form,
                AwsSessionCredentialsIdentity.create(SESSION_KEY, SESSION_SECRET, TOKEN));
        accepted(session, NOW);
        AuthError expired = failed(session, SESSION_EXPIRY, "ExpiredToken", 403);
        assertEquals("The security token included in the request is expired", expired.message());

        SandboxRequest noToken = signForm("iam", form, AwsCredentialsIdentity.create(SESSION_KEY, SESSION_SECRET));
        failed(noToken, NOW, "InvalidClientTokenId", 403);
    }

    @Test
    void dynamoDbAnswersWithItsOwnCodes() {
        SandboxRequest request = signDynamoDb(AwsCredentialsIdentity.create(KEY, SECRET));
        AuthResult.Authenticated<String> ok = accepted(request, NOW);
        assertEquals("dynamodb", ok.service());

        AuthError skew = failed(request, NOW.plus(Duration.ofMinutes(6)), "InvalidSignatureException", 400);
        assertTrue(skew.message().startsWith("Signature expired: 20250115T100000Z is now earlier than"));
        failed(withBodyByteFlipped(request, 3), NOW, "InvalidSignatureException", 400);
        failed(signDynamoDb(AwsCredentialsIdentity.create("AKIDUNKNOWN", SECRET)), NOW,
                "UnrecognizedClientException", 400);
        SandboxRequest session = signDynamoDb(AwsSessionCredentialsIdentity.create(SESSION_KEY, SESSION_SECRET, TOKEN));
        accepted(session, NOW);
        failed(session, SESSION_EXPIRY, "ExpiredTokenException", 400);
    }

    // ---- helpers -------------------------------------------------------------------------

    private AuthResult.Authenticated<String> accepted(SandboxRequest request, Instant now) {
        AuthResult<String> result = verifier.verify(request, now);
        if (result instanceof AuthResult.Failed<String> failed) {
            throw new AssertionError("expected success, got " + failed.error());
        }
        return assertInstanceOf(AuthResult.Authenticated.class, result);
    }

    private AuthError failed(SandboxRequest request, Instant now, String code, int status) {
        AuthResult<String> result = verifier.verify(request, now);
        AuthResult.Failed<String> failed = assertInstanceOf(AuthResult.Failed.class, result, () -> result.toString());
        assertEquals(code, failed.error().code(), failed.error().message());
        assertEquals(status, failed.error().httpStatus());
        return failed.error();
    }

    private static SdkHttpRequest s3Put(byte[] body) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                .uri(URI.create("https://127.0.0.1:4566/demo-bucket/notes/a%20b.txt"))
                .putHeader("Content-Type", "text/plain")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
    }

    private static SandboxRequest signS3Put(byte[] body, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> props) {
        return sign(s3Put(body), body, AwsCredentialsIdentity.create(KEY, SECRET), builder -> {
            s3Properties(builder);
            props.accept(builder);
        });
    }

    /** What the SDK's S3 client sets: service s3, path neither normalized nor double-encoded. */
    private static SignRequest.Builder<AwsCredentialsIdentity> s3Properties(
            SignRequest.Builder<AwsCredentialsIdentity> builder) {
        return builder.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false);
    }

    private static SandboxRequest signForm(String service, String form, AwsCredentialsIdentity identity) {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest post = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:4566/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        return sign(post, body, identity, props -> props.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service));
    }

    private static SandboxRequest signDynamoDb(AwsCredentialsIdentity identity) {
        byte[] body = "{\"TableName\":\"Notes\"}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest post = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:4566/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        return sign(post, body, identity,
                props -> props.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "dynamodb"));
    }

    /** Signs with the SDK at {@link #NOW} in eu-west-1, then turns the result into what the sandbox receives. */
    static <T extends AwsCredentialsIdentity> SandboxRequest sign(SdkHttpRequest request, byte[] body, T identity,
            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> props) {
        SignedRequest signed = SIGNER.sign(builder -> {
            builder.identity(identity)
                    .request(request)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
            if (body != null) {
                builder.payload(ContentStreamProvider.fromByteArray(body));
            }
            props.accept(builder);
        });
        return toSandboxRequest(signed);
    }

    static SandboxRequest toSandboxRequest(SignedRequest signed) {
        SdkHttpRequest request = signed.request();
        Headers headers = new Headers();
        for (Map.Entry<String, java.util.List<String>> header : request.headers().entrySet()) {
            header.getValue().forEach(value -> headers.add(header.getKey(), value));
        }
        if (!headers.contains("Host")) {
            headers.add("Host", request.host() + ":" + request.port());
        }
        byte[] body = signed.payload().map(SdkSignedRequestsTest::readFully).orElse(new byte[0]);
        return new SandboxRequest(request.method().name(), request.encodedPath(),
                request.encodedQueryParameters().orElse(""), headers, body, RawHttp.CLIENT);
    }

    private static byte[] readFully(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SandboxRequest withBodyByteFlipped(SandboxRequest request, int index) {
        byte[] body = request.body().clone();
        body[index] ^= 0x01;
        return new SandboxRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(), body,
                request.remote());
    }

    private static software.amazon.awssdk.checksums.spi.ChecksumAlgorithm sdkAlgorithm(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> DefaultChecksumAlgorithm.CRC32;
            case CRC32C -> DefaultChecksumAlgorithm.CRC32C;
            case CRC64NVME -> DefaultChecksumAlgorithm.CRC64NVME;
            case SHA1 -> DefaultChecksumAlgorithm.SHA1;
            case SHA256 -> DefaultChecksumAlgorithm.SHA256;
        };
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
