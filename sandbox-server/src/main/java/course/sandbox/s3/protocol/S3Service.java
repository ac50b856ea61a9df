package course.sandbox.s3.protocol;

import course.sandbox.auth.SigV4;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.XmlBuilder;
import course.sandbox.s3.S3Exception;
import course.sandbox.s3.S3Store;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

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
        try {
            return withRequestIds(handlers.handle(S3Action.valueOf(operation.name()), s3, authorization),
                    request.requestId());
        } catch (S3Exception error) {
            throw S3ProtocolErrors.from(error);
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
        return withRequestIds(new SandboxResponse(error.status(), headers, body), request.requestId());
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
