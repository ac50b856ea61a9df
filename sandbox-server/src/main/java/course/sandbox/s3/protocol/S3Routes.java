package course.sandbox.s3.protocol;

import course.sandbox.s3.S3Errors;

import java.util.List;
import java.util.Set;

/**
 * Which operation a request is, from its method, its target (service, bucket or object) and
 * its subresource. A subresource S3 has but the sandbox does not serve is NotImplemented; a
 * known subresource with the wrong method is MethodNotAllowed. Nothing falls through to a
 * plainer operation.
 */
final class S3Routes {
    /** S3 subresources the sandbox does not serve (yet): each is answered NotImplemented. */
    static final List<String> UNSUPPORTED_SUBRESOURCES = List.of(
            "analytics", "intelligent-tiering", "inventory", "metadataConfiguration", "metadataTable", "metrics",
            "renameObject", "replication", "restore", "select", "select-type", "session", "torrent");

    private static final Set<String> BUCKET_SUBRESOURCES = Set.of("location", "versioning", "versions", "tagging",
            "policy", "policyStatus", "uploads", "delete", "cors", "website", "lifecycle", "publicAccessBlock",
            "ownershipControls", "encryption", "acl", "object-lock", "notification", "logging", "accelerate",
            "requestPayment");
    private static final Set<String> OBJECT_SUBRESOURCES = Set.of("tagging", "uploads", "uploadId", "partNumber", "acl",
            "attributes", "retention", "legal-hold");

    private S3Routes() {
    }

    static S3Action route(S3Request request) {
        if (request.website()) {
            // The website endpoint serves pages (GET, HEAD) and answers preflights; no subresource applies.
            return switch (request.method()) {
                case "GET", "HEAD" -> S3Action.WebsiteGet;
                case "OPTIONS" -> S3Action.OptionsObject;
                default -> throw methodNotAllowed(request, request.key() == null ? "BUCKET" : "OBJECT");
            };
        }
        for (String name : UNSUPPORTED_SUBRESOURCES) {
            if (request.has(name)) {
                throw S3Errors.notImplemented(request.resource());
            }
        }
        if (request.method().equals("OPTIONS") && request.bucket() != null) {
            return S3Action.OptionsObject;
        }
        if (request.bucket() == null) {
            if (request.method().equals("GET")) {
                return S3Action.ListBuckets;
            }
            throw methodNotAllowed(request, "SERVICE");
        }
        return request.key() == null ? bucketRoute(request) : objectRoute(request);
    }

    private static S3Action bucketRoute(S3Request request) {
        for (String name : OBJECT_SUBRESOURCES) {
            if (!BUCKET_SUBRESOURCES.contains(name) && request.has(name)) {
                throw S3Errors.notImplemented(request.resource());
            }
        }
        String subresource = BUCKET_SUBRESOURCES.stream().filter(request::has).sorted().findFirst().orElse("");
        S3Action action = switch (request.method() + " " + subresource) {
            case "GET " -> request.has("list-type") ? listType(request) : S3Action.ListObjects;
            case "GET location" -> S3Action.GetBucketLocation;
            case "GET versioning" -> S3Action.GetBucketVersioning;
            case "PUT versioning" -> S3Action.PutBucketVersioning;
            case "GET versions" -> S3Action.ListObjectVersions;
            case "GET uploads" -> S3Action.ListMultipartUploads;
            case "GET tagging" -> S3Action.GetBucketTagging;
            case "PUT tagging" -> S3Action.PutBucketTagging;
            case "DELETE tagging" -> S3Action.DeleteBucketTagging;
            case "GET policy" -> S3Action.GetBucketPolicy;
            case "PUT policy" -> S3Action.PutBucketPolicy;
            case "DELETE policy" -> S3Action.DeleteBucketPolicy;
            case "GET policyStatus" -> S3Action.GetBucketPolicyStatus;
            case "POST delete" -> S3Action.DeleteObjects;
            case "GET cors" -> S3Action.GetBucketCors;
            case "PUT cors" -> S3Action.PutBucketCors;
            case "DELETE cors" -> S3Action.DeleteBucketCors;
            case "GET website" -> S3Action.GetBucketWebsite;
            case "PUT website" -> S3Action.PutBucketWebsite;
            case "DELETE website" -> S3Action.DeleteBucketWebsite;
            case "GET lifecycle" -> S3Action.GetBucketLifecycleConfiguration;
            case "PUT lifecycle" -> S3Action.PutBucketLifecycleConfiguration;
            case "DELETE lifecycle" -> S3Action.DeleteBucketLifecycle;
            case "GET publicAccessBlock" -> S3Action.GetPublicAccessBlock;
            case "PUT publicAccessBlock" -> S3Action.PutPublicAccessBlock;
            case "DELETE publicAccessBlock" -> S3Action.DeletePublicAccessBlock;
            case "GET ownershipControls" -> S3Action.GetBucketOwnershipControls;
            case "PUT ownershipControls" -> S3Action.PutBucketOwnershipControls;
            case "DELETE ownershipControls" -> S3Action.DeleteBucketOwnershipControls;
            case "GET encryption" -> S3Action.GetBucketEncryption;
            case "PUT encryption" -> S3Action.PutBucketEncryption;
            case "DELETE encryption" -> S3Action.DeleteBucketEncryption;
            case "GET acl" -> S3Action.GetBucketAcl;
            case "PUT acl" -> S3Action.PutBucketAcl;
            case "GET object-lock" -> S3Action.GetObjectLockConfiguration;
            case "GET notification" -> S3Action.GetBucketNotificationConfiguration;
            case "PUT notification" -> S3Action.PutBucketNotificationConfiguration;
            case "GET logging" -> S3Action.GetBucketLogging;
            case "PUT logging" -> S3Action.PutBucketLogging;
            case "GET accelerate" -> S3Action.GetBucketAccelerateConfiguration;
            case "GET requestPayment" -> S3Action.GetBucketRequestPayment;
            case "PUT requestPayment" -> S3Action.PutBucketRequestPayment;
            // Object Lock and Transfer Acceleration are not run by the sandbox: never a silent success.
            case "PUT object-lock", "PUT accelerate" -> throw S3Errors.notImplemented(request.resource());
            case "PUT " -> S3Action.CreateBucket;
            case "DELETE " -> S3Action.DeleteBucket;
            case "HEAD " -> S3Action.HeadBucket;
            default -> null;
        };
        if (action != null) {
            return action;
        }
        if (request.method().equals("POST") && subresource.isEmpty()) {
            return S3Action.PostObject;
        }
        throw methodNotAllowed(request, "BUCKET");
    }

