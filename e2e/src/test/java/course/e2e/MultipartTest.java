package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The multipart demo: parts, the "-N" ETag, the round trip, EntityTooSmall, the stray upload, and its flags. */
@Covers("multipart")
@ExtendWith(SharedSandbox.class)
class MultipartTest {

    @Test
    void uploadsInPartsAndExplainsTheEtag(SharedSandbox.TestSandbox sandbox) {
        Run run = sandbox.jbang().run("multipart", "--parallel", "3").succeeds()
                .printsLine("   Size: 17\\.0 MiB → 4 part\\(s\\) of 5\\.0 MiB, the last 2\\.0 MiB")
                .printsLine("3\\. UploadPart × 4, 3 at a time")
                .printsLine("   \\[#{20}\\] 4/4 parts, 17\\.0 MiB of 17\\.0 MiB \\(part \\d: .*\\)")
                .printsLine("   part  1    5\\.0 MiB  ETag \"[0-9a-f]{32}\"")
                .printsLine("   part  4    2\\.0 MiB  ETag \"[0-9a-f]{32}\"")
                .printsLine("   ETag from S3: \"[0-9a-f]{32}-4\"")
                .printsLine("   Equal: yes \\(it is not the MD5 of the file\\)")
                .printsLine("   Same bytes: yes")
                .printsLine("8\\. The SDK's own tool: S3TransferManager uploads the same file in one call, and downloads it")
                .printsLine("   Key: uploads/transfer-manager/generated\\.bin")
                .printsLine("   Transferred: 17\\.0 MiB")
                .printsLine("   Same ETag as by hand: yes: the same bytes in the same 5\\.0 MiB parts")
                .printsLine("   downloadFile, SHA-256: [0-9a-f]{64} \\(same bytes\\)")
                .printsLine("   Error: 400 EntityTooSmall")
                .printsLine("   Message: Your proposed upload is smaller than the minimum allowed object size\\.")
                .printsLine(" {3,4}Incomplete uploads: 1")
                .printsLine(" {3,4}After AbortMultipartUpload: 0")
                .printsLine(" {3,4}Deleted objects and unfinished uploads in course-multipart-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted bucket course-multipart-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted everything this run created\\.");
        List<String> fromS3 = values(run, "   ETag from S3: ");
        String computed = value(run, "   ETag computed here: ");
        assertEquals(List.of(computed, computed), fromS3, "by hand and by S3TransferManager, the same -4 ETag:\n" + run);
        assertEquals(value(run, "   SHA-256: "), value(run, "   downloadFile, SHA-256: ").replace(" (same bytes)", ""), run::toString);
    }

    @Test
    void uploadsAGivenFileWithItsOwnDigest(SharedSandbox.TestSandbox sandbox, @TempDir Path dir) throws IOException, NoSuchAlgorithmException {
        byte[] content = new byte[6 * 1024 * 1024 + 7];
        Arrays.fill(content, (byte) 'x');
        Path file = Files.write(dir.resolve("notes.txt"), content);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        sandbox.jbang().run("multipart", "--file", file.toString()).succeeds()
                .printsLine("   Size: 6\\.0 MiB → 2 part\\(s\\) of 5\\.0 MiB, the last 1\\.0 MiB")
                .printsLine("   Key: uploads/notes\\.txt")
                .printsLine("   SHA-256: " + sha256)
                .printsLine("   Downloaded: " + sha256)
                .printsLine("   ETag from S3: \"[0-9a-f]{32}-2\"")
                .printsLine("   Key: uploads/transfer-manager/notes\\.txt")
                .printsLine("   Same ETag as by hand: yes: the same bytes in the same 5\\.0 MiB parts")
                .printsLine("   downloadFile, SHA-256: " + sha256 + " \\(same bytes\\)");
    }

    @Test
    void mistakesAreOneLine(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("multipart", "--part-size", "1MiB")
                .failsWithOneLine("--part-size 1MiB is below S3's minimum of 5MiB for every part but the last\\.");
        sandbox.jbang().run("multipart", "--size", "lots")
                .failsWithOneLine("Invalid --size 'lots': use e\\.g\\. 17MiB, 512KiB or 1GiB\\.");
        sandbox.jbang().run("multipart", "--file", "/no/such/file.bin")
                .failsWithOneLine("No such file: /no/such/file\\.bin");
    }

    private static List<String> values(Run run, String prefix) {
        return run.lines().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }

    private static String value(Run run, String prefix) {
        return run.lines().stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }
}
