package course.sandbox.s3.protocol;

import course.sandbox.iam.Principal;
import course.sandbox.iam.policy.ContextKeyType;
import course.sandbox.iam.policy.ContextValue;
import course.sandbox.iam.policy.ResourcePolicy;
import course.sandbox.s3.ObjectIdentifier;
import course.sandbox.service.Caller;
import course.sandbox.service.Permission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The IAM action, resource and S3 condition keys each operation needs, as the Service
 * Authorization Reference lists them for Amazon S3, with the bucket's policy attached.
 */
final class S3Permissions {
    private final BiFunction<String, Caller, Optional<ResourcePolicy>> bucketPolicy;
    private final String ownerAccount;
    private final AccessPointPermissions accessPoints;

    /**
     * @param bucketPolicy the policy of a bucket as it applies to a caller (empty when it has none,
     *                     the bucket does not exist, or Block Public Access sets it aside)
     * @param ownerAccount the account owning every bucket (the sandbox's)
     * @param accessPoints what a request through an access point needs besides
     */
    S3Permissions(BiFunction<String, Caller, Optional<ResourcePolicy>> bucketPolicy, String ownerAccount,
                  AccessPointPermissions accessPoints) {
        this.bucketPolicy = bucketPolicy;
        this.ownerAccount = ownerAccount;
        this.accessPoints = accessPoints;
    }

    List<Permission> of(S3Action action, S3Request request) {
        return accessPoints.through(request, onBucketOf(action, request));
    }

