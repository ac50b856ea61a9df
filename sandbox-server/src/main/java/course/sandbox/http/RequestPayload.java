package course.sandbox.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A request body. Most readers want it whole ({@link #bytes}); a reader that can work as the
 * body arrives (the aws-chunked decoder, hashing each chunk on arrival) takes the
 * {@link #stream} instead, so an upload is checked while it is still on the wire.
 *
 * <p>Memory is taken as bytes arrive, never on a declared length's word: a request that
 * declares a gigabyte and sends ten bytes holds ten bytes (and a timeout).
 */
public final class RequestPayload {
    /** The first buffer of a body read whole; it doubles as the body keeps arriving. */
    private static final int FIRST_BUFFER = 64 * 1024;

    private final long declaredLength;
    private InputStream arriving;
    private byte[] bytes;
    /** Why reading the body failed (cut off, too slow, too large): every later reader is told the same. */
    private IOException failure;

    private RequestPayload(InputStream arriving, long declaredLength, byte[] bytes) {
        this.arriving = arriving;
        this.declaredLength = declaredLength;
        this.bytes = bytes;
    }

    public static RequestPayload of(byte[] bytes) {
        return new RequestPayload(null, bytes.length, bytes);
    }

    /** A body still to be read from {@code in}; {@code contentLength} is -1 when not declared. */
    public static RequestPayload arriving(InputStream in, long contentLength) {
        return new RequestPayload(in, contentLength, null);
    }

    /** The whole body, read now if it has not been. */
    public synchronized byte[] bytes() {
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
        if (bytes == null) {
            if (arriving == null) {
                throw new IllegalStateException("the body was taken as a stream");
            }
            try {
                bytes = readAll(arriving, declaredLength);
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException(e);
            }
            arriving = null;
        }
        return bytes;
    }

    /** The body as a stream, once: the live one when it has not been read yet. */
    public synchronized InputStream stream() {
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        if (arriving == null) {
            throw new IllegalStateException("the body was taken as a stream");
        }
        InputStream taken = arriving;
        arriving = null;
        return taken;
    }

    /** The body's length: the declared Content-Length, or (without one) the length once read whole. */
    public long length() {
        return declaredLength >= 0 ? declaredLength : bytes().length;
    }

    /**
     * Reads to the end of the stream into an array that grows as bytes arrive, up to the
     * declared length (so a body of exactly that length ends in an array of its size, copied
     * at most once per doubling).
     */
    private static byte[] readAll(InputStream in, long declared) throws IOException {
        long cap = declared >= 0 ? declared : Integer.MAX_VALUE - 8;
        if (cap > Integer.MAX_VALUE - 8) {
            throw new RequestBodyException(HttpRefusal.ENTITY_TOO_LARGE);
        }
        byte[] body = new byte[(int) Math.min(cap, FIRST_BUFFER)];
        int filled = 0;
        while (true) {
            if (filled == body.length) {
                if (body.length == cap) {
                    break;
                }
                body = Arrays.copyOf(body, (int) Math.min(cap, (long) body.length * 2));
            }
            int count = in.read(body, filled, body.length - filled);
            if (count < 0) {
                break;
            }
            filled += count;
        }
        return filled == body.length ? body : Arrays.copyOf(body, filled);
    }
}
