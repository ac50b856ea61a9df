package course.sandbox.s3.protocol;

import course.sandbox.s3.EtagList;
import course.sandbox.s3.RangeRequest;
import course.sandbox.s3.ReadConditions;
import course.sandbox.s3.S3Errors;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the object headers whose values have a syntax of their own: ranges and conditions. */
final class ObjectHeaders {
    private static final Pattern COPY_SOURCE_RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private ObjectHeaders() {
    }

    /** If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since. */
    static ReadConditions readConditions(S3Request request) {
        return conditions(request, "");
    }

    /** The x-amz-copy-source-if-* forms of the read conditions, for the source of a copy. */
    static ReadConditions copySourceConditions(S3Request request) {
        return conditions(request, "x-amz-copy-source-");
    }

    private static ReadConditions conditions(S3Request request, String prefix) {
        return new ReadConditions(request.header(prefix + "If-Match").map(ObjectHeaders::etags).orElse(null),
                request.header(prefix + "If-None-Match").map(ObjectHeaders::etags).orElse(null),
                request.header(prefix + "If-Modified-Since").flatMap(HttpDates::parse).orElse(null),
                request.header(prefix + "If-Unmodified-Since").flatMap(HttpDates::parse).orElse(null));
    }

    /** An If-Match style list: "*" or ETags, quoted or not, comma-separated. */
    static EtagList etags(String header) {
        return new EtagList(Arrays.stream(header.split(",")).map(String::trim).toList());
    }

    /**
     * A Range header: a single range bytes=a-b, a- or -n. Several ranges or a syntactically
     * invalid one are ignored and the whole object returned (empty), as AWS does.
     */
    static Optional<RangeRequest> range(String header) {
        if (header == null || !header.trim().startsWith("bytes=")) {
            return Optional.empty();
        }
        String spec = header.trim().substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (spec.contains(",") || dash < 0) {
            return Optional.empty();
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        if (!isDigits(from) && !from.isEmpty() || !isDigits(to) && !to.isEmpty() || from.isEmpty() && to.isEmpty()) {
            return Optional.empty();
        }
        try {
            Long first = from.isEmpty() ? null : Long.parseLong(from);
            Long last = to.isEmpty() ? null : Long.parseLong(to);
            // Only an explicit end before the start makes the range invalid (ignored); an open
            // range starting past the end is unsatisfiable like any other.
            if (first != null && last != null && last < first) {
                return Optional.empty();
            }
            return Optional.of(new RangeRequest(first, last, header));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    private static boolean isDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * x-amz-copy-source-range of UploadPartCopy: exactly bytes=first-last, or empty for the whole source.
     *
     * @throws course.sandbox.service.ServiceException InvalidArgument for any other form
     */
    static Optional<RangeRequest> copySourceRange(String header, String resource) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = COPY_SOURCE_RANGE.matcher(header.trim());
        try {
            if (matcher.matches()) {
                return Optional.of(RangeRequest.span(Long.parseLong(matcher.group(1)),
                        Long.parseLong(matcher.group(2)), header));
            }
        } catch (NumberFormatException tooLarge) {
            // as malformed, below
        }
        throw S3Errors.invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last"
                + " where first and last are the zero-based offsets of the first and last bytes to copy",
                "x-amz-copy-source-range", header, resource);
    }
}
