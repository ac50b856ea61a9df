package course.sandbox.s3control;

import course.sandbox.s3.Tag;

import java.util.List;
import java.util.Map;

/**
 * What a Batch Operations job does to each object of its manifest. The sandbox runs the three S3
 * operations below and passes LambdaInvoke to Lambda.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-operations.html
 */
public sealed interface JobOperation {

    /** The operation's name as ListJobs reports it: S3PutObjectTagging, LambdaInvoke… */
    String wireName();

    /** Replaces each object's tag set. */
    record PutObjectTagging(List<Tag> tagSet) implements JobOperation {
        @Override
        public String wireName() {
            return "S3PutObjectTagging";
        }
    }

    /** Removes each object's tags. */
    record DeleteObjectTagging() implements JobOperation {
        @Override
        public String wireName() {
            return "S3DeleteObjectTagging";
        }
    }

    /**
     * Copies each object into the target bucket, its key behind an optional prefix.
     *
     * @param targetBucketArn   arn:aws:s3:::BUCKET
     * @param metadataDirective COPY or REPLACE (null: COPY)
     * @param newMetadata       with REPLACE: Content-Type, Cache-Control… and user metadata
     * @param newTagging        the copies' tags (null: the source's)
     * @param storageClass      the copies' storage class, or null
     */
    record PutObjectCopy(String targetBucketArn, String targetKeyPrefix, String metadataDirective,
                         ObjectMetadata newMetadata, List<Tag> newTagging, String storageClass) implements JobOperation {
        @Override
        public String wireName() {
            return "S3PutObjectCopy";
        }

        public String targetBucket() {
            return targetBucketArn.substring(targetBucketArn.lastIndexOf(':') + 1);
        }
    }

    /** Invokes a Lambda function for each object (AWS's invocation schema 1.0). */
    record LambdaInvoke(String functionArn) implements JobOperation {
        @Override
        public String wireName() {
            return "LambdaInvoke";
        }
    }

    /** NewObjectMetadata of a copy: stored headers by their HTTP names, and user metadata without x-amz-meta-. */
    record ObjectMetadata(Map<String, String> headers, Map<String, String> userMetadata) {
        public static final ObjectMetadata NONE = new ObjectMetadata(Map.of(), Map.of());
    }
}
