package course.sandbox;

import course.sandbox.http.HttpFront;
import course.sandbox.http.HttpLimits;
import course.sandbox.http.HttpRefusal;
import course.sandbox.http.RequestBodyException;
import course.sandbox.http.SandboxRequest;
import course.sandbox.http.SandboxResponse;
import course.sandbox.protocol.Protocol;
import course.sandbox.protocol.ServiceRoute;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.UUID;

/**
 * The sandbox on the wire: an {@link HttpFront} on 127.0.0.1 whose requests run through the
 * {@link Pipeline}. What the front or the body refuses (bad framing, a body cut off, too slow
 * or too large) is answered with AWS's error in the shape of the service the request names.
 */
public final class SandboxServer implements AutoCloseable {
    private final HttpFront front;

    private SandboxServer(HttpFront front) {
        this.front = front;
    }

    /** Binds 127.0.0.1:{@code port} and starts serving; a taken port throws {@link java.net.BindException}. */
    public static SandboxServer start(int port, Pipeline pipeline, PrintStream errors, HttpLimits limits) throws IOException {
        return new SandboxServer(HttpFront.start(port, new HttpFront.Handler() {
            @Override
            public SandboxResponse handle(SandboxRequest request) {
                return serve(pipeline, request, errors);
            }

            @Override
            public SandboxResponse refuse(HttpRefusal refusal, SandboxRequest head) {
                return refusal(refusal, head);
            }
        }, limits, errors));
    }

    public int port() {
        return front.port();
    }

    private static SandboxResponse serve(Pipeline pipeline, SandboxRequest request, PrintStream errors) {
        try {
            return pipeline.process(request);
        } catch (UncheckedIOException unreadBody) {
            IOException cause = unreadBody.getCause();
            if (cause instanceof RequestBodyException refused) {
                return refusal(refused.refusal(), request);
            }
            if (cause instanceof SocketTimeoutException) {
                return refusal(HttpRefusal.REQUEST_TIMEOUT, request);
            }
            // The client went away: nobody to answer.
            throw unreadBody;
        } catch (RuntimeException | StackOverflowError unexpected) {
            // A sandbox bug, not the client's fault: answer in the service's own shape, log the trace.
            errors.println("Internal error on " + request.method() + " " + request.rawPath() + ":");
            unexpected.printStackTrace(errors);
            return protocol(request).error(500, "InternalError", "We encountered an internal error. Please try again.",
                    UUID.randomUUID().toString());
        }
    }

    private static SandboxResponse refusal(HttpRefusal refusal, SandboxRequest request) {
        return protocol(request).error(refusal.status(), refusal.code(), refusal.message(), UUID.randomUUID().toString());
    }

    /** The wire shape of the service the request names; a form POST whose body never arrived is Query. */
    private static Protocol protocol(SandboxRequest request) {
        try {
            return ServiceRoute.of(request).protocol();
        } catch (UncheckedIOException unreadForm) {
            return Protocol.QUERY;
        }
    }

    @Override
    public void close() {
        front.close();
    }
}
