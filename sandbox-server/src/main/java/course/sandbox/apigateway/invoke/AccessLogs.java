package course.sandbox.apigateway.invoke;

import course.sandbox.logs.LogsModel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage access logs: each request's line, the stage's format with its {@code $context} variables
 * filled in ({@code -} for a variable without a value), appended to the CloudWatch Logs group the
 * stage's destination ARN names, one stream per stage.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html">CloudWatch logging for REST APIs</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html">Variables for access logging</a>
 */
public final class AccessLogs {
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{)?context\\.([A-Za-z0-9_.]+[A-Za-z0-9_])(?:})?");
    private static final Pattern LOG_GROUP_ARN = Pattern.compile("arn:aws[a-z-]*:logs:([a-z0-9-]+):(\\d{12}):log-group:([^:]+)(?::\\*)?");

    private final LogsModel logs;

    public AccessLogs(LogsModel logs) {
        this.logs = logs;
    }

    /** Fills in a format: {@code $context.a.b} (or {@code ${context.a.b}}) from the nested context map. */
    public static String format(String format, Map<String, Object> context) {
        Matcher matcher = VARIABLE.matcher(format);
        StringBuilder line = new StringBuilder();
        while (matcher.find()) {
            Object value = context;
            for (String key : matcher.group(1).split("\\.")) {
                value = value instanceof Map<?, ?> map ? map.get(key) : null;
            }
            matcher.appendReplacement(line, Matcher.quoteReplacement(value == null || value instanceof Map ? "-" : value.toString()));
        }
        matcher.appendTail(line);
        return line.toString();
    }

    /** Writes one line to the group of {@code destinationArn}; a malformed ARN writes nothing, as a misconfigured stage does. */
    public void write(String destinationArn, String streamName, String line, Instant now) {
        Matcher arn = LOG_GROUP_ARN.matcher(destinationArn == null ? "" : destinationArn);
        if (!arn.matches()) {
            return;
        }
        logs.append(new LogsModel.Scope(arn.group(2), arn.group(1)), arn.group(3), streamName,
                List.of(new LogsModel.InputEvent(now.toEpochMilli(), line)), now);
    }
}
