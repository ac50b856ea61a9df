package course.sandbox.auth;

import course.sandbox.protocol.ChecksumAlgorithm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import course.sandbox.http.SandboxRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Seeded random mutations of valid signed requests (Authorization header, query, headers,
 * aws-chunked framing): the verifier must always answer with a result, never throw or hang,
 * and never accept a
 * payload other than the one that was signed (unless the payload was declared unsigned).
 */
class VerifierFuzzTest {
    private static final int ITERATIONS = 20_000;
    private static final byte[] BODY = "The quick brown fox jumps over the lazy dog.\n".repeat(40)
            .getBytes(StandardCharsets.UTF_8);
    private static final String ALPHABET = "=,;/ %&?:\r\n\t-AZaz09fF.~\u00e9\u1234";

    private final SigV4Verifier<String> verifier = new SigV4Verifier<>(id -> id.equals(SdkSignedRequestsTest.KEY)
            ? Optional.of(SigningCredential.longTerm(id, SdkSignedRequestsTest.SECRET, "user/alice"))
            : Optional.empty());

    @Test
    void mutatedRequestsNeverThrowNorHangNorPassAForeignPayload() {
        List<SandboxRequest> seeds = List.of(
                signPut(builder -> { }),
                signPut(builder -> builder.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)),
                signPut(builder -> builder.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                        .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32)),
                signPut(builder -> builder.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32C)),
                signPresignedGet());
        seeds.forEach(seed -> assertTrue(verifier.verify(seed, SdkSignedRequestsTest.NOW)
                instanceof AuthResult.Authenticated<String>, "seeds are valid"));

        Random random = new Random(20150830L);
        int[] failures = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                SandboxRequest seed = seeds.get(random.nextInt(seeds.size()));
                SandboxRequest mutant = mutate(seed, random);
                AuthResult<String> result = verifier.verify(mutant, SdkSignedRequestsTest.NOW);
                assertNotNull(result);
                if (result instanceof AuthResult.Authenticated<String> ok) {
                    if (ok.payloadMode() != PayloadMode.UNSIGNED_PAYLOAD) {
                        assertArrayEquals(BODY, ok.body(),
                                "accepted a body that was not signed: iteration " + i);
                    }
                } else {
                    failures[0]++;
                }
            }
        });
        // Most mutations hit signed material; the rest touch what is not signed (e.g. an unsigned header).
        assertTrue(failures[0] > ITERATIONS * 8 / 10, "failures: " + failures[0]);
    }

    private static SandboxRequest mutate(SandboxRequest seed, Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> withHeaderValue(seed, "Authorization", random);
            case 1 -> withHeaderValue(seed, pick(random, List.copyOf(seed.headers().lowerCaseNames())), random);
            case 2 -> new SandboxRequest(seed.method(), seed.rawPath(), mutateText(seed.rawQuery(), random),
                    seed.headers(), seed.body(), seed.remote());
            case 3 -> new SandboxRequest(seed.method(), mutateText(seed.rawPath(), random), seed.rawQuery(),
                    seed.headers(), seed.body(), seed.remote());
            case 4 -> new SandboxRequest(seed.method(), seed.rawPath(), seed.rawQuery(), seed.headers(),
                    mutateBody(seed.body(), random), seed.remote());
            default -> withHeaderValue(seed, pick(random, List.of("x-amz-date", "x-amz-content-sha256",
                    "x-amz-decoded-content-length", "x-amz-trailer", "x-amz-security-token")), random);
        };
    }

    /** Replaces (or adds) one header with a mutated value; other headers are kept in order. */
    private static SandboxRequest withHeaderValue(SandboxRequest seed, String name, Random random) {
        String value = seed.headers().first(name).orElse("");
        return SigV4TestSuiteTest.withHeader(seed, name, mutateText(value, random));
    }

    private static String mutateText(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = out.length() == 0 ? 0 : random.nextInt(out.length());
            switch (random.nextInt(4)) {
                case 0 -> out.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> {
                    if (out.length() > 0) {
                        out.deleteCharAt(at);
                    }
                }
                case 2 -> out.setLength(at);
                default -> {
                    if (out.length() > 0) {
                        out.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
            }
        }
        return out.toString();
    }

    private static byte[] mutateBody(byte[] body, Random random) {
        if (body.length == 0) {
            return "ffffffff;chunk-signature=\r\n".getBytes(StandardCharsets.US_ASCII);
        }
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] copy = body.clone();
                copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
                yield copy;
            }
            case 1 -> Arrays.copyOf(body, random.nextInt(body.length));
            case 2 -> {
                // A chunk size nobody can back: the decoder must not allocate or loop on it.
                String text = new String(body, StandardCharsets.ISO_8859_1);
                yield text.replaceFirst("^[0-9a-f]+", pick(random, List.of("ffffffff", "7fffffff", "", "zz", "0")))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            default -> {
                byte[] longer = Arrays.copyOf(body, body.length + 2);
                longer[body.length] = '\r';
                longer[body.length + 1] = '\n';
                yield longer;
            }
        };
    }

    private static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static SandboxRequest signPut(
            java.util.function.Consumer<software.amazon.awssdk.http.auth.spi.signer.SignRequest.Builder<
                    AwsCredentialsIdentity>> props) {
        SdkHttpRequest put = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                .uri(URI.create("https://127.0.0.1:4566/fuzz-bucket/key.txt"))
                .putHeader("Content-Length", Integer.toString(BODY.length))
                .build();
        return SdkSignedRequestsTest.sign(put, BODY,
                AwsCredentialsIdentity.create(SdkSignedRequestsTest.KEY, SdkSignedRequestsTest.SECRET), builder -> {
                    builder.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                            .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                            .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false);
                    props.accept(builder);
                });
    }

    private static SandboxRequest signPresignedGet() {
        SdkHttpRequest get = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:4566/fuzz-bucket/key.txt?versionId=v1")).build();
        return SdkSignedRequestsTest.sign(get, null,
                AwsCredentialsIdentity.create(SdkSignedRequestsTest.KEY, SdkSignedRequestsTest.SECRET),
                builder -> builder.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION,
                                AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5)));
    }
}
