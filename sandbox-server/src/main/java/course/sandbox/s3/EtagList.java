package course.sandbox.s3;

import java.util.List;

/**
 * The ETags of an If-Match or If-None-Match condition (or its x-amz-copy-source-if-* form),
 * quoted or not; {@code "*"} matches any ETag.
 */
public record EtagList(List<String> etags) {
    public static final EtagList ANY = new EtagList(List.of("*"));

    public EtagList {
        etags = List.copyOf(etags);
    }

    public static EtagList of(String... etags) {
        return new EtagList(List.of(etags));
    }

    /** Whether this is exactly "*", the only If-None-Match that PutObject implements. */
    public boolean isAny() {
        return equals(ANY);
    }

    public boolean matches(String etag) {
        String actual = Digests.unquote(etag);
        return etags.stream().anyMatch(candidate -> candidate.equals("*") || Digests.unquote(candidate).equals(actual));
    }
}
