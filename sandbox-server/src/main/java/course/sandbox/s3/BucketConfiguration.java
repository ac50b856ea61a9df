package course.sandbox.s3;

/**
 * A bucket's configuration besides versioning, tags and policy, as AWS sets it up for a new
 * bucket today: Block Public Access on, Object Ownership BucketOwnerEnforced (ACLs disabled),
 * default encryption SSE-S3; no CORS, website or lifecycle. Immutable; each change makes a new one.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-overview.html
 *
 * @param publicAccessBlock null when deleted (nothing blocked)
 * @param ownership         null when the ownership controls were deleted (ACLs enabled, ObjectWriter)
 */
public record BucketConfiguration(PublicAccessBlock publicAccessBlock, ObjectOwnership ownership,
                                  BucketEncryption encryption, CorsConfiguration cors, WebsiteConfiguration website,
                                  LifecycleConfiguration lifecycle) {

    public static BucketConfiguration newBucket() {
        return new BucketConfiguration(PublicAccessBlock.ALL_ON, ObjectOwnership.BucketOwnerEnforced,
                BucketEncryption.SSE_S3, null, null, null);
    }

    public BucketConfiguration {
        encryption = encryption == null ? BucketEncryption.SSE_S3 : encryption;
    }

    /** The settings in force: none configured blocks nothing. */
    public PublicAccessBlock effectivePublicAccessBlock() {
        return publicAccessBlock == null ? PublicAccessBlock.NONE : publicAccessBlock;
    }

    public boolean aclsEnabled() {
        return ownership != ObjectOwnership.BucketOwnerEnforced;
    }

    public BucketConfiguration withPublicAccessBlock(PublicAccessBlock value) {
        return new BucketConfiguration(value, ownership, encryption, cors, website, lifecycle);
    }

    public BucketConfiguration withOwnership(ObjectOwnership value) {
        return new BucketConfiguration(publicAccessBlock, value, encryption, cors, website, lifecycle);
    }

    public BucketConfiguration withEncryption(BucketEncryption value) {
        return new BucketConfiguration(publicAccessBlock, ownership, value, cors, website, lifecycle);
    }

    public BucketConfiguration withCors(CorsConfiguration value) {
        return new BucketConfiguration(publicAccessBlock, ownership, encryption, value, website, lifecycle);
    }

    public BucketConfiguration withWebsite(WebsiteConfiguration value) {
        return new BucketConfiguration(publicAccessBlock, ownership, encryption, cors, value, lifecycle);
    }

    public BucketConfiguration withLifecycle(LifecycleConfiguration value) {
        return new BucketConfiguration(publicAccessBlock, ownership, encryption, cors, website, value);
    }
}
