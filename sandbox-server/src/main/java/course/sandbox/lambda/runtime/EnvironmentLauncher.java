package course.sandbox.lambda.runtime;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/**
 * The main class of an execution environment's JVM: it starts AWS's runtime interface client
 * (which loads the handler and talks to the sandbox's Runtime API) and ends this JVM as soon as
 * its standard input closes. The sandbox holds that pipe open; when the sandbox goes, by
 * {@code sandbox stop}, Ctrl-C or a crash, the pipe closes and no environment outlives it.
 *
 * <p>Runs in the child JVM with only the runtime client's jars beside it; it uses nothing of the
 * sandbox's own code.
 */
public final class EnvironmentLauncher {
    private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private EnvironmentLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        Thread parentWatch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the sandbox never writes: only the end of the stream matters
                }
            } catch (IOException closed) {
                // closed or broken: the sandbox is gone either way
            }
            Runtime.getRuntime().halt(137);
        }, "sandbox-parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        try {
            Class.forName(RUNTIME_CLIENT).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException failed) {
            throw failed.getCause();
        }
    }
}
