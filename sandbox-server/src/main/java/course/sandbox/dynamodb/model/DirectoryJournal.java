package course.sandbox.dynamodb.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps one database on disk: {@code snapshot.json} (every table and item, replaced whole with
 * an atomic rename after an fsync, as S3's data directory does) and {@code journal.log}, one
 * JSON line per change since the snapshot, fsync'ed before the request is answered. On start
 * the snapshot is read and the journal replayed; a torn last line (a crash mid-write) is
 * ignored, so nothing answered as written is lost and nothing half-written appears. When the
 * journal outgrows the snapshot, a new snapshot replaces both. Table names never become file
 * names.
 */
final class DirectoryJournal implements Journal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final long MIN_COMPACTION_BYTES = 4 * 1024 * 1024;

    private final Path directory;
    private final Path snapshotFile;
    private final Path journalFile;
    private FileChannel journal;
    private long journalBytes;
    private long snapshotBytes;

    DirectoryJournal(Path directory) {
        this.directory = directory;
        this.snapshotFile = directory.resolve("snapshot.json");
        this.journalFile = directory.resolve("journal.log");
    }

    /** Reads the snapshot and the journal into {@code database}, then opens the journal for appending. */
    void load(Database database) {
        try {
            Files.createDirectories(directory);
            try (var leftovers = Files.newDirectoryStream(directory, "*.tmp")) {
                for (Path file : leftovers) {
                    Files.delete(file);
                }
            }
            if (Files.exists(snapshotFile)) {
                snapshotBytes = Files.size(snapshotFile);
                JsonNode snapshot = JSON.readTree(snapshotFile.toFile());
                for (JsonNode table : snapshot.path("tables")) {
                    database.restore(TableCodec.read(table.path("definition")));
                    String name = table.path("definition").path("name").asText();
                    for (JsonNode item : table.path("items")) {
                        database.restoreItem(name, StoredItem.of(ItemJson.readItem(item)));
                    }
                }
            }
            if (Files.exists(journalFile)) {
                try (BufferedReader lines = Files.newBufferedReader(journalFile, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (!replay(database, line)) {
                            break;
                        }
                    }
                }
            }
            // Whatever was replayed is folded into a fresh snapshot, and the journal starts empty.
            writeSnapshot(database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies one journal line; false for a torn line, which ends the journal. */
    private static boolean replay(Database database, String line) {
        JsonNode change;
        try {
            change = JSON.readTree(line);
        } catch (IOException e) {
            return false;
        }
        if (change == null || !change.has("change")) {
            return false;
        }
        String table = change.path("table").asText();
        switch (change.path("change").asText()) {
            case "table" -> {
                Table restored = TableCodec.read(change.path("definition"));
                database.findTable(table).ifPresent(old -> old.forEachItem(restored::load));
                database.restore(restored);
            }
            case "drop" -> database.restoreDeletion(table);
            case "put" -> database.restoreItem(table, StoredItem.of(ItemJson.readItem(change.path("item"))));
            case "delete" -> database.restoreRemoval(table, ItemJson.readItem(change.path("key")));
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public void tableChanged(Database database, Table table) {
        append(database, json -> {
            json.writeStringField("change", "table");
            json.writeStringField("table", table.name());
            json.writeFieldName("definition");
            JSON.writeTree(json, TableCodec.write(table));
        });
    }

    @Override
    public void tableDeleted(Database database, String table) {
        append(database, json -> {
            json.writeStringField("change", "drop");
            json.writeStringField("table", table);
        });
    }

    @Override
    public void itemStored(Database database, Table table, StoredItem item) {
        append(database, json -> {
            json.writeStringField("change", "put");
            json.writeStringField("table", table.name());
            json.writeFieldName("item");
            ItemJson.writeItem(json, item.attributes());
        });
    }

    @Override
    public void itemRemoved(Database database, Table table, Map<String, AttributeValue> key) {
        append(database, json -> {
            json.writeStringField("change", "delete");
            json.writeStringField("table", table.name());
            json.writeFieldName("key");
            ItemJson.writeItem(json, key);
        });
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    /** Called under the database's lock: lines go out in the order the changes were made. */
    private void append(Database database, Fields fields) {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try (JsonGenerator json = FACTORY.createGenerator(line)) {
                json.writeStartObject();
                fields.write(json);
                json.writeEndObject();
            }
            line.write('\n');
            ByteBuffer buffer = ByteBuffer.wrap(line.toByteArray());
            while (buffer.hasRemaining()) {
                journal.write(buffer);
            }
            journal.force(false);
            journalBytes += line.size();
            if (journalBytes > Math.max(MIN_COMPACTION_BYTES, snapshotBytes)) {
                writeSnapshot(database);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces snapshot and journal with one snapshot of the database as it is now. */
    private void writeSnapshot(Database database) throws IOException {
        Path tmp = directory.resolve(UUID.randomUUID() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            try (JsonGenerator json = FACTORY.createGenerator(java.nio.channels.Channels.newOutputStream(channel))) {
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                json.writeStartObject();
                json.writeArrayFieldStart("tables");
                for (Table table : database.tables()) {
                    json.writeStartObject();
                    json.writeFieldName("definition");
                    JSON.writeTree(json, TableCodec.write(table));
                    json.writeArrayFieldStart("items");
                    table.forEachItem(item -> {
                        try {
                            ItemJson.writeItem(json, item.attributes());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    json.writeEndArray();
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            channel.force(true);
            snapshotBytes = channel.size();
        }
        Files.move(tmp, snapshotFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (journal != null) {
            journal.close();
        }
        // Replaying the old journal over the new snapshot would change nothing, so a crash here is harmless.
        journal = FileChannel.open(journalFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        journal.force(true);
        journalBytes = 0;
    }

    /** Drops the files (sandbox reset). */
    void clear(Database database) {
        try {
            writeSnapshot(database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() {
        try {
            if (journal != null) {
                journal.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
