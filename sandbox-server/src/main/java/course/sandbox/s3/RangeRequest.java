package course.sandbox.s3;

import course.sandbox.service.ServiceException;

/**
 * One byte range as asked for, before the object's size is known: {@code first} to {@code last},
 * {@code first} to the end ({@code last} null) or the last {@code last} bytes ({@code first}
 * null). {@code asSent} is the client's wording, which InvalidRange reports.
 */
public record RangeRequest(Long first, Long last, String asSent) {
    public RangeRequest {
        if (first == null && last == null) {
            throw new IllegalArgumentException("a range needs a first or a last byte");
        }
    }

    /** Bytes {@code first} to {@code last} inclusive. */
    public static RangeRequest span(long first, long last, String asSent) {
        return new RangeRequest(first, last, asSent);
    }

    /**
     * The bytes this selects from an object of {@code size} bytes; an end past the object is cut
     * to its last byte.
     *
     * @throws ServiceException InvalidRange (416) when no byte is selected
     */
    ByteRange within(long size, String resource) {
        if (first == null) {
            if (last == 0 || size == 0) {
                throw invalidRange(size, resource);
            }
            return new ByteRange(Math.max(0, size - last), size - 1, size);
        }
        if (first >= size) {
            throw invalidRange(size, resource);
        }
        return new ByteRange(first, last == null ? size - 1 : Math.min(last, size - 1), size);
    }

    private ServiceException invalidRange(long size, String resource) {
        return S3Errors.error("InvalidRange", 416, "The requested range is not satisfiable", resource)
                .detail("RangeRequested", asSent).detail("ActualObjectSize", String.valueOf(size));
    }
}
