package course.sandbox.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 server on 127.0.0.1 that no client can stall. One selector thread accepts
 * connections and reads request heads without blocking, so a client that sends half a head
 * holds nothing but its buffer until {@link HttpLimits#headerTimeout()}; a complete head goes to
 * a bounded pool of workers, which read the body (each read waits at most
 * {@link HttpLimits#bodyTimeout()}) and write the answer (a client that stops reading it is cut
 * off after the same time). Requests under {@code /_sandbox/} have workers of their own, so
 * health answers while every service worker is busy. What is not HTTP, and what exceeds a
 * limit, is answered by {@link Handler#refuse} in AWS's shape.
 */
public final class HttpFront implements AutoCloseable {
    /** What the front serves. */
    public interface Handler {
        /** Runs on a worker; the body arrives through the request's payload as it is read. */
        SandboxResponse handle(SandboxRequest request);

        /** The answer to a request the front refuses; {@code head} has no body. */
        SandboxResponse refuse(HttpRefusal refusal, SandboxRequest head);
    }

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** After a refusal the client may still be sending: read and drop for this long, so it sees the answer, not a reset. */
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** An unread body up to this size is read and dropped to keep the connection; a larger one closes it. */
    private static final int DRAIN_LIMIT = 1024 * 1024;
    private static final int CONTROL_WORKERS = 4;
    private static final int CONTROL_QUEUE = 256;
    private static final String CONTROL_PREFIX = "/_sandbox/";
    /** IMF-fixdate (RFC 9110 section 5.6.7): two-digit day, always GMT. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Handler handler;
    private final HttpLimits limits;
    private final PrintStream errors;
    /** The first byte of a TLS record carrying a handshake, which no HTTP/1.1 request starts with. */
    private static final byte TLS_HANDSHAKE = 0x16;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor controlWorkers;
    /** Work for the selector thread from the workers: connections to read from again, or to close. */
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Every open connection; touched by the selector thread only. */
    private final Set<Connection> connections = new HashSet<>();
    private final SelectionKey serverKey;
    private final Thread loop;
    private volatile boolean running = true;
    /** When accepting resumes after running out of file descriptors; 0 while accepting. */
    private long acceptPausedUntil;

    private HttpFront(ServerSocketChannel server, Selector selector, SelectionKey serverKey, Handler handler, HttpLimits limits,
                      PrintStream errors) {
        this.server = server;
        this.selector = selector;
        this.serverKey = serverKey;
        this.handler = handler;
        this.limits = limits;
        this.errors = errors;
        this.workers = pool("sandbox-worker", limits.workers(), new SynchronousQueue<>());
        // Health probes come in bursts (several demos starting at once): they wait their turn.
        this.controlWorkers = pool("sandbox-control", CONTROL_WORKERS, new ArrayBlockingQueue<>(CONTROL_QUEUE));
        this.loop = new Thread(this::run, "sandbox-http");
        this.loop.setDaemon(true);
    }

    /** Binds 127.0.0.1:{@code port} and starts serving; a taken port throws {@link java.net.BindException}. */
    public static HttpFront start(int port, Handler handler, HttpLimits limits, PrintStream errors) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 128);
            server.configureBlocking(false);
            Selector selector = Selector.open();
            SelectionKey serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
            HttpFront front = new HttpFront(server, selector, serverKey, handler, limits, errors);
            front.loop.start();
            return front;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    private static ThreadPoolExecutor pool(String name, int size, BlockingQueue<Runnable> queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, queue,
                runnable -> {
                    Thread thread = new Thread(runnable, name);
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** One client connection. Fields without volatile belong to the selector thread. */
    private final class Connection {
        final SocketChannel channel;
        final InetSocketAddress remote;
        SelectionKey key;
        /** Bytes received that are not part of a request yet: the next head, as it arrives. */
        byte[] head = new byte[4096];
        int headLength;
        long waitingSince = System.nanoTime();
        /** When the first byte of the current head arrived; 0 while the connection is idle. */
        long headStarted;
        long lingerUntil;
        boolean lingering;
        /** With a worker: the selector leaves it alone but for {@link #writeDeadline}. */
        volatile boolean busy;
        /** While an answer is written: when to give up on a client that does not read it (0: not writing). */
        volatile long writeDeadline;

        Connection(SocketChannel channel) throws IOException {
            this.channel = channel;
            this.remote = (InetSocketAddress) channel.getRemoteAddress();
        }
    }

    // ---- the selector thread ---------------------------------------------------------------

    private void run() {
        long nextSweep = System.nanoTime() + SWEEP_NANOS;
        while (running) {
            try {
                selector.select(TimeUnit.NANOSECONDS.toMillis(SWEEP_NANOS));
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    task.run();
                }
                Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
                while (selected.hasNext()) {
                    SelectionKey key = selected.next();
                    selected.remove();
                    try {
                        if (key.isValid() && key.isAcceptable()) {
                            accept();
                        } else if (key.isValid() && key.isReadable()) {
                            read((Connection) key.attachment());
                        }
                    } catch (CancelledKeyException | IOException dropped) {
                        if (key.attachment() instanceof Connection connection) {
                            close(connection);
                        }
                    }
                }
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    sweep(now);
                    nextSweep = now + SWEEP_NANOS;
                }
            } catch (IOException | RuntimeException unexpected) {
                if (running) {
                    errors.println("HTTP front: " + unexpected);
                }
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = acceptOrMakeRoom()) != null) {
            try {
                channel.configureBlocking(false);
                // Without TCP_NODELAY, head and body leave in two segments and delayed ACKs add ~40 ms per answer.
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (connections.size() >= limits.maxConnections() && !evictOne()) {
                    channel.close();
                    continue;
                }
                Connection connection = new Connection(channel);
                connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
                connections.add(connection);
            } catch (IOException gone) {
                channel.close();
            }
        }
    }

    /**
     * The next connection waiting to be accepted, or null. Out of file descriptors, it closes a
     * connection that holds no request to free one, or (none being idle) stops accepting for a
     * moment, instead of failing in a loop.
     */
    private SocketChannel acceptOrMakeRoom() {
        try {
            return server.accept();
        } catch (IOException outOfDescriptors) {
            if (!evictOne()) {
                serverKey.interestOps(0);
                acceptPausedUntil = System.nanoTime() + SWEEP_NANOS;
                errors.println("HTTP front: cannot accept (" + outOfDescriptors.getMessage() + "); pausing briefly");
            }
            return null;
        }
    }

    /** Makes room: closes a lingering connection, else the one slowest with its head, else the longest idle. */
    private boolean evictOne() {
        Connection victim = null;
        for (Connection candidate : connections) {
            if (candidate.busy) {
                continue;
            }
            if (victim == null || rank(candidate) < rank(victim)) {
                victim = candidate;
            }
        }
        if (victim != null) {
            close(victim);
        }
        return victim != null;
    }

    /** Lower is evicted first. */
    private static long rank(Connection connection) {
        if (connection.lingering) {
            return Long.MIN_VALUE;
        }
        return connection.headStarted != 0 ? connection.headStarted - Long.MAX_VALUE / 2 : connection.waitingSince;
    }

    private void read(Connection connection) throws IOException {
        if (connection.lingering) {
            ByteBuffer scratch = ByteBuffer.allocate(16 * 1024);
            int count;
            while ((count = connection.channel.read(scratch)) > 0) {
                scratch.clear();
            }
            if (count < 0) {
                close(connection);
            }
            return;
        }
        if (connection.headLength == connection.head.length) {
            connection.head = Arrays.copyOf(connection.head, Math.min(connection.head.length * 2, limits.maxHeadBytes() + 4));
        }
        int count = connection.channel.read(ByteBuffer.wrap(connection.head, connection.headLength,
                connection.head.length - connection.headLength));
        if (count < 0) {
            close(connection);
            return;
        }
        connection.headLength += count;
        parseHead(connection);
    }

    /** Dispatches the head once it is complete; refuses it when it cannot be one. */
    private void parseHead(Connection connection) {
        int start = RequestHead.skipLeadingEmptyLines(connection.head, 0, connection.headLength);
        if (start > 0) {
            System.arraycopy(connection.head, start, connection.head, 0, connection.headLength - start);
            connection.headLength -= start;
        }
        if (connection.headLength == 0) {
            return;
        }
        if (connection.head[0] == TLS_HANDSHAKE) {
            // A TLS ClientHello on this plain-HTTP port: refuse at once, so a client that tries HTTPS
            // first (Jib, for an insecure registry) falls back to HTTP instead of waiting out a timeout.
            refuse(connection, HttpRefusal.BAD_REQUEST, RequestHead.unreadable());
            return;
        }
        if (connection.headStarted == 0) {
            connection.headStarted = System.nanoTime();
        }
        int end = RequestHead.end(connection.head, 0, connection.headLength);
        if (end < 0 || end > limits.maxHeadBytes()) {
            if (end > limits.maxHeadBytes() || connection.headLength > limits.maxHeadBytes()) {
                refuse(connection, HttpRefusal.HEADERS_TOO_LARGE, RequestHead.unreadable());
            }
            return;
        }
        RequestHead head;
        try {
            head = RequestHead.parse(connection.head, 0, end);
        } catch (RequestHead.Refused refused) {
            refuse(connection, refused.refusal(), refused.partial());
            return;
        }
        if (head.contentLength() > limits.maxBodyBytes()) {
            refuse(connection, HttpRefusal.ENTITY_TOO_LARGE, head);
            return;
        }
        byte[] arrived = Arrays.copyOfRange(connection.head, end, connection.headLength);
        connection.head = new byte[4096];
        connection.headLength = 0;
        connection.headStarted = 0;
        dispatch(connection, head, arrived);
    }

    private void dispatch(Connection connection, RequestHead head, byte[] arrived) {
        connection.key.cancel();
        connection.busy = true;
        try {
            connection.channel.configureBlocking(true);
            (head.rawPath().startsWith(CONTROL_PREFIX) ? controlWorkers : workers)
                    .execute(() -> exchange(connection, head, arrived));
        } catch (RejectedExecutionException full) {
            // Every worker is busy: say so at once (a few hundred bytes fit any socket buffer).
            try {
                write(connection, answerRefusal(HttpRefusal.BUSY, head, connection), head, true);
                connection.channel.shutdownOutput();
                tasks.add(() -> resumeLingering(connection));
            } catch (IOException gone) {
                close(connection);
            }
        } catch (IOException gone) {
            close(connection);
        }
    }

    /** Answers from the selector thread without blocking (best effort), then lets the client finish sending. */
    private void refuse(Connection connection, HttpRefusal refusal, RequestHead head) {
        try {
            ByteBuffer[] answer = serialize(answerRefusal(refusal, head, connection), head, true);
            connection.channel.write(answer);
            linger(connection);
        } catch (IOException gone) {
            close(connection);
        }
    }

    private SandboxResponse answerRefusal(HttpRefusal refusal, RequestHead head, Connection connection) {
        try {
            return handler.refuse(refusal, toRequest(head, RequestPayload.of(new byte[0]), connection.remote));
        } catch (RuntimeException unexpected) {
            errors.println("HTTP front: no answer for " + refusal + ": " + unexpected);
            return SandboxResponse.xml(refusal.status(), "<Error><Code>" + refusal.code() + "</Code></Error>");
        }
    }

    private void linger(Connection connection) throws IOException {
        connection.channel.shutdownOutput();
        connection.lingering = true;
        connection.lingerUntil = System.nanoTime() + LINGER_NANOS;
    }

    private void sweep(long now) {
        if (acceptPausedUntil != 0 && now - acceptPausedUntil > 0) {
            acceptPausedUntil = 0;
            serverKey.interestOps(SelectionKey.OP_ACCEPT);
        }
        for (Connection connection : new ArrayList<>(connections)) {
            if (connection.busy) {
                long deadline = connection.writeDeadline;
                if (deadline != 0 && now - deadline > 0) {
                    // The client stopped reading its answer: a reset (no lingering over the unsent bytes)
                    // ends it at once, and closing the channel unblocks the worker.
                    try {
                        connection.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                    } catch (IOException alreadyGone) {
                        // closing anyway
                    }
                    closeChannel(connection);
                }
            } else if (connection.lingering) {
                if (now - connection.lingerUntil > 0) {
                    close(connection);
                }
            } else if (connection.headStarted != 0) {
                if (now - connection.headStarted > limits.headerTimeout().toNanos()) {
                    refuse(connection, HttpRefusal.REQUEST_TIMEOUT, RequestHead.unreadable());
                }
            } else if (now - connection.waitingSince > limits.idleTimeout().toNanos()) {
                close(connection);
            }
        }
    }

    /** After an answer: wait for the connection's next request (which may have arrived already). */
    private void resume(Connection connection, byte[] unread) {
        connection.busy = false;
        try {
            connection.channel.configureBlocking(false);
            connection.key = connection.channel.register(selector, SelectionKey.OP_READ, connection);
        } catch (IOException | RuntimeException gone) {
            close(connection);
            return;
        }
        connection.head = Arrays.copyOf(unread, Math.max(4096, unread.length));
        connection.headLength = unread.length;
        connection.waitingSince = System.nanoTime();
        parseHead(connection);
    }

    private void resumeLingering(Connection connection) {
        connection.busy = false;
        try {
            connection.channel.configureBlocking(false);
            connection.key = connection.channel.register(selector, SelectionKey.OP_READ, connection);
            linger(connection);
        } catch (IOException | RuntimeException gone) {
            close(connection);
        }
    }

    private void close(Connection connection) {
        connections.remove(connection);
        closeChannel(connection);
    }

    private static void closeChannel(Connection connection) {
        try {
            connection.channel.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    // ---- a worker --------------------------------------------------------------------------

    /** Reads the body as the handler asks for it, answers, and hands the connection back. */
    private void exchange(Connection connection, RequestHead head, byte[] arrived) {
        boolean close = !head.keepAlive();
        try {
            connection.channel.socket().setSoTimeout((int) limits.bodyTimeout().toMillis());
            BodyStreams.ConnectionInput input = new BodyStreams.ConnectionInput(connection.channel.socket().getInputStream(),
                    arrived);
            BodyStreams.Fixed fixed = head.chunked() || head.contentLength() <= 0 ? null
                    : new BodyStreams.Fixed(input, head.contentLength());
            BodyStreams.Chunked chunked = head.chunked() ? new BodyStreams.Chunked(input, limits.maxBodyBytes()) : null;
            ArrivingBody body = new ArrivingBody(fixed != null ? fixed : chunked != null ? chunked
                    : InputStream.nullInputStream(), head.expectContinue() ? connection : null);
            // A handler that cannot read the body because the client went away throws: nobody to answer.
            SandboxResponse response = handler.handle(toRequest(head, RequestPayload.arriving(body, head.contentLength()),
                    connection.remote));
            boolean bodyRead = fixed != null ? fixed.finished() : chunked == null || chunked.finished();
            if (!bodyRead) {
                // Unread body: keep the connection only if what is left is small and actually arrives.
                close |= body.failed || (head.expectContinue() && !body.continued)
                        || (fixed != null ? fixed.remaining() > DRAIN_LIMIT || !drain(body) : !drain(body));
            }
            write(connection, response, head, close);
            if (close) {
                connection.channel.shutdownOutput();
                tasks.add(() -> resumeLingering(connection));
            } else {
                byte[] unread = input.unread();
                tasks.add(() -> resume(connection, unread));
            }
        } catch (IOException | RuntimeException gone) {
            tasks.add(() -> close(connection));
        } catch (Error fatal) {
            errors.println("HTTP front: " + fatal + " on " + head.method() + " " + head.rawPath());
            tasks.add(() -> close(connection));
        }
        selector.wakeup();
    }

    private static boolean drain(InputStream body) {
        byte[] scratch = new byte[16 * 1024];
        long drained = 0;
        try {
            int count;
            while ((count = body.read(scratch)) >= 0) {
                drained += count;
                if (drained > DRAIN_LIMIT) {
                    return false;
                }
            }
            return true;
        } catch (IOException cutOff) {
            return false;
        }
    }

    /** The body the handler reads: sends 100 Continue before the first read when asked to, remembers a failed read. */
    private static final class ArrivingBody extends InputStream {
        private final InputStream in;
        private final Connection expecting;
        boolean continued;
        boolean failed;

        ArrivingBody(InputStream in, Connection expecting) {
            this.in = in;
            this.expecting = expecting;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            try {
                if (expecting != null && !continued) {
                    continued = true;
                    ByteBuffer interim = ByteBuffer.wrap(CONTINUE);
                    while (interim.hasRemaining()) {
                        expecting.channel.write(interim);
                    }
                }
                return in.read(into, offset, length);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }

    private void write(Connection connection, SandboxResponse response, RequestHead head, boolean close) throws IOException {
        ByteBuffer[] answer = serialize(response, head, close);
        connection.writeDeadline = System.nanoTime() + limits.bodyTimeout().toNanos();
        try {
            while (answer[0].hasRemaining() || answer[1].hasRemaining()) {
                connection.channel.write(answer);
            }
        } finally {
            connection.writeDeadline = 0;
        }
    }

    // ---- wire format -----------------------------------------------------------------------

    private static SandboxRequest toRequest(RequestHead head, RequestPayload payload, InetSocketAddress remote) {
        return new SandboxRequest(head.method(), head.rawPath(), head.rawQuery(), head.headers(), payload, remote);
    }

    /** Status line and headers, then the body; HEAD answers keep the headers a GET would have. */
    private static ByteBuffer[] serialize(SandboxResponse response, RequestHead head, boolean close) {
        int status = response.status();
        boolean headRequest = head.method().equals("HEAD");
        boolean bodyless = headRequest || status == 204 || status == 304 || (status >= 100 && status < 200);
        StringBuilder text = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
                .append(reason(status)).append("\r\n");
        text.append("Date: ").append(HTTP_DATE.format(Instant.now())).append("\r\n");
        for (String name : response.headers().lowerCaseNames()) {
            if ((name.equals("content-length") && !headRequest) || name.equals("connection")
                    || name.equals("transfer-encoding") || name.equals("date")) {
                continue;
            }
            for (String value : response.headers().all(name)) {
                // Names go out as the services keep them, lower-case: S3 metadata names are case-sensitive to clients.
                text.append(name).append(": ").append(headerValue(value)).append("\r\n");
            }
        }
        if (!bodyless) {
            text.append("Content-Length: ").append(response.body().length).append("\r\n");
        }
        if (close) {
            text.append("Connection: close\r\n");
        }
        text.append("\r\n");
        ByteBuffer body = bodyless ? ByteBuffer.allocate(0) : ByteBuffer.wrap(response.body());
        return new ByteBuffer[] {ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1)), body};
    }

    /** A header value can never end the header early: line breaks and NUL become spaces. */
    private static String headerValue(String value) {
        return value.replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
    }

    private static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 416 -> "Range Not Satisfiable";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection connection : connections) {
            closeChannel(connection);
        }
        try {
            server.close();
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        workers.shutdownNow();
        controlWorkers.shutdownNow();
    }
}