    private List<Permission> onBucketOf(S3Action action, S3Request request) {
        return switch (action) {
            case ListBuckets -> List.of(Permission.of("s3:ListAllMyBuckets", "*").withContext(authContext(request)));
            case CreateBucket -> List.of(onBucket("s3:CreateBucket", request, createBucketContext(request)));
            case HeadBucket -> List.of(onBucket("s3:ListBucket", request, Map.of()));
            case DeleteBucket -> List.of(onBucket("s3:DeleteBucket", request, Map.of()));
            case GetBucketLocation -> List.of(onBucket("s3:GetBucketLocation", request, Map.of()));
            case ListObjects, ListObjectsV2 -> List.of(onBucket("s3:ListBucket", request, listContext(request)));
            case ListObjectVersions -> List.of(onBucket("s3:ListBucketVersions", request, listContext(request)));
            case PutBucketVersioning -> List.of(onBucket("s3:PutBucketVersioning", request, Map.of()));
            case GetBucketVersioning -> List.of(onBucket("s3:GetBucketVersioning", request, Map.of()));
            case ListMultipartUploads -> List.of(onBucket("s3:ListBucketMultipartUploads", request, Map.of()));
            case PutBucketTagging, DeleteBucketTagging -> List.of(onBucket("s3:PutBucketTagging", request, Map.of()));
            case GetBucketTagging -> List.of(onBucket("s3:GetBucketTagging", request, Map.of()));
            case PutBucketPolicy -> List.of(onBucketPolicy("s3:PutBucketPolicy", request));
            case GetBucketPolicy -> List.of(onBucketPolicy("s3:GetBucketPolicy", request));
            case DeleteBucketPolicy -> List.of(onBucketPolicy("s3:DeleteBucketPolicy", request));
            case GetBucketPolicyStatus -> List.of(onBucket("s3:GetBucketPolicyStatus", request, Map.of()));
            case GetObject, HeadObject -> List.of(onObject(versioned(request, "s3:GetObject", "s3:GetObjectVersion"),
                    request, request.key(), versionContext(request)));
            case DeleteObject -> List.of(onObject(versioned(request, "s3:DeleteObject", "s3:DeleteObjectVersion"),
                    request, request.key(), versionContext(request)));
            case PutObject, CreateMultipartUpload -> writePermissions(request, Map.of());
            case UploadPart, CompleteMultipartUpload -> List.of(onObject("s3:PutObject", request, request.key(), Map.of()));
            case CopyObject -> {
                List<Permission> permissions = new ArrayList<>(List.of(copySourcePermission(request)));
                Map<String, ContextValue> copyContext = new LinkedHashMap<>();
                request.header("x-amz-copy-source").ifPresent(source ->
                        copyContext.put("s3:x-amz-copy-source", ContextValue.string(source)));
                request.header("x-amz-metadata-directive").ifPresent(directive ->
                        copyContext.put("s3:x-amz-metadata-directive", ContextValue.string(directive)));
                permissions.addAll(writePermissions(request, copyContext));
                yield permissions;
            }
            case UploadPartCopy -> List.of(copySourcePermission(request),
                    onObject("s3:PutObject", request, request.key(), Map.of()));
            case ListParts -> List.of(onObject("s3:ListMultipartUploadParts", request, request.key(), Map.of()));
            case AbortMultipartUpload -> List.of(onObject("s3:AbortMultipartUpload", request, request.key(), Map.of()));
            case PutObjectTagging -> List.of(onObject(versioned(request, "s3:PutObjectTagging", "s3:PutObjectVersionTagging"),
                    request, request.key(), versionContext(request)));
            case GetObjectTagging -> List.of(onObject(versioned(request, "s3:GetObjectTagging", "s3:GetObjectVersionTagging"),
                    request, request.key(), versionContext(request)));
            case DeleteObjectTagging -> List.of(onObject(
                    versioned(request, "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging"),
                    request, request.key(), versionContext(request)));
            // No IAM action names the batch itself: each key is authorized as it is deleted (toDelete).
            case DeleteObjects -> List.of();
            case PutBucketCors, DeleteBucketCors -> List.of(onBucket("s3:PutBucketCORS", request, Map.of()));
            case GetBucketCors -> List.of(onBucket("s3:GetBucketCORS", request, Map.of()));
            case PutBucketWebsite -> List.of(onBucket("s3:PutBucketWebsite", request, Map.of()));
            case GetBucketWebsite -> List.of(onBucket("s3:GetBucketWebsite", request, Map.of()));
            case DeleteBucketWebsite -> List.of(onBucket("s3:DeleteBucketWebsite", request, Map.of()));
            case PutBucketLifecycleConfiguration, DeleteBucketLifecycle ->
                    List.of(onBucket("s3:PutLifecycleConfiguration", request, Map.of()));
            case GetBucketLifecycleConfiguration -> List.of(onBucket("s3:GetLifecycleConfiguration", request, Map.of()));
            case PutPublicAccessBlock, DeletePublicAccessBlock ->
                    List.of(onBucket("s3:PutBucketPublicAccessBlock", request, Map.of()));
            case GetPublicAccessBlock -> List.of(onBucket("s3:GetBucketPublicAccessBlock", request, Map.of()));
            case PutBucketOwnershipControls, DeleteBucketOwnershipControls ->
                    List.of(onBucket("s3:PutBucketOwnershipControls", request, Map.of()));
            case GetBucketOwnershipControls -> List.of(onBucket("s3:GetBucketOwnershipControls", request, Map.of()));
            case PutBucketEncryption, DeleteBucketEncryption ->
                    List.of(onBucket("s3:PutEncryptionConfiguration", request, Map.of()));
            case GetBucketEncryption -> List.of(onBucket("s3:GetEncryptionConfiguration", request, Map.of()));
            case PutBucketAcl -> List.of(onBucket("s3:PutBucketAcl", request, aclContext(request)));
            case GetBucketAcl -> List.of(onBucket("s3:GetBucketAcl", request, Map.of()));
            case PutObjectAcl -> List.of(onObject(versioned(request, "s3:PutObjectAcl", "s3:PutObjectVersionAcl"),
                    request, request.key(), aclContext(request)));
            case GetObjectAcl -> List.of(onObject(versioned(request, "s3:GetObjectAcl", "s3:GetObjectVersionAcl"),
                    request, request.key(), versionContext(request)));
            case GetObjectLockConfiguration -> List.of(onBucket("s3:GetBucketObjectLockConfiguration", request, Map.of()));
            case GetObjectRetention -> List.of(onObject("s3:GetObjectRetention", request, request.key(), versionContext(request)));
            case GetObjectLegalHold -> List.of(onObject("s3:GetObjectLegalHold", request, request.key(), versionContext(request)));
            case PutBucketNotificationConfiguration -> List.of(onBucket("s3:PutBucketNotification", request, Map.of()));
            case GetBucketNotificationConfiguration -> List.of(onBucket("s3:GetBucketNotification", request, Map.of()));
            case PutBucketLogging -> List.of(onBucket("s3:PutBucketLogging", request, Map.of()));
            case GetBucketLogging -> List.of(onBucket("s3:GetBucketLogging", request, Map.of()));
            case GetBucketAccelerateConfiguration -> List.of(onBucket("s3:GetAccelerateConfiguration", request, Map.of()));
            case PutBucketRequestPayment -> List.of(onBucket("s3:PutBucketRequestPayment", request, Map.of()));
            case GetBucketRequestPayment -> List.of(onBucket("s3:GetBucketRequestPayment", request, Map.of()));
            // AWS: GetObjectAttributes needs read access to the object and the attributes permission.
            case GetObjectAttributes -> List.of(
                    onObject(versioned(request, "s3:GetObject", "s3:GetObjectVersion"), request, request.key(),
                            versionContext(request)),
                    onObject(versioned(request, "s3:GetObjectAttributes", "s3:GetObjectVersionAttributes"), request,
                            request.key(), versionContext(request)));
            // A preflight is decided by the bucket's CORS rules, a form upload by its signed policy, a website
            // page while it is served (S3Service).
            case OptionsObject, PostObject, WebsiteGet -> List.of();
        };
    }

