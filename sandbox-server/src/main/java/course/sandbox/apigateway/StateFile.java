package course.sandbox.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * One service's state under {@code --data DIR}: {@code DIR/state.json}, written whole to
 * {@code DIR/tmp/} and renamed into place (ATOMIC_MOVE), so a crash leaves the old file or the
 * new one, never half of one. Names of APIs and stages live inside the file, never in file names.
 */
public final class StateFile {
    private final ObjectMapper json;
    private final Path file;
    private final Path tmp;

    public StateFile(Path directory, ObjectMapper json) {
        this.json = json;
        this.file = directory.resolve("state.json");
        this.tmp = directory.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> Optional<T> load(Class<T> type) {
        try {
            return Files.exists(file) ? Optional.of(json.readValue(file.toFile(), type)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void save(Object state) {
        try {
            Path written = Files.createTempFile(tmp, "state", ".json");
            json.writeValue(written.toFile(), state);
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
