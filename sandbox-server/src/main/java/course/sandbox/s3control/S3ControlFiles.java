package course.sandbox.s3control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.s3.AccessPoint;
import course.sandbox.s3.PublicAccessBlock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * S3 Control's state under {@code --data DIR}: {@code s3control/state.json} holds the access points
 * and the accounts' Block Public Access, written whole to {@code tmp/} and renamed into place
 * (ATOMIC_MOVE), so a crash leaves the old or the new file. No name becomes a file name. Batch
 * Operations jobs are work under way and end with the sandbox, as they would on a restart of S3's.
 */
final class S3ControlFiles {
    record StoredAccessPoint(String name, String account, String region, String bucket, String vpcId,
                             PublicAccessBlock publicAccessBlock, String alias, long creationMillis, String policy) {
        static StoredAccessPoint of(AccessPoint point) {
            return new StoredAccessPoint(point.name(), point.account(), point.region(), point.bucket(), point.vpcId(),
                    point.publicAccessBlock(), point.alias(), point.creationDate().toEpochMilli(), point.policy());
        }

        AccessPoint accessPoint() {
            return new AccessPoint(name, account, region, bucket, vpcId, publicAccessBlock, alias,
                    Instant.ofEpochMilli(creationMillis), policy);
        }
    }

    record StoredState(List<StoredAccessPoint> accessPoints, Map<String, PublicAccessBlock> accountBlocks) {
    }

    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Path stateFile;
    private final Path tmpDir;

    S3ControlFiles(Path dir) {
        this.stateFile = dir.resolve("state.json");
        this.tmpDir = dir.resolve("tmp");
        try {
            Files.createDirectories(tmpDir);
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmpDir)) {
                for (Path file : leftovers) {
                    Files.delete(file); // a write a crash interrupted
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StoredState load() {
        try {
            return Files.exists(stateFile) ? json.readValue(stateFile.toFile(), StoredState.class)
                    : new StoredState(List.of(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stateFile + ": " + e.getMessage(), e);
        }
    }

    void save(Collection<AccessPoint> accessPoints, Map<String, PublicAccessBlock> accountBlocks) {
        Path tmp = tmpDir.resolve(UUID.randomUUID() + ".tmp");
        try {
            byte[] data = json.writeValueAsBytes(new StoredState(accessPoints.stream().map(StoredAccessPoint::of).toList(),
                    Map.copyOf(accountBlocks)));
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException(e);
        }
    }
}
