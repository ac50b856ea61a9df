package course.sandbox.s3.protocol;

import course.sandbox.s3.S3Errors;

import course.sandbox.auth.SigV4;
import course.sandbox.http.Headers;
import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.ChecksumAlgorithm;
import course.sandbox.protocol.XmlBuilder;
import course.sandbox.s3.BucketConfiguration;
import course.sandbox.s3.BucketInfo;
import course.sandbox.s3.BucketLocations;
import course.sandbox.s3.ObjectOwnership;
import course.sandbox.service.ServiceException;
import course.sandbox.s3.CopyObject;
import course.sandbox.s3.CopyResult;
import course.sandbox.s3.DeleteObjectsResult;
import course.sandbox.s3.DeleteResult;
import course.sandbox.s3.ObjectContent;
import course.sandbox.s3.ObjectInfo;
import course.sandbox.s3.ObjectListing;
import course.sandbox.s3.ObjectListingV2;
import course.sandbox.s3.ObjectTagging;
import course.sandbox.s3.ObjectWrite;
import course.sandbox.s3.PartInfo;
import course.sandbox.s3.PartListing;
import course.sandbox.s3.PutResult;
import course.sandbox.s3.ReadConditions;
import course.sandbox.s3.S3Store;
import course.sandbox.s3.Tag;
import course.sandbox.s3.UploadInfo;
import course.sandbox.s3.UploadListing;
import course.sandbox.s3.VersionListing;
import course.sandbox.s3.VersioningStatus;
import course.sandbox.service.Authorization;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Carries out authorized S3 operations on the store and writes S3's answers. */
final class S3Handlers {
    /** Headers S3 stores with an object and returns on GET and HEAD. */
    private static final List<String> STORED_HEADERS = List.of("Content-Encoding", "Content-Disposition",
            "Cache-Control", "Content-Language", "Expires", "x-amz-website-redirect-location");
    /** GET's response-* parameters and the header each overrides. */
    private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
            "response-content-type", "Content-Type",
            "response-content-language", "Content-Language",
            "response-expires", "Expires",
            "response-cache-control", "Cache-Control",
            "response-content-disposition", "Content-Disposition",
            "response-content-encoding", "Content-Encoding");
    private static final String USER_METADATA_PREFIX = "x-amz-meta-";
    private static final String STANDARD = "STANDARD";

    private final S3Store store;
    private final BucketPolicies policies;
    private final S3Permissions permissions;
    private final String account;
    private final BucketConfigurationHandlers configurations;

    S3Handlers(S3Store store, BucketPolicies policies, S3Permissions permissions, String account) {
        this.configurations = new BucketConfigurationHandlers(store, account);
        this.store = store;
        this.policies = policies;
        this.permissions = permissions;
        this.account = account;
    }

    /** @param authorization decides the permissions named here: each key of a DeleteObjects batch */
    SandboxResponse handle(S3Action action, S3Request request, Authorization authorization) {
        return switch (action) {
            case ListBuckets -> listBuckets(request);
            case CreateBucket -> createBucket(request);
            case HeadBucket -> headBucket(request);
            case DeleteBucket -> {
                store.deleteBucket(request.bucket());
                yield noContent();
            }
            case GetBucketLocation -> getBucketLocation(request);
            case PutObject -> putObject(request);
            case GetObject -> getObject(request, false);
            case HeadObject -> getObject(request, true);
            case DeleteObject -> deleteObject(request);
            case DeleteObjects -> deleteObjects(request, authorization);
            case CopyObject -> copyObject(request);
            case ListObjects -> listObjects(request);
            case ListObjectsV2 -> listObjectsV2(request);
            case ListObjectVersions -> listObjectVersions(request);
            case PutBucketVersioning -> {
                store.putBucketVersioning(request.bucket(), RequestBodies.versioning(request));
                yield ok();
            }
            case GetBucketVersioning -> getBucketVersioning(request);
            case CreateMultipartUpload -> createMultipartUpload(request);
            case UploadPart -> uploadPart(request);
            case UploadPartCopy -> uploadPartCopy(request);
            case ListParts -> listParts(request);
            case ListMultipartUploads -> listMultipartUploads(request);
            case CompleteMultipartUpload -> completeMultipartUpload(request);
            case AbortMultipartUpload -> {
                store.abortMultipartUpload(request.bucket(), request.key(), uploadId(request));
                yield noContent();
            }
            case PutObjectTagging -> {
                String versionId = store.putObjectTagging(request.bucket(), request.key(), versionId(request),
                        RequestBodies.tagSet(request));
                yield withVersionId(ok(), versionId);
            }
            case GetObjectTagging -> getObjectTagging(request);
            case DeleteObjectTagging -> withVersionId(noContent(),
                    store.deleteObjectTagging(request.bucket(), request.key(), versionId(request)));
            case PutBucketTagging -> {
                store.putBucketTagging(request.bucket(), RequestBodies.tagSet(request));
                yield noContent();
            }
            case GetBucketTagging -> xml(200, tagging(store.getBucketTagging(request.bucket())));
            case DeleteBucketTagging -> {
                store.deleteBucketTagging(request.bucket());
                yield noContent();
            }
            case PutBucketPolicy -> {
                store.putBucketPolicy(request.bucket(), new String(request.body(), StandardCharsets.UTF_8),
                        (json, kind) -> policies.validate(request.bucket(), json, request.service().caller()));
                yield noContent();
            }
            case GetBucketPolicy -> SandboxResponse.json(200, store.getBucketPolicy(request.bucket()));
            case DeleteBucketPolicy -> {
                store.deleteBucketPolicy(request.bucket());
                yield noContent();
            }
            case GetBucketPolicyStatus -> getBucketPolicyStatus(request);
            default -> configurations.handle(action, request);
        };
    }

    // ------------------------------------------------------------------ buckets

    private SandboxResponse listBuckets(S3Request request) {
        XmlBuilder xml = S3Xml.document("ListAllMyBucketsResult");
        owner(xml, "Owner", callerAccount(request));
        xml.open("Buckets");
        for (BucketInfo bucket : store.listBuckets(callerAccount(request))) {
            xml.open("Bucket")
                    .element("Name", bucket.name())
                    .element("CreationDate", bucket.creationDate())
                    .element("BucketRegion", bucket.region())
                    .close("Bucket");
        }
        xml.close("Buckets");
        return xml(200, xml.finish("ListAllMyBucketsResult"));
    }

    private SandboxResponse createBucket(S3Request request) {
        String location = BucketLocations.regionFor(RequestBodies.locationConstraint(request).orElse(null),
                request.service().region(), request.bucket());
        if (request.header("x-amz-bucket-object-lock-enabled").filter(value -> value.equalsIgnoreCase("true")).isPresent()) {
            throw S3Errors.notImplementedHeader("x-amz-bucket-object-lock-enabled", request.resource());
        }
        BucketConfiguration configuration = BucketConfiguration.newBucket();
        String ownershipHeader = request.header("x-amz-object-ownership").map(String::trim).orElse(null);
        if (ownershipHeader != null) {
            ObjectOwnership ownership = ObjectOwnership.parse(ownershipHeader);
            if (ownership == null) {
                throw S3Errors.invalidArgument("Invalid x-amz-object-ownership header: " + ownershipHeader,
                        "x-amz-object-ownership", ownershipHeader, request.resource());
            }
            configuration = configuration.withOwnership(ownership);
        }
        if (AccessControlLists.carriesAcl(request)) {
            AccessControlLists.Grants grants = AccessControlLists.fromHeaders(request);
            if (!grants.ownerOnly() && !configuration.aclsEnabled()) {
                // https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-error-responses.html
                throw new ServiceException(400, "InvalidBucketAclWithObjectOwnership",
                        "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting")
                        .resource(request.resource());
            }
            AccessControlLists.requireAllowed(grants, configuration, request.resource());
        }
        store.createBucket(callerAccount(request), request.bucket(), location, configuration);
        SandboxResponse response = ok();
        response.headers().add("Location", "/" + request.bucket());
        return response;
    }

    private SandboxResponse headBucket(S3Request request) {
        BucketInfo bucket = store.headBucket(request.bucket());
        SandboxResponse response = ok();
        response.headers().add("x-amz-bucket-region", bucket.region())
                .add("x-amz-access-point-alias", String.valueOf(request.accessPoint() != null));
        return response;
    }

    private SandboxResponse getBucketLocation(S3Request request) {
        String region = store.getBucketLocation(request.bucket());
        // us-east-1 is S3's original location and is reported as an empty constraint.
        XmlBuilder xml = S3Xml.document("LocationConstraint").text(region.equals(S3Store.DEFAULT_REGION) ? "" : region);
        return xml(200, xml.finish("LocationConstraint"));
    }

    private SandboxResponse getBucketVersioning(S3Request request) {
        VersioningStatus status = store.getBucketVersioning(request.bucket());
        XmlBuilder xml = S3Xml.document("VersioningConfiguration").element("Status", status.wireName());
        return xml(200, xml.finish("VersioningConfiguration"));
    }

    private SandboxResponse getBucketPolicyStatus(S3Request request) {
        boolean isPublic = policies.isPublic(store.getBucketPolicy(request.bucket()));
        XmlBuilder xml = S3Xml.document("PolicyStatus").element("IsPublic", isPublic);
        return xml(200, xml.finish("PolicyStatus"));
    }

    // ------------------------------------------------------------------ objects

    private SandboxResponse putObject(S3Request request) {
        PutResult result = store.putObject(callerAccount(request), request.bucket(), request.key(),
                objectWrite(request, request.body(), true));
        SandboxResponse response = ok();
        response.headers().add("ETag", result.etag());
        writeChecksums(response.headers(), result.checksums());
        return withVersionId(response, result.versionId());
    }

    private SandboxResponse getObject(S3Request request, boolean head) {
        ReadConditions conditions = new ReadConditions(request.header("If-Match").orElse(null),
                request.header("If-None-Match").orElse(null),
                request.header("If-Modified-Since").flatMap(HttpDates::parse).orElse(null),
                request.header("If-Unmodified-Since").flatMap(HttpDates::parse).orElse(null));
        String range = request.header("Range").orElse(null);
        boolean partRead = request.has("partNumber");
        if (partRead && range != null) {
            throw S3Errors.invalidRequest("Cannot specify both Range header and partNumber query parameter.",
                    request.resource());
        }
        ObjectContent content;
        if (partRead) {
            int partNumber = partNumber(request);
            content = head
                    ? store.headObjectPart(request.bucket(), request.key(), versionId(request), partNumber, conditions)
                    : store.getObjectPart(request.bucket(), request.key(), versionId(request), partNumber, conditions);
        } else {
            content = head
                    ? store.headObject(request.bucket(), request.key(), versionId(request), range, conditions)
                    : store.getObject(request.bucket(), request.key(), versionId(request), range, conditions);
        }
        ObjectInfo info = content.info();
        Headers headers = new Headers();
        headers.add("Accept-Ranges", "bytes");
        headers.add("Last-Modified", HttpDates.format(info.lastModified()));
        headers.add("ETag", info.etag());
        headers.add("Content-Type", request.param("response-content-type").orElse(info.contentType()));
        long length = content.range() == null ? info.size() : content.range().length();
        headers.add("Content-Length", String.valueOf(length));
        if (content.range() != null) {
            headers.add("Content-Range", content.range().contentRange());
        }
        if (info.versionId() != null) {
            headers.add("x-amz-version-id", info.versionId());
        }
        for (String name : STORED_HEADERS) {
            String value = info.headers().get(name);
            if (value != null && !isOverridden(request, name)) {
                headers.add(name, value);
            }
        }
        RESPONSE_OVERRIDES.forEach((param, header) -> {
            if (!header.equals("Content-Type")) {
                request.param(param).ifPresent(value -> headers.add(header, value));
            }
        });
        info.userMetadata().forEach((name, value) -> headers.add(USER_METADATA_PREFIX + name, value));
        if (info.tagCount() > 0) {
            headers.add("x-amz-tagging-count", String.valueOf(info.tagCount()));
        }
        // S3 tells the part count only to a part read of a multipart object: what a parallel download needs.
        if (partRead && info.partsCount() != null) {
            headers.add("x-amz-mp-parts-count", String.valueOf(info.partsCount()));
        }
        // Stored checksums cover the whole object, so a range answer carries none (as S3).
        boolean checksumMode = request.header("x-amz-checksum-mode").filter("ENABLED"::equalsIgnoreCase).isPresent();
        if (checksumMode && content.range() == null) {
            writeChecksums(headers, info.checksums());
        }
        return new SandboxResponse(content.range() == null ? 200 : 206, headers, content.body());
    }

    private static boolean isOverridden(S3Request request, String header) {
        return RESPONSE_OVERRIDES.entrySet().stream()
                .anyMatch(entry -> entry.getValue().equalsIgnoreCase(header) && request.has(entry.getKey()));
    }

    private SandboxResponse deleteObject(S3Request request) {
        DeleteResult result = store.deleteObject(request.bucket(), request.key(), versionId(request));
        SandboxResponse response = noContent();
        if (result.deleteMarker()) {
            response.headers().add("x-amz-delete-marker", "true");
        }
        return withVersionId(response, result.versionId());
    }

    private SandboxResponse deleteObjects(S3Request request, Authorization authorization) {
        RequestBodies.DeleteRequest delete = RequestBodies.DeleteRequest.parse(request);
        DeleteObjectsResult result = store.deleteObjects(request.bucket(), delete.objects(), delete.quiet(),
                object -> permissions.toDelete(request, object).stream().allMatch(authorization::allows));
        XmlBuilder xml = S3Xml.document("DeleteResult");
        for (DeleteObjectsResult.Deleted deleted : result.deleted()) {
            xml.open("Deleted")
                    .element("Key", deleted.key())
                    .element("VersionId", deleted.versionId())
                    .element("DeleteMarker", deleted.deleteMarker() ? "true" : null)
                    .element("DeleteMarkerVersionId", deleted.deleteMarkerVersionId())
                    .close("Deleted");
        }
        for (DeleteObjectsResult.Error error : result.errors()) {
            xml.open("Error")
                    .element("Key", error.key())
                    .element("VersionId", error.versionId())
                    .element("Code", error.code())
                    .element("Message", error.message())
                    .close("Error");
        }
        return xml(200, xml.finish("DeleteResult"));
    }

    private SandboxResponse copyObject(S3Request request) {
        CopySource source = CopySource.parse(request.header("x-amz-copy-source").orElseThrow(), request.resource());
        CopyObject copy = CopyObject.of(source.bucket(), source.key(), source.versionId(), request.bucket(), request.key())
                .metadataDirective(directive(request, "x-amz-metadata-directive"))
                .taggingDirective(directive(request, "x-amz-tagging-directive"))
                .replacement(objectWrite(request, new byte[0], false))
                .sourceConditions(copySourceConditions(request));
        CopyResult result = store.copyObject(callerAccount(request), copy);
        XmlBuilder xml = S3Xml.document("CopyObjectResult")
                .element("LastModified", result.lastModified())
                .element("ETag", result.etag());
        checksumElements(xml, result.checksums());
        SandboxResponse response = xml(200, xml.finish("CopyObjectResult"));
        if (result.sourceVersionId() != null) {
            response.headers().add("x-amz-copy-source-version-id", result.sourceVersionId());
        }
        return withVersionId(response, result.versionId());
    }

    private static CopyObject.Directive directive(S3Request request, String header) {
        String value = request.header(header).map(text -> text.trim().toUpperCase(Locale.ROOT)).orElse("COPY");
        return switch (value) {
            case "COPY" -> CopyObject.Directive.COPY;
            case "REPLACE" -> CopyObject.Directive.REPLACE;
            default -> throw S3Errors.invalidArgument("Unknown " + header.substring("x-amz-".length()) + ".",
                    header, value, request.resource());
        };
    }

    private static ReadConditions copySourceConditions(S3Request request) {
        return new ReadConditions(request.header("x-amz-copy-source-if-match").orElse(null),
                request.header("x-amz-copy-source-if-none-match").orElse(null),
                request.header("x-amz-copy-source-if-modified-since").flatMap(HttpDates::parse).orElse(null),
                request.header("x-amz-copy-source-if-unmodified-since").flatMap(HttpDates::parse).orElse(null));
    }

    private SandboxResponse getObjectTagging(S3Request request) {
        ObjectTagging tagging = store.getObjectTagging(request.bucket(), request.key(), versionId(request));
        return withVersionId(xml(200, tagging(tagging.tags())), tagging.versionId());
    }

    private static String tagging(List<Tag> tags) {
        XmlBuilder xml = S3Xml.document("Tagging").open("TagSet");
        for (Tag tag : tags) {
            xml.open("Tag").element("Key", tag.key()).element("Value", tag.value()).close("Tag");
        }
        return xml.close("TagSet").finish("Tagging");
    }

    // ------------------------------------------------------------------ listing

    private SandboxResponse listObjects(S3Request request) {
        UnaryOperator<String> encode = encoding(request);
        int maxKeys = request.intParam("max-keys", S3Store.MAX_KEYS);
        String prefix = request.param("prefix").orElse("");
        String delimiter = request.param("delimiter").orElse(null);
        String marker = request.param("marker").orElse("");
        ObjectListing listing = store.listObjects(request.bucket(), prefix, delimiter, marker, maxKeys);
        XmlBuilder xml = S3Xml.document("ListBucketResult")
                .element("Name", request.bucket())
                .element("Prefix", encode.apply(prefix))
                .element("Marker", encode.apply(marker))
                .element("MaxKeys", Math.min(maxKeys, S3Store.MAX_KEYS))
                .element("Delimiter", delimiter == null ? null : encode.apply(delimiter))
                .element("IsTruncated", listing.truncated())
                .element("NextMarker", listing.nextMarker() == null ? null : encode.apply(listing.nextMarker()));
        listing.contents().forEach(info -> contents(xml, info, encode));
        commonPrefixes(xml, listing.commonPrefixes(), encode);
        xml.element("EncodingType", request.param("encoding-type").orElse(null));
        return xml(200, xml.finish("ListBucketResult"));
    }

    private SandboxResponse listObjectsV2(S3Request request) {
        UnaryOperator<String> encode = encoding(request);
        int maxKeys = request.intParam("max-keys", S3Store.MAX_KEYS);
        String prefix = request.param("prefix").orElse("");
        String delimiter = request.param("delimiter").orElse(null);
        String token = request.param("continuation-token").orElse(null);
        String startAfter = request.param("start-after").orElse(null);
        boolean fetchOwner = request.param("fetch-owner").filter("true"::equalsIgnoreCase).isPresent();
        ObjectListingV2 listing = store.listObjectsV2(request.bucket(), prefix, delimiter, token, startAfter, maxKeys,
                fetchOwner);
        XmlBuilder xml = S3Xml.document("ListBucketResult")
                .element("Name", request.bucket())
                .element("Prefix", encode.apply(prefix))
                .element("MaxKeys", Math.min(maxKeys, S3Store.MAX_KEYS))
                .element("Delimiter", delimiter == null ? null : encode.apply(delimiter))
                .element("IsTruncated", listing.truncated());
        listing.contents().forEach(info -> contents(xml, info, encode));
        commonPrefixes(xml, listing.commonPrefixes(), encode);
        xml.element("EncodingType", request.param("encoding-type").orElse(null))
                .element("KeyCount", listing.keyCount())
                .element("ContinuationToken", token)
                .element("NextContinuationToken", listing.nextContinuationToken())
                .element("StartAfter", startAfter == null ? null : encode.apply(startAfter));
        return xml(200, xml.finish("ListBucketResult"));
    }

    private SandboxResponse listObjectVersions(S3Request request) {
        UnaryOperator<String> encode = encoding(request);
        int maxKeys = request.intParam("max-keys", S3Store.MAX_KEYS);
        String prefix = request.param("prefix").orElse("");
        String delimiter = request.param("delimiter").orElse(null);
        String keyMarker = request.param("key-marker").orElse("");
        String versionIdMarker = request.param("version-id-marker").orElse("");
        VersionListing listing = store.listObjectVersions(request.bucket(), prefix, delimiter, keyMarker,
                versionIdMarker, maxKeys);
        XmlBuilder xml = S3Xml.document("ListVersionsResult")
                .element("Name", request.bucket())
                .element("Prefix", encode.apply(prefix))
                .element("KeyMarker", encode.apply(keyMarker))
                .element("VersionIdMarker", versionIdMarker)
                .element("NextKeyMarker", listing.nextKeyMarker() == null ? null : encode.apply(listing.nextKeyMarker()))
                .element("NextVersionIdMarker", listing.nextVersionIdMarker())
                .element("MaxKeys", Math.min(maxKeys, S3Store.MAX_KEYS))
                .element("Delimiter", delimiter == null ? null : encode.apply(delimiter))
                .element("IsTruncated", listing.truncated());
        for (VersionListing.Entry entry : listing.entries()) {
            ObjectInfo info = entry.info();
            String element = info.deleteMarker() ? "DeleteMarker" : "Version";
            xml.open(element)
                    .element("Key", encode.apply(info.key()))
                    .element("VersionId", info.versionId())
                    .element("IsLatest", entry.latest())
                    .element("LastModified", info.lastModified());
            if (!info.deleteMarker()) {
                xml.element("ETag", info.etag()).element("Size", info.size());
                checksumAlgorithm(xml, info.checksums());
                xml.element("StorageClass", STANDARD);
            }
            owner(xml, "Owner", info.owner());
            xml.close(element);
        }
        commonPrefixes(xml, listing.commonPrefixes(), encode);
        xml.element("EncodingType", request.param("encoding-type").orElse(null));
        return xml(200, xml.finish("ListVersionsResult"));
    }

    private static void contents(XmlBuilder xml, ObjectInfo info, UnaryOperator<String> encode) {
        xml.open("Contents")
                .element("Key", encode.apply(info.key()))
                .element("LastModified", info.lastModified())
                .element("ETag", info.etag())
                .element("Size", info.size());
        checksumAlgorithm(xml, info.checksums());
        owner(xml, "Owner", info.owner());
        xml.element("StorageClass", STANDARD).close("Contents");
    }

    private static void commonPrefixes(XmlBuilder xml, List<String> prefixes, UnaryOperator<String> encode) {
        for (String prefix : prefixes) {
            xml.open("CommonPrefixes").element("Prefix", encode.apply(prefix)).close("CommonPrefixes");
        }
    }

    /** With encoding-type=url, keys and prefixes are percent-encoded (keeping '/'); any other type is refused. */
    private static UnaryOperator<String> encoding(S3Request request) {
        String type = request.param("encoding-type").orElse(null);
        if (type == null) {
            return UnaryOperator.identity();
        }
        if (!type.equals("url")) {
            throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", type,
                    request.resource());
        }
        return text -> SigV4.uriEncode(text, false);
    }

    // ------------------------------------------------------------------ multipart uploads

    private SandboxResponse createMultipartUpload(S3Request request) {
        UploadInfo upload = store.createMultipartUpload(callerAccount(request), request.bucket(), request.key(),
                objectWrite(request, new byte[0], false));
        XmlBuilder xml = S3Xml.document("InitiateMultipartUploadResult")
                .element("Bucket", request.bucket())
                .element("Key", request.key())
                .element("UploadId", upload.uploadId());
        SandboxResponse response = xml(200, xml.finish("InitiateMultipartUploadResult"));
        if (upload.checksumAlgorithm() != null) {
            response.headers().add("x-amz-checksum-algorithm", upload.checksumAlgorithm().name());
        }
        return response;
    }

    private SandboxResponse uploadPart(S3Request request) {
        PartInfo part = store.uploadPart(request.bucket(), request.key(), uploadId(request), partNumber(request),
                objectWrite(request, request.body(), true));
        SandboxResponse response = ok();
        response.headers().add("ETag", part.etag());
        writeChecksums(response.headers(), part.checksums());
        return response;
    }

    private SandboxResponse uploadPartCopy(S3Request request) {
        CopySource source = CopySource.parse(request.header("x-amz-copy-source").orElseThrow(), request.resource());
        PartInfo part = store.uploadPartCopy(request.bucket(), request.key(), uploadId(request), partNumber(request),
                source.bucket(), source.key(), source.versionId(),
                request.header("x-amz-copy-source-range").orElse(null), copySourceConditions(request));
        XmlBuilder xml = S3Xml.document("CopyPartResult")
                .element("LastModified", part.lastModified())
                .element("ETag", part.etag());
        checksumElements(xml, part.checksums());
        return xml(200, xml.finish("CopyPartResult"));
    }

    private SandboxResponse listParts(S3Request request) {
        int maxParts = request.intParam("max-parts", S3Store.MAX_KEYS);
        int marker = request.intParam("part-number-marker", 0);
        PartListing listing = store.listParts(request.bucket(), request.key(), uploadId(request), marker, maxParts);
        XmlBuilder xml = S3Xml.document("ListPartsResult")
                .element("Bucket", request.bucket())
                .element("Key", request.key())
                .element("UploadId", listing.upload().uploadId());
        owner(xml, "Initiator", listing.upload().owner());
        owner(xml, "Owner", listing.upload().owner());
        xml.element("StorageClass", STANDARD)
                .element("PartNumberMarker", marker)
                .element("NextPartNumberMarker", listing.nextPartNumberMarker())
                .element("MaxParts", Math.min(maxParts, S3Store.MAX_KEYS))
                .element("IsTruncated", listing.truncated());
        if (listing.upload().checksumAlgorithm() != null) {
            xml.element("ChecksumAlgorithm", listing.upload().checksumAlgorithm().name());
        }
        for (PartInfo part : listing.parts()) {
            xml.open("Part")
                    .element("PartNumber", part.partNumber())
                    .element("LastModified", part.lastModified())
                    .element("ETag", part.etag())
                    .element("Size", part.size());
            checksumElements(xml, part.checksums());
            xml.close("Part");
        }
        return xml(200, xml.finish("ListPartsResult"));
    }

    private SandboxResponse listMultipartUploads(S3Request request) {
        UnaryOperator<String> encode = encoding(request);
        int maxUploads = request.intParam("max-uploads", S3Store.MAX_KEYS);
        String prefix = request.param("prefix").orElse("");
        String delimiter = request.param("delimiter").orElse(null);
        String keyMarker = request.param("key-marker").orElse("");
        String uploadIdMarker = request.param("upload-id-marker").orElse("");
        UploadListing listing = store.listMultipartUploads(request.bucket(), prefix, delimiter, keyMarker,
                uploadIdMarker, maxUploads);
        XmlBuilder xml = S3Xml.document("ListMultipartUploadsResult")
                .element("Bucket", request.bucket())
                .element("KeyMarker", encode.apply(keyMarker))
                .element("UploadIdMarker", uploadIdMarker)
                .element("NextKeyMarker", listing.nextKeyMarker() == null ? null : encode.apply(listing.nextKeyMarker()))
                .element("NextUploadIdMarker", listing.nextUploadIdMarker())
                .element("Delimiter", delimiter == null ? null : encode.apply(delimiter))
                .element("Prefix", encode.apply(prefix))
                .element("MaxUploads", Math.min(maxUploads, S3Store.MAX_KEYS))
                .element("IsTruncated", listing.truncated());
        for (UploadInfo upload : listing.uploads()) {
            xml.open("Upload")
                    .element("Key", encode.apply(upload.key()))
                    .element("UploadId", upload.uploadId());
            owner(xml, "Initiator", upload.owner());
            owner(xml, "Owner", upload.owner());
            xml.element("StorageClass", STANDARD)
                    .element("Initiated", upload.initiated());
            if (upload.checksumAlgorithm() != null) {
                xml.element("ChecksumAlgorithm", upload.checksumAlgorithm().name());
            }
            xml.close("Upload");
        }
        commonPrefixes(xml, listing.commonPrefixes(), encode);
        xml.element("EncodingType", request.param("encoding-type").orElse(null));
        return xml(200, xml.finish("ListMultipartUploadsResult"));
    }

    private SandboxResponse completeMultipartUpload(S3Request request) {
        PutResult result = store.completeMultipartUpload(request.bucket(), request.key(), uploadId(request),
                RequestBodies.completedParts(request));
        String host = request.header("Host").orElse("127.0.0.1");
        XmlBuilder xml = S3Xml.document("CompleteMultipartUploadResult")
                .element("Location", "http://" + host + "/" + request.bucket() + "/" + SigV4.uriEncode(request.key(), false))
                .element("Bucket", request.bucket())
                .element("Key", request.key())
                .element("ETag", result.etag());
        checksumElements(xml, result.checksums());
        return withVersionId(xml(200, xml.finish("CompleteMultipartUploadResult")), result.versionId());
    }

    private static String uploadId(S3Request request) {
        return request.param("uploadId").orElse("");
    }

    private static int partNumber(S3Request request) {
        String value = request.param("partNumber").orElse("");
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                    "partNumber", value, request.resource());
        }
    }

    // ------------------------------------------------------------------ request and answer pieces

    /**
     * What a write carries in its headers (and, for aws-chunked uploads, its trailer): content
     * type, user metadata, stored headers, Content-MD5, checksums, tags and write conditions.
     */
    private static ObjectWrite objectWrite(S3Request request, byte[] body, boolean withIntegrity) {
        ObjectWrite write = ObjectWrite.of(body);
        request.header("Content-Type").ifPresent(write::contentType);
        Headers headers = request.headers();
        for (String name : headers.lowerCaseNames()) {
            if (name.startsWith(USER_METADATA_PREFIX)) {
                write.metadata(name.substring(USER_METADATA_PREFIX.length()), String.join(",", headers.all(name)));
            }
        }
        for (String name : STORED_HEADERS) {
            request.header(name).map(value -> name.equals("Content-Encoding") ? withoutAwsChunked(value) : value)
                    .filter(value -> !value.isEmpty())
                    .ifPresent(value -> write.header(name, value));
        }
        request.header("x-amz-tagging").ifPresent(header -> write.tags(TaggingHeader.parse(header, request.resource())));
        request.header("x-amz-checksum-algorithm").or(() -> request.header("x-amz-sdk-checksum-algorithm"))
                .ifPresent(name -> write.checksumAlgorithm(checksumAlgorithm(name, request)));
        if (withIntegrity) {
            request.service().bodyMd5().ifPresent(write::bodyMd5);
            request.header("Content-MD5").ifPresent(write::contentMd5);
            for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
                request.header(algorithm.headerName()).ifPresent(value -> write.checksum(algorithm, value));
                // Trailing checksums arrive already checked by the signature verifier.
                request.service().trailingHeaders().first(algorithm.headerName())
                        .ifPresent(value -> write.verifiedChecksum(algorithm, value));
            }
            request.header("If-Match").ifPresent(write::ifMatch);
            request.header("If-None-Match").ifPresent(write::ifNoneMatch);
        }
        return write;
    }

    private static ChecksumAlgorithm checksumAlgorithm(String name, S3Request request) {
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromName(name.trim());
        if (algorithm == null) {
            throw S3Errors.invalidRequest("Checksum algorithm provided is unsupported. Please try again with any"
                    + " of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]", request.resource());
        }
        return algorithm;
    }

    /** aws-chunked describes how the body travelled, not the object: S3 does not store it. */
    private static String withoutAwsChunked(String contentEncoding) {
        return String.join(",", java.util.Arrays.stream(contentEncoding.split(","))
                .map(String::trim)
                .filter(coding -> !coding.isEmpty() && !coding.equalsIgnoreCase("aws-chunked"))
                .toList());
    }

    private String callerAccount(S3Request request) {
        return request.service().caller().credential().map(credential -> credential.principal().accountId()).orElse(account);
    }

    private static void writeChecksums(Headers headers, Map<ChecksumAlgorithm, String> checksums) {
        checksums.forEach((algorithm, value) -> {
            headers.add(algorithm.headerName(), value);
            headers.add("x-amz-checksum-type", value.contains("-") ? "COMPOSITE" : "FULL_OBJECT");
        });
    }

    private static void checksumElements(XmlBuilder xml, Map<ChecksumAlgorithm, String> checksums) {
        checksums.forEach((algorithm, value) -> xml.element("Checksum" + algorithm.name(), value));
        checksums.values().stream().findFirst()
                .ifPresent(value -> xml.element("ChecksumType", value.contains("-") ? "COMPOSITE" : "FULL_OBJECT"));
    }

    private static void checksumAlgorithm(XmlBuilder xml, Map<ChecksumAlgorithm, String> checksums) {
        checksums.keySet().forEach(algorithm -> xml.element("ChecksumAlgorithm", algorithm.name()));
    }

    /** An Owner or Initiator element; S3 names accounts by a canonical user id. */
    private static void owner(XmlBuilder xml, String element, String ownerAccount) {
        if (ownerAccount != null) {
            xml.open(element).element("ID", canonicalUserId(ownerAccount)).close(element);
        }
    }

    /** A stable 64-hex canonical user id for an account, shaped like S3's. */
    static String canonicalUserId(String ownerAccount) {
        return SigV4.sha256Hex("course-sandbox canonical user " + ownerAccount);
    }

    private static String versionId(S3Request request) {
        return request.param("versionId").filter(id -> !id.isEmpty()).orElse(null);
    }

    private static SandboxResponse withVersionId(SandboxResponse response, String versionId) {
        if (versionId != null) {
            response.headers().add("x-amz-version-id", versionId);
        }
        return response;
    }

    private static SandboxResponse ok() {
        return new SandboxResponse(200, new Headers(), new byte[0]);
    }

    private static SandboxResponse noContent() {
        return new SandboxResponse(204, new Headers(), new byte[0]);
    }

    private static SandboxResponse xml(int status, String body) {
        return SandboxResponse.xml(status, body);
    }
}
