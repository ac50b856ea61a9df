package course.sandbox.s3.protocol;

import course.sandbox.http.Headers;
import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.ChecksumAlgorithm;
import course.sandbox.protocol.XmlBuilder;
import course.sandbox.s3.BucketConfiguration;
import course.sandbox.s3.BucketEncryption;
import course.sandbox.s3.CorsConfiguration;
import course.sandbox.s3.CorsRule;
import course.sandbox.s3.LifecycleConfiguration;
import course.sandbox.s3.LifecycleRule;
import course.sandbox.s3.ObjectInfo;
import course.sandbox.s3.PublicAccessBlock;
import course.sandbox.s3.ReadConditions;
import course.sandbox.s3.S3Errors;
import course.sandbox.s3.S3Store;
import course.sandbox.s3.Tag;
import course.sandbox.s3.WebsiteConfiguration;
import course.sandbox.service.ServiceException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bucket configuration operations (CORS, website, lifecycle, Block Public Access, Object
 * Ownership, default encryption, ACLs), the configurations the sandbox does not run answered as
 * AWS answers a bucket that never set them, GetObjectAttributes, and the CORS preflight.
 */
final class BucketConfigurationHandlers {
    /** Lifecycle answers say which minimum object size transitions use (AWS's default since September 2024). */
    static final String TRANSITION_MINIMUM_HEADER = "x-amz-transition-default-minimum-object-size";
    private static final String TRANSITION_MINIMUM = "all_storage_classes_128K";
    private static final Set<String> OBJECT_ATTRIBUTES = Set.of("ETag", "Checksum", "ObjectParts", "StorageClass",
            "ObjectSize");
    /** A Grantee's namespace declaration, then its type (in this order, as a TreeMap keeps them). */
    private static final Map<String, String> GRANTEE_ATTRIBUTES = new java.util.TreeMap<>(Map.of(
            "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance", "xsi:type", "CanonicalUser"));
    private static final Set<String> CORS_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");

    private final S3Store store;
    private final String account;

    BucketConfigurationHandlers(S3Store store, String account) {
        this.store = store;
        this.account = account;
    }

