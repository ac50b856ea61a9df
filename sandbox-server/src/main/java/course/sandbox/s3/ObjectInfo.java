package course.sandbox.s3;

import course.sandbox.protocol.ChecksumAlgorithm;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One object version (or delete marker) as S3 reports it.
 *
 * @param versionId     the version id to report, or null when the bucket was never versioned
 *                      (AWS sends no x-amz-version-id then); "null" for the null version
 * @param etag          quoted ETag; null for delete markers
 * @param lastModified  second precision, as S3 reports it
 * @param userMetadata  x-amz-meta-* values keyed by the lower-case name without the prefix
 * @param headers       other stored headers (Content-Encoding, Content-Disposition, Cache-Control,
 *                      Content-Language, Expires, x-amz-website-redirect-location ...) by canonical name
 * @param checksums     stored additional checksums, base64
 * @param partsCount    number of parts for multipart objects, else null
 * @param owner         account id of the writer; null when a listing was asked without fetch-owner
 * @param tagCount      number of tags (x-amz-tagging-count)
 */
public record ObjectInfo(
        String key,
        String versionId,
        boolean deleteMarker,
        String etag,
        long size,
        Instant lastModified,
        String contentType,
        Map<String, String> userMetadata,
        Map<String, String> headers,
        Map<ChecksumAlgorithm, String> checksums,
        Integer partsCount,
        String owner,
        int tagCount) {}
