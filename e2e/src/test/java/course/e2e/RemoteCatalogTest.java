package course.e2e;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's remote form: the catalog added by URL (here served from this clone over
 * loopback HTTP), then demos and the sandbox run by alias@course from another folder.
 */
class RemoteCatalogTest {

    @Test
    void aliasesRunFromACatalogAddedByUrl(@TempDir Path elsewhere) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.createContext("/", exchange -> {
            Path file = Jbang.PROJECT.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            try (exchange) {
                if (!file.startsWith(Jbang.PROJECT) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            // A JBang home of its own, so the catalog is added to it and nowhere else.
            Jbang jbang = Jbang.from(elsewhere).env("JBANG_DIR", elsewhere.resolve("jbang-home").toString())
                    .timeout(Duration.ofMinutes(8));
            jbang.run("trust", "add", base).succeeds();
            jbang.run("catalog", "add", "--global", "--name", "course", base + "jbang-catalog.json").succeeds();
            jbang.run("alias", "list", "course").succeeds().printsLine("whoami@course").printsLine("sandbox@course");
            jbang.run("whoami@course", "--help").succeeds().printsLine(".*--endpoint-url=URL.*");
            jbang.run("whoami@course", "-V").succeeds().firstLine("course .* · AWS SDK for Java .* · Java .*");
            jbang.run("sandbox@course", "status", "--port", "1").exits(3).printsLine("No sandbox is running on 127\\.0\\.0\\.1:1\\.");
            // Hints name the command that works here, outside the clone: not ./jbang.
            jbang.run("sandbox@course", "reset", "--port", "1").exits(1)
                    .failsWithOneLine("No sandbox is running on 127\\.0\\.0\\.1:1; start one with jbang sandbox@course start\\.");
        } finally {
            server.stop(0);
        }
    }
}
