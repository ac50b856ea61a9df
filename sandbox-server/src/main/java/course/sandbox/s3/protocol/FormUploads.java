package course.sandbox.s3.protocol;

import course.sandbox.auth.SigV4;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxResponse;
import course.sandbox.iam.Credential;
import course.sandbox.iam.policy.AccessDeniedMessage;
import course.sandbox.iam.policy.ContextValue;
import course.sandbox.iam.policy.DenialReason;
import course.sandbox.iam.policy.EvaluationResult;
import course.sandbox.s3.ObjectWrite;
import course.sandbox.s3.PutResult;
import course.sandbox.s3.S3Errors;
import course.sandbox.s3.S3Store;
import course.sandbox.service.Caller;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Browser form uploads (POST Object) with a signed policy: the form is its own credential. The
 * signature is checked over the base64 policy with the SigV4 signing key of the form's
 * x-amz-credential, the policy's conditions against every field, and the signer (or an
 * anonymous poster) must be allowed s3:PutObject on the key, as for a PUT.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-UsingHTTPPOST.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html
 */
final class FormUploads {
    /** Decides a permission for a caller the form names, as the pipeline decides for a signed request. */
    @FunctionalInterface
    interface CallerAuthorizer {
        EvaluationResult decide(ServiceRequest request, Permission permission);
    }

    private static final List<String> STORED_FIELDS = List.of("Cache-Control", "Content-Disposition", "Content-Encoding",
            "Expires");

    private final S3Store store;
    private final BucketPolicies policies;
    private final Function<String, Optional<Credential>> credentials;
    private final CallerAuthorizer authorizer;
    private final String account;

    FormUploads(S3Store store, BucketPolicies policies, Function<String, Optional<Credential>> credentials,
                CallerAuthorizer authorizer, String account) {
        this.store = store;
        this.policies = policies;
        this.credentials = credentials;
        this.authorizer = authorizer;
        this.account = account;
    }

    SandboxResponse post(S3Request request) {
        String bucket = request.bucket();
        String resource = "/" + bucket;
        store.headBucket(bucket);
        PostObjectForm form = PostObjectForm.parse(request);
        String key = form.field("key").filter(k -> !k.isEmpty()).orElseThrow(() -> new ServiceException(400, "InvalidArgument",
                "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.")
                .detail("ArgumentName", "key").detail("ArgumentValue", "").resource(resource))
                .replace("${filename}", form.fileName());
        Caller caller = form.field("x-amz-signature").isPresent() || form.field("policy").isPresent()
                ? Caller.of(verify(form, request, resource))
                : Caller.anonymous();
        authorize(request, caller, bucket, key);
        if (form.field("acl").isPresent()) {
            String acl = form.field("acl").get().trim();
            boolean ownerOnly = acl.equals("private") || acl.equals("bucket-owner-full-control");
            boolean publicAcl = acl.equals("public-read") || acl.equals("public-read-write") || acl.equals("authenticated-read");
            AccessControlLists.requireAllowed(new AccessControlLists.Grants(ownerOnly, publicAcl),
                    store.configuration(bucket), resource);
        }
        // What a form may also ask for and the sandbox does not run: refused, never dropped.
        if (form.field("tagging").isPresent()) {
            throw S3Errors.notImplementedHeader("tagging", resource);
        }
        if (form.field("x-amz-server-side-encryption").filter(sse -> !sse.trim().equals("AES256")).isPresent()) {
            throw S3Errors.notImplementedHeader("x-amz-server-side-encryption", resource);
        }
        ObjectWrite write = ObjectWrite.of(form.file());
        form.field("Content-Type").ifPresent(write::contentType);
        form.fields().forEach((name, value) -> {
            if (name.startsWith("x-amz-meta-")) {
                write.metadata(name.substring("x-amz-meta-".length()), value);
            }
        });
        STORED_FIELDS.forEach(header -> form.field(header).ifPresent(value -> write.header(header, value)));
        String owner = caller.credential().map(c -> c.principal().accountId()).orElse(account);
        PutResult result = store.putObject(owner, bucket, key, write);
        return answer(request, form, key, result);
    }

