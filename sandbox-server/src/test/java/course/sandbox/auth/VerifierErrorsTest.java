package course.sandbox.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Anonymous, malformed and mis-dated requests, and the exact AWS answers to them. */
class VerifierErrorsTest {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");

    private final SigV4Verifier<String> verifier = new SigV4Verifier<>(
            id -> id.equals(KEY) ? Optional.of(SigningCredential.longTerm(KEY, SECRET, "root")) : Optional.empty());

    @Test
    void unsignedS3RequestIsAnonymous() {
        SandboxRequest request = request("GET", "/bucket/key", "", new Headers().add("Host", "localhost"), "");
        assertInstanceOf(AuthResult.Anonymous.class, verifier.verify(request, SIGNED_AT));
    }

    @Test
    void unsignedStsAndDynamoDbRequestsMissAuthenticationToken() {
        SandboxRequest sts = request("POST", "/", "", new Headers().add("Host", "localhost")
                .add("Content-Type", "application/x-www-form-urlencoded"), "Action=GetCallerIdentity&Version=2011-06-15");
        assertError(sts, SIGNED_AT, "MissingAuthenticationToken", 403, "Request is missing Authentication Token");

        SandboxRequest iamQuery = request("GET", "/", "Action=ListUsers", new Headers().add("Host", "localhost"), "");
        assertError(iamQuery, SIGNED_AT, "MissingAuthenticationToken", 403, "Request is missing Authentication Token");

        SandboxRequest dynamo = request("POST", "/", "", new Headers().add("Host", "localhost")
                .add("X-Amz-Target", "DynamoDB_20120810.ListTables"), "{}");
        assertError(dynamo, SIGNED_AT, "MissingAuthenticationTokenException", 400,
                "Request is missing Authentication Token");
    }

    @Test
    void skewMessagesHaveAwsForm() throws IOException {
        SandboxRequest vanilla = suiteRequest("get-vanilla");
        assertError(vanilla, Instant.parse("2015-08-30T12:51:00Z"), "SignatureDoesNotMatch", 403,
                "Signature expired: 20150830T123600Z is now earlier than 20150830T124600Z (20150830T125100Z - 5 min.)");
        assertError(vanilla, Instant.parse("2015-08-30T12:30:00Z"), "SignatureDoesNotMatch", 403,
                "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z "
                        + "(20150830T123000Z + 5 min.)");
    }

