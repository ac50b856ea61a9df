package course.sandbox.ecr;

import course.sandbox.iam.Credential;
import course.sandbox.service.ServiceException;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A private Amazon ECR registry per account and region: repositories holding image manifests
 * (by digest, with tags pointing at them) and the blobs they reference, blob uploads in
 * progress, and the registry passwords GetAuthorizationToken hands out (valid 12 hours). The
 * registry's HTTP side ({@link RegistryEndpoint}) and the ECR API both work on this state.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html">Private registry</a>
 */
public final class EcrModel {
    /** GetAuthorizationToken: "The authorization token is valid for 12 hours." */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    private static final Pattern REPOSITORY_NAME = Pattern.compile(
            "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

    public record Scope(String account, String region) {
        public String registryHost() {
            return account + ".dkr.ecr." + region + ".amazonaws.com";
        }

        public String repositoryArn(String name) {
            return "arn:aws:ecr:" + region + ":" + account + ":repository/" + name;
        }
    }

    /**
     * A manifest as pushed: its media type and exact bytes (the digest is over these bytes), and
     * the size ECR reports for the image, the sum of its layers.
     */
    public record Manifest(String digest, String mediaType, byte[] bytes, long size, Instant pushedAt) {
    }

    /** An image as DescribeImages lists it: a manifest and the tags pointing at it. */
    public record Image(Manifest manifest, List<String> tags) {
    }

    public record Repository(Scope scope, String name, Instant createdAt, String tagMutability) {
        public String uri() {
            return scope.registryHost() + "/" + name;
        }

        public String arn() {
            return scope.repositoryArn(name);
        }
    }

    /** A registry password: for one registry, acting as the principal that asked for it. */
    public record Token(String password, Scope scope, Credential principal, Instant expiresAt) {
    }

    private static final class Stored {
        final Repository repository;
        final Map<String, Manifest> manifests = new LinkedHashMap<>();
        final Map<String, String> tags = new TreeMap<>();
        final Map<String, byte[]> blobs = new LinkedHashMap<>();

        Stored(Repository repository) {
            this.repository = repository;
        }
    }

    private final Map<Scope, TreeMap<String, Stored>> repositories = new LinkedHashMap<>();
    private final Map<String, ByteArrayOutputStream> uploads = new LinkedHashMap<>();
    private final Map<String, Token> tokens = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    // ---- the ECR API

    public synchronized Repository createRepository(Scope scope, String name, String tagMutability, Instant now) {
        if (name == null || name.length() < 2 || name.length() > 256 || !REPOSITORY_NAME.matcher(name).matches()) {
            throw EcrErrors.invalid("Invalid parameter at 'repositoryName' failed to satisfy constraint: "
                    + "'must satisfy regular expression '" + REPOSITORY_NAME.pattern() + "''");
        }
        TreeMap<String, Stored> all = repositories(scope);
        if (all.containsKey(name)) {
            throw new ServiceException(400, "RepositoryAlreadyExistsException", "The repository with name '" + name
                    + "' already exists in the registry with id '" + scope.account() + "'");
        }
        Repository repository = new Repository(scope, name, now, tagMutability == null ? "MUTABLE" : tagMutability);
        all.put(name, new Stored(repository));
        return repository;
    }

    /** The named repositories (all when {@code names} is empty); a missing name is an error. */
    public synchronized List<Repository> describeRepositories(Scope scope, List<String> names) {
        TreeMap<String, Stored> all = repositories(scope);
        if (names.isEmpty()) {
            return all.values().stream().map(stored -> stored.repository).toList();
        }
        List<Repository> found = new ArrayList<>();
        for (String name : names) {
            found.add(stored(scope, name).repository);
        }
        return found;
    }

    /** Deletes a repository; one that still holds images only with {@code force}, as ECR does. */
    public synchronized Repository deleteRepository(Scope scope, String name, boolean force) {
        Stored stored = stored(scope, name);
        if (!stored.manifests.isEmpty() && !force) {
            throw new ServiceException(400, "RepositoryNotEmptyException", "The repository with name '" + name
                    + "' in registry with id '" + scope.account() + "' cannot be deleted because it still contains images");
        }
        repositories(scope).remove(name);
        return stored.repository;
    }

    public synchronized Token issueToken(Scope scope, Credential principal, Instant now) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Token token = new Token(HexFormat.of().formatHex(secret), scope, principal, now.plus(TOKEN_LIFETIME));
        tokens.values().removeIf(old -> old.expiresAt().isBefore(now));
        tokens.put(token.password(), token);
        return token;
    }

