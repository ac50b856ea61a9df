package course.sandbox.s3;

import java.util.List;

/**
 * ListObjects (v1) result. {@code nextMarker} is set only when truncated and a delimiter was given
 * (AWS's rule; without a delimiter clients use the last key). With encoding-type=url the protocol
 * layer must URL-encode Delimiter, Marker, Prefix, NextMarker, Key and CommonPrefixes/Prefix.
 */
public record ObjectListing(List<ObjectInfo> contents, List<String> commonPrefixes, boolean truncated,
                            String nextMarker) {}