    /** PutObject and CreateMultipartUpload (and a copy's target): tagging on write needs s3:PutObjectTagging too. */
    private List<Permission> writePermissions(S3Request request, Map<String, ContextValue> extra) {
        Map<String, ContextValue> context = new LinkedHashMap<>(extra);
        copyHeader(request, "x-amz-acl", context);
        copyHeader(request, "x-amz-storage-class", context);
        copyHeader(request, "x-amz-server-side-encryption", context);
        Optional<String> tagging = request.header("x-amz-tagging");
        List<String> tagKeys = new ArrayList<>();
        tagging.ifPresent(header -> TaggingHeader.parse(header, request.resource()).forEach(tag -> {
            tagKeys.add(tag.key());
            context.put("s3:RequestObjectTag/" + tag.key(), ContextValue.string(tag.value()));
        }));
        if (!tagKeys.isEmpty()) {
            context.put("s3:RequestObjectTagKeys", new ContextValue(ContextKeyType.STRING_LIST, tagKeys));
        }
        List<Permission> permissions = new ArrayList<>();
        permissions.add(onObject("s3:PutObject", request, request.key(), context));
        if (tagging.isPresent()) {
            permissions.add(onObject("s3:PutObjectTagging", request, request.key(), context));
        }
        if (AccessControlLists.carriesAcl(request)) {
            permissions.add(onObject("s3:PutObjectAcl", request, request.key(), context));
        }
        return permissions;
    }

    private Permission copySourcePermission(S3Request request) {
        CopySource source = CopySource.parse(request.header("x-amz-copy-source").orElse(""), request.resource());
        String action = source.versionId() == null ? "s3:GetObject" : "s3:GetObjectVersion";
        return Permission.of(action, "arn:aws:s3:::" + source.bucket() + "/" + source.key())
                .withContext(authContext(request))
                .withResourcePolicy(bucketPolicy.apply(source.bucket(), request.service().caller()));
    }

    /** What the website endpoint needs to serve a page: GetObject on its key. */
    Permission toRead(S3Request request, String key) {
        return onObject("s3:GetObject", request, key, Map.of());
    }

    /** What telling a missing page (404) from a forbidden one (403) needs: ListBucket on the bucket. */
    Permission toList(S3Request request) {
        return onBucket("s3:ListBucket", request, Map.of());
    }

    /** What deleting one key of a DeleteObjects batch needs: what DeleteObject on that key would. */
    List<Permission> toDelete(S3Request request, ObjectIdentifier object) {
        if (object.versionId() == null) {
            return accessPoints.through(request, List.of(onObject("s3:DeleteObject", request, object.key(), Map.of())));
        }
        return accessPoints.through(request, List.of(onObject("s3:DeleteObjectVersion", request, object.key(),
                Map.of("s3:versionid", ContextValue.string(object.versionId())))));
    }

