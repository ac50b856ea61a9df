package course.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the pipeline did with one request, stage by stage: the source of the one-line log of a
 * foreground sandbox and of the detailed `--explain` output.
 */
public final class RequestTrace {
    private static final Pattern ATTEMPT = Pattern.compile("attempt=(\\d{1,4})(?:;\\s*max=(\\d{1,4}))?");

    private final String method;
    private final String target;
    private final long startNanos = System.nanoTime();
    private final List<String> details = new ArrayList<>();
    private String service = "-";
    private String action = "-";
    private String principal = "-";
    private String attempt;
    private String faults;

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

    /**
     * The SDK's attempt number from its amz-sdk-request header ("attempt=2; max=3"), so retries
     * show in the log; a header in another shape is left out.
     */
    public void attempt(String sdkRequestHeader) {
        Matcher matcher = ATTEMPT.matcher(sdkRequestHeader);
        if (matcher.find()) {
            attempt = matcher.group(1) + (matcher.group(2) == null ? "" : "/" + matcher.group(2));
        }
    }

    /** The fault rules that fired for this request. */
    public void faults(List<String> ruleIds) {
        faults = String.join(",", ruleIds);
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
        return String.format("%s %s %s:%s %s → %d (%d ms)", method, target, service, action, principal, status, millis)
                + (attempt == null ? "" : " · attempt " + attempt) + (faults == null ? "" : " · fault " + faults);
    }

    public List<String> details() {
        return List.copyOf(details);
    }
}
