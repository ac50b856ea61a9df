package course.sandbox.s3;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the state in {@code <dir>/state.json} and every body in {@code <dir>/blobs/<uuid>}.
 * Every file is first written completely to {@code <dir>/tmp/} and then renamed into place with
 * ATOMIC_MOVE, so a crash never leaves a partial body or state visible. Object keys never become
 * file names: bodies are named by generated UUIDs, so no key can escape the directory.
 */
final class DirectoryBackend implements Backend {
    private static final String STATE_FILE = "state.json";

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Path stateFile;
    private final Path blobDir;
    private final Path tmpDir;

    DirectoryBackend(Path dir) {
        this.stateFile = dir.resolve(STATE_FILE);
        this.blobDir = dir.resolve("blobs");
        this.tmpDir = dir.resolve("tmp");
        try {
            Files.createDirectories(blobDir);
            Files.createDirectories(tmpDir);
            deleteAllIn(tmpDir); // leftovers of writes interrupted by a crash
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String writeBlob(byte[] data) {
        String id = UUID.randomUUID().toString();
        writeAtomically(blobDir.resolve(id), data);
        return id;
    }

    @Override
    public byte[] readBlob(String blobId) {
        try {
            return Files.readAllBytes(blobDir.resolve(blobId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void deleteBlob(String blobId) {
        try {
            Files.deleteIfExists(blobDir.resolve(blobId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void save(StoreState state) {
        try {
            writeAtomically(stateFile, json.writeValueAsBytes(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StoreState load() {
        try {
            StoreState state = Files.exists(stateFile) ? json.readValue(stateFile.toFile(), StoreState.class)
                    : new StoreState();
            deleteUnreferencedBlobs(state);
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void clear() {
        try {
            deleteAllIn(blobDir);
            save(new StoreState());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeAtomically(Path target, byte[] data) {
        Path tmp = tmpDir.resolve(UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException(e);
        }
    }

    /** A crash between writing a body and saving the state leaves a body nobody references. */
    private void deleteUnreferencedBlobs(StoreState state) throws IOException {
        Set<String> referenced = new HashSet<>();
        for (StoreState.BucketState bucket : state.buckets.values()) {
            for (List<StoreState.VersionState> versions : bucket.objects.values()) {
                versions.forEach(version -> referenced.add(version.blobId));
            }
            for (StoreState.UploadState upload : bucket.uploads.values()) {
                upload.parts.values().forEach(part -> referenced.add(part.blobId));
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(blobDir)) {
            for (Path file : files) {
                if (!referenced.contains(file.getFileName().toString())) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void deleteAllIn(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
    }
}
