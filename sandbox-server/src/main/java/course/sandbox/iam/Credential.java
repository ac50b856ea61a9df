package course.sandbox.iam;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an access key id stands for: its secret, who it belongs to, and for temporary
 * (STS) credentials the session token, expiry and session policies.
 *
 * @param sessionPolicy     the inline session policy passed to AssumeRole, if any
 * @param sessionPolicyArns managed session policies passed to AssumeRole (PolicyArns)
 */
public record Credential(
        String accessKeyId,
        String secretAccessKey,
        Principal principal,
        Optional<String> sessionToken,
        Optional<Instant> expiration,
        boolean active,
        Optional<String> sessionPolicy,
        List<String> sessionPolicyArns) {

    public boolean isTemporary() {
        return sessionToken.isPresent();
    }

    public boolean isExpiredAt(Instant now) {
        return expiration.map(e -> !now.isBefore(e)).orElse(false);
    }
}
