package course.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One sandbox for the whole test run, started through `./jbang sandbox start` on a free port
 * and stopped through `./jbang sandbox stop` when the run ends. Tests receive it as a
 * {@link TestSandbox} parameter.
 */
public final class SharedSandbox implements BeforeAllCallback, ParameterResolver {

    /** The running sandbox: its port and the state folder its PID and log live in. */
    public record TestSandbox(int port, Path stateHome) implements ExtensionContext.Store.CloseableResource {

        public String endpoint() {
            return "http://127.0.0.1:" + port;
        }

        /** A launcher whose demos target this sandbox. */
        public Jbang jbang() {
            return Jbang.inProject().sandboxPort(port).env("COURSE_SANDBOX_HOME", stateHome.toString());
        }

        @Override
        public void close() {
            jbang().run("sandbox", "stop", "--port", String.valueOf(port)).succeeds();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestSandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sandbox(context);
    }

    private static TestSandbox sandbox(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestSandbox.class, key -> start(), TestSandbox.class);
    }

    private static TestSandbox start() {
        try {
            TestSandbox sandbox = new TestSandbox(freePort(), Files.createTempDirectory("course-sandbox-state"));
            sandbox.jbang().run("sandbox", "start", "--port", String.valueOf(sandbox.port())).succeeds();
            return sandbox;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
