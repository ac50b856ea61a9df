//DEPS software.amazon.awssdk:s3

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What S3 demos share. Their clients are the standard ones, S3Client.create(): Demo makes the
 * target the SDK's default, and S3's endpoint rules address buckets by path when the endpoint is
 * an IP address (the sandbox's http://127.0.0.1:PORT), by host name on AWS. Included with
 * //SOURCES by the demos that use S3.
 */
public final class S3Demo {
    private S3Demo() {
    }

    /** Creates the bucket in the client's region: us-east-1 is the one region that takes no location constraint. */
    public static void createBucket(S3Client s3, String bucket) {
        Region region = s3.serviceClientConfiguration().region();
        if (region.equals(Region.US_EAST_1)) {
            s3.createBucket(r -> r.bucket(bucket));
        } else {
            s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(region.id())));
        }
    }
}