    /** The credential whose key signed the policy; every failure answers as S3 does. */
    private Credential verify(PostObjectForm form, S3Request request, String resource) {
        String policy = form.field("policy").orElseThrow(() -> missingField("policy", resource));
        String algorithm = form.field("x-amz-algorithm").orElseThrow(() -> missingField("x-amz-algorithm", resource));
        if (!algorithm.equals(SigV4.ALGORITHM)) {
            throw new ServiceException(400, "InvalidArgument", "Only AWS4-HMAC-SHA256 is supported")
                    .detail("ArgumentName", "x-amz-algorithm").detail("ArgumentValue", algorithm)
                    .resource(resource);
        }
        String scope = form.field("x-amz-credential").orElseThrow(() -> missingField("x-amz-credential", resource));
        String[] parts = scope.split("/");
        if (parts.length != 5 || !parts[4].equals(SigV4.TERMINATOR)) {
            throw new ServiceException(400, "InvalidArgument", "Invalid argument.").detail("ArgumentName", "x-amz-credential")
                    .detail("ArgumentValue", scope).resource(resource);
        }
        String signature = form.field("x-amz-signature").orElseThrow(() -> missingField("x-amz-signature", resource));
        Credential credential = credentials.apply(parts[0]).filter(Credential::active)
                .orElseThrow(() -> new ServiceException(403, "InvalidAccessKeyId",
                        "The AWS Access Key Id you provided does not exist in our records.")
                        .detail("AWSAccessKeyId", parts[0]).resource(resource));
        if (credential.isTemporary()) {
            if (!credential.sessionToken().equals(form.field("x-amz-security-token"))) {
                throw new ServiceException(403, "InvalidToken", "The provided token is malformed or otherwise invalid.")
                        .resource(resource);
            }
            if (credential.isExpiredAt(request.service().now())) {
                throw new ServiceException(400, "ExpiredToken", "The provided token has expired.")
                        .resource(resource);
            }
        }
        String expected = SigV4.signature(SigV4.signingKey(credential.secretAccessKey(), parts[1], parts[2], parts[3]), policy);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new ServiceException(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the"
                    + " signature you provided. Check your key and signing method.")
                    .detail("AWSAccessKeyId", parts[0]).detail("StringToSign", policy)
                    .detail("SignatureProvided", signature).resource(resource);
        }
        PostPolicy.parse(policy, resource).check(form, request.bucket(), request.service().now(), resource);
        return credential;
    }

    /** s3:PutObject on the key, decided for the form's signer (or anonymous) with the bucket policy. */
    private void authorize(S3Request request, Caller caller, String bucket, String key) {
        String objectArn = "arn:aws:s3:::" + bucket + "/" + key;
        Permission permission = Permission.of("s3:PutObject", objectArn)
                .withContext(caller.isAnonymous() ? Map.of() : Map.of("s3:authType", ContextValue.string("POST"),
                        "s3:signatureversion", ContextValue.string(SigV4.ALGORITHM)))
                .withResourcePolicy(policies.of(bucket, caller));
        ServiceRequest asCaller = new ServiceRequest(request.service().http(), request.body(), Optional.empty(), new Headers(),
                caller, request.service().region(), request.service().requestId(), request.service().now(),
                request.service().route());
        EvaluationResult result = authorizer.decide(asCaller, permission);
        if (!result.allowed()) {
            DenialReason reason = Optional.ofNullable(result.denialReason()).orElse(DenialReason.NO_RESOURCE_ALLOW);
            String principal = caller.credential().map(c -> c.principal().arn()).orElse(null);
            throw new ServiceException(403, "AccessDenied", AccessDeniedMessage.of(principal, "s3:PutObject", objectArn, reason))
                    .resource("/" + bucket + "/" + key);
        }
    }

    /** 204 by default; success_action_status 200 or 201 (with a PostResponse document); success_action_redirect 303. */
    private static SandboxResponse answer(S3Request request, PostObjectForm form, String key, PutResult result) {
        String host = request.header("Host").orElse("127.0.0.1");
        String location = "http://" + host + "/" + request.bucket() + "/" + SigV4.uriEncode(key, false);
        Optional<String> redirect = form.field("success_action_redirect").or(() -> form.field("redirect"))
                .filter(url -> url.startsWith("http://") || url.startsWith("https://"));
        String status = form.field("success_action_status").orElse("204");
        SandboxResponse response;
        if (redirect.isPresent()) {
            String url = redirect.get();
            response = new SandboxResponse(303, new Headers().add("Location", url + (url.contains("?") ? "&" : "?")
                    + "bucket=" + encode(request.bucket()) + "&key=" + encode(key) + "&etag=" + encode(result.etag())),
                    new byte[0]);
        } else if (status.equals("201")) {
            response = SandboxResponse.xml(201, S3Xml.plainDocument("PostResponse").element("Location", location)
                    .element("Bucket", request.bucket()).element("Key", key).element("ETag", result.etag())
                    .finish("PostResponse"));
            response.headers().add("Location", location);
        } else {
            response = new SandboxResponse(status.equals("200") ? 200 : 204, new Headers().add("Location", location),
                    new byte[0]);
        }
        response.headers().add("ETag", result.etag());
        if (result.versionId() != null) {
            response.headers().add("x-amz-version-id", result.versionId());
        }
        return response;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static ServiceException missingField(String field, String resource) {
        return new ServiceException(400, "InvalidArgument", "Bucket POST must contain a field named '" + field
                + "'.  If it is specified, please check the order of the fields.")
                .detail("ArgumentName", field).detail("ArgumentValue", "").resource(resource);
    }
}
