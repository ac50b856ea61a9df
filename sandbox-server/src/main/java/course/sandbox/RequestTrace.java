package course.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * What the pipeline did with one request, stage by stage: the source of the one-line log of a
 * foreground sandbox and of the detailed `--explain` output.
 */
public final class RequestTrace {
    private final String method;
    private final String target;
    private final long startNanos = System.nanoTime();
    private final List<String> details = new ArrayList<>();
    private String service = "-";
    private String action = "-";
    private String principal = "-";

    public RequestTrace(String method, String target) {
        this.method = method;
        this.target = target;
    }

    public void route(String service, String action) {
        this.service = service;
        this.action = action;
    }

    public void principal(String principal) {
        this.principal = principal;
    }

    /** A stage's explanation, e.g. the canonical request or the deciding policy statement. */
    public void detail(String stage, String text) {
        details.add(stage + ": " + text);
    }

    public boolean isHealthProbe() {
        return service.equals("sandbox") && action.equals("health");
    }

    public String summary(int status) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        return String.format("%s %s %s:%s %s → %d (%d ms)", method, target, service, action, principal, status, millis);
    }

    public List<String> details() {
        return List.copyOf(details);
    }
}
