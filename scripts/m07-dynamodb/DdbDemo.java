import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** What the DynamoDB demos share (m07, m08): their last step, the clean-up. */
final class DdbDemo {

    private DdbDemo() {
    }

    /**
     * The demo's last step, run in finally: deletes what the demo created, newest first, each
     * deletion attempted even when an earlier one failed, a line on screen for each.
     */
    static void cleanUp(Map<String, Runnable> cleanup) {
        if (cleanup.isEmpty()) {
            return;
        }
        Demo.step("Clean up");
        List<String> newestFirst = new ArrayList<>(cleanup.keySet());
        Collections.reverse(newestFirst);
        for (String what : newestFirst) {
            try {
                cleanup.get(what).run();
                Demo.show("Deleted", what);
            } catch (RuntimeException e) {
                Demo.show("Not deleted", what + " (" + Demo.firstLine(e.getMessage()) + ")");
            }
        }
    }
}
