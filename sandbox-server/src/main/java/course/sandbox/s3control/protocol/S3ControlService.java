package course.sandbox.s3control.protocol;

import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.RestXmlCodec;
import course.sandbox.s3control.BatchJobs;
import course.sandbox.s3control.S3ControlModel;
import course.sandbox.service.Authorization;
import course.sandbox.service.AwsService;
import course.sandbox.service.Operation;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceDescriptor;
import course.sandbox.service.ServiceRegistry;
import course.sandbox.service.ServiceRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * S3 Control behind the pipeline: REST-XML under {@code /v20180820/}, signed for s3, reached at
 * {@code {account}.s3-control.{region}.amazonaws.com} (through the router's {@code /_host/} form on
 * 127.0.0.1). Access points and the account's Block Public Access live in {@link S3ControlModel},
 * Batch Operations jobs in {@link BatchJobs}.
 */
public final class S3ControlService implements AwsService {
    private final S3ControlModel model;
    private final BatchJobs jobs;
    private final S3ControlHandlers handlers;

    public S3ControlService(S3ControlModel model, BatchJobs jobs) {
        this.model = model;
        this.jobs = jobs;
        this.handlers = new S3ControlHandlers(model, jobs);
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceRegistry.get("s3control");
    }

    @Override
    public Operation operation(ServiceRequest request) {
        S3ControlRequest control = S3ControlRequest.of(request);
        S3ControlOperation operation = control.operation();
        String resource = switch (operation.resource()) {
            case ANY -> "*";
            case ACCESS_POINT -> "arn:aws:s3:" + control.region() + ":" + control.account() + ":accesspoint/" + control.subject();
            case JOB -> "arn:aws:s3:" + control.region() + ":" + control.account() + ":job/" + control.subject();
        };
        List<Permission> permissions = new ArrayList<>(List.of(Permission.of(operation.action(), resource)));
        if (operation == S3ControlOperation.CreateJob) {
            // Handing the job a role is passing that role: https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-iam-role-policies.html
            S3ControlHandlers.roleArn(control).ifPresent(role -> permissions.add(Permission.of("iam:PassRole", role)));
        }
        return new Operation(operation.name(), permissions);
    }

    @Override
    public SandboxResponse handle(ServiceRequest request, Operation operation, Authorization authorization) {
        return RestXmlCodec.withRequestIds(handlers.handle(S3ControlRequest.of(request)), request.requestId());
    }

    /** S3 Control quotes the resource ARN in AccessDenied messages, as S3 does. */
    @Override
    public boolean quotesResourcesInDenials() {
        return true;
    }

    @Override
    public void reset() {
        model.reset();
        jobs.reset();
    }
}
