package course.sandbox.s3;

import java.util.List;

/**
 * ListObjectsV2 result. {@code keyCount} counts keys and common prefixes. {@code
 * nextContinuationToken} is opaque and set only when truncated. With encoding-type=url the
 * protocol layer must URL-encode Delimiter, Prefix, StartAfter, Key and CommonPrefixes/Prefix.
 */
public record ObjectListingV2(List<ObjectInfo> contents, List<String> commonPrefixes, int keyCount,
                              boolean truncated, String nextContinuationToken) {}
