package course.sandbox.lifecycle;

import java.nio.file.Path;

/**
 * The one place a background sandbox keeps its PID and log: {@code ~/.course/sandbox/}, or
 * {@code $COURSE_SANDBOX_HOME} when set. One pair of files per port, so sandboxes on different
 * ports do not trip over each other.
 */
public record StateDirectory(Path root) {

    public static StateDirectory fromEnvironment() {
        String override = System.getenv("COURSE_SANDBOX_HOME");
        if (override != null && !override.isBlank()) {
            return new StateDirectory(Path.of(override));
        }
        return new StateDirectory(Path.of(System.getProperty("user.home"), ".course", "sandbox"));
    }

    public Path pidFile(int port) {
        return root.resolve(port + ".pid");
    }

    public Path logFile(int port) {
        return root.resolve(port + ".log");
    }
}
