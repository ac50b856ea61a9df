package course.sandbox.auth;

import course.sandbox.auth.ServiceProfile.ErrorStyle;
import course.sandbox.http.HttpRefusal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** AWS's codes, statuses and messages for each way authentication fails, per service family. */
final class AuthErrors {
    static final String SIGNATURE_MISMATCH_S3 = "The request signature we calculated does not match the "
            + "signature you provided. Check your key and signing method.";
    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the "
            + "signature you provided. Check your AWS Secret Access Key and signing method. "
            + "Consult the service documentation for details.";
    static final String HEADER_MALFORMED_S3 = "The authorization header is malformed; the authorization header "
            + "requires three components: Credential, SignedHeaders, and Signature.";
    static final String CREDENTIAL_MALFORMED_S3 = "The authorization header is malformed; the Credential is "
            + "mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";
    static final String QUERY_PARAMETERS_REQUIRED_S3 = "Query-string authentication version 4 requires the "
            + "X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, "
            + "and X-Amz-Expires parameters.";
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    static final String EXPIRED_TOKEN = "The security token included in the request is expired";
    static final String MISSING_TOKEN = "Request is missing Authentication Token";

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private AuthErrors() {
    }

    static String amzDate(Instant instant) {
        return AMZ_DATE.format(instant);
    }

    static AuthError missingAuthentication(ServiceProfile profile) {
        return profile.errorStyle() == ErrorStyle.AWS_JSON
                ? AuthError.of("MissingAuthenticationTokenException", 400, MISSING_TOKEN)
                : AuthError.of("MissingAuthenticationToken", 403, MISSING_TOKEN);
    }

    /**
     * A malformed Authorization header or set of presign parameters.
     *
     * @param s3Error what S3 answers
     * @param detail  the message the other services give with IncompleteSignature
     */
    static AuthError incomplete(ServiceProfile profile, AuthError s3Error, String detail) {
        return profile.errorStyle() == ErrorStyle.S3 ? s3Error : incompleteSignature(profile, detail);
    }

    /** IncompleteSignature(Exception) as the services other than S3 answer; S3 callers pick S3's own code. */
    static AuthError incompleteSignature(ServiceProfile profile, String detail) {
        return profile.errorStyle() == ErrorStyle.AWS_JSON
                ? AuthError.of("IncompleteSignatureException", 400, detail)
                : AuthError.of("IncompleteSignature", 400, detail);
    }

    static AuthError headerMalformed(ServiceProfile profile, String s3Message, String detail) {
        return incomplete(profile, AuthError.of("AuthorizationHeaderMalformed", 400, s3Message), detail);
    }

    static AuthError queryParametersError(ServiceProfile profile, String s3Message, String detail) {
        return incomplete(profile, AuthError.of("AuthorizationQueryParametersError", 400, s3Message), detail);
    }

    /** S3 only knows SigV4 here; the others call anything else an incomplete signature. */
    static AuthError unsupportedAlgorithm(ServiceProfile profile, String detail) {
        return incomplete(profile, AuthError.of("InvalidRequest", 400,
                "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."),
                detail);
    }

    /**
     * A credential scope naming another service than the endpoint's: AWS refuses it before it
     * looks at the signature. S3 says which service it is; the others say which one it should be.
     */
    static AuthError wrongService(ServiceProfile profile, String signedFor, boolean presigned) {
        if (profile.errorStyle() == ErrorStyle.S3) {
            String reason = "incorrect service \"" + signedFor + "\". This endpoint belongs to \"" + profile.service() + "\".";
            return presigned
                    ? AuthError.of("AuthorizationQueryParametersError", 400, "Error parsing the X-Amz-Credential parameter; " + reason)
                    : AuthError.of("AuthorizationHeaderMalformed", 400, "The authorization header is malformed; " + reason);
        }
        return signatureProblem(profile, "Credential should be scoped to correct service: '" + profile.service() + "'. ");
    }

    /** A request must not be authenticated both by header and by query. */
    static AuthError twoMechanisms(ServiceProfile profile) {
        String message = "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                + "Signature query string parameter or the Authorization header should be specified";
        return incomplete(profile, AuthError.of("InvalidArgument", 400, message), message);
    }

    static AuthError unknownAccessKey(ServiceProfile profile) {
        return switch (profile.errorStyle()) {
            case S3 -> AuthError.of("InvalidAccessKeyId", 403,
                    "The AWS Access Key Id you provided does not exist in our records.");
            case AWS_QUERY -> AuthError.of("InvalidClientTokenId", 403, INVALID_TOKEN);
            case AWS_JSON -> AuthError.of("UnrecognizedClientException", 400, INVALID_TOKEN);
        };
    }

    /** Session token missing for temporary credentials, wrong, or sent with a long-term key. */
    static AuthError invalidToken(ServiceProfile profile) {
        return switch (profile.errorStyle()) {
            case S3 -> AuthError.of("InvalidToken", 400, "The provided token is malformed or otherwise invalid.");
            case AWS_QUERY -> AuthError.of("InvalidClientTokenId", 403, INVALID_TOKEN);
            case AWS_JSON -> AuthError.of("UnrecognizedClientException", 400, INVALID_TOKEN);
        };
    }

