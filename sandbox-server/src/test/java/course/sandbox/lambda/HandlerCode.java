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
import java.util.zip.GZIPOutputStream;
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

    /**
     * A gzipped POSIX tar of regular files (path → bytes), the parent directories first; a name
     * longer than the header's 100 bytes goes in a PAX extended header, as Jib and docker write it.
     */
    public static byte[] tarGz(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            List<String> directories = new ArrayList<>();
            for (String path : files.keySet()) {
                for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                    String directory = path.substring(0, slash + 1);
                    if (!directories.contains(directory)) {
                        directories.add(directory);
                        tarEntry(gzip, directory, new byte[0], '5');
                    }
                }
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                tarEntry(gzip, file.getKey(), file.getValue(), '0');
            }
            gzip.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void tarEntry(java.io.OutputStream out, String name, byte[] data, char type) throws IOException {
        if (name.length() > 100) {
            String record = " path=" + name + "\n";
            int length = record.length() + String.valueOf(record.length()).length();
            length = record.length() + String.valueOf(length).length();
            byte[] pax = (length + record).getBytes(StandardCharsets.UTF_8);
            tarEntry(out, "PaxHeaders/entry", pax, 'x');
            name = name.substring(0, 100);
        }
        out.write(tarHeader(name, data.length, type));
        out.write(data);
        out.write(new byte[(512 - data.length % 512) % 512]);
    }

    private static byte[] tarHeader(String name, long size, char type) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, type == '5' ? "0000755" : "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", 0));
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = (byte) type;
        put(header, 257, "ustar");
        put(header, 263, "00");
        int checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        put(header, 148, String.format("%06o", checksum));
        header[154] = 0;
        return header;
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] text = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, offset, text.length);
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
