package course.sandbox.s3;

import static course.sandbox.s3.S3Store.DEFAULT_CONTENT_TYPE;

import course.sandbox.protocol.ChecksumAlgorithm;
import course.sandbox.s3.StoreState.BucketState;
import course.sandbox.s3.StoreState.PartState;
import course.sandbox.s3.StoreState.UploadState;
import course.sandbox.s3.StoreState.VersionState;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The multipart-upload aggregate of {@link S3Store}: uploads, their parts and their completion. */
final class MultipartUploads extends StoreAggregate {
    private final ObjectVersions objects;

    MultipartUploads(StoreCore core, ObjectVersions objects) {
        super(core);
        this.objects = objects;
    }

    UploadInfo createMultipartUpload(String account, String bucket, String key, ObjectWrite write) {
        String resource = S3Errors.resource(bucket, key);
        requireValidKey(key, resource);
        TagSets.validateObjectTags(write.tags(), resource);
        return core.mutate(() -> {
            BucketState b = core.bucket(bucket);
            UploadState upload = new UploadState();
            upload.uploadId = core.randomId(48);
            upload.key = key;
            upload.initiated = core.now();
            upload.sequence = b.uploads.values().stream().mapToLong(u -> u.sequence).max().orElse(0) + 1;
            upload.owner = account;
            upload.contentType = write.contentType() == null ? DEFAULT_CONTENT_TYPE : write.contentType();
            upload.userMetadata.putAll(write.userMetadata());
            upload.headers.putAll(write.headers());
            upload.tags = write.tags();
            upload.checksumAlgorithm = write.checksumAlgorithm();
            b.uploads.put(upload.uploadId, upload);
            return uploadInfo(upload);
        });
    }

    PartInfo uploadPart(String bucket, String key, String uploadId, int partNumber, ObjectWrite write) {
        String resource = S3Errors.resource(bucket, key);
        requireValidPartNumber(partNumber, resource);
        byte[] body = write.body();
        Map<ChecksumAlgorithm, String> checksums = ObjectVersions.verifyIntegrity(body, write, resource, false);
        return storePart(bucket, key, uploadId, partNumber, body, write.md5(), checksums);
    }

    PartInfo uploadPartCopy(String bucket, String key, String uploadId, int partNumber, String sourceBucket,
                                   String sourceKey, String sourceVersionId, RangeRequest copySourceRange,
                                   ReadConditions sourceConditions) {
        String resource = S3Errors.resource(bucket, key);
        requireValidPartNumber(partNumber, resource);
        ObjectVersions.CopySource source = core.read(() -> {
            uploadOf(core.bucket(bucket), bucket, key, uploadId);
            return objects.readCopySource(sourceBucket, sourceKey, sourceVersionId, sourceConditions);
        });
        byte[] data = source.body();
        if (copySourceRange != null) {
            Long first = copySourceRange.first();
            Long last = copySourceRange.last();
            if (first == null || last == null || first > last || last >= data.length) {
                throw S3Errors.invalidArgument("Range specified is not valid for source object of size: " + data.length,
                        "x-amz-copy-source-range", copySourceRange.asSent(), resource);
            }
            data = Arrays.copyOfRange(data, first.intValue(), last.intValue() + 1);
        }
        return storePart(bucket, key, uploadId, partNumber, data, Digests.md5(data), Map.of());
    }

    PartListing listParts(String bucket, String key, String uploadId, int partNumberMarker, int maxParts) {
        int limit = checkMaxKeys(maxParts, bucket, "max-parts");
        return core.read(() -> {
            UploadState upload = uploadOf(core.bucket(bucket), bucket, key, uploadId);
            List<PartInfo> parts = new ArrayList<>();
            boolean truncated = false;
            for (PartState part : upload.parts.tailMap(partNumberMarker, false).values()) {
                if (parts.size() == limit) {
                    truncated = true;
                    break;
                }
                parts.add(partInfo(part));
            }
            int next = parts.isEmpty() ? 0 : parts.get(parts.size() - 1).partNumber();
            return new PartListing(uploadInfo(upload), List.copyOf(parts), truncated, next);
        });
    }

