import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Fetches JBang and its runtime dependencies, pinned by SHA-256 in jbang-cli.lock, into a
 * folder. Jars already in the local Maven repository ($JBANG_REPO or ~/.m2/repository) are
 * copied instead of downloaded.
 * Run by ../jbang with `java Bootstrap.java LOCKFILE TARGETDIR`; needs only a JDK.
 */
public class Bootstrap {
    private static final String DEFAULT_REPOSITORY = "https://repo.maven.apache.org/maven2";

    record Artifact(String group, String name, String version, String sha256) {
        String path() {
            return group.replace('.', '/') + "/" + name + "/" + version + "/" + fileName();
        }

        String fileName() {
            return name + "-" + version + ".jar";
        }
    }

    public static void main(String[] args) throws InterruptedException {
        try {
            fetchAll(Path.of(args[0]), Path.of(args[1]));
        } catch (IOException e) {
            System.err.println("Could not set up JBang: " + e.getMessage()
                    + " (check the connection to Maven Central, or set COURSE_MAVEN_REPOSITORY to a mirror).");
            System.exit(1);
        }
    }

    private static void fetchAll(Path lockFile, Path target) throws IOException, InterruptedException {
        String repository = System.getenv().getOrDefault("COURSE_MAVEN_REPOSITORY", DEFAULT_REPOSITORY);
        // The local repository JBang itself resolves into: reuse what is already there.
        Path localRepository = Optional.ofNullable(System.getenv("JBANG_REPO")).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".m2", "repository"));
        List<Artifact> artifacts = readLock(lockFile);
        Files.createDirectories(target);
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
        System.err.printf("Setting up JBang in %s (%d jars, once)%n", target, artifacts.size());
        int done = 0;
        for (Artifact artifact : artifacts) {
            done++;
            Path jar = target.resolve(artifact.fileName());
            if (Files.exists(jar) && artifact.sha256.equals(sha256(jar))) {
                continue;
            }
            Path partial = target.resolve(artifact.fileName() + ".part");
            Path cached = localRepository.resolve(artifact.path());
            if (Files.exists(cached) && artifact.sha256.equals(sha256(cached))) {
                Files.copy(cached, partial, StandardCopyOption.REPLACE_EXISTING);
            } else {
                System.err.printf("  [%2d/%d] %s%n", done, artifacts.size(), artifact.fileName());
                download(http, repository + "/" + artifact.path(), partial);
            }
            String actual = sha256(partial);
            if (!artifact.sha256.equals(actual)) {
                Files.delete(partial);
                throw new IOException(artifact.fileName() + " has SHA-256 " + actual + ", expected " + artifact.sha256);
            }
            Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        System.err.println("JBang is ready.");
    }

    private static List<Artifact> readLock(Path lockFile) throws IOException {
        return Files.readAllLines(lockFile).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> {
                    String[] fields = line.split("\\s+");
                    String[] gav = fields[0].split(":");
                    return new Artifact(gav[0], gav[1], gav[2], fields[1]);
                })
                .toList();
    }

    private static void download(HttpClient http, String url, Path destination) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + url + " answered HTTP " + response.statusCode());
            }
            Files.copy(body, destination, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[65536];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
