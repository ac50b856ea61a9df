package course.sandbox.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One access key as the verifier needs it.
 *
 * @param accessKeyId     e.g. {@code AKIA...} or {@code ASIA...}
 * @param secretAccessKey the secret the signature is computed with
 * @param sessionToken    present for temporary (STS) credentials: requests must then carry
 *                        exactly this {@code X-Amz-Security-Token}; absent for long-term keys,
 *                        which must not carry one
 * @param expiresAt       when the credential stops working (STS sessions); absent = never
 * @param principal       the caller's handle for whoever owns the key
 */
public record SigningCredential<P>(
        String accessKeyId,
        String secretAccessKey,
        Optional<String> sessionToken,
        Optional<Instant> expiresAt,
        P principal) {

    public SigningCredential {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A long-term key (IAM user or root): no token, no expiry. */
    public static <P> SigningCredential<P> longTerm(String accessKeyId, String secretAccessKey, P principal) {
        return new SigningCredential<>(accessKeyId, secretAccessKey, Optional.empty(), Optional.empty(), principal);
    }

    /** Temporary credentials from STS: a session token and an expiry. */
    public static <P> SigningCredential<P> session(String accessKeyId, String secretAccessKey, String sessionToken,
            Instant expiresAt, P principal) {
        return new SigningCredential<>(accessKeyId, secretAccessKey, Optional.of(sessionToken),
                Optional.of(expiresAt), principal);
    }
}
