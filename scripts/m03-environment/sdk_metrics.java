///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:sts
//DEPS software.amazon.awssdk:cloudwatch
//DEPS software.amazon.awssdk:cloudwatch-metric-publisher
//DEPS software.amazon.awssdk:netty-nio-client
//SOURCES ../lib/DemoCommand.java
//SOURCES ../lib/SandboxFaults.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.metrics.publishers.cloudwatch.CloudWatchMetricPublisher;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;

@Command(name = "sdk-metrics", mixinStandardHelpOptions = true,
        description = {"SDK metrics: a MetricPublisher on a client, a short workload against a sandbox that injects client",
                "errors, server errors, throttles and latency, and four figures from the SDK's own metrics; then the",
                "CloudWatchMetricPublisher sending them to CloudWatch and GetMetricData reading them back. Needs the local sandbox."})
class sdk_metrics implements Callable<Integer> {
    private static final String OPERATION = "GetCallerIdentity";

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();
    private Demo.Target target;
    private SandboxFaults faults;
    private String callerArn;
    private StaticCredentialsProvider caller;

    public static void main(String[] args) {
        DemoCommand.main(new sdk_metrics(), args);
    }

    /** Keeps every API call's metrics: one MetricCollection per call, with a child per attempt. */
    static final class Collector implements MetricPublisher {
        final ConcurrentLinkedQueue<MetricCollection> calls = new ConcurrentLinkedQueue<>();

        @Override
        public void publish(MetricCollection metrics) {
            calls.add(metrics);
        }

        @Override
        public void close() {
        }
    }

