package course.sandbox.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The request body as it arrives on a connection: exactly Content-Length bytes, or the data of
 * a chunked body. Each read waits at most the socket's timeout ({@link java.net.SocketTimeoutException});
 * a body that ends early is {@link HttpRefusal#INCOMPLETE_BODY}, one past the limit
 * {@link HttpRefusal#ENTITY_TOO_LARGE}, chunk framing that is not HTTP's {@link HttpRefusal#BAD_REQUEST}.
 */
final class BodyStreams {
    private BodyStreams() {
    }

    /**
     * The connection's bytes: what arrived with the head first, then the socket. Bytes read
     * beyond a body stay here for the next request.
     */
    static final class ConnectionInput extends InputStream {
        private final InputStream socket;
        private byte[] buffer;
        private int position;
        private int limit;

        ConnectionInput(InputStream socket, byte[] arrived) {
            this.socket = socket;
            this.buffer = arrived.length >= 8192 ? arrived : Arrays.copyOf(arrived, 8192);
            this.limit = arrived.length;
        }

        @Override
        public int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position == limit) {
                if (length >= buffer.length) {
                    return socket.read(into, offset, length);
                }
                if (!fill()) {
                    return -1;
                }
            }
            int count = Math.min(length, limit - position);
            System.arraycopy(buffer, position, into, offset, count);
            position += count;
            return count;
        }

        private boolean fill() throws IOException {
            int count = socket.read(buffer, 0, buffer.length);
            position = 0;
            limit = Math.max(count, 0);
            return count > 0;
        }

        /** What was read from the socket and not consumed yet. */
        byte[] unread() {
            return Arrays.copyOfRange(buffer, position, limit);
        }
    }

    /** Exactly {@code length} bytes. */
    static final class Fixed extends InputStream {
        private final InputStream in;
        private long remaining;

        Fixed(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            int count = in.read(into, offset, (int) Math.min(length, remaining));
            if (count < 0) {
                throw new RequestBodyException(HttpRefusal.INCOMPLETE_BODY);
            }
            remaining -= count;
            return count;
        }

        @Override
        public int available() {
            return 0;
        }

        boolean finished() {
            return remaining == 0;
        }

        long remaining() {
            return remaining;
        }
    }

    /** The data of a chunked body (RFC 9112 section 7.1); trailer fields are read and dropped. */
    static final class Chunked extends InputStream {
        private static final int MAX_LINE = 4096;

        private final InputStream in;
        private final long maxBytes;
        private long total;
        private long chunkRemaining;
        private boolean finished;

        Chunked(InputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (chunkRemaining == 0 && !nextChunk()) {
                return -1;
            }
            int count = in.read(into, offset, (int) Math.min(length, chunkRemaining));
            if (count < 0) {
                throw new RequestBodyException(HttpRefusal.INCOMPLETE_BODY);
            }
            chunkRemaining -= count;
            if (chunkRemaining == 0) {
                expectLineEnd();
            }
            return count;
        }

        boolean finished() {
            return finished;
        }

        private boolean nextChunk() throws IOException {
            if (finished) {
                return false;
            }
            String line = readLine();
            int extension = line.indexOf(';');
            String hex = (extension < 0 ? line : line.substring(0, extension)).strip();
            if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new RequestBodyException(HttpRefusal.BAD_REQUEST);
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailer fields: nothing in the sandbox reads them
                }
                finished = true;
                return false;
            }
            total += size;
            if (total > maxBytes) {
                throw new RequestBodyException(HttpRefusal.ENTITY_TOO_LARGE);
            }
            chunkRemaining = size;
            return true;
        }

        private void expectLineEnd() throws IOException {
            if (!readLine().isEmpty()) {
                throw new RequestBodyException(HttpRefusal.BAD_REQUEST);
            }
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int next = in.read();
                if (next < 0) {
                    throw new RequestBodyException(HttpRefusal.INCOMPLETE_BODY);
                }
                if (next == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                if (line.length() >= MAX_LINE) {
                    throw new RequestBodyException(HttpRefusal.BAD_REQUEST);
                }
                line.append((char) next);
            }
        }
    }
}
