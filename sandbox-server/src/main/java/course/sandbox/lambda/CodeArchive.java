package course.sandbox.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A deployment package or layer archive as Lambda keeps it: the .zip bytes, their SHA-256 (base64,
 * as CodeSha256 reports it) and the extracted size, which counts against the 250 MB limit.
 *
 * @param id           names the extracted copy on disk (a UUID, never a user-given name)
 * @param unzippedSize bytes of all entries once extracted
 */
public record CodeArchive(String id, byte[] zip, String sha256, long unzippedSize) {

    /**
     * Reads a .zip as Lambda does on upload: every entry is inflated (a lying header changes
     * nothing), the total may not exceed {@code maxUnzipped}; a file that is no zip is refused.
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html">Lambda quotas: 250 MB unzipped</a>
     */
    public static CodeArchive of(byte[] zip, long maxUnzipped) {
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries++;
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    total += read;
                    if (total > maxUnzipped) {
                        throw LambdaErrors.invalid("Unzipped size must be smaller than " + maxUnzipped + " bytes");
                    }
                }
            }
        } catch (IOException | IllegalArgumentException notAZip) {
            throw unzipFailed();
        }
        if (entries == 0) {
            throw unzipFailed();
        }
        return new CodeArchive(UUID.randomUUID().toString(), zip, sha256(zip), total);
    }

    /**
     * What stands for an image function's code: no .zip (CodeSize 0), CodeSha256 the hex digest of
     * the image manifest, the layers' size against the quota (10 GB for images, never reached here).
     */
    public static CodeArchive ofImage(ContainerImage image) {
        return new CodeArchive(image.sha256Hex(), new byte[0], image.sha256Hex(), image.size());
    }

    public long size() {
        return zip.length;
    }

    /** Extracts into {@code target}; entries that would land outside it are refused. */
    public void extractTo(Path target) {
        try {
            Files.createDirectories(target);
            Path root = target.toRealPath();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Path destination = root.resolve(entry.getName()).normalize();
                    if (!destination.startsWith(root)) {
                        throw LambdaErrors.invalid("Could not unzip uploaded file: entry " + entry.getName() + " leaves the package.");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(destination);
                    } else {
                        Files.createDirectories(destination.getParent());
                        copy(in, destination);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(InputStream in, Path destination) throws IOException {
        try (var out = Files.newOutputStream(destination)) {
            in.transferTo(out);
        }
    }

    private static RuntimeException unzipFailed() {
        return LambdaErrors.invalid("Could not unzip uploaded file. Please check your file, then try to upload again.");
    }

    static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
