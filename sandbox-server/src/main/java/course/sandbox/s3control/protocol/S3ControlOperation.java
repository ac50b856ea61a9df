package course.sandbox.s3control.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every S3 Control operation the sandbox serves: the method and path that name it (under
 * {@code /v20180820/}), the IAM action it needs and the resource that action is decided on.
 * Access point operations are decided on the access point's ARN, except GetAccessPoint and
 * ListAccessPoints, which (like the account-level ones) take no resource type; job operations
 * on the job's ARN. CreateJob also needs iam:PassRole on the job's role.
 *
 * @see <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html">Actions, resources, and condition keys for Amazon S3</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_DeletePublicAccessBlock.html">DeletePublicAccessBlock needs s3:PutAccountPublicAccessBlock</a>
 */
public enum S3ControlOperation {
    CreateAccessPoint("PUT", Path.ACCESS_POINT, "s3:CreateAccessPoint", Resource.ACCESS_POINT),
    GetAccessPoint("GET", Path.ACCESS_POINT, "s3:GetAccessPoint", Resource.ANY),
    ListAccessPoints("GET", Path.ACCESS_POINTS, "s3:ListAccessPoints", Resource.ANY),
    DeleteAccessPoint("DELETE", Path.ACCESS_POINT, "s3:DeleteAccessPoint", Resource.ACCESS_POINT),
    PutAccessPointPolicy("PUT", Path.ACCESS_POINT_POLICY, "s3:PutAccessPointPolicy", Resource.ACCESS_POINT),
    GetAccessPointPolicy("GET", Path.ACCESS_POINT_POLICY, "s3:GetAccessPointPolicy", Resource.ACCESS_POINT),
    DeleteAccessPointPolicy("DELETE", Path.ACCESS_POINT_POLICY, "s3:DeleteAccessPointPolicy", Resource.ACCESS_POINT),
    GetAccessPointPolicyStatus("GET", Path.ACCESS_POINT_POLICY_STATUS, "s3:GetAccessPointPolicyStatus", Resource.ACCESS_POINT),
    GetPublicAccessBlock("GET", Path.PUBLIC_ACCESS_BLOCK, "s3:GetAccountPublicAccessBlock", Resource.ANY),
    PutPublicAccessBlock("PUT", Path.PUBLIC_ACCESS_BLOCK, "s3:PutAccountPublicAccessBlock", Resource.ANY),
    DeletePublicAccessBlock("DELETE", Path.PUBLIC_ACCESS_BLOCK, "s3:PutAccountPublicAccessBlock", Resource.ANY),
    CreateJob("POST", Path.JOBS, "s3:CreateJob", Resource.ANY),
    ListJobs("GET", Path.JOBS, "s3:ListJobs", Resource.ANY),
    DescribeJob("GET", Path.JOB, "s3:DescribeJob", Resource.JOB),
    UpdateJobStatus("POST", Path.JOB_STATUS, "s3:UpdateJobStatus", Resource.JOB),
    UpdateJobPriority("POST", Path.JOB_PRIORITY, "s3:UpdateJobPriority", Resource.JOB);

    /** The shapes of path the operations are addressed by, after /v20180820/. */
    enum Path {
        ACCESS_POINTS, ACCESS_POINT, ACCESS_POINT_POLICY, ACCESS_POINT_POLICY_STATUS, PUBLIC_ACCESS_BLOCK, JOBS, JOB,
        JOB_STATUS, JOB_PRIORITY
    }

    /** What the IAM action is decided on. */
    enum Resource {
        ANY, ACCESS_POINT, JOB
    }

    private final String method;
    private final Path path;
    private final String action;
    private final Resource resource;

    S3ControlOperation(String method, Path path, String action, Resource resource) {
        this.method = method;
        this.path = path;
        this.action = action;
        this.resource = resource;
    }

    public String action() {
        return action;
    }

    Resource resource() {
        return resource;
    }

    static Optional<S3ControlOperation> of(String method, Path path) {
        return Arrays.stream(values()).filter(op -> op.method.equals(method) && op.path == path).findFirst();
    }
}
