package course.sandbox.s3;

import java.util.List;

/**
 * ListObjectVersions result: versions and delete markers in key order, newest first within a key.
 * With encoding-type=url the protocol layer must URL-encode Delimiter, KeyMarker, NextKeyMarker,
 * Prefix, Key and CommonPrefixes/Prefix.
 */
public record VersionListing(List<Entry> entries, List<String> commonPrefixes, boolean truncated,
                             String nextKeyMarker, String nextVersionIdMarker) {

    /** A version ({@code info.deleteMarker()} false) or a delete marker, and whether it is the latest. */
    public record Entry(ObjectInfo info, boolean latest) {}
}
