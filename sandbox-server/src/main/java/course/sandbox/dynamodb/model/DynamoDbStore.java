package course.sandbox.dynamodb.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every account's tables in every region, as separate databases, in memory or under a data
 * directory (one folder per account and region).
 */
public final class DynamoDbStore implements AutoCloseable {
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Optional<Path> directory;
    private final Map<String, Database> databases = new ConcurrentHashMap<>();
    private final Map<String, DirectoryJournal> journals = new ConcurrentHashMap<>();

    /** @param directory where to keep tables across restarts; empty keeps them in memory */
    public DynamoDbStore(Optional<Path> directory) {
        this.directory = directory;
        directory.ifPresent(this::loadAll);
    }

    public Database database(String account, String region) {
        return databases.computeIfAbsent(account + "/" + region, ignored -> open(account, region));
    }

    private Database open(String account, String region) {
        if (directory.isEmpty()) {
            return new Database(account, region, Journal.NONE);
        }
        DirectoryJournal journal = new DirectoryJournal(directory.get().resolve(folder(account, region)));
        Database database = new Database(account, region, journal);
        journal.load(database);
        journals.put(account + "/" + region, journal);
        return database;
    }

    /** Databases already on disk are opened at start, so their TTL and streams resume. */
    private void loadAll(Path root) {
        if (!java.nio.file.Files.isDirectory(root)) {
            return;
        }
        try (var folders = java.nio.file.Files.newDirectoryStream(root)) {
            for (Path folder : folders) {
                String[] parts = folder.getFileName().toString().split("_", 2);
                if (parts.length == 2 && java.nio.file.Files.isDirectory(folder)) {
                    database(parts[0], region(parts[1]));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A folder name that cannot escape the data directory: the account's 12 digits, then the
     * region as is when it looks like one, else hex-encoded behind an "=" (regions come from
     * request signatures, so any text may arrive).
     */
    static String folder(String account, String region) {
        String regionPart = PLAIN_NAME.matcher(region).matches() ? region
                : "=" + HexFormat.of().formatHex(region.getBytes(StandardCharsets.UTF_8));
        if (!account.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("not an account id: " + account);
        }
        return account + "_" + regionPart;
    }

    private static String region(String folderPart) {
        return folderPart.startsWith("=") ? new String(HexFormat.of().parseHex(folderPart.substring(1)), StandardCharsets.UTF_8)
                : folderPart;
    }

    /** Drops every table of every account and region (sandbox reset). */
    public void reset() {
        for (Map.Entry<String, Database> entry : databases.entrySet()) {
            Database database = entry.getValue();
            synchronized (database.lock()) {
                database.clear();
                DirectoryJournal journal = journals.get(entry.getKey());
                if (journal != null) {
                    journal.clear(database);
                }
            }
        }
    }

    @Override
    public void close() {
        journals.values().forEach(DirectoryJournal::close);
    }
}
