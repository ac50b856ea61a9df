package course.sandbox.s3.protocol;

import course.sandbox.e2e.RunningSandbox;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.multipart.MultipartConfiguration;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedDirectoryUpload;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;

/**
 * The transfer manager's Java-based multipart path (no CRT) on the SDK's Netty async client:
 * a file above the threshold goes up in parts and comes back intact, a directory goes up key by key.
 */
class TransferManagerTest {
    private static final long MIB = 1024 * 1024;
    private static final long PART_SIZE = 8 * MIB;

    private static RunningSandbox sandbox;
    private static S3AsyncClient s3;
    private static S3TransferManager transfers;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        s3 = S3AsyncClient.builder()
                .endpointOverride(sandbox.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials())
                .forcePathStyle(true)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .multipartEnabled(true)
                .multipartConfiguration(MultipartConfiguration.builder()
                        .thresholdInBytes(PART_SIZE)
                        .minimumPartSizeInBytes(PART_SIZE)
                        .build())
                .build();
        transfers = S3TransferManager.builder().s3Client(s3).build();
    }

    @AfterAll
    static void stop() {
        transfers.close();
        s3.close();
        sandbox.close();
    }

    @Test
    void aFileAboveTheThresholdGoesUpInPartsAndComesBackIntact(@TempDir Path directory) throws IOException {
        s3.createBucket(b -> b.bucket("transfer-file")).join();
        Path source = directory.resolve("upload.bin");
        byte[] content = SdkScenarios.randomBytes((int) (3 * PART_SIZE), 24);
        Files.write(source, content);

        CompletedFileUpload upload = transfers.uploadFile(u -> u.source(source)
                .putObjectRequest(p -> p.bucket("transfer-file").key("big/upload.bin"))).completionFuture().join();
        assertTrue(upload.response().eTag().endsWith("-3\""), "a multipart ETag: " + upload.response().eTag());
        assertEquals(3 * PART_SIZE, s3.headObject(h -> h.bucket("transfer-file").key("big/upload.bin")).join().contentLength());
        assertTrue(s3.listMultipartUploads(l -> l.bucket("transfer-file")).join().uploads().isEmpty());

        Path target = directory.resolve("download.bin");
        transfers.downloadFile(d -> d.destination(target)
                .getObjectRequest(g -> g.bucket("transfer-file").key("big/upload.bin"))).completionFuture().join();
        assertArrayEquals(sha256(content), sha256(Files.readAllBytes(target)));
    }

    @Test
    void aDirectoryGoesUpKeyByKey(@TempDir Path directory) throws IOException {
        s3.createBucket(b -> b.bucket("transfer-directory")).join();
        Map<String, String> files = new TreeMap<>(Map.of("a.txt", "first", "b.txt", "second", "nested/c.txt", "third"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = directory.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }

        CompletedDirectoryUpload upload = transfers.uploadDirectory(u -> u.source(directory).bucket("transfer-directory")
                .s3Prefix("site")).completionFuture().join();
        assertEquals(List.of(), upload.failedTransfers());
        List<S3Object> listed = s3.listObjectsV2(l -> l.bucket("transfer-directory")).join().contents();
        assertEquals(List.of("site/a.txt", "site/b.txt", "site/nested/c.txt"), listed.stream().map(S3Object::key).toList());
        assertEquals("third", s3.getObject(g -> g.bucket("transfer-directory").key("site/nested/c.txt"),
                AsyncResponseTransformer.toBytes()).join().asUtf8String());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
