package course.sandbox.dynamodb;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;

import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * AWS's DynamoDB Local, started in this JVM on 127.0.0.1 only. Its own launcher
 * (ServerRunner, DynamoDBProxyServer) listens on every interface and sets up telemetry, so this
 * class wires its request handler into a Jetty server of its own instead: loopback only, and
 * the telemetry client is never created. Also used by the ddb-local demo through //SOURCES.
 */
public final class DynamoDbLocal implements AutoCloseable {
    private final Server jetty;
    private final ServerConnector connector;
    private final LocalDynamoDBServerHandler handler;

    private DynamoDbLocal(Server jetty, ServerConnector connector, LocalDynamoDBServerHandler handler) {
        this.jetty = jetty;
        this.connector = connector;
        this.handler = handler;
    }

    /**
     * Starts DynamoDB Local.
     *
     * @param port     port on 127.0.0.1, 0 for any free one
     * @param dbPath   folder for its SQLite files, or empty to keep everything in memory
     * @param sharedDb one database for every access key and region (DynamoDB Local's -sharedDb)
     */
    public static DynamoDbLocal start(int port, Optional<Path> dbPath, boolean sharedDb) throws IOException {
        SqliteNatives.configure();
        if (dbPath.isPresent()) {
            Files.createDirectories(dbPath.get());
        }
        LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(new LocalDynamoDBRequestHandler(0,
                dbPath.isEmpty(), dbPath.map(path -> path.toAbsolutePath().toString()).orElse(null), sharedDb, false), null);
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        context.setHandler(handler);
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            handler.close();
            // Jetty wraps a taken port in a plain IOException; callers want to tell that case apart.
            if (e.getCause() instanceof BindException taken) {
                throw taken;
            }
            throw e instanceof IOException io ? io : new IOException("DynamoDB Local did not start: " + e.getMessage(), e);
        }
        return new DynamoDbLocal(jetty, connector, handler);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        } finally {
            handler.close();
        }
    }

    /**
     * DynamoDB Local stores tables in SQLite through sqlite4java, whose native library comes as a
     * separate Maven artifact per platform (type so, dylib or dll) that Maven and JBang resolve
     * into the local repository next to sqlite4java's jar. JBang also lists it on the class path;
     * Surefire's class path is a manifest jar. sqlite4java finds the library once its library
     * path names the folder holding it.
     */
    static final class SqliteNatives {
        private static final String PROPERTY = "sqlite4java.library.path";

        private SqliteNatives() {
        }

        static synchronized void configure() {
            if (System.getProperty(PROPERTY) != null) {
                return;
            }
            String wanted = platformLibraryPrefix();
            Path library = Stream.concat(classPath(), besideSqliteJar(wanted).stream())
                    .filter(file -> file.getFileName() != null && file.getFileName().toString().startsWith(wanted)
                            && Files.isRegularFile(file))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No sqlite4java native library " + wanted
                            + " found; DynamoDB Local needs the com.almworks.sqlite4java artifact for this platform ("
                            + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + ")."));
            System.setProperty(PROPERTY, library.toAbsolutePath().getParent().toString());
        }

        private static Stream<Path> classPath() {
            return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of);
        }

        /** In a Maven repository: …/sqlite4java/sqlite4java/V/sqlite4java-V.jar → …/sqlite4java/NAME/V/NAME-V.EXT */
        private static Optional<Path> besideSqliteJar(String name) {
            try {
                // A runtime dependency of DynamoDB Local, so looked up by name rather than compiled against.
                Class<?> sqlite = Class.forName("com.almworks.sqlite4java.SQLiteConnection");
                Path jar = Path.of(sqlite.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path versionFolder = jar.getParent();
                String version = versionFolder.getFileName().toString();
                Path folder = versionFolder.getParent().getParent().resolve(name).resolve(version);
                for (String extension : new String[] {"so", "dylib", "dll"}) {
                    Path file = folder.resolve(name + "-" + version + "." + extension);
                    if (Files.isRegularFile(file)) {
                        return Optional.of(file);
                    }
                }
                return Optional.empty();
            } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /** The file name sqlite4java's artifacts use for this OS and CPU, without version and extension. */
        static String platformLibraryPrefix() {
            String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
            boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
            if (os.contains("win")) {
                return x64 ? "sqlite4java-win32-x64" : "sqlite4java-win32-x86";
            }
            if (os.contains("mac")) {
                return "libsqlite4java-osx";
            }
            return x64 ? "libsqlite4java-linux-amd64" : "libsqlite4java-linux-" + arch;
        }
    }
}
