package course.sandbox.auth;

import course.sandbox.http.Headers;

import java.util.List;
import java.util.Optional;

/** The outcome of {@link SigV4Verifier#verify}: authenticated, anonymous, or failed. */
public sealed interface AuthResult<P> {

    /**
     * A valid signature by a known, current credential.
     *
     * @param accessKeyId      the key that signed
     * @param principal        the handle the {@link CredentialLookup} returned with it
     * @param sessionToken     the session token the request carried (temporary credentials)
     * @param region           region of the credential scope
     * @param service          service of the credential scope, e.g. {@code s3}, {@code sts}
     * @param presigned        true for query-string (presigned URL) authentication
     * @param signedHeaders    lower-case names of the signed headers
     * @param canonicalRequest what was signed
     * @param stringToSign     what was HMAC'ed
     * @param payloadMode      how the body was covered
     * @param body             the payload: the request body, or for streaming modes the
     *                         decoded aws-chunked data
     * @param trailingHeaders  trailing headers of an aws-chunked body (e.g.
     *                         {@code x-amz-checksum-crc32}); empty otherwise
     */
    record Authenticated<P>(
            String accessKeyId,
            P principal,
            Optional<String> sessionToken,
            String region,
            String service,
            boolean presigned,
            List<String> signedHeaders,
            String canonicalRequest,
            String stringToSign,
            PayloadMode payloadMode,
            byte[] body,
            Optional<byte[]> bodyMd5,
            Headers trailingHeaders) implements AuthResult<P> {
    }

    /**
     * No signature at all. Only S3 lets this through (the bucket policy decides later); other
     * services already answer with {@link Failed} {@code MissingAuthenticationToken}.
     */
    record Anonymous<P>() implements AuthResult<P> {
    }

    record Failed<P>(AuthError error) implements AuthResult<P> {
    }
}