    SandboxResponse handle(S3Action action, S3Request request) {
        String bucket = request.bucket();
        return switch (action) {
            case PutBucketCors -> {
                CorsConfiguration cors = ConfigurationBodies.cors(request);
                store.configure(bucket, configuration -> configuration.withCors(cors));
                yield ok();
            }
            case GetBucketCors -> xml(cors(configured(bucket).cors(), bucket));
            case DeleteBucketCors -> {
                store.configure(bucket, configuration -> configuration.withCors(null));
                yield noContent();
            }
            case PutBucketWebsite -> {
                WebsiteConfiguration website = ConfigurationBodies.website(request);
                store.configure(bucket, configuration -> configuration.withWebsite(website));
                yield ok();
            }
            case GetBucketWebsite -> xml(website(configured(bucket).website(), bucket));
            case DeleteBucketWebsite -> {
                store.configure(bucket, configuration -> configuration.withWebsite(null));
                yield noContent();
            }
            case PutBucketLifecycleConfiguration -> {
                LifecycleConfiguration lifecycle = ConfigurationBodies.lifecycle(request);
                store.configure(bucket, configuration -> configuration.withLifecycle(lifecycle));
                yield withHeader(ok(), TRANSITION_MINIMUM_HEADER, TRANSITION_MINIMUM);
            }
            case GetBucketLifecycleConfiguration -> withHeader(xml(lifecycle(configured(bucket).lifecycle(), bucket)),
                    TRANSITION_MINIMUM_HEADER, TRANSITION_MINIMUM);
            case DeleteBucketLifecycle -> {
                store.configure(bucket, configuration -> configuration.withLifecycle(null));
                yield noContent();
            }
            case PutPublicAccessBlock -> {
                PublicAccessBlock block = ConfigurationBodies.publicAccessBlock(request);
                store.configure(bucket, configuration -> configuration.withPublicAccessBlock(block));
                yield ok();
            }
            case GetPublicAccessBlock -> xml(publicAccessBlock(configured(bucket).publicAccessBlock(), bucket));
            case DeletePublicAccessBlock -> {
                store.configure(bucket, configuration -> configuration.withPublicAccessBlock(null));
                yield noContent();
            }
            case PutBucketOwnershipControls -> {
                var ownership = ConfigurationBodies.ownership(request);
                store.configure(bucket, configuration -> configuration.withOwnership(ownership));
                yield ok();
            }
            case GetBucketOwnershipControls -> xml(ownership(configured(bucket), bucket));
            case DeleteBucketOwnershipControls -> {
                store.configure(bucket, configuration -> configuration.withOwnership(null));
                yield noContent();
            }
            case PutBucketEncryption -> {
                BucketEncryption encryption = encryption(ConfigurationBodies.encryption(request), request);
                store.configure(bucket, configuration -> configuration.withEncryption(encryption));
                yield ok();
            }
            case GetBucketEncryption -> xml(encryption(configured(bucket).encryption()));
            case DeleteBucketEncryption -> {
                // Since January 2023 every bucket is encrypted: deleting the configuration returns to SSE-S3.
                store.configure(bucket, configuration -> configuration.withEncryption(BucketEncryption.SSE_S3));
                yield noContent();
            }
            case GetBucketAcl -> xml(acl(store.headBucket(bucket).owner()));
            case PutBucketAcl -> {
                AccessControlLists.requireAllowed(aclGrants(request, store.headBucket(bucket).owner()),
                        configured(bucket), request.resource());
                yield ok();
            }
            case GetObjectAcl -> {
                ObjectInfo info = head(request);
                yield withVersionId(xml(acl(objectOwner(bucket, info))), info.versionId());
            }
            case PutObjectAcl -> {
                ObjectInfo info = head(request);
                AccessControlLists.requireAllowed(aclGrants(request, objectOwner(bucket, info)), configured(bucket),
                        request.resource());
                yield withVersionId(ok(), info.versionId());
            }
            case GetObjectLockConfiguration -> {
                configured(bucket);
                throw notFound("ObjectLockConfigurationNotFoundError",
                        "Object Lock configuration does not exist for this bucket", bucket);
            }
            case GetObjectRetention, GetObjectLegalHold -> {
                configured(bucket);
                throw S3Errors.invalidRequest("Bucket is missing Object Lock Configuration", request.resource());
            }
            case GetBucketNotificationConfiguration -> xml(empty("NotificationConfiguration", bucket));
            case PutBucketNotificationConfiguration -> emptyConfigurationOnly(request, "NotificationConfiguration");
            case GetBucketLogging -> xml(empty("BucketLoggingStatus", bucket));
            case PutBucketLogging -> emptyConfigurationOnly(request, "BucketLoggingStatus");
            case GetBucketAccelerateConfiguration -> xml(empty("AccelerateConfiguration", bucket));
            case GetBucketRequestPayment -> {
                configured(bucket);
                yield xml(S3Xml.document("RequestPaymentConfiguration").element("Payer", "BucketOwner")
                        .finish("RequestPaymentConfiguration"));
            }
            case PutBucketRequestPayment -> {
                configured(bucket);
                if (ConfigurationBodies.payer(request).equals("Requester")) {
                    // Requester Pays needs billing the sandbox does not have.
                    throw S3Errors.notImplemented(request.resource());
                }
                yield ok();
            }
            case GetObjectAttributes -> objectAttributes(request);
            case OptionsObject -> preflight(request);
            default -> throw new IllegalArgumentException("not a bucket configuration operation: " + action);
        };
    }

    private BucketConfiguration configured(String bucket) {
        return store.configuration(bucket);
    }

    private ObjectInfo head(S3Request request) {
        String versionId = request.param("versionId").filter(id -> !id.isEmpty()).orElse(null);
        return store.headObject(request.bucket(), request.key(), versionId, null, ReadConditions.NONE).info();
    }

    /** Who owns an object: the bucket owner while Object Ownership is BucketOwnerEnforced, else its writer. */
    private String objectOwner(String bucket, ObjectInfo info) {
        return configured(bucket).aclsEnabled() && info.owner() != null ? info.owner() : store.headBucket(bucket).owner();
    }

    private AccessControlLists.Grants aclGrants(S3Request request, String owner) {
        if (request.body().length > 0) {
            return ConfigurationBodies.accessControlPolicy(request, S3Handlers.canonicalUserId(owner));
        }
        return AccessControlLists.fromHeaders(request);
    }

    /** Notification and logging configurations that configure nothing are accepted; any target is NotImplemented. */
    private SandboxResponse emptyConfigurationOnly(S3Request request, String root) {
        configured(request.bucket());
        if (ConfigurationBodies.configuresAnything(request, root)) {
            throw S3Errors.notImplemented(request.resource());
        }
        return ok();
    }