    /**
     * The bucket policy cannot lock the owner out of the policy itself: the owner account's root
     * may get, put and delete it "even if the bucket policy explicitly denies the root principal"
     * (AWS), so for root the policy does not apply to these three actions.
     */
    private Permission onBucketPolicy(String action, S3Request request) {
        Permission permission = onBucket(action, request, Map.of());
        return isOwnerRoot(request) ? permission.withResourcePolicy(Optional.empty()) : permission;
    }

    private boolean isOwnerRoot(S3Request request) {
        return request.service().caller().credential()
                .map(credential -> credential.principal() instanceof Principal.Root root
                        && root.accountId().equals(ownerAccount))
                .orElse(false);
    }

    private Permission onBucket(String action, S3Request request, Map<String, ContextValue> context) {
        return permission(action, request.bucketArn(), request, context);
    }

    private Permission onObject(String action, S3Request request, String key, Map<String, ContextValue> context) {
        return permission(action, request.bucketArn() + "/" + key, request, context);
    }

    private Permission permission(String action, String resource, S3Request request, Map<String, ContextValue> context) {
        Map<String, ContextValue> all = new LinkedHashMap<>(authContext(request));
        all.putAll(context);
        return Permission.of(action, resource).withContext(all)
                .withResourcePolicy(bucketPolicy.apply(request.bucket(), request.service().caller()));
    }

    private static String versioned(S3Request request, String action, String versionAction) {
        return request.has("versionId") ? versionAction : action;
    }

    private static Map<String, ContextValue> versionContext(S3Request request) {
        return request.param("versionId").map(id -> Map.of("s3:versionid", ContextValue.string(id))).orElse(Map.of());
    }

    /** s3:prefix, s3:delimiter and s3:max-keys, each only when the request sends it. */
    private static Map<String, ContextValue> listContext(S3Request request) {
        Map<String, ContextValue> context = new LinkedHashMap<>();
        request.param("prefix").ifPresent(prefix -> context.put("s3:prefix", ContextValue.string(prefix)));
        request.param("delimiter").ifPresent(delimiter -> context.put("s3:delimiter", ContextValue.string(delimiter)));
        request.param("max-keys").ifPresent(maxKeys -> context.put("s3:max-keys",
                ContextValue.of(ContextKeyType.NUMERIC, maxKeys)));
        return context;
    }

    /** s3:x-amz-acl and the s3:x-amz-grant-* keys an ACL write carries. */
    private static Map<String, ContextValue> aclContext(S3Request request) {
        Map<String, ContextValue> context = new LinkedHashMap<>(versionContext(request));
        copyHeader(request, "x-amz-acl", context);
        for (String grant : AccessControlLists.GRANT_HEADERS) {
            copyHeader(request, grant, context);
        }
        return context;
    }

    private static Map<String, ContextValue> createBucketContext(S3Request request) {
        Map<String, ContextValue> context = new LinkedHashMap<>();
        copyHeader(request, "x-amz-acl", context);
        copyHeader(request, "x-amz-object-ownership", context);
        RequestBodies.locationConstraint(request)
                .ifPresent(location -> context.put("s3:LocationConstraint", ContextValue.string(location)));
        return context;
    }

    /** s3:authType and s3:signatureversion: how the request was signed (none when anonymous). */
    private static Map<String, ContextValue> authContext(S3Request request) {
        if (request.service().caller().isAnonymous()) {
            return Map.of();
        }
        String authType = request.has("X-Amz-Signature") ? "REST-QUERY-STRING" : "REST-HEADER";
        return Map.of("s3:authType", ContextValue.string(authType),
                "s3:signatureversion", ContextValue.string("AWS4-HMAC-SHA256"));
    }

    private static void copyHeader(S3Request request, String header, Map<String, ContextValue> context) {
        request.header(header).ifPresent(value -> context.put("s3:" + header, ContextValue.string(value)));
    }
}
