package course.sandbox.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.Authorizer;
import course.sandbox.ecr.EcrModel.RegistryError;
import course.sandbox.ecr.EcrModel.Scope;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;
import course.sandbox.iam.policy.AccessDeniedMessage;
import course.sandbox.iam.policy.DenialReason;
import course.sandbox.service.Caller;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRequest;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry side of ECR: the OCI distribution API under {@code /v2/} that docker, Jib and
 * crane push to and pull from. Clients log in with Basic auth, user {@code AWS} and the password
 * from GetAuthorizationToken; the password says which account's registry (and region) is meant.
 * Blobs are uploaded in one PUT or in PATCH chunks then a closing PUT, and checked against their
 * digest; a manifest is accepted only when the blobs it names are there.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">OCI distribution spec</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html">ECR registry authentication</a>
 */
public final class RegistryEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "([a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)";
    private static final Pattern BASE = Pattern.compile("/v2/?");
    private static final Pattern UPLOADS = Pattern.compile("/v2/" + NAME + "/blobs/uploads/?");
    private static final Pattern UPLOAD = Pattern.compile("/v2/" + NAME + "/blobs/uploads/([0-9a-f-]{36})");
    private static final Pattern BLOB = Pattern.compile("/v2/" + NAME + "/blobs/(sha256:[0-9a-f]{64})");
    private static final Pattern MANIFEST = Pattern.compile("/v2/" + NAME + "/manifests/([A-Za-z0-9_][A-Za-z0-9._-]{0,127}|sha256:[0-9a-f]{64})");

    private final EcrModel model;
    private final Authorizer authorizer;
    private final Clock clock;

    public RegistryEndpoint(EcrModel model, Authorizer authorizer, Clock clock) {
        this.model = model;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    /** Registry paths; API Gateway V2's own {@code /v2/apis…} paths never end in blobs or manifests. */
    public static boolean handles(SandboxRequest request) {
        String path = request.rawPath();
        return BASE.matcher(path).matches() || UPLOADS.matcher(path).matches() || UPLOAD.matcher(path).matches()
                || BLOB.matcher(path).matches() || MANIFEST.matcher(path).matches();
    }

    public SandboxResponse handle(SandboxRequest request) {
        Optional<EcrModel.Token> token = authenticate(request);
        if (token.isEmpty()) {
            SandboxResponse denied = error(401, "UNAUTHORIZED", "authentication required");
            denied.headers().add("WWW-Authenticate", "Basic realm=\"http://" + request.host() + "/\",service=\"ecr.amazonaws.com\"");
            return denied;
        }
        Scope scope = token.get().scope();
        String path = request.rawPath();
        String method = request.method();
        try {
            authorize(request, token.get());
            if (BASE.matcher(path).matches()) {
                return answer(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            }
            Matcher matcher;
            if ((matcher = UPLOADS.matcher(path)).matches() && method.equals("POST")) {
                return startUpload(request, scope, matcher.group(1));
            }
            if ((matcher = UPLOAD.matcher(path)).matches()) {
                return upload(request, scope, matcher.group(1), matcher.group(2));
            }
            if ((matcher = BLOB.matcher(path)).matches() && (method.equals("GET") || method.equals("HEAD"))) {
                String digest = matcher.group(2);
                requireRepository(scope, matcher.group(1));
                byte[] blob = model.blob(scope, matcher.group(1), digest)
                        .orElseThrow(() -> new RegistryError(404, "BLOB_UNKNOWN", "blob unknown to registry"));
                SandboxResponse found = answer(200, "application/octet-stream", method.equals("HEAD") ? new byte[0] : blob);
                found.headers().add("Docker-Content-Digest", digest);
                if (method.equals("HEAD")) {
                    found.headers().add("Content-Length", String.valueOf(blob.length));
                }
                return found;
            }
            if ((matcher = MANIFEST.matcher(path)).matches()) {
                return manifest(request, scope, matcher.group(1), matcher.group(2));
            }
            return error(405, "UNSUPPORTED", "The operation is unsupported.");
        } catch (RegistryError failed) {
            return error(failed.status(), failed.code(), failed.getMessage());
        } catch (ServiceException missingRepository) {
            return error(404, "NAME_UNKNOWN", missingRepository.getMessage());
        }
    }

    private SandboxResponse startUpload(SandboxRequest request, Scope scope, String name) {
        requireRepository(scope, name);
        String id = model.startUpload(scope, name);
        String digest = query(request, "digest");
        if (digest != null) {
            // A monolithic upload: POST with the whole blob and its digest.
            model.completeUpload(scope, name, id, request.body(), digest);
            return blobCreated(name, digest);
        }
        SandboxResponse accepted = answer(202, null, new byte[0]);
        accepted.headers().add("Location", "/v2/" + name + "/blobs/uploads/" + id).add("Docker-Upload-UUID", id)
                .add("Range", "0-0");
        return accepted;
    }

    private SandboxResponse upload(SandboxRequest request, Scope scope, String name, String id) {
        switch (request.method()) {
            case "PATCH" -> {
                long size = model.appendUpload(id, request.body());
                SandboxResponse accepted = answer(202, null, new byte[0]);
                accepted.headers().add("Location", "/v2/" + name + "/blobs/uploads/" + id).add("Docker-Upload-UUID", id)
                        .add("Range", "0-" + Math.max(0, size - 1));
                return accepted;
            }
            case "PUT" -> {
                String digest = query(request, "digest");
                model.completeUpload(scope, name, id, request.body(), digest);
                return blobCreated(name, digest);
            }
            default -> {
                return error(405, "UNSUPPORTED", "The operation is unsupported.");
            }
        }
    }

    private SandboxResponse manifest(SandboxRequest request, Scope scope, String name, String reference) {
        requireRepository(scope, name);
        switch (request.method()) {
            case "PUT" -> {
                byte[] body = request.body();
                String mediaType = request.headers().first("Content-Type").orElse("application/vnd.oci.image.manifest.v1+json");
                JsonNode document = manifestDocument(body);
                List<String> layers = new ArrayList<>();
                document.path("layers").forEach(layer -> layers.add(layer.path("digest").asText()));
                String config = document.path("config").hasNonNull("digest") ? document.path("config").path("digest").asText() : null;
                String digest = model.putManifest(scope, name, reference, mediaType, body, config, layers, clock.instant());
                SandboxResponse created = answer(201, null, new byte[0]);
                created.headers().add("Location", "/v2/" + name + "/manifests/" + digest).add("Docker-Content-Digest", digest);
                return created;
            }
            case "GET", "HEAD" -> {
                EcrModel.Manifest manifest = model.manifest(scope, name, reference)
                        .orElseThrow(() -> new RegistryError(404, "MANIFEST_UNKNOWN", "Requested image not found"));
                SandboxResponse found = answer(200, manifest.mediaType(),
                        request.method().equals("HEAD") ? new byte[0] : manifest.bytes());
                found.headers().add("Docker-Content-Digest", manifest.digest());
                if (request.method().equals("HEAD")) {
                    found.headers().add("Content-Length", String.valueOf(manifest.bytes().length));
                }
                return found;
            }
            default -> {
                return error(405, "UNSUPPORTED", "The operation is unsupported.");
            }
        }
    }

    private void requireRepository(Scope scope, String name) {
        if (!model.exists(scope, name)) {
            throw new RegistryError(404, "NAME_UNKNOWN", "The repository with name '" + name
                    + "' does not exist in the registry with id '" + scope.account() + "'");
        }
    }

    /**
     * Every registry call is an ECR action of the token's principal on the repository, decided by
     * the policy engine like any API call.
     *
     * @see <a href="https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html">IAM permissions for pushing an image</a>
     */
    private void authorize(SandboxRequest request, EcrModel.Token token) {
        String path = request.rawPath();
        String method = request.method();
        Matcher matcher;
        String action;
        String repository;
        if ((matcher = UPLOADS.matcher(path)).matches()) {
            action = "ecr:InitiateLayerUpload";
        } else if ((matcher = UPLOAD.matcher(path)).matches()) {
            action = method.equals("PATCH") ? "ecr:UploadLayerPart" : "ecr:CompleteLayerUpload";
        } else if ((matcher = BLOB.matcher(path)).matches()) {
            action = method.equals("HEAD") ? "ecr:BatchCheckLayerAvailability" : "ecr:GetDownloadUrlForLayer";
        } else if ((matcher = MANIFEST.matcher(path)).matches()) {
            action = method.equals("PUT") ? "ecr:PutImage" : "ecr:BatchGetImage";
        } else {
            return;
        }
        repository = token.scope().repositoryArn(matcher.group(1));
        ServiceRequest asPrincipal = new ServiceRequest(request, new byte[0], Optional.empty(), new Headers(),
                Caller.of(token.principal()), token.scope().region(), "", clock.instant(), null);
        Authorizer.Decision decision = authorizer.decide(asPrincipal, Permission.of(action, repository));
        if (!decision.result().allowed()) {
            throw new RegistryError(403, "DENIED", AccessDeniedMessage.of(decision.request().principal().arn(), action,
                    repository, Optional.ofNullable(decision.result().denialReason()).orElse(DenialReason.NO_RESOURCE_ALLOW), false));
        }
    }

    private static JsonNode manifestDocument(byte[] manifest) {
        JsonNode document;
        try {
            document = JSON.readTree(manifest);
        } catch (IOException e) {
            throw new RegistryError(400, "MANIFEST_INVALID", "manifest invalid");
        }
        if (document == null || !document.isObject()) {
            throw new RegistryError(400, "MANIFEST_INVALID", "manifest invalid");
        }
        return document;
    }

    private Optional<EcrModel.Token> authenticate(SandboxRequest request) {
        Optional<String> header = request.headers().first("Authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.get().substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!decoded.startsWith("AWS:")) {
            return Optional.empty();
        }
        return model.authenticate(decoded.substring(4), clock.instant());
    }

    private static SandboxResponse blobCreated(String name, String digest) {
        SandboxResponse created = answer(201, null, new byte[0]);
        created.headers().add("Location", "/v2/" + name + "/blobs/" + digest).add("Docker-Content-Digest", digest);
        return created;
    }

    private static String query(SandboxRequest request, String parameter) {
        for (String pair : request.rawQuery().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(parameter)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static SandboxResponse error(int status, String code, String message) {
        String body = JSON.createObjectNode().set("errors", JSON.createArrayNode().add(JSON.createObjectNode()
                .put("code", code).put("message", message))).toString();
        return answer(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static SandboxResponse answer(int status, String contentType, byte[] body) {
        Headers headers = new Headers().add("Docker-Distribution-API-Version", "registry/2.0");
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        return new SandboxResponse(status, headers, body);
    }
}
