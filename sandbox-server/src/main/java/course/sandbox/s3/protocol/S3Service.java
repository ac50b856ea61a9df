package course.sandbox.s3.protocol;

import course.sandbox.auth.SigV4;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.XmlBuilder;
import course.sandbox.iam.Credential;
import course.sandbox.iam.policy.EvaluationResult;
import course.sandbox.s3.BucketEncryption;
import course.sandbox.service.Permission;
import course.sandbox.s3.LifecycleConfiguration;
import course.sandbox.s3.S3Exception;
import course.sandbox.s3.S3Store;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.Map;
import java.util.Set;

/**
 * S3 behind the sandbox's pipeline: the REST-XML protocol over {@link S3Store}. Requests are
 * addressed ({@link S3Request}), named ({@link S3Routes}), given their IAM permissions with
 * the bucket policy attached ({@link S3Permissions}), carried out ({@link S3Handlers}) and
 * answered in S3's XML and headers; the rules themselves live in the store.
 */
public final class S3Service implements AwsService {
    private final S3Store store;
    private final BucketPolicies policies;
    private final S3Permissions permissions;
    private final S3Handlers handlers;
    private final FormUploads formUploads;

    /**
     * @param account     the sandbox's account: owner of every bucket policy and of anonymous writes
     * @param credentials the access keys a browser form upload may be signed with
     * @param authorizer  decides a form upload for the caller its signature names
     */
    public S3Service(S3Store store, String account, Function<String, Optional<Credential>> credentials,
                     BiFunction<ServiceRequest, Permission, EvaluationResult> authorizer) {
        this.store = store;
        this.policies = new BucketPolicies(store, account);
        this.permissions = new S3Permissions(policies::of, account);
        this.handlers = new S3Handlers(store, policies, permissions, account);
        this.formUploads = new FormUploads(store, policies, credentials, authorizer::apply, account);
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public Operation operation(ServiceRequest request) {
        S3Request s3 = S3Request.of(request);
        S3Action action = S3Routes.route(s3);
        return new Operation(action.name(), permissions.of(action, s3));
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        S3Request s3 = S3Request.of(request);
        S3Action action = S3Action.valueOf(operation.name());
        try {
            if (s3.bucket() != null) {
                store.applyLifecycle(s3.bucket());
            }
            if (WRITES.contains(action)) {
                checkWrite(s3);
            }
            SandboxResponse response = action == S3Action.PostObject ? formUploads.post(s3)
                    : handlers.handle(action, s3, authorization);
            if (response.status() / 100 == 2) {
                objectHeaders(action, s3, response);
            }
            corsHeaders(s3, response);
            return withRequestIds(response, request.requestId());
        } catch (S3Exception error) {
            throw S3ProtocolErrors.from(error);
        }
    }

    /** Operations that write an object: each checks the ACL and encryption it asks for. */
    private static final Set<S3Action> WRITES = EnumSet.of(S3Action.PutObject, S3Action.CopyObject,
            S3Action.CreateMultipartUpload);
    /** Operations whose answer tells how the object is encrypted (x-amz-server-side-encryption). */
    private static final Set<S3Action> ENCRYPTED_ANSWERS = EnumSet.of(S3Action.PutObject, S3Action.GetObject,
            S3Action.HeadObject, S3Action.CopyObject, S3Action.CreateMultipartUpload, S3Action.UploadPart,
            S3Action.UploadPartCopy, S3Action.CompleteMultipartUpload, S3Action.PostObject);
    /** Operations whose answer tells when lifecycle expires the object (x-amz-expiration). */
    private static final Set<S3Action> EXPIRATION_ANSWERS = EnumSet.of(S3Action.PutObject, S3Action.GetObject,
            S3Action.HeadObject, S3Action.CopyObject, S3Action.CompleteMultipartUpload);

    /**
     * An object write's ACL must suit the bucket's Object Ownership and Block Public Access; its
     * encryption must be one the sandbox runs: SSE-S3. SSE-KMS needs KMS, SSE-C customer keys.
     * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html
     */
    private void checkWrite(S3Request request) {
        if (AccessControlLists.carriesAcl(request)) {
            AccessControlLists.requireAllowed(AccessControlLists.fromHeaders(request),
                    store.configuration(request.bucket()), request.resource());
        }
        request.header("x-amz-server-side-encryption").map(String::trim).ifPresent(algorithm -> {
            switch (algorithm) {
                case BucketEncryption.AES256 -> { }
                case "aws:kms", "aws:kms:dsse" -> throw S3ProtocolErrors.notImplementedHeader(
                        "x-amz-server-side-encryption", request.resource());
                default -> throw S3ProtocolErrors.invalidArgument("The encryption method specified is not supported",
                        "x-amz-server-side-encryption", algorithm, request.resource());
            }
        });
        if (request.header("x-amz-server-side-encryption-customer-algorithm").isPresent()) {
            throw S3ProtocolErrors.notImplementedHeader("x-amz-server-side-encryption-customer-algorithm",
                    request.resource());
        }
    }

    /** Every object is stored encrypted with SSE-S3; lifecycle may have set an expiry date. */
    private void objectHeaders(S3Action action, S3Request request, SandboxResponse response) {
        if (ENCRYPTED_ANSWERS.contains(action)) {
            response.headers().add("x-amz-server-side-encryption", BucketEncryption.AES256);
        }
        if (EXPIRATION_ANSWERS.contains(action) && !request.has("versionId")) {
            LifecycleConfiguration.Expiry expiry = store.expiryOf(request.bucket(), request.key());
            if (expiry != null) {
                response.headers().add("x-amz-expiration", "expiry-date=\"" + HttpDates.format(expiry.date())
                        + "\", rule-id=\"" + expiry.ruleId() + "\"");
            }
        }
    }

    /** The bucket's CORS headers on an answer to a browser (a request with Origin), success or error. */
    private void corsHeaders(S3Request request, SandboxResponse response) {
        String origin = request.header("Origin").orElse(null);
        if (origin == null || request.bucket() == null || request.method().equals("OPTIONS")) {
            return;
        }
        try {
            CorsHeaders.forRequest(response.headers(), store.configuration(request.bucket()).cors(), origin,
                    request.method());
        } catch (S3Exception noSuchBucket) {
            // no bucket, no CORS rules
        }
    }

    @Override
    public SandboxResponse render(ServiceException error, ServiceRequest request) {
        Headers headers = new Headers();
        for (String name : error.headers().lowerCaseNames()) {
            error.headers().all(name).forEach(value -> headers.add(name, value));
        }
        byte[] body = new byte[0];
        // A 304 never has a body, and a HEAD answer cannot carry one: S3 sends only the status.
        if (error.status() != 304 && !request.http().method().equals("HEAD")) {
            XmlBuilder xml = S3Xml.plainDocument("Error")
                    .element("Code", error.code())
                    .element("Message", error.getMessage());
            String resource = null;
            for (Map.Entry<String, String> detail : error.details().entrySet()) {
                if (detail.getKey().equals(S3ProtocolErrors.RESOURCE)) {
                    resource = detail.getValue();
                } else {
                    xml.element(detail.getKey(), detail.getValue());
                }
            }
            xml.element("Resource", resource)
                    .element("RequestId", request.requestId())
                    .element("HostId", hostId(request.requestId()));
            body = xml.finish("Error").getBytes(StandardCharsets.UTF_8);
            headers.add("Content-Type", "application/xml");
        }
        SandboxResponse response = new SandboxResponse(error.status(), headers, body);
        try {
            corsHeaders(S3Request.of(request), response);
        } catch (RuntimeException unaddressable) {
            // A request too broken to name a bucket gets its error without CORS headers.
        }
        return withRequestIds(response, request.requestId());
    }

    @Override
    public void reset() {
        store.reset();
    }

    private static SandboxResponse withRequestIds(SandboxResponse response, String requestId) {
        response.headers().add("x-amz-request-id", requestId).add("x-amz-id-2", hostId(requestId));
        return response;
    }

    /** S3's x-amz-id-2 / HostId: an opaque token; derived from the request id so both stay consistent. */
    static String hostId(String requestId) {
        return Base64.getEncoder().encodeToString(SigV4.sha256(requestId.getBytes(StandardCharsets.UTF_8)));
    }
}
