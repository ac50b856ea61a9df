package course.sandbox.service;

import course.sandbox.iam.Credential;
import course.sandbox.iam.Principal;

import java.util.Optional;

/**
 * Who sent a request, as authentication established it: the credential that signed it, or
 * nobody (an anonymous S3 request, which only a bucket policy can let through).
 */
public record Caller(Optional<Credential> credential) {

    public static Caller anonymous() {
        return new Caller(Optional.empty());
    }

    public static Caller of(Credential credential) {
        return new Caller(Optional.of(credential));
    }

    public boolean isAnonymous() {
        return credential.isEmpty();
    }

    /** The signing principal; only call when not anonymous. */
    public Principal principal() {
        return credential.orElseThrow(() -> new IllegalStateException("anonymous caller")).principal();
    }

    public String describe() {
        return credential.map(c -> c.principal().arn()).orElse("anonymous");
    }
}
