package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Demo.Cleanup when a deletion fails: every other deletion is still attempted, each with its own
 * line. Seen in bucket-policy's cleanup (access key, user, objects, bucket, newest first) with a
 * sandbox fault rule failing its one DeleteAccessKey; a user that still has a key cannot be
 * deleted (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUser.html), the bucket can.
 */
@ExtendWith(SharedSandbox.class)
class CleanupTest {
    private static final String STAMP = "-\\d{8}-[0-9a-f]{6}";

    @Test
    void aFailedDeletionDoesNotStopTheOthers(SharedSandbox.TestSandbox sandbox) {
        Jbang jbang = sandbox.jbang();
        String port = String.valueOf(sandbox.port());
        jbang.run("sandbox", "faults", "add", "--port", port, "--service", "iam", "--operation", "DeleteAccessKey",
                "--error", "client-error", "--count", "1").succeeds();
        try {
            jbang.run("bucket-policy").succeeds()
                    .printsLine("\\d+\\. Clean up")
                    .printsLine("   Not deleted: access key \\S+ \\(ValidationError: .*\\)")
                    .printsLine("   Not deleted: user course-reader" + STAMP + " \\(DeleteConflict: .*\\)")
                    .printsLine("   Deleted objects in course-bucket-policy" + STAMP)
                    .printsLine("   Deleted bucket course-bucket-policy" + STAMP)
                    .printsLine("   2 deletion\\(s\\) failed, see above\\.");
        } finally {
            jbang.run("sandbox", "faults", "clear", "--port", port).succeeds();
        }
    }
}
