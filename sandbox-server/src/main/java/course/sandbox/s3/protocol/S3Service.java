package course.sandbox.s3.protocol;

import course.sandbox.http.SandboxResponse;
import course.sandbox.iam.Credential;
import course.sandbox.iam.policy.EvaluationResult;
import course.sandbox.protocol.RestXmlCodec;
import course.sandbox.s3.AccessPointDirectory;
import course.sandbox.s3.BucketEncryption;
import course.sandbox.s3.LifecycleConfiguration;
import course.sandbox.s3.S3Errors;
import course.sandbox.s3.S3Store;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRegistry;
import course.sandbox.service.ServiceRequest;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

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
    private final WebsiteEndpoint website;
    private final AccessPointDirectory accessPoints;

    /**
     * @param account     the sandbox's account: owner of every bucket policy and of anonymous writes
     * @param credentials the access keys a browser form upload may be signed with
     * @param authorizer  decides a form upload for the caller its signature names
     */
    public S3Service(S3Store store, String account, Function<String, Optional<Credential>> credentials,
                     BiFunction<ServiceRequest, Permission, EvaluationResult> authorizer) {
        this(store, account, credentials, authorizer, AccessPointDirectory.NONE);
    }

    /** @param accessPoints the access points (S3 Control's) requests may come through */
    public S3Service(S3Store store, String account, Function<String, Optional<Credential>> credentials,
                     BiFunction<ServiceRequest, Permission, EvaluationResult> authorizer, AccessPointDirectory accessPoints) {
        this.store = store;
        this.accessPoints = accessPoints;
        this.policies = new BucketPolicies(store, account, accessPoints);
        this.permissions = new S3Permissions(policies::of, account, new AccessPointPermissions(accessPoints));
        this.handlers = new S3Handlers(store, policies, permissions, account);
        this.formUploads = new FormUploads(store, policies, credentials, authorizer::apply, account);
        this.website = new WebsiteEndpoint(store, permissions);
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("s3");
    }

    @Override
    public Operation operation(ServiceRequest request) {
        S3Request s3 = S3Request.of(request, accessPoints);
        S3Action action = S3Routes.route(s3);
        AccessPointPermissions.check(action, s3);
        return switch (action) {
            // No IAM action names a DeleteObjects batch itself: each key is authorized as it is deleted.
            case DeleteObjects -> Operation.authorizedWhileHandling(action.name());
            // A form upload is signed inside its body: it is authorized once the form is read. A website
            // page is authorized once its key is known (an index document, an error document).
            case PostObject, WebsiteGet -> Operation.authorizedWhileHandling(action.name());
            // A browser's preflight carries no credentials; the bucket's CORS rules decide it.
            case OptionsObject -> Operation.noPolicy(action.name());
            default -> new Operation(action.name(), permissions.of(action, s3));
        };
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        S3Request s3 = S3Request.of(request, accessPoints);
        S3Action action = S3Action.valueOf(operation.name());
        if (s3.bucket() != null) {
            store.applyLifecycle(s3.bucket());
        }
        if (WRITES.contains(action)) {
            checkWrite(s3);
        }
        SandboxResponse response = switch (action) {
            case PostObject -> formUploads.post(s3);
            case WebsiteGet -> website.serve(s3, authorization);
            default -> handlers.handle(action, s3, authorization);
        };
        if (response.status() / 100 == 2) {
            objectHeaders(action, s3, response);
        }
        corsHeaders(s3, response);
        return RestXmlCodec.withRequestIds(response, request.requestId());
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
                case "aws:kms", "aws:kms:dsse" -> throw S3Errors.notImplementedHeader(
                        "x-amz-server-side-encryption", request.resource());
                default -> throw S3Errors.invalidArgument("The encryption method specified is not supported",
                        "x-amz-server-side-encryption", algorithm, request.resource());
            }
        });
        if (request.header("x-amz-server-side-encryption-customer-algorithm").isPresent()) {
            throw S3Errors.notImplementedHeader("x-amz-server-side-encryption-customer-algorithm",
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
        } catch (ServiceException noSuchBucket) {
            // no bucket, no CORS rules
        }
    }

    /**
     * S3's error document (an HTML page on the website endpoint), with the bucket's CORS headers
     * when a browser asked.
     */
    @Override
    public SandboxResponse render(ServiceException error, ServiceRequest request) {
        S3Request s3;
        try {
            s3 = S3Request.of(request, accessPoints);
        } catch (RuntimeException unaddressable) {
            return AwsService.super.render(error, request);
        }
        SandboxResponse response = s3.website() ? RestXmlCodec.withRequestIds(WebsiteEndpoint.errorPage(error, s3, null),
                request.requestId()) : AwsService.super.render(error, request);
        corsHeaders(s3, response);
        return response;
    }

    /** S3's AccessDenied messages quote the resource ARN. */
    @Override
    public boolean quotesResourcesInDenials() {
        return true;
    }

    @Override
    public void reset() {
        store.reset();
    }
}
