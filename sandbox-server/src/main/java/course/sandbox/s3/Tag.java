package course.sandbox.s3;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One tag of an object or bucket. */
public record Tag(String key, String value) {
    static final int MAX_OBJECT_TAGS = 10;
    static final int MAX_BUCKET_TAGS = 50;

    /** Validates an object tag set: more than 10 tags is BadRequest (not InvalidTag), as AWS answers. */
    static void validateObjectTags(List<Tag> tags, String resource) {
        if (tags.size() > MAX_OBJECT_TAGS) {
            throw S3Errors.error("BadRequest", 400, "Object tags cannot be greater than 10", resource);
        }
        validateEach(tags, resource);
    }

    /** Validates a bucket tag set (at most 50 tags). */
    static void validateBucketTags(List<Tag> tags, String resource) {
        if (tags.size() > MAX_BUCKET_TAGS) {
            throw S3Errors.invalidTag("Bucket tag count cannot be greater than 50", resource);
        }
        validateEach(tags, resource);
    }

    private static void validateEach(List<Tag> tags, String resource) {
        Set<String> keys = new HashSet<>();
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty() || unicodeLength(tag.key()) > 128) {
                throw S3Errors.invalidTag("The TagKey you have provided is invalid", resource);
            }
            if (tag.value() == null || unicodeLength(tag.value()) > 256) {
                throw S3Errors.invalidTag("The TagValue you have provided is invalid", resource);
            }
            if (!keys.add(tag.key())) {
                throw S3Errors.invalidTag("Cannot provide multiple Tags with the same key", resource);
            }
        }
    }

    private static int unicodeLength(String text) {
        return text.codePointCount(0, text.length());
    }
}