    private BucketEncryption encryption(ConfigurationBodies.Encryption requested, S3Request request) {
        switch (requested.algorithm()) {
            case BucketEncryption.AES256 -> {
                if (requested.kmsKeyId() != null) {
                    throw S3Errors.invalidArgument("a KMSMasterKeyID is not applicable if the default sse"
                            + " algorithm is not aws:kms or aws:kms:dsse", "ApplyServerSideEncryptionByDefault", null,
                            request.resource());
                }
                return new BucketEncryption(BucketEncryption.AES256, requested.bucketKeyEnabled());
            }
            // The sandbox has no KMS to hold the keys.
            case "aws:kms", "aws:kms:dsse" -> throw S3Errors.notImplemented(request.resource());
            default -> throw S3Errors.malformedXml(request.resource());
        }
    }

    // ------------------------------------------------------------------ answers

    private static String cors(CorsConfiguration cors, String bucket) {
        if (cors == null) {
            throw notFound("NoSuchCORSConfiguration", "The CORS configuration does not exist", bucket);
        }
        XmlBuilder xml = S3Xml.document("CORSConfiguration");
        for (CorsRule rule : cors.rules()) {
            xml.open("CORSRule").element("ID", rule.id());
            rule.allowedHeaders().forEach(header -> xml.element("AllowedHeader", header));
            rule.allowedMethods().forEach(method -> xml.element("AllowedMethod", method));
            rule.allowedOrigins().forEach(origin -> xml.element("AllowedOrigin", origin));
            rule.exposeHeaders().forEach(header -> xml.element("ExposeHeader", header));
            xml.element("MaxAgeSeconds", rule.maxAgeSeconds()).close("CORSRule");
        }
        return xml.finish("CORSConfiguration");
    }

    private static String website(WebsiteConfiguration website, String bucket) {
        if (website == null) {
            throw notFound("NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration",
                    bucket);
        }
        XmlBuilder xml = S3Xml.document("WebsiteConfiguration");
        if (website.redirectAll() != null) {
            xml.open("RedirectAllRequestsTo")
                    .element("HostName", website.redirectAll().hostName())
                    .element("Protocol", website.redirectAll().protocol())
                    .close("RedirectAllRequestsTo");
            return xml.finish("WebsiteConfiguration");
        }
        xml.open("IndexDocument").element("Suffix", website.indexSuffix()).close("IndexDocument");
        if (website.errorKey() != null) {
            xml.open("ErrorDocument").element("Key", website.errorKey()).close("ErrorDocument");
        }
        if (!website.routingRules().isEmpty()) {
            xml.open("RoutingRules");
            for (WebsiteConfiguration.RoutingRule rule : website.routingRules()) {
                xml.open("RoutingRule");
                if (rule.condition() != null) {
                    xml.open("Condition")
                            .element("HttpErrorCodeReturnedEquals", rule.condition().httpErrorCodeReturnedEquals())
                            .element("KeyPrefixEquals", rule.condition().keyPrefixEquals())
                            .close("Condition");
                }
                WebsiteConfiguration.Redirect redirect = rule.redirect();
                xml.open("Redirect")
                        .element("HostName", redirect.hostName())
                        .element("HttpRedirectCode", redirect.httpRedirectCode())
                        .element("Protocol", redirect.protocol())
                        .element("ReplaceKeyPrefixWith", redirect.replaceKeyPrefixWith())
                        .element("ReplaceKeyWith", redirect.replaceKeyWith())
                        .close("Redirect")
                        .close("RoutingRule");
            }
            xml.close("RoutingRules");
        }
        return xml.finish("WebsiteConfiguration");
    }

