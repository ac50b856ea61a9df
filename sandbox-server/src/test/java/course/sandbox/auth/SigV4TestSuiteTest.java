package course.sandbox.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** AWS's own SigV4 test vectors (aws-c-auth), header and presigned-query forms, all 38 cases. */
class SigV4TestSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(String name, Path folder, JsonNode context) {
        @Override
        public String toString() {
            return name;
        }

        String file(String name) {
            try {
                return Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        SandboxRequest request(String name) {
            try {
                return RawHttp.parse(Files.readAllBytes(folder.resolve(name)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean normalize() {
            return context.get("normalize").asBoolean();
        }

        String accessKeyId() {
            return context.get("credentials").get("access_key_id").asText();
        }

        String secret() {
            return context.get("credentials").get("secret_access_key").asText();
        }

        Optional<String> token() {
            return Optional.ofNullable(context.get("credentials").get("token")).map(JsonNode::asText);
        }

        String region() {
            return context.get("region").asText();
        }

        String service() {
            return context.get("service").asText();
        }

        Instant timestamp() {
            return Instant.parse(context.get("timestamp").asText());
        }

        boolean omitSessionToken() {
            return context.has("omit_session_token") && context.get("omit_session_token").asBoolean();
        }
    }

    static Stream<Case> cases() throws IOException, URISyntaxException {
        Path root = Path.of(SigV4TestSuiteTest.class.getResource("/sigv4-test-suite").toURI());
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(Files::isDirectory).sorted().map(folder -> {
                try {
                    return new Case(folder.getFileName().toString(), folder,
                            JSON.readTree(folder.resolve("context.json").toFile()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList().stream();
        }
    }

    @Test
    void suiteHasAll38Cases() throws Exception {
        assertEquals(38, cases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void headerForm(Case c) {
        SandboxRequest request = c.request("header-signed-request.txt");
        Map<String, String> authorization = authorizationComponents(request.headers());
        List<String> signedHeaders = List.of(authorization.get("SignedHeaders").split(";"));
        String amzDate = request.headers().first("X-Amz-Date").orElseThrow();

        String canonicalRequest = SigV4.canonicalRequest(request.method(),
                SigV4.canonicalUri(request.rawPath(), c.normalize()),
                SigV4.canonicalQuery(request.rawQuery(), false),
                SigV4.canonicalHeaders(request.headers(), signedHeaders), signedHeaders,
                SigV4.sha256Hex(request.body()));
        assertEquals(c.file("header-canonical-request.txt"), canonicalRequest);

        String scope = SigV4.scope(amzDate.substring(0, 8), c.region(), c.service());
        String stringToSign = SigV4.stringToSign(amzDate, scope, canonicalRequest);
        assertEquals(c.file("header-string-to-sign.txt"), stringToSign);

        byte[] key = SigV4.signingKey(c.secret(), amzDate.substring(0, 8), c.region(), c.service());
        String signature = SigV4.signature(key, stringToSign);
        assertEquals(c.file("header-signature.txt"), signature);
        assertEquals(signature, authorization.get("Signature"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void queryForm(Case c) {
        SandboxRequest signed = c.request("query-signed-request.txt");
        // With omit_session_token the token was appended after signing: it is not signed.
        String rawQuery = c.omitSessionToken()
                ? Arrays.stream(signed.rawQuery().split("&"))
                        .filter(p -> !p.startsWith("X-Amz-Security-Token="))
                        .collect(Collectors.joining("&"))
                : signed.rawQuery();
        List<QueryParameters.Parameter> query = QueryParameters.parse(rawQuery);
        List<String> signedHeaders = List.of(QueryParameters.first(query, "X-Amz-SignedHeaders").orElseThrow().split(";"));
        String amzDate = QueryParameters.first(query, "X-Amz-Date").orElseThrow();

        String canonicalRequest = SigV4.canonicalRequest(signed.method(),
                SigV4.canonicalUri(signed.rawPath(), c.normalize()),
                SigV4.canonicalQuery(rawQuery, true),
                SigV4.canonicalHeaders(signed.headers(), signedHeaders), signedHeaders,
                SigV4.sha256Hex(signed.body()));
        assertEquals(c.file("query-canonical-request.txt"), canonicalRequest);

        String scope = SigV4.scope(amzDate.substring(0, 8), c.region(), c.service());
        String stringToSign = SigV4.stringToSign(amzDate, scope, canonicalRequest);
        assertEquals(c.file("query-string-to-sign.txt"), stringToSign);

        String signature = SigV4.signature(
                SigV4.signingKey(c.secret(), amzDate.substring(0, 8), c.region(), c.service()), stringToSign);
        assertEquals(c.file("query-signature.txt"), signature);
        assertEquals(signature, QueryParameters.first(query, "X-Amz-Signature").orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifierAcceptsSignedRequestAndRejectsTampering(Case c) {
        SandboxRequest request = c.request("header-signed-request.txt");
        AuthResult<String> accepted = verifier(c, c.secret()).verify(request, c.timestamp());
        AuthResult.Authenticated<String> ok = assertInstanceOf(AuthResult.Authenticated.class, accepted);
        assertEquals(c.accessKeyId(), ok.accessKeyId());
        assertEquals("principal-of-" + c.accessKeyId(), ok.principal());
        assertEquals(c.region(), ok.region());
        assertEquals(c.service(), ok.service());
        assertEquals(c.file("header-canonical-request.txt"), ok.canonicalRequest());
        assertEquals(c.file("header-string-to-sign.txt"), ok.stringToSign());

        String host = request.host();
        SandboxRequest hostChanged = withHeader(request, "Host", "x" + host.substring(1));
        assertSignatureDoesNotMatch(verifier(c, c.secret()).verify(hostChanged, c.timestamp()));

        SandboxRequest pathChanged = new SandboxRequest(request.method(), request.rawPath() + "a", request.rawQuery(),
                request.headers(), request.body(), request.remote());
        assertSignatureDoesNotMatch(verifier(c, c.secret()).verify(pathChanged, c.timestamp()));

        String otherSecret = "x" + c.secret().substring(1);
        AuthError wrongSecret = assertSignatureDoesNotMatch(verifier(c, otherSecret).verify(request, c.timestamp()));
        assertEquals(Optional.of(c.file("header-canonical-request.txt")), wrongSecret.canonicalRequest());
        assertEquals(Optional.of(c.file("header-string-to-sign.txt")), wrongSecret.stringToSign());
    }

    private static AuthError assertSignatureDoesNotMatch(AuthResult<String> result) {
        AuthResult.Failed<String> failed = assertInstanceOf(AuthResult.Failed.class, result);
        assertEquals("SignatureDoesNotMatch", failed.error().code());
        assertEquals(403, failed.error().httpStatus());
        return failed.error();
    }

    /** The suite's service "service" follows the non-S3 rules, with the case's path normalization. */
    private static SigV4Verifier<String> verifier(Case c, String secret) {
        CredentialLookup<String> lookup = id -> id.equals(c.accessKeyId())
                ? Optional.of(new SigningCredential<>(id, secret, c.token(), Optional.empty(), "principal-of-" + id))
                : Optional.empty();
        return new SigV4Verifier<>(lookup, service -> ServiceProfile.forService(service).withNormalizePath(c.normalize()));
    }

    private static Map<String, String> authorizationComponents(Headers headers) {
        String value = headers.first("Authorization").orElseThrow();
        return Arrays.stream(value.substring(value.indexOf(' ') + 1).split(","))
                .map(String::strip)
                .collect(Collectors.toMap(p -> p.substring(0, p.indexOf('=')), p -> p.substring(p.indexOf('=') + 1)));
    }

    /** A copy of {@code request} with every value of {@code name} replaced by {@code value}. */
    static SandboxRequest withHeader(SandboxRequest request, String name, String value) {
        Headers headers = new Headers();
        boolean replaced = false;
        for (String existing : request.headers().lowerCaseNames()) {
            for (String v : request.headers().all(existing)) {
                if (existing.equalsIgnoreCase(name)) {
                    if (!replaced) {
                        headers.add(name, value);
                        replaced = true;
                    }
                } else {
                    headers.add(existing, v);
                }
            }
        }
        if (!replaced) {
            headers.add(name, value);
        }
        return new SandboxRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body(),
                request.remote());
    }
}
