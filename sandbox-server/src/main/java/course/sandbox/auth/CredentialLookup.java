package course.sandbox.auth;

import java.util.Optional;

/**
 * Where the verifier finds the secret behind an access key id. The integrator backs this with
 * the IAM model (root key, users' access keys, STS session credentials).
 *
 * @param <P> the caller's opaque handle for the principal the key belongs to (a user, a role
 *            session, root); the verifier only carries it into the result
 */
@FunctionalInterface
public interface CredentialLookup<P> {
    /** The credential with this access key id, or empty when no such key exists (or it is inactive). */
    Optional<SigningCredential<P>> find(String accessKeyId);
}