    static AuthError expiredToken(ServiceProfile profile) {
        return switch (profile.errorStyle()) {
            case S3 -> AuthError.of("ExpiredToken", 400, "The provided token has expired.");
            case AWS_QUERY -> AuthError.of("ExpiredToken", 403, EXPIRED_TOKEN);
            case AWS_JSON -> AuthError.of("ExpiredTokenException", 400, EXPIRED_TOKEN);
        };
    }

    static AuthError signatureMismatch(ServiceProfile profile) {
        return signatureProblem(profile, profile.errorStyle() == ErrorStyle.S3 ? SIGNATURE_MISMATCH_S3
                : SIGNATURE_MISMATCH);
    }

    /**
     * A credential scope naming no AWS region. S3 answers as its global endpoint does, which
     * expects us-east-1; the others call the signature wrong.
     */
    static AuthError unknownRegion(ServiceProfile profile, String region, boolean presigned) {
        if (profile.errorStyle() != ErrorStyle.S3) {
            return signatureProblem(profile, "Credential should be scoped to a valid region, not '" + region + "'. ");
        }
        String problem = "the region '" + region + "' is wrong; expecting 'us-east-1'";
        return presigned
                ? AuthError.of("AuthorizationQueryParametersError", 400,
                        "Error parsing the X-Amz-Credential parameter; " + problem)
                : AuthError.of("AuthorizationHeaderMalformed", 400, "The authorization header is malformed; " + problem);
    }

    /** SignatureDoesNotMatch (or DynamoDB's InvalidSignatureException) with a specific message. */
    static AuthError signatureProblem(ServiceProfile profile, String message) {
        return profile.errorStyle() == ErrorStyle.AWS_JSON
                ? AuthError.of("InvalidSignatureException", 400, message)
                : AuthError.of("SignatureDoesNotMatch", 403, message);
    }

    /** The request time is outside the allowed skew (header form). */
    static AuthError clockSkew(ServiceProfile profile, Instant requestTime, Instant now) {
        if (profile.errorStyle() == ErrorStyle.S3) {
            return AuthError.of("RequestTimeTooSkewed", 403,
                    "The difference between the request time and the current time is too large.");
        }
        Duration skew = profile.maxClockSkew();
        String allowance = skew.toSeconds() % 60 == 0 ? skew.toMinutes() + " min." : skew.toSeconds() + " sec.";
        String message = requestTime.isBefore(now)
                ? "Signature expired: " + amzDate(requestTime) + " is now earlier than "
                        + amzDate(now.minus(skew)) + " (" + amzDate(now) + " - " + allowance + ")"
                : "Signature not yet current: " + amzDate(requestTime) + " is still later than "
                        + amzDate(now.plus(skew)) + " (" + amzDate(now) + " + " + allowance + ")";
        return signatureProblem(profile, message);
    }

    /** A presigned URL used after X-Amz-Date + X-Amz-Expires. */
    static AuthError presignExpired(ServiceProfile profile, Instant expiry, Instant now) {
        return profile.errorStyle() == ErrorStyle.S3
                ? AuthError.of("AccessDenied", 403, "Request has expired")
                : signatureProblem(profile, "Signature expired: " + amzDate(expiry) + " is now earlier than "
                        + amzDate(now));
    }

    /** A presigned URL whose X-Amz-Date lies further in the future than the allowed skew. */
    static AuthError presignNotYetValid(ServiceProfile profile, Instant requestTime, Instant now) {
        return profile.errorStyle() == ErrorStyle.S3
                ? AuthError.of("AccessDenied", 403, "Request is not valid yet")
                : clockSkew(profile, requestTime, now);
    }

    // ---- S3 payload errors ---------------------------------------------------------------

    static AuthError missingContentSha256() {
        return AuthError.of("InvalidRequest", 400, "Missing required header for this request: x-amz-content-sha256");
    }

    static AuthError invalidContentSha256() {
        return AuthError.of("InvalidArgument", 400, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
                + "STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
                + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, "
                + "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.");
    }

    static AuthError contentSha256Mismatch() {
        return AuthError.of("XAmzContentSHA256Mismatch", 400,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    static AuthError missingDecodedLength() {
        return AuthError.of("MissingContentLength", 411, "You must provide the Content-Length HTTP header.");
    }

    static AuthError incompleteBody() {
        return AuthError.of("IncompleteBody", 400,
                "You did not provide the number of bytes specified by the Content-Length HTTP header");
    }

    /** The body stopped arriving mid-way (the HTTP front's wording and code). */
    static AuthError requestTimeout() {
        return AuthError.of(HttpRefusal.REQUEST_TIMEOUT.code(), HttpRefusal.REQUEST_TIMEOUT.status(),
                HttpRefusal.REQUEST_TIMEOUT.message());
    }

    /** x-amz-decoded-content-length past what the sandbox keeps (the HTTP front's wording and code). */
    static AuthError entityTooLarge() {
        return AuthError.of(HttpRefusal.ENTITY_TOO_LARGE.code(), HttpRefusal.ENTITY_TOO_LARGE.status(),
                HttpRefusal.ENTITY_TOO_LARGE.message());
    }

    static AuthError malformedTrailer() {
        return AuthError.of("MalformedTrailerError", 400, "The request contained trailing data that was not "
                + "well-formed or did not conform to our published schema.");
    }

    static AuthError badDigest(String algorithmName) {
        return AuthError.of("BadDigest", 400,
                "The " + algorithmName + " you specified did not match the calculated checksum.");
    }
}
