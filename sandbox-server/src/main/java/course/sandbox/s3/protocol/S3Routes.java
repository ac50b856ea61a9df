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
            "accelerate", "acl", "analytics", "attributes", "cors", "encryption", "intelligent-tiering",
            "inventory", "legal-hold", "lifecycle", "logging", "metadataConfiguration", "metadataTable", "metrics",
            "notification", "object-lock", "ownershipControls", "publicAccessBlock", "renameObject", "replication",
            "requestPayment", "restore", "retention", "select", "select-type", "session", "torrent", "website");

    private static final Set<String> BUCKET_SUBRESOURCES =
            Set.of("location", "versioning", "versions", "tagging", "policy", "policyStatus", "uploads", "delete");
    private static final Set<String> OBJECT_SUBRESOURCES = Set.of("tagging", "uploads", "uploadId", "partNumber");

    private S3Routes() {
    }

    static S3Action route(S3Request request) {
        for (String name : UNSUPPORTED_SUBRESOURCES) {
            if (request.has(name)) {
                throw S3Errors.notImplemented(request.resource());
            }
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
            case "PUT " -> S3Action.CreateBucket;
            case "DELETE " -> S3Action.DeleteBucket;
            case "HEAD " -> S3Action.HeadBucket;
            default -> null;
        };
        if (action != null) {
            return action;
        }
        if (request.method().equals("POST") && subresource.isEmpty()) {
            // Browser-based uploads (HTML form POST) are not served.
            throw S3Errors.notImplemented(request.resource());
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
