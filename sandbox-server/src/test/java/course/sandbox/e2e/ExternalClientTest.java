package course.sandbox.e2e;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A missing real client skips its tests on a developer's machine and fails them under CI=true. */
class ExternalClientTest {
    @Test
    void aMissingClientFailsUnderCiAndSkipsElsewhere() {
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> ExternalClient.require(false, "/opt/none/aws is not installed", "true"));
        assertTrue(failed.getMessage().contains("CI=true"), failed.getMessage());
        assertThrows(TestAbortedException.class, () -> ExternalClient.require(false, "/opt/none/aws is not installed", null));
        assertThrows(TestAbortedException.class, () -> ExternalClient.require(false, "/opt/none/aws is not installed", "false"));
        assertDoesNotThrow(() -> ExternalClient.require(true, "present", "true"));
    }
}
