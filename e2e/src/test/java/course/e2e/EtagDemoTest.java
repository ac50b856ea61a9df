package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The etag demo: MD5 ETags, BadDigest on a corrupted upload, the -N multipart ETag, flexible checksums. */
@Covers("etag")
@ExtendWith(SharedSandbox.class)
class EtagDemoTest {

    @Test
    void checksumsCatchWhatTheEtagCannot(SharedSandbox.TestSandbox sandbox) {
        Run run = sandbox.jbang().run("etag").succeeds()
                .printsLine("   Equal: yes")
                .printsLine("   Content-MD5: [A-Za-z0-9+/]{22}== → accepted")
                .printsLine("   Refused: 400 BadDigest")
                .printsLine("   Message: The Content-MD5 you specified did not match what we received\\.")
                .printsLine("   ETag from S3: \"[0-9a-f]{32}-2\"")
                .printsLine("   CRC32     from S3 (\\S+) +computed here \\1 ✓")
                .printsLine("   CRC64NVME from S3 (\\S+) +computed here \\1 ✓")
                .printsLine("   SHA256    from S3 (\\S+) +computed here \\1 ✓")
                .printsLine("   Message: The SHA256 you specified did not match the calculated checksum\\.")
                .printsLine("   x-amz-checksum-sha256: \\S+ \\(validated by the SDK on download\\)")
                .printsLine("   Deleted objects in course-etag-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted bucket course-etag-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted everything this run created\\.");
        String fromS3 = value(run, "   ETag from S3: \"", 0);
        String computed = value(run, "   MD5 computed here: \"", 0);
        org.junit.jupiter.api.Assertions.assertEquals(fromS3, computed);
        org.junit.jupiter.api.Assertions.assertEquals(value(run, "   ETag from S3: \"", 1), value(run, "   MD5 of the part MD5s: \"", 0));
    }

    private static String value(Run run, String prefix, int index) {
        return run.lines().stream().filter(line -> line.startsWith(prefix)).skip(index).findFirst().orElseThrow()
                .substring(prefix.length());
    }
}
