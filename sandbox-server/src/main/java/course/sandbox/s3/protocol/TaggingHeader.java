package course.sandbox.s3.protocol;

import course.sandbox.s3.S3Errors;
import course.sandbox.service.Tag;


import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The x-amz-tagging header of PutObject and CreateMultipartUpload: URL query form, {@code k1=v1&k2=v2}. */
final class TaggingHeader {
    private TaggingHeader() {
    }

    /** Tags in order, repeated keys kept so the store can reject them as S3 does. */
    static List<Tag> parse(String header, String resource) {
        List<Tag> tags = new ArrayList<>();
        for (String pair : header.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                tags.add(new Tag(key, value));
            } catch (IllegalArgumentException malformed) {
                throw S3Errors.invalidArgument("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
                        "x-amz-tagging", header, resource);
            }
        }
        return tags;
    }
}
