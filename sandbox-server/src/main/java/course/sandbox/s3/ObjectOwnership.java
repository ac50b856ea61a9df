package course.sandbox.s3;

/**
 * S3 Object Ownership. New buckets are BucketOwnerEnforced: ACLs are disabled and the bucket
 * owner owns every object.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
 */
public enum ObjectOwnership {
    BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter;

    /** The value as S3 spells it, or null when it is none of the three. */
    public static ObjectOwnership parse(String value) {
        for (ObjectOwnership ownership : values()) {
            if (ownership.name().equals(value)) {
                return ownership;
            }
        }
        return null;
    }
}
