package course.sandbox.s3;

import course.sandbox.service.Tag;
import java.util.List;

/** GetObjectTagging result; versionId is null when the bucket is unversioned. */
public record ObjectTagging(String versionId, List<Tag> tags) {}
