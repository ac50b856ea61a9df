package course.sandbox.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The container image a function of PackageType Image runs: where it came from, the digest it
 * resolved to, what its config says to run (ENTRYPOINT, CMD, WORKDIR), the function's ImageConfig
 * overrides, and its layers (tar, usually gzipped), unpacked in order into one root.
 *
 * <p>The sandbox has no container runtime: it runs the image's entry point only when that is a
 * JVM starting the Lambda runtime interface client, with the JDK the sandbox picks, the class
 * path rebased onto the unpacked root. Nothing of the image's OS or own JDK runs.
 *
 * @param imageUri         as the caller gave it
 * @param resolvedImageUri the repository with the manifest's digest
 * @param digest           the manifest digest, {@code sha256:…}
 * @param config           what the image's config says
 * @param overrides        the function's ImageConfig; null members keep the image's values
 * @param layers           the layer blobs, bottom first
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/images-create.html">Lambda container images</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/java-image.html#java-image-clients">Java images with the runtime interface client</a>
 */
public record ContainerImage(String imageUri, String resolvedImageUri, String digest, ImageConfig config,
                             ImageConfig overrides, List<byte[]> layers) {
    public static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    public ContainerImage {
        layers = List.copyOf(layers);
    }

    /** ENTRYPOINT, CMD and WORKDIR; any may be null (unset). */
    public record ImageConfig(List<String> entryPoint, List<String> command, String workingDirectory) {
        public static final ImageConfig NONE = new ImageConfig(null, null, null);

        public boolean isEmpty() {
            return entryPoint == null && command == null && workingDirectory == null;
        }
    }

    /** How the sandbox starts the runtime client found in the entry point. */
    public record Launch(List<String> classpath, List<String> arguments, Path workingDirectory) {
    }

    public List<String> entryPoint() {
        return overrides.entryPoint() != null ? overrides.entryPoint() : config.entryPoint();
    }

    public List<String> command() {
        return overrides.command() != null ? overrides.command() : config.command();
    }

    public String workingDirectory() {
        String directory = overrides.workingDirectory() != null ? overrides.workingDirectory() : config.workingDirectory();
        return directory == null || directory.isEmpty() ? "/" : directory;
    }

    /** The manifest digest without its algorithm, as CodeSha256 reports it for images. */
    public String sha256Hex() {
        return digest.substring(digest.indexOf(':') + 1);
    }

    public long size() {
        return layers.stream().mapToLong(layer -> layer.length).sum();
    }

    /**
     * Reads the entry point (then CMD) as {@code java [options] -cp PATH [options] AWSLambda HANDLER…};
     * the class path's entries are rebased onto {@code root} (relative ones from the working
     * directory). JVM options other than the class path are not used: the sandbox sets its own.
     *
     * @throws IllegalArgumentException naming what the sandbox cannot run
     */
    public Launch launch(Path root) {
        List<String> line = new ArrayList<>();
        if (entryPoint() != null) {
            line.addAll(entryPoint());
        }
        if (command() != null) {
            line.addAll(command());
        }
        if (line.isEmpty() || !Path.of(line.get(0)).getFileName().toString().equals("java")) {
            throw new IllegalArgumentException("the entry point " + line + " does not start a JVM (java …)");
        }
        String classpath = null;
        int main = -1;
        for (int i = 1; i < line.size(); i++) {
            String token = line.get(i);
            if (token.equals("-cp") || token.equals("-classpath") || token.equals("--class-path")) {
                classpath = i + 1 < line.size() ? line.get(++i) : null;
            } else if (token.startsWith("--class-path=")) {
                classpath = token.substring("--class-path=".length());
            } else if (!token.startsWith("-")) {
                main = i;
                break;
            }
        }
        if (main < 0 || !line.get(main).equals(RUNTIME_CLIENT)) {
            throw new IllegalArgumentException("the entry point " + line + " does not run " + RUNTIME_CLIENT);
        }
        if (classpath == null) {
            throw new IllegalArgumentException("the entry point " + line + " names no class path (-cp)");
        }
        Path rootPath = root.toAbsolutePath().normalize();
        Path workingDirectory = inside(rootPath, workingDirectory(), rootPath);
        List<String> rebased = new ArrayList<>();
        for (String entry : classpath.split(":")) {
            if (entry.isEmpty()) {
                continue;
            }
            boolean wildcard = entry.equals("*") || entry.endsWith("/*");
            String directory = wildcard ? entry.substring(0, entry.length() - 1) : entry;
            Path base = directory.startsWith("/") ? rootPath : workingDirectory;
            Path resolved = inside(rootPath, directory.isEmpty() ? "." : directory, base);
            rebased.add(wildcard ? resolved + "/*" : resolved.toString());
        }
        return new Launch(rebased, List.copyOf(line.subList(main + 1, line.size())), workingDirectory);
    }

    private static Path inside(Path root, String path, Path base) {
        Path resolved = (path.startsWith("/") ? root.resolve(path.substring(1)) : base.resolve(path)).normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException(path + " leaves the image");
        }
        return resolved;
    }

    /**
     * Unpacks the layers in order into {@code target}: later layers overwrite earlier files, an
     * OCI whiteout ({@code .wh.NAME}) deletes what an earlier layer put there, and an opaque
     * whiteout ({@code .wh..wh..opq}) empties its directory of earlier layers' files. Entries that
     * would land outside {@code target}, links and devices are skipped.
     */
    public void unpackTo(Path target) {
        try {
            Files.createDirectories(target);
            Path root = target.toRealPath();
            for (byte[] layer : layers) {
                List<Path> opaque = new ArrayList<>();
                readLayer(layer, root, (destination, type, data) -> {
                    if (destination.getFileName().toString().equals(OPAQUE)) {
                        opaque.add(destination.getParent());
                    }
                });
                for (Path directory : opaque) {
                    if (Files.isDirectory(directory)) {
                        try (Stream<Path> children = Files.list(directory)) {
                            for (Path child : children.toList()) {
                                deleteTree(child);
                            }
                        }
                    }
                }
                readLayer(layer, root, (destination, type, data) -> write(destination, type, data));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String OPAQUE = ".wh..wh..opq";

    @FunctionalInterface
    private interface Entry {
        void accept(Path destination, char type, byte[] data) throws IOException;
    }

    private static void write(Path destination, char type, byte[] data) throws IOException {
        String file = destination.getFileName().toString();
        if (file.equals(OPAQUE)) {
            Files.createDirectories(destination.getParent());
        } else if (file.startsWith(".wh.")) {
            deleteTree(destination.resolveSibling(file.substring(4)));
        } else if (type == '5') {
            Files.createDirectories(destination);
        } else {
            Files.createDirectories(destination.getParent());
            Files.write(destination, data);
        }
    }

    /** The regular files and directories of a layer (a POSIX tar, maybe gzipped, with PAX and GNU long names). */
    private static void readLayer(byte[] layer, Path root, Entry entries) throws IOException {
        boolean gzip = layer.length > 2 && (layer[0] & 0xff) == 0x1f && (layer[1] & 0xff) == 0x8b;
        try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(layer)) : new ByteArrayInputStream(layer)) {
            byte[] header = new byte[512];
            String longName = null;
            while (in.readNBytes(header, 0, 512) == 512) {
                if (allZero(header)) {
                    return;
                }
                String name = longName != null ? longName : ustarName(header);
                longName = null;
                String sizeField = field(header, 124, 12).trim();
                long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
                char type = (char) header[156];
                byte[] data = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                switch (type) {
                    case 'x' -> longName = paxPath(data);
                    case 'L' -> longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                    case '0', '\0', '5' -> {
                        Path destination = root.resolve(stripLeading(name)).normalize();
                        if (destination.startsWith(root) && !destination.equals(root)) {
                            entries.accept(destination, type, data);
                        }
                    }
                    default -> {
                        // links, devices, FIFOs: nothing a Java class path needs
                    }
                }
            }
        }
    }

    private static String ustarName(byte[] header) {
        String name = field(header, 0, 100);
        String prefix = new String(header, 257, 6, StandardCharsets.US_ASCII).startsWith("ustar") ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(byte[] data) {
        String path = null;
        for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                path = record.substring(space + 6);
            }
        }
        return path;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String stripLeading(String name) {
        String stripped = name;
        while (stripped.startsWith("/") || stripped.startsWith("./")) {
            stripped = stripped.substring(stripped.startsWith("/") ? 1 : 2);
        }
        return stripped;
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }
}
