package course.sandbox.lambda;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Real deployment packages for the tests: Java handler sources compiled with javac against
 * aws-lambda-java-core, packed as Lambda expects them (classes at the root, jars in lib/, or for
 * a layer under java/lib/).
 */
public final class HandlerCode {
    private HandlerCode() {
    }

    /** Compiles {@code sources} (class name → source) and zips the classes. */
    public static byte[] zip(Map<String, String> sources) {
        return zip(sources, List.of(), "");
    }

    /**
     * @param extraClasspath jars the sources compile against (a layer's jar)
     * @param prefix         where the classes go in the zip ("" for a function)
     */
    public static byte[] zip(Map<String, String> sources, List<Path> extraClasspath, String prefix) {
        try {
            Path work = Files.createTempDirectory("handler-src");
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp",
                    String.join(java.io.File.pathSeparator, classpath(extraClasspath))));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            if (javac.run(null, null, errors, arguments.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("handler did not compile:\n" + errors.toString(StandardCharsets.UTF_8));
            }
            return zipTree(classes, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar of compiled classes, e.g. a library that goes into a layer's java/lib/. */
    public static byte[] jar(Map<String, String> sources) {
        return zip(sources, List.of(), "");
    }

    /** A zip holding {@code entries} (path → bytes) as they are. */
    public static byte[] zipOf(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] zipTree(Path root, String prefix) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(prefix + root.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<String> classpath(List<Path> extra) {
        List<String> entries = new ArrayList<>();
        try {
            entries.add(Path.of(com.amazonaws.services.lambda.runtime.Context.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        extra.forEach(path -> entries.add(path.toString()));
        return entries;
    }
}