    private static S3Action listType(S3Request request) {
        String listType = request.param("list-type").orElse("");
        if (!listType.equals("2")) {
            throw S3Errors.invalidArgument("Invalid List Type specified in Request", "list-type", listType,
                    request.resource());
        }
        return S3Action.ListObjectsV2;
    }

    private static S3Action objectRoute(S3Request request) {
        for (String name : BUCKET_SUBRESOURCES) {
            if (!OBJECT_SUBRESOURCES.contains(name) && request.has(name)) {
                throw S3Errors.notImplemented(request.resource());
            }
        }
        boolean copy = request.header("x-amz-copy-source").isPresent();
        switch (request.method()) {
            case "GET", "HEAD" -> {
                boolean head = request.method().equals("HEAD");
                if (request.has("tagging")) {
                    return head ? throwMethodNotAllowed(request) : S3Action.GetObjectTagging;
                }
                if (request.has("acl")) {
                    return head ? throwMethodNotAllowed(request) : S3Action.GetObjectAcl;
                }
                if (request.has("attributes")) {
                    return head ? throwMethodNotAllowed(request) : S3Action.GetObjectAttributes;
                }
                if (request.has("retention")) {
                    return head ? throwMethodNotAllowed(request) : S3Action.GetObjectRetention;
                }
                if (request.has("legal-hold")) {
                    return head ? throwMethodNotAllowed(request) : S3Action.GetObjectLegalHold;
                }
                if (request.has("uploadId")) {
                    return head ? throwMethodNotAllowed(request) : S3Action.ListParts;
                }
                if (request.has("uploads")) {
                    return throwMethodNotAllowed(request);
                }
                return head ? S3Action.HeadObject : S3Action.GetObject;
            }
            case "PUT" -> {
                if (request.has("tagging")) {
                    return S3Action.PutObjectTagging;
                }
                if (request.has("acl")) {
                    return S3Action.PutObjectAcl;
                }
                if (request.has("retention") || request.has("legal-hold")) {
                    throw S3Errors.notImplemented(request.resource());
                }
                if (request.has("attributes")) {
                    return throwMethodNotAllowed(request);
                }
                if (request.has("uploadId") || request.has("partNumber")) {
                    if (!request.has("uploadId") || !request.has("partNumber")) {
                        throw S3Errors.invalidRequest("An UploadPart request needs both partNumber and uploadId.",
                                request.resource());
                    }
                    return copy ? S3Action.UploadPartCopy : S3Action.UploadPart;
                }
                if (request.has("uploads")) {
                    return throwMethodNotAllowed(request);
                }
                return copy ? S3Action.CopyObject : S3Action.PutObject;
            }
            case "DELETE" -> {
                if (request.has("tagging")) {
                    return S3Action.DeleteObjectTagging;
                }
                if (request.has("acl") || request.has("attributes") || request.has("retention")
                        || request.has("legal-hold")) {
                    return throwMethodNotAllowed(request);
                }
                if (request.has("uploadId")) {
                    return S3Action.AbortMultipartUpload;
                }
                if (request.has("uploads") || request.has("partNumber")) {
                    return throwMethodNotAllowed(request);
                }
                return S3Action.DeleteObject;
            }
            case "POST" -> {
                if (request.has("uploads")) {
                    return S3Action.CreateMultipartUpload;
                }
                if (request.has("uploadId")) {
                    return S3Action.CompleteMultipartUpload;
                }
                return throwMethodNotAllowed(request);
            }
            default -> {
                return throwMethodNotAllowed(request);
            }
        }
    }

    private static S3Action throwMethodNotAllowed(S3Request request) {
        throw methodNotAllowed(request, "OBJECT");
    }

    private static RuntimeException methodNotAllowed(S3Request request, String resourceType) {
        return S3Errors.methodNotAllowed(request.method(), resourceType, request.resource());
    }
}
