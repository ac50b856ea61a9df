package course.sandbox.auth;

import course.sandbox.protocol.ChecksumAlgorithm;
import course.sandbox.auth.AwsChunkedDecoder.ChunkSigning;
import course.sandbox.auth.AwsChunkedDecoder.Decoded;
import course.sandbox.auth.ServiceProfile.ErrorStyle;
import course.sandbox.http.Headers;
import course.sandbox.http.HttpLimits;
import course.sandbox.http.SandboxRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies AWS Signature Version 4 on a {@link SandboxRequest} the way AWS does: Authorization
 * header or presigned query, credential scope, clock skew or presign expiry, access key and
 * session token, signature, and (for S3) the payload: hex SHA-256, UNSIGNED-PAYLOAD, or an
 * aws-chunked body with chunk signatures and/or trailing checksums.
 *
 * <p>The service, and with it the error codes, comes from the credential scope; a request
 * without a readable scope is attributed by {@link ServiceProfile#guess}. The verifier has no
 * clock and no state: pass the current time to {@link #verify}.
 *
 * @param <P> the principal handle type of the {@link CredentialLookup}
 */
public final class SigV4Verifier<P> {
    /** The longest validity S3 accepts for a presigned URL: seven days. */
    public static final long MAX_PRESIGN_EXPIRES_SECONDS = 604_800;

    private static final DateTimeFormatter AMZ_DATE_PARSER =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withResolverStyle(ResolverStyle.STRICT);
    private static final String ALGORITHM_PARAM = "X-Amz-Algorithm";
    private static final String CREDENTIAL_PARAM = "X-Amz-Credential";
    private static final String DATE_PARAM = "X-Amz-Date";
    private static final String EXPIRES_PARAM = "X-Amz-Expires";
    private static final String SIGNED_HEADERS_PARAM = "X-Amz-SignedHeaders";
    private static final String SIGNATURE_PARAM = "X-Amz-Signature";
    private static final String TOKEN_PARAM = "X-Amz-Security-Token";

    private final CredentialLookup<P> credentials;
    private final Function<String, ServiceProfile> profiles;

    /** A verifier with AWS's rules per service ({@link ServiceProfile#forService}). */
    public SigV4Verifier(CredentialLookup<P> credentials) {
        this(credentials, ServiceProfile::forService);
    }

    /**
     * @param profiles the rules for a signing name from a credential scope; lets a test or the
     *                 integrator treat an unknown service like S3 or another one
     */
    public SigV4Verifier(CredentialLookup<P> credentials, Function<String, ServiceProfile> profiles) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    /**
     * Decides whether {@code request} carries a valid signature at time {@code now}.
     *
     * @return {@link AuthResult.Authenticated} with what was verified,
     *         {@link AuthResult.Anonymous} for an unsigned S3 request, or
     *         {@link AuthResult.Failed} with AWS's error
     */
    public AuthResult<P> verify(SandboxRequest request, Instant now) {
        return verify(request, now, Optional.empty());
    }

    /**
     * Verifies a request routed to a service: its credential scope must name that service's
     * signing name, as AWS requires, and an unsigned request passes only where the service or
     * the operation takes one.
     *
     * @param signingName      the routed service's signing name, e.g. {@code dynamodb}
     * @param anonymousAllowed whether an unsigned request is {@link AuthResult.Anonymous} rather than refused
     */
    public AuthResult<P> verify(SandboxRequest request, Instant now, String signingName, boolean anonymousAllowed) {
        return verify(request, now, Optional.of(new Expectation(signingName, anonymousAllowed)));
    }

    private AuthResult<P> verify(SandboxRequest request, Instant now, Optional<Expectation> expected) {
        try {
            return authenticate(request, now, expected);
        } catch (AuthFailure failure) {
            return new AuthResult.Failed<>(failure.error());
        }
    }

    /** What the router decided before authentication: whose scope a signature must carry. */
    private record Expectation(String signingName, boolean anonymousAllowed) {
    }

    /** The claimed signature: who, when, for which scope, over which headers. */
    private record Claim(
            boolean presigned,
            String accessKeyId,
            String scopeDate,
            String region,
            String service,
            List<String> signedHeaders,
            String signature,
            String amzDate,
            Instant requestTime,
            Optional<Duration> expires,
            Optional<String> securityToken) {

        String scope() {
            return SigV4.scope(scopeDate, region, service);
        }
    }

    private record Scope(String accessKeyId, String date, String region, String service) {
    }

    private AuthResult<P> authenticate(SandboxRequest request, Instant now, Optional<Expectation> expected)
            throws AuthFailure {
        Optional<String> authorization = request.headers().first("Authorization");
        List<QueryParameters.Parameter> query = QueryParameters.parse(request.rawQuery());
        boolean presignParams = QueryParameters.first(query, ALGORITHM_PARAM).isPresent()
                || QueryParameters.first(query, CREDENTIAL_PARAM).isPresent()
                || QueryParameters.first(query, SIGNATURE_PARAM).isPresent();
        if (authorization.isEmpty() && !presignParams) {
            ServiceProfile profile = expected.map(e -> profiles.apply(e.signingName()))
                    .orElseGet(() -> ServiceProfile.guess(request));
            if (expected.map(Expectation::anonymousAllowed).orElse(profile.errorStyle() == ErrorStyle.S3)) {
                return new AuthResult.Anonymous<>();
            }
            throw new AuthFailure(AuthErrors.missingAuthentication(profile));
        }
        if (authorization.isPresent() && presignParams) {
            throw new AuthFailure(AuthErrors.twoMechanisms(ServiceProfile.guess(request)));
        }
        Claim claim = authorization.isPresent()
                ? parseAuthorizationHeader(request, authorization.get())
                : parsePresignedQuery(request, query);
        if (expected.isPresent() && !claim.service().equals(expected.get().signingName())) {
            throw new AuthFailure(AuthErrors.wrongService(profiles.apply(expected.get().signingName()), claim.service(),
                    claim.presigned()));
        }
        ServiceProfile profile = profiles.apply(claim.service());
        checkTime(profile, claim, now);
        SigningCredential<P> credential = credentials.find(claim.accessKeyId())
                .orElseThrow(() -> new AuthFailure(AuthErrors.unknownAccessKey(profile)));
        checkSession(profile, claim, credential, now);
        return checkSignatureAndPayload(request, profile, claim, credential);
    }

    // ---- Authorization header ------------------------------------------------------------

    private Claim parseAuthorizationHeader(SandboxRequest request, String header) throws AuthFailure {
        String value = header.strip();
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        Map<String, String> components = new LinkedHashMap<>();
        String pairWithoutEquals = null;
        for (String part : (space < 0 ? "" : value.substring(space + 1)).split(",")) {
            String piece = part.strip();
            int equals = piece.indexOf('=');
            if (piece.isEmpty()) {
                continue;
            } else if (equals < 0) {
                pairWithoutEquals = pairWithoutEquals == null ? piece : pairWithoutEquals;
            } else {
                components.putIfAbsent(piece.substring(0, equals).strip(), piece.substring(equals + 1).strip());
            }
        }
        String credential = components.get("Credential");
        ServiceProfile profile = profileOf(request, credential);
        Optional<String> amzDateHeader = request.headers().first("X-Amz-Date");
        Optional<String> dateHeader = request.headers().first("Date");
        boolean hasDate = amzDateHeader.isPresent() || dateHeader.isPresent();

        if (!algorithm.equals(SigV4.ALGORITHM)) {
            throw new AuthFailure(AuthErrors.unsupportedAlgorithm(profile, requiresMessage(components, hasDate, value)));
        }
        if (pairWithoutEquals != null) {
            throw new AuthFailure(AuthErrors.headerMalformed(profile, AuthErrors.HEADER_MALFORMED_S3,
                    "'" + pairWithoutEquals + "' not a valid key=value pair (missing equal-sign) in Authorization "
                            + "header: '" + value + "'."));
        }
        String signedHeaders = components.get("SignedHeaders");
        String signature = components.get("Signature");
        if (credential == null || signedHeaders == null || signature == null
                || (!hasDate && profile.errorStyle() != ErrorStyle.S3)) {
            throw new AuthFailure(AuthErrors.headerMalformed(profile, AuthErrors.HEADER_MALFORMED_S3,
                    requiresMessage(components, hasDate, value)));
        }
        Scope scope = parseCredential(profile, credential, false);
        String amzDate;
        Instant requestTime;
        if (amzDateHeader.isPresent()) {
            amzDate = amzDateHeader.get().strip();
            requestTime = parseAmzDate(amzDate).orElseThrow(() -> new AuthFailure(badDate(profile, amzDate)));
        } else if (dateHeader.isPresent()) {
            requestTime = parseHttpDate(dateHeader.get()).orElseThrow(
                    () -> new AuthFailure(badDate(profile, dateHeader.get())));
            amzDate = AuthErrors.amzDate(requestTime);
        } else {
            throw new AuthFailure(AuthError.of("AccessDenied", 403,
                    "AWS authentication requires a valid Date or x-amz-date header"));
        }
        checkScopeDate(profile, scope, amzDate, false);
        Optional<String> token = request.headers().first(TOKEN_PARAM).map(String::strip);
        return new Claim(false, scope.accessKeyId(), scope.date(), scope.region(), scope.service(),
                parseSignedHeaders(profile, signedHeaders, false), signature, amzDate, requestTime, Optional.empty(),
                token);
    }

    /** The message AWS's query and JSON services give for missing Authorization components. */
    private static String requiresMessage(Map<String, String> components, boolean hasDate, String header) {
        StringBuilder message = new StringBuilder();
        for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!components.containsKey(name)) {
                message.append("Authorization header requires '").append(name).append("' parameter. ");
            }
        }
        if (!hasDate) {
            message.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        return message.append("Authorization=").append(header).toString();
    }

    private static AuthError badDate(ServiceProfile profile, String date) {
        return profile.errorStyle() == ErrorStyle.S3
                ? AuthError.of("AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header")
                : AuthErrors.incompleteSignature(profile, "Date must be in ISO-8601 'basic format'. Got '" + date
                        + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    // ---- presigned query -----------------------------------------------------------------

    private Claim parsePresignedQuery(SandboxRequest request, List<QueryParameters.Parameter> query)
            throws AuthFailure {
        Optional<String> algorithm = QueryParameters.first(query, ALGORITHM_PARAM);
        Optional<String> credential = QueryParameters.first(query, CREDENTIAL_PARAM);
        Optional<String> date = QueryParameters.first(query, DATE_PARAM);
        Optional<String> signedHeaders = QueryParameters.first(query, SIGNED_HEADERS_PARAM);
        Optional<String> signature = QueryParameters.first(query, SIGNATURE_PARAM);
        Optional<String> expires = QueryParameters.first(query, EXPIRES_PARAM);
        ServiceProfile profile = profileOf(request, credential.orElse(null));
        boolean s3 = profile.errorStyle() == ErrorStyle.S3;
        if (algorithm.isEmpty() || credential.isEmpty() || date.isEmpty() || signedHeaders.isEmpty()
                || signature.isEmpty() || (s3 && expires.isEmpty())) {
            throw new AuthFailure(AuthErrors.queryParametersError(profile, AuthErrors.QUERY_PARAMETERS_REQUIRED_S3,
                    "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', "
                            + "'X-Amz-Signature', 'X-Amz-Date', and 'X-Amz-SignedHeaders'. "
                            + "Re-examine the query-string parameters."));
        }
        if (!algorithm.get().equals(SigV4.ALGORITHM)) {
            String message = "X-Amz-Algorithm only supports \"" + SigV4.ALGORITHM + "\"";
            throw new AuthFailure(AuthErrors.queryParametersError(profile, message, message));
        }
        Scope scope = parseCredential(profile, credential.get(), true);
        String amzDate = date.get();
        Instant requestTime = parseAmzDate(amzDate).orElseThrow(() -> {
            String message = "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"";
            return new AuthFailure(AuthErrors.queryParametersError(profile, message, message));
        });
        Optional<Duration> validity = expires.isEmpty() ? Optional.empty()
                : Optional.of(Duration.ofSeconds(parseExpires(profile, expires.get())));
        checkScopeDate(profile, scope, amzDate, true);
        return new Claim(true, scope.accessKeyId(), scope.date(), scope.region(), scope.service(),
                parseSignedHeaders(profile, signedHeaders.get(), true), signature.get(), amzDate, requestTime,
                validity, QueryParameters.first(query, TOKEN_PARAM));
    }

    private static long parseExpires(ServiceProfile profile, String expires) throws AuthFailure {
        String message;
        if (!expires.matches("-?[0-9]{1,18}")) {
            message = "X-Amz-Expires should be a number";
        } else if (Long.parseLong(expires) < 0) {
            message = "X-Amz-Expires must be non-negative";
        } else if (Long.parseLong(expires) > MAX_PRESIGN_EXPIRES_SECONDS) {
            message = "X-Amz-Expires must be less than a week (in seconds) that is 604800";
        } else {
            return Long.parseLong(expires);
        }
        throw new AuthFailure(AuthErrors.queryParametersError(profile, message, message));
    }

    // ---- shared parsing ------------------------------------------------------------------

    /** The profile of the scope's service if the credential names one, else a guess. */
    private ServiceProfile profileOf(SandboxRequest request, String credential) {
        if (credential != null) {
            String[] parts = credential.split("/", -1);
            if (parts.length == 5 && !parts[3].isEmpty()) {
                return profiles.apply(parts[3]);
            }
        }
        return ServiceProfile.guess(request);
    }

    private static Scope parseCredential(ServiceProfile profile, String credential, boolean presigned)
            throws AuthFailure {
        String[] parts = credential.split("/", -1);
        boolean wellFormed = parts.length == 5 && !parts[0].isEmpty() && parts[1].matches("[0-9]{8}")
                && !parts[2].isEmpty() && !parts[3].isEmpty();
        if (wellFormed && !parts[4].equals(SigV4.TERMINATOR) && profile.errorStyle() != ErrorStyle.S3) {
            throw new AuthFailure(AuthErrors.incompleteSignature(profile,
                    "Credential should be scoped with a valid terminator: 'aws4_request', not '" + parts[4] + "'."));
        }
        if (!wellFormed || !parts[4].equals(SigV4.TERMINATOR)) {
            String s3Message = presigned
                    ? "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "
                            + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."
                    : AuthErrors.CREDENTIAL_MALFORMED_S3;
            String detail = "Credential should be in the form <access key id>/<YYYYMMDD>/<region>/<service>"
                    + "/aws4_request, not '" + credential + "'.";
            throw new AuthFailure(presigned
                    ? AuthErrors.queryParametersError(profile, s3Message, detail)
                    : AuthErrors.headerMalformed(profile, s3Message, detail));
        }
        if (!AwsRegions.isKnown(parts[2])) {
            throw new AuthFailure(AuthErrors.unknownRegion(profile, parts[2], presigned));
        }
        return new Scope(parts[0], parts[1], parts[2], parts[3]);
    }

    private static void checkScopeDate(ServiceProfile profile, Scope scope, String amzDate, boolean presigned)
            throws AuthFailure {
        String day = amzDate.substring(0, 8);
        if (scope.date().equals(day)) {
            return;
        }
        if (profile.errorStyle() != ErrorStyle.S3) {
            throw new AuthFailure(AuthErrors.signatureProblem(profile, "Date in Credential scope does not match "
                    + "YYYYMMDD from ISO-8601 version of date from HTTP: '" + scope.date() + "' != '" + day
                    + "', from '" + amzDate + "'."));
        }
        throw new AuthFailure(presigned
                ? AuthError.of("AuthorizationQueryParametersError", 400, "Invalid credential date \""
                        + scope.date() + "\". This date is not the same as X-Amz-Date: \"" + day + "\".")
                : AuthError.of("AuthorizationHeaderMalformed", 400, "The authorization header is malformed; "
                        + "Invalid credential date. Date is not the same as X-Amz-Date."));
    }

    private static List<String> parseSignedHeaders(ServiceProfile profile, String signedHeaders, boolean presigned)
            throws AuthFailure {
        List<String> names = Arrays.asList(signedHeaders.split(";", -1));
        if (signedHeaders.isEmpty() || names.contains("")) {
            String message = "SignedHeaders must be a non-empty ';'-separated list of header names, not '"
                    + signedHeaders + "'.";
            throw new AuthFailure(presigned
                    ? AuthErrors.queryParametersError(profile, message, message)
                    : AuthErrors.headerMalformed(profile, AuthErrors.HEADER_MALFORMED_S3, message));
        }
        return List.copyOf(names);
    }

    static Optional<Instant> parseAmzDate(String value) {
        try {
            return Optional.of(LocalDateTime.parse(value, AMZ_DATE_PARSER).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> parseHttpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    // ---- time, key, session --------------------------------------------------------------

    private static void checkTime(ServiceProfile profile, Claim claim, Instant now) throws AuthFailure {
        Instant requestTime = claim.requestTime();
        Duration skew = profile.maxClockSkew();
        if (!claim.presigned()) {
            if (requestTime.isBefore(now.minus(skew)) || requestTime.isAfter(now.plus(skew))) {
                throw new AuthFailure(AuthErrors.clockSkew(profile, requestTime, now));
            }
            return;
        }
        if (requestTime.isAfter(now.plus(skew))) {
            throw new AuthFailure(AuthErrors.presignNotYetValid(profile, requestTime, now));
        }
        if (claim.expires().isPresent()) {
            Instant expiry = requestTime.plus(claim.expires().get());
            if (now.isAfter(expiry)) {
                throw new AuthFailure(AuthErrors.presignExpired(profile, expiry, now));
            }
        } else if (requestTime.isBefore(now.minus(skew))) {
            throw new AuthFailure(AuthErrors.clockSkew(profile, requestTime, now));
        }
    }

    private static void checkSession(ServiceProfile profile, Claim claim, SigningCredential<?> credential,
            Instant now) throws AuthFailure {
        if (!credential.sessionToken().equals(claim.securityToken())) {
            throw new AuthFailure(AuthErrors.invalidToken(profile));
        }
        if (credential.expiresAt().isPresent() && !now.isBefore(credential.expiresAt().get())) {
            throw new AuthFailure(AuthErrors.expiredToken(profile));
        }
    }

    // ---- signature and payload -----------------------------------------------------------

    private AuthResult<P> checkSignatureAndPayload(SandboxRequest request, ServiceProfile profile, Claim claim,
            SigningCredential<P> credential) throws AuthFailure {
        boolean s3 = profile.errorStyle() == ErrorStyle.S3;
        PayloadMode mode;
        String hashedPayload;
        Optional<String> contentSha256 = request.headers().first("x-amz-content-sha256").map(String::strip);
        if (!s3) {
            // Outside S3 the service hashes the body itself; the header is just another header.
            mode = PayloadMode.SIGNED_PAYLOAD;
            hashedPayload = SigV4.sha256Hex(request.body());
        } else if (contentSha256.isEmpty()) {
            if (!claim.presigned()) {
                throw new AuthFailure(AuthErrors.missingContentSha256());
            }
            mode = PayloadMode.UNSIGNED_PAYLOAD;
            hashedPayload = PayloadMode.UNSIGNED_PAYLOAD.headerValue().orElseThrow();
        } else {
            hashedPayload = contentSha256.get();
            Optional<PayloadMode> named = PayloadMode.ofHeaderValue(hashedPayload);
            if (named.isEmpty() && !SigV4.isSha256Hex(hashedPayload)) {
                throw new AuthFailure(AuthErrors.invalidContentSha256());
            }
            mode = named.orElse(PayloadMode.SIGNED_PAYLOAD);
        }

        String canonicalRequest = SigV4.canonicalRequest(request.method(),
                SigV4.canonicalUri(request.rawPath(), profile.normalizePath()),
                SigV4.canonicalQuery(request.rawQuery(), claim.presigned()),
                SigV4.canonicalHeaders(request.headers(), claim.signedHeaders()),
                claim.signedHeaders(), hashedPayload);
        String stringToSign = SigV4.stringToSign(claim.amzDate(), claim.scope(), canonicalRequest);
        byte[] signingKey = SigV4.signingKey(credential.secretAccessKey(), claim.scopeDate(), claim.region(),
                claim.service());
        String expected = SigV4.signature(signingKey, stringToSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                claim.signature().getBytes(StandardCharsets.UTF_8))) {
            throw new AuthFailure(AuthErrors.signatureMismatch(profile)
                    .withComputation(claim.accessKeyId(), claim.signature(), canonicalRequest, stringToSign));
        }

        byte[] body;
        Headers trailers = new Headers();
        Optional<byte[]> bodyMd5 = Optional.empty();
        try {
            if (mode.streaming()) {
                ChunkSigning signing = mode.signedChunks()
                        ? new ChunkSigning(claim.amzDate(), claim.scope(), signingKey, expected, claim.accessKeyId(),
                                canonicalRequest)
                        : null;
                Decoded decoded = decodeStreamingBody(request, profile, signing, mode.trailer());
                body = decoded.data();
                trailers = decoded.trailers();
                bodyMd5 = Optional.of(decoded.md5());
            } else {
                body = request.body();
                if (mode == PayloadMode.SIGNED_PAYLOAD && !SigV4.sha256Hex(body).equalsIgnoreCase(hashedPayload)) {
                    throw new AuthFailure(AuthErrors.contentSha256Mismatch());
                }
            }
        } catch (AuthFailure failure) {
            AuthError error = failure.error();
            throw new AuthFailure(error.canonicalRequest().isPresent() ? error
                    : error.withComputation(claim.accessKeyId(), claim.signature(), canonicalRequest, stringToSign));
        }
        return new AuthResult.Authenticated<>(claim.accessKeyId(), credential.principal(), claim.securityToken(),
                claim.region(), claim.service(), claim.presigned(), claim.signedHeaders(), canonicalRequest,
                stringToSign, mode, body, bodyMd5, trailers);
    }

    private static Decoded decodeStreamingBody(SandboxRequest request, ServiceProfile profile, ChunkSigning signing,
            boolean trailer) throws AuthFailure {
        String declared = request.headers().first("x-amz-decoded-content-length").map(String::strip).orElse("");
        if (!declared.matches("[0-9]{1,18}")) {
            throw new AuthFailure(AuthErrors.missingDecodedLength());
        }
        long decodedLength = Long.parseLong(declared);
        if (decodedLength > HttpLimits.MAX_BODY_BYTES) {
            throw new AuthFailure(AuthErrors.entityTooLarge());
        }
        // The payload is smaller than its encoding: a larger declared size cannot be right.
        if (decodedLength > request.payload().length()) {
            throw new AuthFailure(AuthErrors.incompleteBody());
        }
        List<String> declaredTrailers = declaredTrailers(request);
        Set<ChecksumAlgorithm> announced = EnumSet.noneOf(ChecksumAlgorithm.class);
        declaredTrailers.forEach(name -> ChecksumAlgorithm.ofHeaderName(name).ifPresent(announced::add));
        Decoded decoded = AwsChunkedDecoder.decode(request.payload().stream(), (int) decodedLength, signing, trailer,
                announced, profile);
        for (String name : declaredTrailers) {
            if (decoded.trailers().first(name).isEmpty()) {
                throw new AuthFailure(AuthErrors.malformedTrailer());
            }
        }
        for (String name : decoded.trailers().lowerCaseNames()) {
            Optional<ChecksumAlgorithm> algorithm = ChecksumAlgorithm.ofHeaderName(name);
            if (algorithm.isPresent()) {
                // Announced checksums were computed while decoding; an unannounced one is computed now.
                String computed = decoded.computedChecksums().get(algorithm.get());
                if (computed == null) {
                    computed = algorithm.get().base64(decoded.data());
                }
                if (!computed.equals(decoded.trailers().first(name).orElseThrow())) {
                    throw new AuthFailure(AuthErrors.badDigest(algorithm.get().name()));
                }
            }
        }
        return decoded;
    }

    /** The trailing header names announced in {@code x-amz-trailer}, lower-cased. */
    private static List<String> declaredTrailers(SandboxRequest request) {
        List<String> names = new ArrayList<>();
        for (String value : request.headers().all("x-amz-trailer")) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
