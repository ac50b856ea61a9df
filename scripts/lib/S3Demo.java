//DEPS software.amazon.awssdk:s3

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

import java.util.List;
import java.util.stream.Stream;

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

    /**
     * Empties the bucket, as S3 deletes only an empty one: aborts its unfinished multipart uploads,
     * then deletes every object version and delete marker (an unversioned object is version "null"),
     * up to 1,000 per DeleteObjects.
     */
    public static void deleteObjects(S3Client s3, String bucket) {
        for (var upload : s3.listMultipartUploadsPaginator(r -> r.bucket(bucket)).uploads()) {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
        }
        for (var page : s3.listObjectVersionsPaginator(r -> r.bucket(bucket))) {
            List<ObjectIdentifier> objects = Stream.concat(
                    page.versions().stream().map(v -> ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()),
                    page.deleteMarkers().stream().map(m -> ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()))
                    .toList();
            if (!objects.isEmpty()) {
                s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(objects).quiet(true)));
            }
        }
    }
}
