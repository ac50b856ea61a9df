package course.sandbox.auth;

import java.util.Optional;

/**
 * Why a request was not authenticated, in AWS's own terms. Rendering it in the service's wire
 * format (REST-XML, Query-XML, JSON) is the protocol layer's job.
 *
 * @param code              AWS error code, e.g. {@code SignatureDoesNotMatch}
 * @param httpStatus        the status AWS answers with
 * @param message           AWS's message text
 * @param accessKeyId       the access key id the request named, when it got that far
 * @param signatureProvided the signature the request carried, when it was compared
 * @param canonicalRequest  the canonical request the sandbox computed, when it got that far
 *                          (S3 puts it in its SignatureDoesNotMatch body; --explain prints it)
 * @param stringToSign      the string to sign the sandbox computed (for a bad chunk signature,
 *                          that chunk's string to sign)
 */
public record AuthError(
        String code,
        int httpStatus,
        String message,
        Optional<String> accessKeyId,
        Optional<String> signatureProvided,
        Optional<String> canonicalRequest,
        Optional<String> stringToSign) {

    static AuthError of(String code, int httpStatus, String message) {
        return new AuthError(code, httpStatus, message, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** This error with the computation that led to it attached. */
    AuthError withComputation(String accessKeyId, String signatureProvided, String canonicalRequest,
            String stringToSign) {
        return new AuthError(code, httpStatus, message, Optional.of(accessKeyId), Optional.of(signatureProvided),
                Optional.of(canonicalRequest), Optional.of(stringToSign));
    }
}
