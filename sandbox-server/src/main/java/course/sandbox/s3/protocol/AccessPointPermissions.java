package course.sandbox.s3.protocol;

import course.sandbox.iam.policy.ContextValue;
import course.sandbox.iam.policy.PolicyDocument;
import course.sandbox.iam.policy.PolicyKind;
import course.sandbox.iam.policy.ResourcePolicy;
import course.sandbox.s3.AccessPoint;
import course.sandbox.s3.AccessPointDirectory;
import course.sandbox.s3.PublicAccessBlock;
import course.sandbox.s3.PublicPolicies;
import course.sandbox.s3.S3Errors;
import course.sandbox.service.Caller;
import course.sandbox.service.Permission;
import course.sandbox.service.ServiceException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a request through an access point needs. "For an application or user to be able to
 * access objects through an access point, both the access point and the underlying bucket must
 * permit the request": each permission is asked twice, on the access point ({@code ARN} or
 * {@code ARN/object/KEY}) with the access point's policy, then on the bucket with the bucket
 * policy, both with the keys a bucket policy delegates on (s3:DataAccessPointArn,
 * s3:DataAccessPointAccount, s3:AccessPointNetworkOrigin).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html
 */
final class AccessPointPermissions {
    /** https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-service-api-support.html */
    private static final Set<S3Action> SERVED = EnumSet.of(S3Action.AbortMultipartUpload, S3Action.CompleteMultipartUpload,
            S3Action.CopyObject, S3Action.CreateMultipartUpload, S3Action.DeleteObject, S3Action.DeleteObjects,
            S3Action.DeleteObjectTagging, S3Action.GetBucketAcl, S3Action.GetBucketCors, S3Action.GetBucketLocation,
            S3Action.GetBucketNotificationConfiguration, S3Action.GetBucketPolicy, S3Action.GetObject, S3Action.GetObjectAcl,
            S3Action.GetObjectAttributes, S3Action.GetObjectLegalHold, S3Action.GetObjectRetention, S3Action.GetObjectTagging,
            S3Action.HeadBucket, S3Action.HeadObject, S3Action.ListMultipartUploads, S3Action.ListObjects,
            S3Action.ListObjectsV2, S3Action.ListObjectVersions, S3Action.ListParts, S3Action.PutObject,
            S3Action.PutObjectAcl, S3Action.PutObjectTagging, S3Action.UploadPart, S3Action.UploadPartCopy);

    private final AccessPointDirectory directory;
    private final Map<String, PolicyDocument> parsed = new ConcurrentHashMap<>();

    AccessPointPermissions(AccessPointDirectory directory) {
        this.directory = directory;
    }

    /**
     * Refuses what access points do not serve (bucket administration) and, for a VPC-only access
     * point, every request: the sandbox is reached over the Internet, never from a VPC.
     */
    static void check(S3Action action, S3Request request) {
        AccessPoint accessPoint = request.accessPoint();
        if (accessPoint == null) {
            return;
        }
        if (!SERVED.contains(action)) {
            throw S3Errors.invalidRequest(action + " is not supported through an access point: access points"
                    + " serve object operations only.", request.resource());
        }
        if (accessPoint.vpcId() != null) {
            throw new ServiceException(403, "AccessDenied", "Access Denied: access point " + accessPoint.name()
                    + " accepts requests only from VPC " + accessPoint.vpcId() + ", and this one came from the Internet.")
                    .resource(request.resource());
        }
    }

    /** The permissions of a request as they apply through its access point (unchanged without one). */
    List<Permission> through(S3Request request, List<Permission> permissions) {
        AccessPoint accessPoint = request.accessPoint();
        if (accessPoint == null) {
            return permissions;
        }
        Map<String, ContextValue> keys = Map.of(
                "s3:DataAccessPointArn", ContextValue.string(accessPoint.arn()),
                "s3:DataAccessPointAccount", ContextValue.string(accessPoint.account()),
                "s3:AccessPointNetworkOrigin", ContextValue.string(accessPoint.networkOrigin()));
        Optional<ResourcePolicy> accessPointPolicy = policy(accessPoint, request.service().caller());
        String bucketArn = request.bucketArn();
        List<Permission> result = new ArrayList<>();
        for (Permission permission : permissions) {
            String resource = permission.resource();
            if (!resource.equals(bucketArn) && !resource.startsWith(bucketArn + "/")) {
                result.add(permission); // a copy's source, named by bucket
                continue;
            }
            Map<String, ContextValue> context = new LinkedHashMap<>(permission.context());
            context.putAll(keys);
            String onAccessPoint = resource.equals(bucketArn) ? accessPoint.arn()
                    : accessPoint.objectArn(resource.substring(bucketArn.length() + 1));
            result.add(new Permission(permission.action(), onAccessPoint, context, accessPointPolicy, false));
            result.add(permission.withContext(context));
        }
        return result;
    }

    /**
     * The access point's policy for the engine. While RestrictPublicBuckets is on (for the access
     * point or the account) and the policy is public, it grants nothing outside the account.
     */
    private Optional<ResourcePolicy> policy(AccessPoint accessPoint, Caller caller) {
        return accessPoint.policyDocument().flatMap(json -> {
            PolicyDocument document = parsed.computeIfAbsent(json, text -> PolicyDocument.parse(text, PolicyKind.RESOURCE));
            PublicAccessBlock account = directory.accountPublicAccessBlock(accessPoint.account());
            boolean restricted = accessPoint.publicAccessBlock().restrictPublicBuckets() || account.restrictPublicBuckets();
            boolean insideAccount = caller.credential()
                    .map(credential -> credential.principal().accountId().equals(accessPoint.account())).orElse(false);
            if (restricted && !insideAccount && PublicPolicies.isPublic(document)) {
                return Optional.empty();
            }
            return Optional.of(new ResourcePolicy(accessPoint.arn(), accessPoint.account(), document));
        });
    }
}
