package course.sandbox.s3.protocol;

import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.RestXmlCodec;
import course.sandbox.s3.S3Store;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceRegistry;
import course.sandbox.service.ServiceRequest;

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

    /** @param account the sandbox's account: owner of every bucket policy and of anonymous writes */
    public S3Service(S3Store store, String account) {
        this.store = store;
        this.policies = new BucketPolicies(store, account);
        this.permissions = new S3Permissions(policies::of, account);
        this.handlers = new S3Handlers(store, policies, permissions, account);
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("s3");
    }

    @Override
    public Operation operation(ServiceRequest request) {
        S3Request s3 = S3Request.of(request);
        S3Action action = S3Routes.route(s3);
        // No IAM action names a DeleteObjects batch itself: each key is authorized as it is deleted.
        return action == S3Action.DeleteObjects ? Operation.authorizedWhileHandling(action.name())
                : new Operation(action.name(), permissions.of(action, s3));
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        S3Request s3 = S3Request.of(request);
        return RestXmlCodec.withRequestIds(handlers.handle(S3Action.valueOf(operation.name()), s3, authorization),
                request.requestId());
    }

    @Override
    public void reset() {
        store.reset();
    }
}
