//DEPS software.amazon.awssdk:s3

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What S3 demos share: clients for the target (Demo makes it the SDK's default) and creating a
 * bucket in the client's region. Included with //SOURCES by the demos that use S3.
 */
public final class S3Demo {
    private S3Demo() {
    }

    /** S3Client.create(), but with path-style URLs when an endpoint is given: bucket names then need no DNS of their own. */
    public static S3Client client() {
        return S3Client.builder().forcePathStyle(endpointGiven()).build();
    }

    /** {@link #client()} with other credentials, e.g. a second principal's. */
    public static S3Client client(AwsCredentialsProvider credentials) {
        return S3Client.builder().credentialsProvider(credentials).forcePathStyle(endpointGiven()).build();
    }

    /** S3Presigner.create(), with path-style URLs when an endpoint is given, as {@link #client()}. */
    public static S3Presigner presigner() {
        return S3Presigner.builder()
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(endpointGiven()).build()).build();
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

    /** Whether the SDK sends requests to an endpoint of the user's (AWS_ENDPOINT_URL, or --endpoint-url and the sandbox through Demo). */
    private static boolean endpointGiven() {
        return System.getProperty("aws.endpointUrl") != null || System.getenv("AWS_ENDPOINT_URL") != null;
    }
}
