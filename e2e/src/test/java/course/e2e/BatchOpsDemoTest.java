package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The batch-ops demo: a manifest, a role, a confirmed job that runs, its report, the tasks the role may not do. */
@Covers("batch-ops")
@ExtendWith(SharedSandbox.class)
class BatchOpsDemoTest {
    private static final String BUCKET = "course-batch-ops-\\d{8}-[0-9a-f]{6}";

    @Test
    void aConfirmedJobTagsWhatItsRoleMayAndReportsTheRest(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("batch-ops").succeeds()
                .printsLine("   Objects: 270 in photos/, 30 in archive/")
                .printsLine("     " + BUCKET + ",photos/IMG_0000\\.jpg")
                .printsLine("   Status: Suspended \\(the manifest is read, the job waits for you\\)")
                .printsLine("   Tasks: 300")
                .printsLine("   \\[####################\\] 300/300 tasks · 270 succeeded · 30 failed · Complete")
                .printsLine("   Status: Complete")
                .printsLine("   manifest\\.json: Report_CSV_20180820 · Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage")
                .printsLine("   succeeded tasks: 270 rows in results/[0-9a-f]{40}\\.csv")
                .printsLine("   failed tasks: 30 rows in results/[0-9a-f]{40}\\.csv")
                .printsLine("     " + BUCKET + ",archive/scan%20\\d{4}\\.pdf,,failed,403,AccessDenied,\"User: arn:aws:sts::\\d{12}:assumed-role/"
                        + "course-batch-role-\\d{8}-[0-9a-f]{6}/s3-batch-operations-[0-9a-f]{8} is not authorized to perform: "
                        + "s3:PutObjectTagging on resource: \"\"arn:aws:s3:::" + BUCKET + "/archive/scan \\d{4}\\.pdf\"\" because no "
                        + "identity-based policy allows the s3:PutObjectTagging action\"")
                .printsLine("   photos/IMG_0000\\.jpg: \\[project=course\\]")
                .printsLine("   archive/scan 0009\\.pdf: \\[\\]")
                .printsLine("   Deleted objects in course-batch-ops-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted bucket course-batch-ops-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted everything this run created\\.");
    }

    @Test
    void objectsOptionAndItsMistakes(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("batch-ops", "--objects", "20").succeeds()
                .printsLine("   Objects: 18 in photos/, 2 in archive/")
                .printsLine("   \\[####################\\] 20/20 tasks · 18 succeeded · 2 failed · Complete");
        sandbox.jbang().run("batch-ops", "--objects", "0").failsWithOneLine("--objects 0: use 1 to 5000\\.");
    }
}
