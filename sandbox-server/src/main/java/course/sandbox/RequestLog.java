package course.sandbox;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Prints one short line per request, and with --explain every stage's details under it.
 * Health probes are left out of the short log: `sandbox start` and tests poll them often.
 */
public final class RequestLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;
    private final boolean explain;

    public RequestLog(PrintStream out, boolean explain) {
        this.out = out;
        this.explain = explain;
    }

    public void record(RequestTrace trace, int status) {
        if (trace.isHealthProbe() && !explain) {
            return;
        }
        StringBuilder entry = new StringBuilder(TIME.format(LocalTime.now())).append(' ').append(trace.summary(status));
        if (explain) {
            for (String detail : trace.details()) {
                entry.append(System.lineSeparator()).append("    ").append(detail.replace("\n", "\n      "));
            }
        }
        synchronized (out) {
            out.println(entry);
        }
    }
}