    @Test
    void missingComponentsAreIncompleteSignatureOutsideS3() {
        String header = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, Signature=abc";
        assertError(signedWith(header), SIGNED_AT, "IncompleteSignature", 400,
                "Authorization header requires 'SignedHeaders' parameter. Authorization=" + header);

        String noDate = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request";
        SandboxRequest withoutDate = request("GET", "/", "", new Headers().add("Host", "h")
                .add("Authorization", noDate), "");
        assertError(withoutDate, SIGNED_AT, "IncompleteSignature", 400,
                "Authorization header requires 'Signature' parameter. Authorization header requires "
                        + "'SignedHeaders' parameter. Authorization header requires existence of either a "
                        + "'X-Amz-Date' or a 'Date' header. Authorization=" + noDate);

        String dynamo = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=host";
        assertEquals("IncompleteSignatureException", error(signedWith(dynamo), SIGNED_AT).code());

        String terminator = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws5_request, "
                + "SignedHeaders=host;x-amz-date, Signature=abc";
        assertError(signedWith(terminator), SIGNED_AT, "IncompleteSignature", 400,
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.");

        String noEquals = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, "
                + "SignedHeaders, Signature=abc";
        assertError(signedWith(noEquals), SIGNED_AT, "IncompleteSignature", 400,
                "'SignedHeaders' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                        + noEquals + "'.");
    }

    @Test
    void malformedHeadersAreAuthorizationHeaderMalformedForS3() {
        assertError(signedWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request, "
                + "Signature=abc"), SIGNED_AT, "AuthorizationHeaderMalformed", 400, AuthErrors.HEADER_MALFORMED_S3);
        assertError(signedWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2015/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host, Signature=abc"), SIGNED_AT, "AuthorizationHeaderMalformed", 400,
                "The authorization header is malformed; the Credential is mal-formed; expecting "
                        + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        assertError(signedWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150831/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host, Signature=abc"), SIGNED_AT, "AuthorizationHeaderMalformed", 400,
                "The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.");
        assertError(signedWith("AWS AKIDEXAMPLE:c2lnbmF0dXJl"), SIGNED_AT, "InvalidRequest", 400,
                "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
    }

    @Test
    void scopeDateMustMatchRequestDateOutsideS3() {
        assertError(signedWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150831/us-east-1/sts/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=abc"), SIGNED_AT, "SignatureDoesNotMatch", 403,
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                        + "'20150831' != '20150830', from '20150830T123600Z'.");
    }

    @Test
    void s3NeedsAValidContentSha256Header() {
        String auth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=abc";
        assertError(signedWith(auth), SIGNED_AT, "InvalidRequest", 400,
                "Missing required header for this request: x-amz-content-sha256");
        SandboxRequest invalid = request("GET", "/bucket/key", "", new Headers().add("Host", "h")
                .add("X-Amz-Date", "20150830T123600Z").add("x-amz-content-sha256", "abc").add("Authorization", auth), "");
        assertEquals("InvalidArgument", error(invalid, SIGNED_AT).code());
    }

    @Test
    void s3MissingDateIsAccessDenied() {
        SandboxRequest request = request("GET", "/bucket/key", "", new Headers().add("Host", "h").add("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request, SignedHeaders=host, "
                        + "Signature=abc"), "");
        assertError(request, SIGNED_AT, "AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header");
    }

    @Test
    void presignParameterErrors() {
        String credential = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1"
                + "%2Fs3%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Signature=abc";
        Headers host = new Headers().add("Host", "h");
        assertError(request("GET", "/b/k", credential + "&X-Amz-Expires=604801", host, ""), SIGNED_AT,
                "AuthorizationQueryParametersError", 400,
                "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        assertError(request("GET", "/b/k", credential, host, ""), SIGNED_AT, "AuthorizationQueryParametersError", 400,
                AuthErrors.QUERY_PARAMETERS_REQUIRED_S3);
        assertError(request("GET", "/b/k", credential + "&X-Amz-Expires=ten", host, ""), SIGNED_AT,
                "AuthorizationQueryParametersError", 400, "X-Amz-Expires should be a number");
        // A presign that is still valid gets as far as the signature.
        assertError(request("GET", "/b/k", credential + "&X-Amz-Expires=604800", host, ""),
                SIGNED_AT.plusSeconds(604_800), "SignatureDoesNotMatch", 403, AuthErrors.SIGNATURE_MISMATCH_S3);
        assertError(request("GET", "/b/k", credential + "&X-Amz-Expires=60", host, ""), SIGNED_AT.plusSeconds(61),
                "AccessDenied", 403, "Request has expired");

        Headers both = new Headers().add("Host", "h").add("Authorization", "AWS4-HMAC-SHA256 Credential=x");
        assertError(request("GET", "/b/k", credential, both, ""), SIGNED_AT, "InvalidArgument", 400,
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string "
                        + "parameter or the Authorization header should be specified");
    }

    @Test
    void dateHeaderStandsInForXAmzDate() {
        Headers headers = new Headers().add("Host", "sts.amazonaws.com").add("Date", "Sun, 30 Aug 2015 12:36:00 GMT");
        List<String> signed = List.of("date", "host");
        String canonical = SigV4.canonicalRequest("GET", "/", "Action=GetCallerIdentity&Version=2011-06-15",
                SigV4.canonicalHeaders(headers, signed), signed, SigV4.EMPTY_SHA256);
        String scope = SigV4.scope("20150830", "us-east-1", "sts");
        String signature = SigV4.signature(SigV4.signingKey(SECRET, "20150830", "us-east-1", "sts"),
                SigV4.stringToSign("20150830T123600Z", scope, canonical));
        headers.add("Authorization", SigV4.ALGORITHM + " Credential=" + KEY + "/" + scope
                + ", SignedHeaders=date;host, Signature=" + signature);
        SandboxRequest request = request("GET", "/", "Version=2011-06-15&Action=GetCallerIdentity", headers, "");
        AuthResult.Authenticated<String> ok = assertInstanceOf(AuthResult.Authenticated.class,
                verifier.verify(request, SIGNED_AT));
        assertEquals(canonical, ok.canonicalRequest());
        assertEquals("root", ok.principal());
    }

    private SandboxRequest signedWith(String authorization) {
        return request("GET", "/bucket/key", "", new Headers().add("Host", "h").add("X-Amz-Date", "20150830T123600Z")
                .add("Authorization", authorization), "");
    }

    private static SandboxRequest suiteRequest(String name) throws IOException {
        try (InputStream in = VerifierErrorsTest.class.getResourceAsStream(
                "/sigv4-test-suite/" + name + "/header-signed-request.txt")) {
            return RawHttp.parse(in.readAllBytes());
        }
    }

    private static SandboxRequest request(String method, String path, String query, Headers headers, String body) {
        return new SandboxRequest(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8), RawHttp.CLIENT);
    }

    private AuthError error(SandboxRequest request, Instant now) {
        AuthResult<String> result = verifier.verify(request, now);
        return assertInstanceOf(AuthResult.Failed.class, result, result::toString).error();
    }

    private void assertError(SandboxRequest request, Instant now, String code, int status, String message) {
        AuthError error = error(request, now);
        assertEquals(code, error.code(), error.message());
        assertEquals(status, error.httpStatus());
        assertEquals(message, error.message());
    }
}
