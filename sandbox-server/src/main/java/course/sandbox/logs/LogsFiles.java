package course.sandbox.logs;

import com.fasterxml.jackson.core.type.TypeReference;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * CloudWatch Logs' state under {@code --data DIR}: {@code logs/state.json} holds the groups and
 * streams, {@code logs/streams/<uuid>.json} each stream's events. Every file is written whole to
 * {@code tmp/} and renamed into place (ATOMIC_MOVE), so a crash leaves the old or the new file,
 * never half of one. Group and stream names never become file names: streams are files named by
 * generated UUIDs, and an id read back from state.json must still look like one.
 */
final class LogsFiles {
    private static final Pattern FILE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final TypeReference<List<Event>> EVENTS = new TypeReference<>() {
    };

    /** One event as stored: {@code sequence} orders events of a group that share a timestamp. */
    record Event(long timestamp, String message, long ingestionTime, long sequence) {
    }

    record StoredStream(String name, long creationTime, String fileId) {
    }

    record StoredGroup(String name, long creationTime, Integer retentionInDays, String kmsKeyId, String logGroupClass,
                       Map<String, String> tags, List<StoredStream> streams) {
    }

    record StoredScope(String account, String region, List<StoredGroup> groups) {
    }

    record StoredState(List<StoredScope> scopes) {
    }

    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Path stateFile;
    private final Path streamDir;
    private final Path tmpDir;

    LogsFiles(Path dir) {
        this.stateFile = dir.resolve("state.json");
        this.streamDir = dir.resolve("streams");
        this.tmpDir = dir.resolve("tmp");
        try {
            Files.createDirectories(streamDir);
            Files.createDirectories(tmpDir);
            deleteAllIn(tmpDir); // leftovers of writes a crash interrupted
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String newFileId() {
        return UUID.randomUUID().toString();
    }

    static boolean isFileId(String id) {
        return id != null && FILE_ID.matcher(id).matches();
    }

    StoredState load() {
        try {
            return Files.exists(stateFile) ? json.readValue(stateFile.toFile(), StoredState.class) : new StoredState(List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stateFile + ": " + e.getMessage(), e);
        }
    }

    void save(StoredState state) {
        try {
            writeAtomically(stateFile, json.writeValueAsBytes(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream's events; none when it has never been written (created, but no event put yet). */
    List<Event> readStream(String fileId) {
        Path file = streamDir.resolve(fileId + ".json");
        try {
            return Files.exists(file) ? json.readValue(file.toFile(), EVENTS) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void writeStream(String fileId, List<Event> events) {
        try {
            writeAtomically(streamDir.resolve(fileId + ".json"), json.writeValueAsBytes(events));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteStream(String fileId) {
        try {
            Files.deleteIfExists(streamDir.resolve(fileId + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A crash between deleting a stream from the state and deleting its file leaves a file nobody references. */
    void deleteUnreferenced(Set<String> fileIds) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(streamDir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!fileIds.contains(name.endsWith(".json") ? name.substring(0, name.length() - 5) : name)) {
                    Files.delete(file);
                }
            }
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

    private static void deleteAllIn(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
    }
}
