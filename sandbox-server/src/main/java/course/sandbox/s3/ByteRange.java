package course.sandbox.s3;

/** A satisfied byte range: first and last byte (inclusive) of an object of {@code total} bytes. */
public record ByteRange(long first, long last, long total) {
    public long length() {
        return last - first + 1;
    }

    /** The Content-Range header value, e.g. {@code bytes 0-9/100}. */
    public String contentRange() {
        return "bytes " + first + "-" + last + "/" + total;
    }
}
