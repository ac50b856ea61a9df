package course.sandbox.s3;

import java.util.Set;

/**
 * Where CreateBucket puts a bucket: its LocationConstraint against the region of the endpoint
 * the request was sent to (the sandbox has one endpoint; the region the request was signed for
 * stands for it). us-east-1 takes no constraint; any other regional endpoint needs its own.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucketConfiguration.html
 */
public final class BucketLocations {
    /** S3's BucketLocationConstraint values ("EU" is the old name of eu-west-1). */
    static final Set<String> CONSTRAINTS = Set.of(
            "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
            "ap-southeast-5", "ap-southeast-7", "ca-central-1", "ca-west-1", "cn-north-1", "cn-northwest-1", "EU",
            "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
            "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-2",
            "us-gov-east-1", "us-gov-west-1", "us-west-1", "us-west-2");

    private BucketLocations() {
    }

    /**
     * The bucket's region.
     *
     * @param constraint     the LocationConstraint sent, or null
     * @param endpointRegion the region of the endpoint (the signing region)
     * @throws ServiceException InvalidLocationConstraint (us-east-1 or an unknown region as constraint),
     *                     IllegalLocationConstraintException (a constraint, or none, that does
     *                     not fit a regional endpoint outside us-east-1)
     */
    public static String regionFor(String constraint, String endpointRegion, String bucket) {
        if (constraint != null && !CONSTRAINTS.contains(constraint)) {
            throw S3Errors.error("InvalidLocationConstraint", 400, "The specified location-constraint is not valid",
                    "/" + bucket).detail("LocationConstraint", constraint);
        }
        String region = constraint == null ? S3Store.DEFAULT_REGION : constraint.equals("EU") ? "eu-west-1" : constraint;
        if (!endpointRegion.equals(S3Store.DEFAULT_REGION) && !region.equals(endpointRegion)) {
            String named = constraint == null ? "unspecified" : constraint;
            throw S3Errors.error("IllegalLocationConstraintException", 400, "The " + named
                    + " location constraint is incompatible for the region specific endpoint this request was sent to.",
                    "/" + bucket);
        }
        return region;
    }
}