    PutResult completeMultipartUpload(String bucket, String key, String uploadId, List<CompletedPart> parts) {
        String resource = S3Errors.resource(bucket, key);
        return core.mutate(() -> {
            BucketState b = core.bucket(bucket);
            UploadState upload = uploadOf(b, bucket, key, uploadId);
            if (parts.isEmpty()) {
                throw S3Errors.malformedXml(resource);
            }
            List<PartState> chosen = new ArrayList<>();
            int previous = 0;
            for (CompletedPart requested : parts) {
                if (requested.partNumber() <= previous) {
                    throw S3Errors.error("InvalidPartOrder", 400,
                            "The list of parts was not in ascending order. Parts must be ordered by part number.",
                            resource).detail("UploadId", uploadId);
                }
                previous = requested.partNumber();
                PartState part = upload.parts.get(requested.partNumber());
                if (part == null || requested.etag() == null
                        || !Digests.unquote(part.etag).equals(Digests.unquote(requested.etag()))) {
                    throw S3Errors.error("InvalidPart", 400, "One or more of the specified parts could not be found."
                            + "  The part may not have been uploaded, or the specified entity tag may not match the"
                            + " part's entity tag.", resource)
                            .detail("UploadId", uploadId)
                            .detail("PartNumber", String.valueOf(requested.partNumber()))
                            .detail("ETag", String.valueOf(requested.etag()));
                }
                chosen.add(part);
            }
            for (int i = 0; i < chosen.size() - 1; i++) {
                PartState part = chosen.get(i);
                if (part.size < core.minPartSize) {
                    throw S3Errors.error("EntityTooSmall", 400,
                            "Your proposed upload is smaller than the minimum allowed object size.", resource)
                            .detail("ProposedSize", String.valueOf(part.size))
                            .detail("MinSizeAllowed", String.valueOf(core.minPartSize))
                            .detail("PartNumber", String.valueOf(part.partNumber))
                            .detail("ETag", Digests.unquote(part.etag));
                }
            }
            // One array of the final size: growing a buffer part by part copies the object many times.
            byte[] data = new byte[Math.toIntExact(chosen.stream().mapToLong(part -> part.size).sum())];
            List<byte[]> md5s = new ArrayList<>();
            List<byte[]> partData = new ArrayList<>();
            int offset = 0;
            for (PartState part : chosen) {
                byte[] bytes = core.backend.readBlob(part.blobId);
                System.arraycopy(bytes, 0, data, offset, bytes.length);
                offset += bytes.length;
                partData.add(bytes);
                md5s.add(Digests.md5FromEtag(part.etag));
            }
            VersionState version = new VersionState();
            version.owner = upload.owner;
            version.contentType = upload.contentType;
            version.userMetadata.putAll(upload.userMetadata);
            version.headers.putAll(upload.headers);
            version.tags = new ArrayList<>(upload.tags);
            version.etag = Digests.multipartEtag(md5s);
            version.size = data.length;
            version.partSizes = chosen.stream().map(part -> part.size).toList();
            version.lastModified = core.now();
            version.checksums.putAll(multipartChecksum(upload.checksumAlgorithm, chosen, partData));
            version.blobId = core.backend.writeBlob(data);
            b.uploads.remove(uploadId);
            upload.parts.values().forEach(part -> core.garbage.add(part.blobId));
            objects.addVersion(b, key, version);
            return new PutResult(version.etag, reportedVersionId(b, version), readOnly(version.checksums));
        });
    }

    void abortMultipartUpload(String bucket, String key, String uploadId) {
        core.mutate(() -> {
            BucketState b = core.bucket(bucket);
            UploadState upload = uploadOf(b, bucket, key, uploadId);
            b.uploads.remove(uploadId);
            upload.parts.values().forEach(part -> core.garbage.add(part.blobId));
            return null;
        });
    }

    private static UploadState uploadOf(BucketState b, String bucket, String key, String uploadId) {
        UploadState upload = uploadId == null ? null : b.uploads.get(uploadId);
        if (upload == null || !upload.key.equals(key)) {
            throw S3Errors.noSuchUpload(bucket, key, uploadId);
        }
        return upload;
    }

    private PartInfo storePart(String bucket, String key, String uploadId, int partNumber, byte[] data, byte[] md5,
                               Map<ChecksumAlgorithm, String> checksums) {
        PartState part = new PartState();
        part.partNumber = partNumber;
        part.etag = Digests.etagOf(md5);
        part.size = data.length;
        part.lastModified = core.now();
        part.checksums.putAll(checksums);
        String blobId = core.backend.writeBlob(data);
        part.blobId = blobId;
        return core.mutateWithBlob(blobId, () -> {
            UploadState upload = uploadOf(core.bucket(bucket), bucket, key, uploadId);
            ChecksumAlgorithm algorithm = upload.checksumAlgorithm;
            if (algorithm != null && !part.checksums.containsKey(algorithm)) {
                part.checksums.put(algorithm, algorithm.base64(data));
            }
            PartState replaced = upload.parts.put(partNumber, part);
            if (replaced != null) {
                core.garbage.add(replaced.blobId);
            }
            return partInfo(part);
        });
    }

    /**
     * The checksum of a completed upload: for CRC32, CRC32C, SHA1 and SHA256 a composite checksum
     * (the checksum of the concatenated binary part checksums, then "-N"); CRC64NVME, and the
     * default when no algorithm was chosen, is a full-object checksum.
     */
    private static Map<ChecksumAlgorithm, String> multipartChecksum(ChecksumAlgorithm algorithm,
                                                                    List<PartState> parts, List<byte[]> partData) {
        if (algorithm == null || algorithm == ChecksumAlgorithm.CRC64NVME) {
            return Map.of(ChecksumAlgorithm.CRC64NVME, Base64.getEncoder().encodeToString(
                    ChecksumAlgorithm.crc64NvmeOfConcatenation(partData)));
        }
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        for (PartState part : parts) {
            concatenated.writeBytes(Base64.getDecoder().decode(part.checksums.get(algorithm)));
        }
        return Map.of(algorithm, algorithm.base64(concatenated.toByteArray()) + "-" + parts.size());
    }

    private static PartInfo partInfo(PartState part) {
        return new PartInfo(part.partNumber, part.etag, part.size, Instant.ofEpochMilli(part.lastModified),
                readOnly(part.checksums));
    }
}
