///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:lambda
//DEPS software.amazon.awssdk:cloudwatchlogs
//DEPS com.amazonaws:aws-lambda-java-core:1.4.0
//SOURCES ../lib/DemoCommand.java
//SOURCES ../m09-lambda/LambdaDemo.java
//FILES handlers/OrderWorker.java=handlers/OrderWorker.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResultField;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "logs-insights", mixinStandardHelpOptions = true,
        description = {"CloudWatch Logs Insights over a Lambda function's logs: the slowest invocations, cold starts by",
                "bin(5m), errors parsed and counted, memory, using the fields Lambda's REPORT lines give (@duration, @initDuration…)."})
class logs_insights implements Callable<Integer> {
    static final List<String[]> QUERIES = List.of(
            new String[] {"The five slowest invocations",
                    "filter @type = \"REPORT\" | fields @requestId, @duration, @initDuration | sort @duration desc | limit 5"},
            new String[] {"Cold starts per 5 minutes",
                    "filter @type = \"REPORT\" | stats count(*) as invocations, count(@initDuration) as coldStarts, "
                            + "avg(@initDuration) as avgInitMs by bin(5m)"},
            new String[] {"Errors, parsed and counted by reason",
                    "filter @message like /ERROR/ | parse @message \"ERROR order * failed: *\" as order, reason "
                            + "| stats count(*) as failures by reason | sort failures desc"},
            new String[] {"Shipped orders from the JSON lines (fields discovered from JSON)",
                    "filter status = \"shipped\" and workMs >= 80 | stats count(*) as slowOrders, max(workMs) as maxWorkMs"},
            new String[] {"Duration percentiles and memory",
                    "filter @type = \"REPORT\" | stats pct(@duration, 50) as p50, pct(@duration, 90) as p90, "
                            + "max(@maxMemoryUsed) as maxMemoryBytes"});

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    @Option(names = "--invocations", defaultValue = "30", description = "Orders to send to the function (default: ${DEFAULT-VALUE}).")
    int invocations;

    public static void main(String[] args) {
        DemoCommand.main(new logs_insights(), args);
    }

    @Override
    public Integer call() {
        if (invocations < 6 || invocations > 500) {
            throw new Demo.UserError("Use --invocations from 6 to 500.");
        }
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String name = Demo.uniqueName("course-insights");
        String group = "/aws/lambda/" + name;
        try (IamClient iam = IamClient.builder().build();
             LambdaClient lambda = LambdaClient.create();
             CloudWatchLogsClient logs = CloudWatchLogsClient.create()) {
            try {
                Demo.step("A function that logs: handlers/OrderWorker.java");
                byte[] zip = LambdaDemo.buildZip(List.of("handlers/OrderWorker.java"), List.of(), "");
                String roleArn = LambdaDemo.createRole(iam, name, cleanup);
                LambdaDemo.createFunction(lambda, CreateFunctionRequest.builder().functionName(name).runtime(Runtime.JAVA21)
                        .role(roleArn).handler("insights.OrderWorker::handleRequest").memorySize(512).timeout(15)
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).build(), cleanup);
                cleanup.add("log group " + group, () -> logs.deleteLogGroup(r -> r.logGroupName(group)));

                Demo.step("Send " + invocations + " orders; halfway, a configuration change forces a second cold start");
                int failed = 0;
                for (int order = 1; order <= invocations; order++) {
                    if (order == invocations / 2) {
                        lambda.updateFunctionConfiguration(r -> r.functionName(name).description("halfway"));
                        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(name));
                    }
                    int number = order;
                    failed += lambda.invoke(r -> r.functionName(name).payload(LambdaDemo.json("{\"order\":" + number + "}")))
                            .functionError() == null ? 0 : 1;
                }
                Demo.show("Invocations", invocations + ", of which " + failed + " failed");
                Demo.show("Log events", waitForReports(logs, group, invocations) + " REPORT lines in " + group);

                for (String[] query : QUERIES) {
                    Demo.step(query[0]);
                    Demo.say(query[1]);
                    run(logs, group, query[1]).forEach(Demo::say);
                }
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    /** StartQuery over the last 30 minutes, then GetQueryResults until Complete; one line per row. */
    static List<String> run(CloudWatchLogsClient logs, String group, String query) {
        long now = Instant.now().getEpochSecond();
        String id = logs.startQuery(r -> r.logGroupName(group).startTime(now - 1800).endTime(now + 60).queryString(query)).queryId();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        GetQueryResultsResponse results = logs.getQueryResults(r -> r.queryId(id));
        while ((results.status() == QueryStatus.RUNNING || results.status() == QueryStatus.SCHEDULED) && Instant.now().isBefore(deadline)) {
            LambdaDemo.sleep(Duration.ofSeconds(1));
            results = logs.getQueryResults(r -> r.queryId(id));
        }
        List<String> lines = new ArrayList<>();
        for (List<ResultField> row : results.results()) {
            List<String> cells = new ArrayList<>();
            for (ResultField field : row) {
                if (!field.field().equals("@ptr")) {
                    cells.add(field.field() + "=" + field.value());
                }
            }
            lines.add("→ " + String.join("  ", cells));
        }
        lines.add("(" + results.status() + ": " + results.statistics().recordsMatched().longValue() + " of "
                + results.statistics().recordsScanned().longValue() + " records matched)");
        return lines;
    }

    /** Lambda ships logs asynchronously (seconds on AWS): wait until every REPORT line is in. */
    private static int waitForReports(CloudWatchLogsClient logs, String group, int expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        int found = 0;
        while (Instant.now().isBefore(deadline)) {
            found = logs.filterLogEventsPaginator(r -> r.logGroupName(group).filterPattern("REPORT")).events().stream()
                    .mapToInt(event -> 1).sum();
            if (found >= expected) {
                break;
            }
            LambdaDemo.sleep(Duration.ofSeconds(2));
        }
        return found;
    }
}