    @Override
    public Integer call() {
        target = targetOptions.resolve();
        System.out.println(target.describe());
        faults = SandboxFaults.of(target);
        // IAM is global: its client has no create(); the builder takes the default region's partition.
        try (IamClient iam = IamClient.builder().build()) {
            try {
                run(iam);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private void run(IamClient iam) {
        Demo.step("A caller of our own, so the fault rules hit only this demo's calls");
        String userName = Demo.uniqueName("course-sdk-metrics");
        callerArn = iam.createUser(r -> r.userName(userName)).user().arn();
        cleanup.add("user " + userName, () -> iam.deleteUser(r -> r.userName(userName)));
        AccessKey key = iam.createAccessKey(r -> r.userName(userName)).accessKey();
        cleanup.add("access key " + key.accessKeyId(), () -> iam.deleteAccessKey(r -> r.userName(userName).accessKeyId(key.accessKeyId())));
        caller = StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
        Demo.show("Caller", callerArn);

        Demo.step("A client with a MetricPublisher: the SDK hands it every call's metrics");
        Collector collector = new Collector();
        try (StsClient sts = StsClient.builder().credentialsProvider(caller)
                .overrideConfiguration(o -> o.addMetricPublisher(collector).retryStrategy(RetryMode.STANDARD)).build()) {
            Demo.say("StsClient.builder().overrideConfiguration(o -> o.addMetricPublisher(collector).retryStrategy(RetryMode.STANDARD))");
            Demo.say("(STANDARD: up to 3 attempts per call; see the retries demo)");

            Demo.step("A workload of 16 " + OPERATION + " calls while the sandbox misbehaves");
            phase(sts, 6, "half the attempts throttled (seed 42)", "{\"error\":\"throttling\",\"probability\":0.5,\"seed\":42}");
            phase(sts, 4, "150 ms added to each call", "{\"latencyMs\":150,\"count\":4}");
            phase(sts, 3, "2 client errors (400)", "{\"error\":\"client-error\",\"count\":2}");
            phase(sts, 3, "3 server errors (500) in a row", "{\"error\":\"server-error\",\"count\":3}");
        }

        Demo.step("Four figures from the SDK's own metrics");
        report(new ArrayList<>(collector.calls));

        Demo.step("The same metrics in CloudWatch: CloudWatchMetricPublisher");
        String namespace = "Course/SdkMetrics/" + Demo.uniqueName("run");
        try (CloudWatchAsyncClient cloudWatchAsync = CloudWatchAsyncClient.create();
             CloudWatchClient cloudWatch = CloudWatchClient.create()) {
            Instant start = Instant.now().minus(Duration.ofMinutes(1));
            CloudWatchMetricPublisher publisher = CloudWatchMetricPublisher.builder()
                    .cloudWatchClient(cloudWatchAsync).namespace(namespace)
                    .detailedMetrics(CoreMetric.API_CALL_DURATION)
                    .build();
            String rule = faults.add("{\"service\":\"sts\",\"principal\":\"" + callerArn + "\",\"error\":\"throttling\",\"count\":2}");
            cleanup.add("fault rule " + rule, () -> faults.remove(rule));
            try (StsClient sts = StsClient.builder().credentialsProvider(caller)
                    .overrideConfiguration(o -> o.addMetricPublisher(publisher)).build()) {
                for (int i = 0; i < 5; i++) {
                    sts.getCallerIdentity();
                }
            }
            Demo.say("5 calls, the first throttled twice; closing the publisher sends what it has (PutMetricData).");
            publisher.close();
            Demo.show("Namespace", namespace);

            Demo.step("GetMetricData reads them back: per ServiceId and OperationName, in one five-minute period");
            List<Dimension> dimensions = List.of(Dimension.builder().name("ServiceId").value("STS").build(),
                    Dimension.builder().name("OperationName").value(OPERATION).build());
            List<MetricDataQuery> queries = List.of(
                    query("calls", namespace, "ApiCallDuration", "SampleCount", dimensions),
                    query("latency_avg_ms", namespace, "ApiCallDuration", "Average", dimensions),
                    query("latency_p90_ms", namespace, "ApiCallDuration", "p90", dimensions),
                    query("retries", namespace, "RetryCount", "Sum", dimensions));
            Instant end = Instant.now().plus(Duration.ofMinutes(1));
            List<MetricDataResult> results = cloudWatch.getMetricData(r -> r.metricDataQueries(queries).startTime(start).endTime(end))
                    .metricDataResults();
            for (MetricDataResult result : results) {
                Demo.show(String.format("%-14s", result.id()), result.values().isEmpty() ? "(no data)" : String.format("%.1f", result.values().get(0)));
            }
        }
    }

    /** Runs calls while one fault rule (scoped to the caller and operation) is in force. */
    private void phase(StsClient sts, int calls, String description, String ruleFields) {
        String rule = faults.add("{\"service\":\"sts\",\"operation\":\"" + OPERATION + "\",\"principal\":\"" + callerArn + "\","
                + ruleFields.substring(1));
        cleanup.add("fault rule " + rule, () -> faults.remove(rule));
        StringBuilder outcomes = new StringBuilder();
        for (int i = 0; i < calls; i++) {
            try {
                sts.getCallerIdentity();
                outcomes.append('✓');
            } catch (SdkException e) {
                outcomes.append('✗');
            }
        }
        faults.remove(rule);
        Demo.show(String.format("%-38s", description), outcomes);
    }

    /** The four figures: calls failed by client errors, by server errors, end-to-end latency, throttles. */
    private static void report(List<MetricCollection> calls) {
        int clientErrors = 0;
        int serverErrors = 0;
        int throttledOut = 0;
        int throttles = 0;
        int retries = 0;
        List<Long> latencies = new ArrayList<>();
        for (MetricCollection call : calls) {
            latencies.add(call.metricValues(CoreMetric.API_CALL_DURATION).get(0).toMillis());
            retries += call.metricValues(CoreMetric.RETRY_COUNT).stream().mapToInt(Integer::intValue).sum();
            List<MetricCollection> attempts = call.children().stream().filter(child -> child.name().equals("ApiCallAttempt")).toList();
            for (MetricCollection attempt : attempts) {
                throttles += attempt.metricValues(CoreMetric.ERROR_TYPE).contains("Throttling") ? 1 : 0;
            }
            if (!call.metricValues(CoreMetric.API_CALL_SUCCESSFUL).contains(true) && !attempts.isEmpty()) {
                MetricCollection last = attempts.get(attempts.size() - 1);
                int status = last.metricValues(HttpMetric.HTTP_STATUS_CODE).stream().findFirst().orElse(0);
                if (last.metricValues(CoreMetric.ERROR_TYPE).contains("Throttling")) {
                    throttledOut++;
                } else if (status >= 500) {
                    serverErrors++;
                } else if (status >= 400) {
                    clientErrors++;
                }
            }
        }
        Collections.sort(latencies);
        System.out.printf("   %-34s %8s   %s%n", "figure", "value", "from the SDK metrics");
        System.out.printf("   %-34s %8d   %s%n", "calls", calls.size(), "one MetricCollection per API call");
        System.out.printf("   %-34s %8d   %s%n", "calls failed by client errors", clientErrors, "ApiCallSuccessful false, last attempt HttpStatusCode 4xx");
        System.out.printf("   %-34s %8d   %s%n", "calls failed by server errors", serverErrors, "ApiCallSuccessful false, last attempt HttpStatusCode 5xx");
        System.out.printf("   %-34s %8d   %s%n", "calls failed by throttling", throttledOut, "ApiCallSuccessful false, last attempt ErrorType Throttling");
        System.out.printf("   %-34s %8d   %s%n", "throttles", throttles, "attempts with ErrorType Throttling");
        System.out.printf("   %-34s %8d   %s%n", "retries", retries, "RetryCount, summed");
        System.out.printf("   %-34s %5d ms   %s%n", "end-to-end latency, median", latencies.get(latencies.size() / 2), "ApiCallDuration");
        System.out.printf("   %-34s %5d ms   %s%n", "end-to-end latency, slowest", latencies.get(latencies.size() - 1), "ApiCallDuration (with retries and backoff)");
    }

    private static MetricDataQuery query(String id, String namespace, String metric, String stat, List<Dimension> dimensions) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.stat(stat).period(300)
                .metric(m -> m.namespace(namespace).metricName(metric).dimensions(dimensions))).build();
    }
}
