package course.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import course.sandbox.http.Headers;
import course.sandbox.http.RequestPayload;
import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.ServiceRoute;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP front: listens on 127.0.0.1 only, turns each exchange into a {@link SandboxRequest},
 * runs it through the {@link Pipeline}, and writes the answer back.
 */
public final class SandboxServer implements AutoCloseable {
    private static final int MAX_WORKERS = 256;
    private static final int BODY_BUFFER = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService workers;
    private final Pipeline pipeline;
    private final PrintStream errors;

    private SandboxServer(HttpServer server, ExecutorService workers, Pipeline pipeline, PrintStream errors) {
        this.server = server;
        this.workers = workers;
        this.pipeline = pipeline;
        this.errors = errors;
    }

    /** Binds 127.0.0.1:{@code port} and starts serving; a taken port throws {@link java.net.BindException}. */
    public static SandboxServer start(int port, Pipeline pipeline, PrintStream errors) throws IOException {
        // Without TCP_NODELAY, headers and body leave in two segments and delayed ACKs add ~40 ms per answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 128);
        ExecutorService workers = new ThreadPoolExecutor(4, MAX_WORKERS, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "sandbox-worker");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        SandboxServer sandbox = new SandboxServer(server, workers, pipeline, errors);
        server.createContext("/", sandbox::serve);
        server.setExecutor(workers);
        server.start();
        return sandbox;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            SandboxRequest request = toRequest(exchange);
            SandboxResponse response;
            try {
                response = pipeline.process(request);
            } catch (UncheckedIOException clientGone) {
                // The body could not be read (the client went away): nobody to answer.
                throw clientGone.getCause();
            } catch (RuntimeException unexpected) {
                // A sandbox bug, not the client's fault: answer in the service's own shape, log the trace.
                errors.println("Internal error on " + request.method() + " " + request.rawPath() + ":");
                unexpected.printStackTrace(errors);
                response = ServiceRoute.of(request).protocol().error(500, "InternalError",
                        "We encountered an internal error. Please try again.", java.util.UUID.randomUUID().toString());
            }
            request.payload().discardUnread();
            write(exchange, response);
        }
    }

    private static SandboxRequest toRequest(HttpExchange exchange) throws IOException {
        Headers headers = new Headers();
        for (Map.Entry<String, List<String>> field : exchange.getRequestHeaders().entrySet()) {
            for (String value : field.getValue()) {
                headers.add(field.getKey(), value);
            }
        }
        // Read by the pipeline when it needs the body: aws-chunked uploads are decoded as they arrive.
        RequestPayload payload = RequestPayload.arriving(
                new BufferedInputStream(exchange.getRequestBody(), BODY_BUFFER), contentLength(headers));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        return new SandboxRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                rawQuery == null ? "" : rawQuery, headers, payload, exchange.getRemoteAddress());
    }

    private static long contentLength(Headers headers) {
        try {
            return headers.first("Content-Length").map(value -> Long.parseLong(value.strip())).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void write(HttpExchange exchange, SandboxResponse response) throws IOException {
        com.sun.net.httpserver.Headers out = exchange.getResponseHeaders();
        for (String name : response.headers().lowerCaseNames()) {
            out.put(name, response.headers().all(name));
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        byte[] body = response.body();
        // -1 tells the JDK server "no body"; a HEAD answer keeps any Content-Length the service set.
        exchange.sendResponseHeaders(response.status(), head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
