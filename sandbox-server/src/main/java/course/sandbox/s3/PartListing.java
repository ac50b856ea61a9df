package course.sandbox.s3;

import java.util.List;

/** ListParts result; {@code nextPartNumberMarker} is the last listed part number (0 when none). */
public record PartListing(UploadInfo upload, List<PartInfo> parts, boolean truncated, int nextPartNumberMarker) {}
