package course.sandbox.s3;

import java.util.List;

/**
 * ListMultipartUploads result; next markers are set only when truncated. With encoding-type=url
 * the protocol layer must URL-encode Delimiter, KeyMarker, NextKeyMarker, Prefix, Key and
 * CommonPrefixes/Prefix.
 */
public record UploadListing(List<UploadInfo> uploads, List<String> commonPrefixes, boolean truncated,
                            String nextKeyMarker, String nextUploadIdMarker) {}