    private static String lifecycle(LifecycleConfiguration lifecycle, String bucket) {
        if (lifecycle == null) {
            throw notFound("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist", bucket);
        }
        XmlBuilder xml = S3Xml.document("LifecycleConfiguration");
        for (LifecycleRule rule : lifecycle.rules()) {
            xml.open("Rule");
            LifecycleRule.Expiration expiration = rule.expiration();
            if (expiration != null) {
                xml.open("Expiration")
                        .element("Date", expiration.dateInstant())
                        .element("Days", expiration.days())
                        .element("ExpiredObjectDeleteMarker", expiration.expiredObjectDeleteMarker() ? "true" : null)
                        .close("Expiration");
            }
            xml.element("ID", rule.id());
            LifecycleRule.Filter filter = rule.filter();
            if (filter.legacyPrefix()) {
                xml.element("Prefix", filter.prefix());
            } else {
                xml.open("Filter");
                if (filter.and()) {
                    xml.open("And");
                    filterParts(xml, filter);
                    xml.close("And");
                } else {
                    filterParts(xml, filter);
                }
                xml.close("Filter");
            }
            xml.element("Status", rule.enabled() ? "Enabled" : "Disabled");
            if (rule.noncurrentDays() != null) {
                xml.open("NoncurrentVersionExpiration")
                        .element("NoncurrentDays", rule.noncurrentDays())
                        .element("NewerNoncurrentVersions", rule.newerNoncurrentVersions())
                        .close("NoncurrentVersionExpiration");
            }
            if (rule.abortAfterDays() != null) {
                xml.open("AbortIncompleteMultipartUpload")
                        .element("DaysAfterInitiation", rule.abortAfterDays())
                        .close("AbortIncompleteMultipartUpload");
            }
            xml.close("Rule");
        }
        return xml.finish("LifecycleConfiguration");
    }

    private static void filterParts(XmlBuilder xml, LifecycleRule.Filter filter) {
        boolean onlyPrefix = filter.tags().isEmpty() && filter.sizeGreaterThan() == null && filter.sizeLessThan() == null;
        xml.element("Prefix", filter.prefix().isEmpty() && !onlyPrefix && !filter.and() ? null : filter.prefix());
        for (Tag tag : filter.tags()) {
            xml.open("Tag").element("Key", tag.key()).element("Value", tag.value()).close("Tag");
        }
        xml.element("ObjectSizeGreaterThan", filter.sizeGreaterThan()).element("ObjectSizeLessThan", filter.sizeLessThan());
    }

    private static String publicAccessBlock(PublicAccessBlock block, String bucket) {
        if (block == null) {
            throw notFound("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found",
                    bucket);
        }
        return S3Xml.document("PublicAccessBlockConfiguration")
                .element("BlockPublicAcls", block.blockPublicAcls())
                .element("IgnorePublicAcls", block.ignorePublicAcls())
                .element("BlockPublicPolicy", block.blockPublicPolicy())
                .element("RestrictPublicBuckets", block.restrictPublicBuckets())
                .finish("PublicAccessBlockConfiguration");
    }

    private static String ownership(BucketConfiguration configuration, String bucket) {
        if (configuration.ownership() == null) {
            throw notFound("OwnershipControlsNotFoundError", "The bucket ownership controls were not found", bucket);
        }
        return S3Xml.document("OwnershipControls")
                .open("Rule").element("ObjectOwnership", configuration.ownership().name()).close("Rule")
                .finish("OwnershipControls");
    }

    private static String encryption(BucketEncryption encryption) {
        return S3Xml.document("ServerSideEncryptionConfiguration")
                .open("Rule")
                .open("ApplyServerSideEncryptionByDefault").element("SSEAlgorithm", encryption.sseAlgorithm())
                .close("ApplyServerSideEncryptionByDefault")
                .element("BucketKeyEnabled", encryption.bucketKeyEnabled())
                .close("Rule")
                .finish("ServerSideEncryptionConfiguration");
    }

    /** An ACL read: the owner holds FULL_CONTROL and nobody else holds anything. */
    private static String acl(String owner) {
        String id = S3Handlers.canonicalUserId(owner);
        return S3Xml.document("AccessControlPolicy")
                .open("Owner").element("ID", id).close("Owner")
                .open("AccessControlList")
                .open("Grant")
                .open("Grantee", GRANTEE_ATTRIBUTES)
                .element("ID", id)
                .close("Grantee")
                .element("Permission", "FULL_CONTROL")
                .close("Grant")
                .close("AccessControlList")
                .finish("AccessControlPolicy");
    }

    private String empty(String root, String bucket) {
        configured(bucket);
        return S3Xml.document(root).finish(root);
    }

    // ------------------------------------------------------------------ GetObjectAttributes

