package course.sandbox.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A request body. Most readers want it whole ({@link #bytes}); a reader that can work as the
 * body arrives (the aws-chunked decoder, hashing each chunk on arrival) takes the
 * {@link #stream} instead, so an upload is checked while it is still on the wire.
 */
public final class RequestPayload {
    /** Larger declared lengths are not trusted for an up-front allocation. */
    private static final int MAX_PRESIZED = 64 * 1024 * 1024;

    private final long declaredLength;
    private final InputStream source;
    private InputStream arriving;
    private byte[] bytes;

    private RequestPayload(InputStream arriving, long declaredLength, byte[] bytes) {
        this.source = arriving;
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
        if (bytes == null) {
            if (arriving == null) {
                throw new IllegalStateException("the body was taken as a stream");
            }
            try {
                bytes = readAll(arriving, declaredLength);
            } catch (IOException e) {
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

    /**
     * Reads and drops what nobody read (an upload refused at its first chunk): a connection
     * closed with unread data is reset, and the client would lose the answer with it.
     */
    public void discardUnread() {
        if (source != null) {
            try {
                source.transferTo(OutputStream.nullOutputStream());
            } catch (IOException clientGone) {
                // nothing left to read, or nobody to answer: either way done
            }
        }
    }

    /** The body's length: the declared Content-Length, or (without one) the length once read whole. */
    public long length() {
        return declaredLength >= 0 ? declaredLength : bytes().length;
    }

    /**
     * With a Content-Length the body goes straight into an array of its size, in big blocks;
     * without one, or one too large to trust before a byte arrives, until the stream ends.
     */
    private static byte[] readAll(InputStream in, long declared) throws IOException {
        if (declared < 0 || declared > MAX_PRESIZED) {
            return in.readAllBytes();
        }
        byte[] body = new byte[(int) declared];
        int read = in.readNBytes(body, 0, body.length);
        return read == body.length ? body : Arrays.copyOf(body, read);
    }
}
