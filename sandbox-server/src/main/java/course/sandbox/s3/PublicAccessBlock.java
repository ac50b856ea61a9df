package course.sandbox.s3;

/**
 * A bucket's Block Public Access settings. New buckets have all four on (AWS's default since
 * April 2023); a bucket whose configuration was deleted has none, which blocks nothing.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
 *
 * @param blockPublicAcls       PUT calls carrying a public ACL fail
 * @param ignorePublicAcls      public ACLs are ignored
 * @param blockPublicPolicy     PutBucketPolicy with a public policy fails
 * @param restrictPublicBuckets while the policy is public, only the owner's account (and AWS
 *                              services) get access through it
 */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
                                boolean restrictPublicBuckets) {
    public static final PublicAccessBlock ALL_ON = new PublicAccessBlock(true, true, true, true);
    public static final PublicAccessBlock NONE = new PublicAccessBlock(false, false, false, false);
}
