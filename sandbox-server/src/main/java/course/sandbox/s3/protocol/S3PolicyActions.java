package course.sandbox.s3.protocol;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The actions a bucket policy may name: Amazon S3's actions in the Service Authorization
 * Reference (service prefix s3). PutBucketPolicy refuses any other with "Policy has invalid
 * action"; a wildcard is valid when it matches at least one of them. Names are case-insensitive.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
final class S3PolicyActions {
    private static final List<String> NAMES = List.of(
            "AbortMultipartUpload", "AssociateAccessGrantsIdentityCenter", "BypassGovernanceRetention",
            "CreateAccessGrant", "CreateAccessGrantsInstance", "CreateAccessGrantsLocation", "CreateAccessPoint",
            "CreateAccessPointForObjectLambda", "CreateBucket", "CreateBucketMetadataTableConfiguration", "CreateJob",
            "CreateMultiRegionAccessPoint", "CreateStorageLensGroup", "DeleteAccessGrant", "DeleteAccessGrantsInstance",
            "DeleteAccessGrantsInstanceResourcePolicy", "DeleteAccessGrantsLocation", "DeleteAccessPoint",
            "DeleteAccessPointForObjectLambda", "DeleteAccessPointPolicy", "DeleteAccessPointPolicyForObjectLambda",
            "DeleteBucket", "DeleteBucketMetadataTableConfiguration", "DeleteBucketOwnershipControls",
            "DeleteBucketPolicy", "DeleteBucketWebsite", "DeleteJobTagging", "DeleteMultiRegionAccessPoint",
            "DeleteObject", "DeleteObjectTagging", "DeleteObjectVersion", "DeleteObjectVersionTagging",
            "DeleteStorageLensConfiguration", "DeleteStorageLensConfigurationTagging", "DeleteStorageLensGroup",
            "DescribeJob", "DescribeMultiRegionAccessPointOperation", "DissociateAccessGrantsIdentityCenter",
            "GetAccelerateConfiguration", "GetAccessGrant", "GetAccessGrantsInstance",
            "GetAccessGrantsInstanceForPrefix", "GetAccessGrantsInstanceResourcePolicy", "GetAccessGrantsLocation",
            "GetAccessPoint", "GetAccessPointConfigurationForObjectLambda", "GetAccessPointForObjectLambda",
            "GetAccessPointPolicy", "GetAccessPointPolicyForObjectLambda", "GetAccessPointPolicyStatus",
            "GetAccessPointPolicyStatusForObjectLambda", "GetAccountPublicAccessBlock", "GetAnalyticsConfiguration",
            "GetBucketAcl", "GetBucketCORS", "GetBucketLocation", "GetBucketLogging",
            "GetBucketMetadataTableConfiguration", "GetBucketNotification", "GetBucketObjectLockConfiguration",
            "GetBucketOwnershipControls", "GetBucketPolicy", "GetBucketPolicyStatus", "GetBucketPublicAccessBlock",
            "GetBucketRequestPayment", "GetBucketTagging", "GetBucketVersioning", "GetBucketWebsite", "GetDataAccess",
            "GetEncryptionConfiguration", "GetIntelligentTieringConfiguration", "GetInventoryConfiguration",
            "GetJobTagging", "GetLifecycleConfiguration", "GetMetricsConfiguration", "GetMultiRegionAccessPoint",
            "GetMultiRegionAccessPointPolicy", "GetMultiRegionAccessPointPolicyStatus",
            "GetMultiRegionAccessPointRoutes", "GetObject", "GetObjectAcl", "GetObjectAttributes",
            "GetObjectLegalHold", "GetObjectRetention", "GetObjectTagging", "GetObjectTorrent", "GetObjectVersion",
            "GetObjectVersionAcl", "GetObjectVersionAttributes", "GetObjectVersionForReplication",
            "GetObjectVersionTagging", "GetObjectVersionTorrent", "GetReplicationConfiguration",
            "GetStorageLensConfiguration", "GetStorageLensConfigurationTagging", "GetStorageLensDashboard",
            "GetStorageLensGroup", "InitiateReplication", "ListAccessGrants", "ListAccessGrantsInstances",
            "ListAccessGrantsLocations", "ListAccessPoints", "ListAccessPointsForObjectLambda", "ListAllMyBuckets",
            "ListBucket", "ListBucketMultipartUploads", "ListBucketVersions", "ListCallerAccessGrants", "ListJobs",
            "ListMultiRegionAccessPoints", "ListMultipartUploadParts", "ListStorageLensConfigurations",
            "ListStorageLensGroups", "ListTagsForResource", "ObjectOwnerOverrideToBucketOwner", "PauseReplication",
            "PutAccelerateConfiguration", "PutAccessGrantsInstanceResourcePolicy",
            "PutAccessPointConfigurationForObjectLambda", "PutAccessPointPolicy", "PutAccessPointPolicyForObjectLambda",
            "PutAccessPointPublicAccessBlock", "PutAccountPublicAccessBlock", "PutAnalyticsConfiguration",
            "PutBucketAcl", "PutBucketCORS", "PutBucketLogging", "PutBucketNotification",
            "PutBucketObjectLockConfiguration", "PutBucketOwnershipControls", "PutBucketPolicy",
            "PutBucketPublicAccessBlock", "PutBucketRequestPayment", "PutBucketTagging", "PutBucketVersioning",
            "PutBucketWebsite", "PutEncryptionConfiguration", "PutIntelligentTieringConfiguration",
            "PutInventoryConfiguration", "PutJobTagging", "PutLifecycleConfiguration", "PutMetricsConfiguration",
            "PutMultiRegionAccessPointPolicy", "PutObject", "PutObjectAcl", "PutObjectLegalHold",
            "PutObjectRetention", "PutObjectTagging", "PutObjectVersionAcl", "PutObjectVersionTagging",
            "PutReplicationConfiguration", "PutStorageLensConfiguration", "PutStorageLensConfigurationTagging",
            "ReplicateDelete", "ReplicateObject", "ReplicateTags", "RestoreObject",
            "SubmitMultiRegionAccessPointRoutes", "TagResource", "UntagResource", "UpdateAccessGrantsLocation",
            "UpdateBucketMetadataInventoryTableConfiguration", "UpdateBucketMetadataJournalTableConfiguration",
            "UpdateJobPriority", "UpdateJobStatus", "UpdateStorageLensGroup");
    private static final List<String> LOWER = NAMES.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();

    private S3PolicyActions() {
    }

    /** IAM's action wildcards: '*' any run of characters, '?' any one. */
    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    /** Whether a policy's Action value names at least one S3 action ("*", "s3:*", "s3:Get*", "s3:GetObject"). */
    static boolean isValid(String action) {
        if (action.equals("*")) {
            return true;
        }
        int colon = action.indexOf(':');
        if (colon < 0 || !action.substring(0, colon).equalsIgnoreCase("s3")) {
            return false;
        }
        Pattern name = glob(action.substring(colon + 1).toLowerCase(Locale.ROOT));
        return LOWER.stream().anyMatch(known -> name.matcher(known).matches());
    }
}
