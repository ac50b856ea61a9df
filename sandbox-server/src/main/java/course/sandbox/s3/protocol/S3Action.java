package course.sandbox.s3.protocol;

/**
 * The S3 operations the sandbox answers. The constants carry AWS's operation names exactly, as
 * --explain, logs and the IAM documentation print them (a CORS preflight is the "OPTIONS object"
 * request of the API reference; a browser form upload is "POST Object"; WebsiteGet is a GET or
 * HEAD to a bucket's website endpoint, which AWS authorizes as GetObject of the page it serves).
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
    PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy, GetBucketPolicyStatus,
    // bucket configuration
    PutBucketCors, GetBucketCors, DeleteBucketCors,
    PutBucketWebsite, GetBucketWebsite, DeleteBucketWebsite,
    PutBucketLifecycleConfiguration, GetBucketLifecycleConfiguration, DeleteBucketLifecycle,
    PutPublicAccessBlock, GetPublicAccessBlock, DeletePublicAccessBlock,
    PutBucketOwnershipControls, GetBucketOwnershipControls, DeleteBucketOwnershipControls,
    PutBucketEncryption, GetBucketEncryption, DeleteBucketEncryption,
    PutBucketAcl, GetBucketAcl, PutObjectAcl, GetObjectAcl,
    GetObjectLockConfiguration, GetObjectRetention, GetObjectLegalHold,
    PutBucketNotificationConfiguration, GetBucketNotificationConfiguration,
    PutBucketLogging, GetBucketLogging,
    GetBucketAccelerateConfiguration,
    PutBucketRequestPayment, GetBucketRequestPayment,
    GetObjectAttributes,
    OptionsObject, PostObject, WebsiteGet
}