    /** The token a password belongs to, while it is valid. */
    public synchronized Optional<Token> authenticate(String password, Instant now) {
        Token token = tokens.get(password);
        return token == null || token.expiresAt().isBefore(now) ? Optional.empty() : Optional.of(token);
    }

    // ---- the registry (OCI distribution API)

    public synchronized boolean exists(Scope scope, String name) {
        return repositories(scope).containsKey(name);
    }

    public synchronized Optional<byte[]> blob(Scope scope, String name, String digest) {
        return Optional.ofNullable(stored(scope, name).blobs.get(digest));
    }

    public synchronized String startUpload(Scope scope, String name) {
        stored(scope, name);
        String id = UUID.randomUUID().toString();
        uploads.put(id, new ByteArrayOutputStream());
        return id;
    }

    /** Appends a chunk; the bytes received so far. */
    public synchronized long appendUpload(String id, byte[] chunk) {
        ByteArrayOutputStream upload = upload(id);
        upload.writeBytes(chunk);
        return upload.size();
    }

    /** Completes an upload: the bytes must have the digest the client names. */
    public synchronized void completeUpload(Scope scope, String name, String id, byte[] lastChunk, String digest) {
        ByteArrayOutputStream upload = upload(id);
        upload.writeBytes(lastChunk);
        byte[] bytes = upload.toByteArray();
        if (digest == null || !digest.equals(digest(bytes))) {
            throw new RegistryError(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
        }
        uploads.remove(id);
        stored(scope, name).blobs.put(digest, bytes);
    }

    /** Stores a manifest under its digest and, when the reference is a tag, points the tag at it. */
    public synchronized String putManifest(Scope scope, String name, String reference, String mediaType, byte[] bytes,
                                           String config, List<String> layers, Instant now) {
        Stored stored = stored(scope, name);
        List<String> referencedBlobs = new ArrayList<>(layers);
        if (config != null) {
            referencedBlobs.add(config);
        }
        for (String blob : referencedBlobs) {
            if (!stored.blobs.containsKey(blob)) {
                throw new RegistryError(400, "BLOB_UNKNOWN", "blob unknown to registry: " + blob);
            }
        }
        String digest = digest(bytes);
        if (reference.startsWith("sha256:") && !reference.equals(digest)) {
            throw new RegistryError(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
        }
        long size = layers.stream().mapToLong(layer -> stored.blobs.get(layer).length).sum();
        stored.manifests.put(digest, new Manifest(digest, mediaType, bytes, size, now));
        if (!reference.startsWith("sha256:")) {
            stored.tags.put(reference, digest);
        }
        return digest;
    }

    /** The repository's images, oldest push first. */
    public synchronized List<Image> images(Scope scope, String name) {
        Stored stored = stored(scope, name);
        List<Image> images = new ArrayList<>();
        for (Manifest manifest : stored.manifests.values()) {
            List<String> tags = stored.tags.entrySet().stream().filter(tag -> tag.getValue().equals(manifest.digest()))
                    .map(Map.Entry::getKey).toList();
            images.add(new Image(manifest, tags));
        }
        return images;
    }

    /** A manifest by tag or digest. */
    public synchronized Optional<Manifest> manifest(Scope scope, String name, String reference) {
        Stored stored = stored(scope, name);
        String digest = reference.startsWith("sha256:") ? reference : stored.tags.get(reference);
        return Optional.ofNullable(digest == null ? null : stored.manifests.get(digest));
    }

    public synchronized void reset() {
        repositories.clear();
        uploads.clear();
        tokens.clear();
    }

    public static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ByteArrayOutputStream upload(String id) {
        ByteArrayOutputStream upload = uploads.get(id);
        if (upload == null) {
            throw new RegistryError(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
        }
        return upload;
    }

    private Stored stored(Scope scope, String name) {
        Stored stored = repositories(scope).get(name);
        if (stored == null) {
            throw new ServiceException(400, "RepositoryNotFoundException", "The repository with name '" + name
                    + "' does not exist in the registry with id '" + scope.account() + "'");
        }
        return stored;
    }

    private TreeMap<String, Stored> repositories(Scope scope) {
        return repositories.computeIfAbsent(scope, key -> new TreeMap<>());
    }

    /** An error of the registry's HTTP API, answered as {@code {"errors":[{"code":…,"message":…}]}}. */
    public static final class RegistryError extends RuntimeException {
        private final int status;
        private final String code;

        public RegistryError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }
}
