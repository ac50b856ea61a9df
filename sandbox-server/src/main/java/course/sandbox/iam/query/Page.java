package course.sandbox.iam.query;

import course.sandbox.iam.IamErrors;

import course.sandbox.protocol.QueryParams;
import course.sandbox.protocol.XmlBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list result: IAM's Marker / MaxItems in, IsTruncated / Marker out. The
 * marker is an opaque token encoding the offset of the next item.
 */
public record Page<T>(List<T> items, boolean truncated, String nextMarker) {

    public static <T> Page<T> of(List<T> all, QueryParams params) {
        Integer maxItems = params.optionalInt("MaxItems", "maxItems");
        int max = maxItems == null ? 100 : maxItems;
        if (max < 1) {
            throw IamErrors.constraint(max, "maxItems", "Member must have value greater than or equal to 1");
        }
        if (max > 1000) {
            throw IamErrors.constraint(max, "maxItems", "Member must have value less than or equal to 1000");
        }
        int start = decode(params.optional("Marker"));
        int end = Math.min(all.size(), start + max);
        List<T> items = start >= all.size() ? List.of() : List.copyOf(all.subList(start, end));
        boolean truncated = end < all.size();
        return new Page<>(items, truncated, truncated ? encode(end) : null);
    }

    /** Appends {@code <IsTruncated>} and, when truncated, {@code <Marker>}. */
    public void appendTruncation(XmlBuilder xml) {
        xml.element("IsTruncated", truncated);
        xml.element("Marker", nextMarker);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String marker) {
        if (marker == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (text.startsWith("o")) {
                return Integer.parseInt(text.substring(1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw IamErrors.validation("Invalid Marker.");
    }
}