    private SandboxResponse objectAttributes(S3Request request) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String value : request.headers().all("x-amz-object-attributes")) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    wanted.add(name.trim());
                }
            }
        }
        if (wanted.isEmpty()) {
            throw S3Errors.invalidRequest("The x-amz-object-attributes header specifying the attributes to be"
                    + " retrieved is either missing or empty", request.resource());
        }
        for (String name : wanted) {
            if (!OBJECT_ATTRIBUTES.contains(name)) {
                throw S3Errors.invalidArgument("Invalid attribute name specified.", "x-amz-object-attributes",
                        name, request.resource());
            }
        }
        ObjectInfo info = head(request);
        XmlBuilder xml = S3Xml.document("GetObjectAttributesResponse");
        if (wanted.contains("ETag")) {
            // Unlike GetObject's header, the ETag here is not quoted.
            xml.element("ETag", info.etag().replace("\"", ""));
        }
        if (wanted.contains("Checksum") && !info.checksums().isEmpty()) {
            xml.open("Checksum");
            for (Map.Entry<ChecksumAlgorithm, String> checksum : info.checksums().entrySet()) {
                xml.element("Checksum" + checksum.getKey().name(), checksum.getValue());
            }
            String first = info.checksums().values().iterator().next();
            xml.element("ChecksumType", first.contains("-") ? "COMPOSITE" : "FULL_OBJECT").close("Checksum");
        }
        if (wanted.contains("ObjectParts") && info.partsCount() != null) {
            xml.open("ObjectParts").element("TotalPartsCount", info.partsCount()).close("ObjectParts");
        }
        if (wanted.contains("StorageClass")) {
            xml.element("StorageClass", "STANDARD");
        }
        if (wanted.contains("ObjectSize")) {
            xml.element("ObjectSize", info.size());
        }
        SandboxResponse response = xml(xml.finish("GetObjectAttributesResponse"));
        response.headers().add("Last-Modified", HttpDates.format(info.lastModified()));
        return withVersionId(response, info.versionId());
    }

    // ------------------------------------------------------------------ CORS

    /**
     * A browser's preflight (OPTIONS object): 200 with the matching rule's CORS headers, else 403.
     * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTOPTIONSobject.html
     */
    private SandboxResponse preflight(S3Request request) {
        String origin = request.header("Origin").orElse(null);
        if (origin == null) {
            throw new ServiceException(400, "BadRequest", "Insufficient information. Origin request header needed.")
                    .resource(request.resource());
        }
        String method = request.header("Access-Control-Request-Method").map(String::trim).orElse(null);
        if (method == null || !CORS_METHODS.contains(method)) {
            throw new ServiceException(400, "BadRequest", "Invalid Access-Control-Request-Method: " + method)
                    .resource(request.resource());
        }
        CorsConfiguration cors = configured(request.bucket()).cors();
        String resourceType = request.key() == null ? "BUCKET" : "OBJECT";
        if (cors == null) {
            throw forbidden("CORSResponse: CORS is not enabled for this bucket.", method, resourceType, request);
        }
        List<String> requested = CorsConfiguration.headerList(request.header("Access-Control-Request-Headers").orElse(null));
        CorsRule rule = cors.matchPreflight(origin, method, requested).orElseThrow(() -> forbidden(
                "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin,"
                        + " request method / Access-Control-Request-Method or Access-Control-Request-Headers are not"
                        + " whitelisted by the resource's CORS spec.", method, resourceType, request));
        SandboxResponse response = ok();
        CorsHeaders.write(response.headers(), rule, origin);
        if (!requested.isEmpty()) {
            response.headers().add("Access-Control-Allow-Headers", String.join(", ", requested));
        }
        return response;
    }

    private static ServiceException forbidden(String message, String method, String resourceType, S3Request request) {
        return new ServiceException(403, "AccessForbidden", message).detail("Method", method)
                .detail("ResourceType", resourceType).resource(request.resource());
    }

    // ------------------------------------------------------------------ pieces

    static ServiceException notFound(String code, String message, String bucket) {
        return new ServiceException(404, code, message).detail("BucketName", bucket)
                .resource("/" + bucket);
    }

    private static SandboxResponse withVersionId(SandboxResponse response, String versionId) {
        if (versionId != null) {
            response.headers().add("x-amz-version-id", versionId);
        }
        return response;
    }

    private static SandboxResponse withHeader(SandboxResponse response, String name, String value) {
        response.headers().add(name, value);
        return response;
    }

    private static SandboxResponse ok() {
        return new SandboxResponse(200, new Headers(), new byte[0]);
    }

    private static SandboxResponse noContent() {
        return new SandboxResponse(204, new Headers(), new byte[0]);
    }

    private static SandboxResponse xml(String body) {
        return SandboxResponse.xml(200, body);
    }
}
