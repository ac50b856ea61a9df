package course.sandbox.s3.protocol;

/**
 * The S3 operations the sandbox answers. The constants carry AWS's operation names exactly, as
 * --explain, logs and the IAM documentation print them.
 */
enum S3Action {
    ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation,
    PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects, CopyObject,
    ListObjects, ListObjectsV2, ListObjectVersions,
    PutBucketVersioning, GetBucketVersioning,
    CreateMultipartUpload, UploadPart, UploadPartCopy, ListParts, ListMultipartUploads,
    CompleteMultipartUpload, AbortMultipartUpload,
    PutObjectTagging, GetObjectTagging, DeleteObjectTagging,
    PutBucketTagging, GetBucketTagging, DeleteBucketTagging,
    PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy, GetBucketPolicyStatus
}
