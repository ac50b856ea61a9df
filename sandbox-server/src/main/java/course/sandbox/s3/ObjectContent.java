package course.sandbox.s3;

/**
 * The result of GetObject/HeadObject.
 *
 * @param body   the returned bytes (the range when one applies); empty for HeadObject
 * @param range  the satisfied range (answer 206 with Content-Range), or null for the whole object (200)
 */
public record ObjectContent(ObjectInfo info, byte[] body, ByteRange range) {}
