package course.sandbox.iam;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every access key the sandbox accepts: the configured root key, IAM users' keys (owned by
 * {@link IamModel}) and STS session credentials (registered by the STS model).
 */
public final class CredentialStore {
    private final IamModel iam;
    private final String rootAccessKeyId;
    private final String rootSecretAccessKey;
    private final Map<String, Credential> sessions = new HashMap<>();

    CredentialStore(IamModel iam, String rootAccessKeyId, String rootSecretAccessKey) {
        this.iam = iam;
        this.rootAccessKeyId = rootAccessKeyId;
        this.rootSecretAccessKey = rootSecretAccessKey;
    }

    public String rootAccessKeyId() {
        return rootAccessKeyId;
    }

    /**
     * The credential for an access key id, or empty when unknown (AWS: InvalidClientTokenId).
     * Inactive user keys are returned with {@code active == false}; expired sessions are
     * returned too, so the caller can answer ExpiredToken.
     */
    public Optional<Credential> lookup(String accessKeyId) {
        if (rootAccessKeyId.equals(accessKeyId)) {
            return Optional.of(new Credential(rootAccessKeyId, rootSecretAccessKey,
                    new Principal.Root(iam.accountId()), Optional.empty(), Optional.empty(), true,
                    Optional.empty(), List.of()));
        }
        synchronized (iam) {
            Credential session = sessions.get(accessKeyId);
            if (session != null) {
                return Optional.of(session);
            }
            return iam.findAccessKey(accessKeyId).map(key -> new Credential(key.accessKeyId(),
                    key.secretAccessKey(), iam.getUser(key.userName()).asPrincipal(iam.accountId()),
                    Optional.empty(), Optional.empty(), key.status() == AccessKey.Status.Active,
                    Optional.empty(), List.of()));
        }
    }

    /** Stores temporary credentials issued by STS. */
    public void registerSession(Credential session) {
        if (session.sessionToken().isEmpty() || session.expiration().isEmpty()) {
            throw new IllegalArgumentException("a session needs a token and an expiration");
        }
        synchronized (iam) {
            sessions.put(session.accessKeyId(), session);
        }
    }

    void clearSessions() {
        sessions.clear();
    }
}
