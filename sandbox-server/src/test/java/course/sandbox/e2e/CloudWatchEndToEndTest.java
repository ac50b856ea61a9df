package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.iam.IamClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CloudWatch metrics from real clients: SDK v2 over RPC v2 CBOR, AWS CLI v2 and boto3 over Query.
 * Statistics are those of the data points put, as CloudWatch defines them:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
 */
class CloudWatchEndToEndTest {
    private static RunningSandbox sandbox;
    /** A whole minute ten minutes ago: each test's data points fall in its one-minute period. */
    private static final Instant MINUTE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static CloudWatchClient cloudWatch(AwsCredentials credentials) {
        return CloudWatchClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static Map<String, String> environment() {
        return Map.of("AWS_ACCESS_KEY_ID", RunningSandbox.ROOT.accessKeyId(), "AWS_SECRET_ACCESS_KEY", RunningSandbox.ROOT.secretAccessKey(),
                "AWS_DEFAULT_REGION", "us-east-1");
    }

    @Test
    void sdkV2PutsValuesAndStatisticSetsAndReadsTheirStatisticsBack() {
        Dimension host = Dimension.builder().name("Host").value("web-1").build();
        try (CloudWatchClient cloudWatch = cloudWatch(RunningSandbox.ROOT)) {
            // 1..10 as values with counts (1 once … 10 once), plus a statistic set of 4 values summing to 20 (2..8).
            cloudWatch.putMetricData(r -> r.namespace("Course/Sdk").metricData(
                    d -> d.metricName("Latency").dimensions(host).timestamp(MINUTE).unit(StandardUnit.MILLISECONDS)
                            .values(IntStream.rangeClosed(1, 10).mapToObj(i -> (double) i).toList()),
                    d -> d.metricName("Latency").dimensions(host).timestamp(MINUTE.plusSeconds(30)).unit(StandardUnit.MILLISECONDS)
                            .statisticValues(s -> s.sampleCount(4.0).sum(20.0).minimum(2.0).maximum(8.0))));
            GetMetricStatisticsResponse statistics = cloudWatch.getMetricStatistics(r -> r.namespace("Course/Sdk").metricName("Latency")
                    .dimensions(host).startTime(MINUTE).endTime(MINUTE.plusSeconds(60)).period(60)
                    .statistics(Statistic.SAMPLE_COUNT, Statistic.SUM, Statistic.AVERAGE, Statistic.MINIMUM, Statistic.MAXIMUM));
            assertEquals("Latency", statistics.label());
            Datapoint point = statistics.datapoints().get(0);
            assertEquals(1, statistics.datapoints().size(), statistics.toString());
            assertEquals(MINUTE, point.timestamp());
            assertEquals(14.0, point.sampleCount());
            assertEquals(75.0, point.sum());
            assertEquals(75.0 / 14, point.average(), 1e-9);
            assertEquals(1.0, point.minimum());
            assertEquals(10.0, point.maximum());
            assertEquals(StandardUnit.MILLISECONDS, point.unit());

            // Percentiles need raw values: only the 1..10 of a metric without statistic sets.
            cloudWatch.putMetricData(r -> r.namespace("Course/Sdk").metricData(d -> d.metricName("Raw").timestamp(MINUTE)
                    .values(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList())));
            Datapoint percentiles = cloudWatch.getMetricStatistics(r -> r.namespace("Course/Sdk").metricName("Raw")
                    .startTime(MINUTE).endTime(MINUTE.plusSeconds(60)).period(60).extendedStatistics("p50", "p90", "p99.5")).datapoints().get(0);
            assertEquals(Map.of("p50", 50.0, "p90", 90.0, "p99.5", 100.0), percentiles.extendedStatistics());

            List<MetricDataResult> data = cloudWatch.getMetricData(r -> r.startTime(MINUTE).endTime(MINUTE.plusSeconds(60))
                    .scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(
                            q -> q.id("sum").metricStat(s -> s.stat("Sum").period(60).metric(m -> m.namespace("Course/Sdk").metricName("Latency").dimensions(host))),
                            q -> q.id("count").returnData(false).metricStat(s -> s.stat("SampleCount").period(60)
                                    .metric(m -> m.namespace("Course/Sdk").metricName("Latency").dimensions(host))),
                            q -> q.id("mean").expression("sum / count").label("Mean latency"))).metricDataResults();
            assertEquals(List.of("sum", "mean"), data.stream().map(MetricDataResult::id).toList());
            assertEquals(List.of(75.0), data.get(0).values());
            assertEquals(List.of(MINUTE), data.get(0).timestamps());
            assertEquals("Mean latency", data.get(1).label());
            assertEquals(75.0 / 14, data.get(1).values().get(0), 1e-9);

            assertTrue(cloudWatch.listMetrics(r -> r.namespace("Course/Sdk")).metrics().stream()
                    .anyMatch(metric -> metric.metricName().equals("Latency") && metric.dimensions().equals(List.of(host))));
        }
    }

    @Test
    void sdkV2GetsCloudWatchsErrorCodesAndExceptions() {
        try (CloudWatchClient cloudWatch = cloudWatch(RunningSandbox.ROOT)) {
            InvalidParameterCombinationException both = assertThrows(InvalidParameterCombinationException.class,
                    () -> cloudWatch.putMetricData(r -> r.namespace("Course/Errors").metricData(d -> d.metricName("M").value(1.0)
                            .statisticValues(s -> s.sampleCount(1.0).sum(1.0).minimum(1.0).maximum(1.0)))));
            assertEquals("InvalidParameterCombination", both.awsErrorDetails().errorCode());
            assertEquals(400, both.statusCode());
            InvalidParameterValueException reserved = assertThrows(InvalidParameterValueException.class,
                    () -> cloudWatch.putMetricData(r -> r.namespace("AWS/EC2").metricData(d -> d.metricName("M").value(1.0))));
            assertEquals("InvalidParameterValue", reserved.awsErrorDetails().errorCode());
            CloudWatchException tooMany = assertThrows(CloudWatchException.class, () -> cloudWatch.getMetricStatistics(r -> r
                    .namespace("Course/Errors").metricName("M").startTime(MINUTE).endTime(MINUTE.plus(Duration.ofDays(2)))
                    .period(60).statistics(Statistic.SUM)));
            assertTrue(tooMany.awsErrorDetails().errorMessage().startsWith("You have requested up to 2,880 datapoints"), tooMany.toString());
        }
    }

    @Test
    void everyOperationNeedsItsCloudWatchPermission() {
        AwsCredentials user = sandbox.newUser("metrics-writer");
        try (IamClient iam = sandbox.iam(RunningSandbox.ROOT); CloudWatchClient cloudWatch = cloudWatch(user)) {
            CloudWatchException denied = assertThrows(CloudWatchException.class, () -> cloudWatch.listMetrics());
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            assertEquals(403, denied.statusCode());
            assertTrue(denied.awsErrorDetails().errorMessage().endsWith(
                    "is not authorized to perform: cloudwatch:ListMetrics because no identity-based policy allows the cloudwatch:ListMetrics action"),
                    denied.toString());
            // PutMetricData's namespace is the condition key cloudwatch:namespace.
            iam.putUserPolicy(r -> r.userName("metrics-writer").policyName("put-course-metrics").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudwatch:PutMetricData","Resource":"*",
                     "Condition":{"StringEquals":{"cloudwatch:namespace":"Course/Allowed"}}}]}"""));
            cloudWatch.putMetricData(r -> r.namespace("Course/Allowed").metricData(d -> d.metricName("M").value(1.0)));
            assertEquals("AccessDenied", assertThrows(CloudWatchException.class, () -> cloudWatch.putMetricData(r -> r
                    .namespace("Course/Other").metricData(d -> d.metricName("M").value(1.0)))).awsErrorDetails().errorCode());
        }
    }

    @Test
    void awsCliV2PutsAndReadsMetricsOverQuery() {
        ExternalClient.requireAwsCliV2();
        String time = MINUTE.toString();
        ExternalClient.Result put = aws("cloudwatch", "put-metric-data", "--namespace", "Course/Cli", "--metric-data",
                "[{\"MetricName\":\"Orders\",\"Dimensions\":[{\"Name\":\"Shop\",\"Value\":\"north\"}],\"Timestamp\":\"" + time
                        + "\",\"Values\":[5,10,20],\"Counts\":[2,1,1],\"Unit\":\"Count\"}]");
        assertEquals(0, put.exitCode(), put.toString());
        ExternalClient.Result statistics = aws("cloudwatch", "get-metric-statistics", "--namespace", "Course/Cli", "--metric-name", "Orders",
                "--dimensions", "Name=Shop,Value=north", "--start-time", time, "--end-time", MINUTE.plusSeconds(60).toString(),
                "--period", "60", "--statistics", "SampleCount", "Sum", "Average", "Minimum", "Maximum",
                "--query", "Datapoints[0].[SampleCount,Sum,Average,Minimum,Maximum,Unit]");
        assertEquals("4.0\t40.0\t10.0\t5.0\t20.0\tCount", statistics.stdout().strip(), statistics.toString());
        ExternalClient.Result percentile = aws("cloudwatch", "get-metric-statistics", "--namespace", "Course/Cli", "--metric-name", "Orders",
                "--dimensions", "Name=Shop,Value=north", "--start-time", time, "--end-time", MINUTE.plusSeconds(60).toString(),
                "--period", "60", "--extended-statistics", "p50", "p75", "--query", "Datapoints[0].ExtendedStatistics.[p50,p75]");
        assertEquals("5.0\t10.0", percentile.stdout().strip(), percentile.toString());
        ExternalClient.Result data = aws("cloudwatch", "get-metric-data", "--start-time", time, "--end-time", MINUTE.plusSeconds(60).toString(),
                "--metric-data-queries", "[{\"Id\":\"orders\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"Course/Cli\",\"MetricName\":\"Orders\","
                        + "\"Dimensions\":[{\"Name\":\"Shop\",\"Value\":\"north\"}]},\"Period\":60,\"Stat\":\"Maximum\"}},"
                        + "{\"Id\":\"double\",\"Expression\":\"orders * 2\"}]",
                "--query", "MetricDataResults[].[Id,Values[0],StatusCode]");
        assertEquals("orders\t20.0\tComplete\ndouble\t40.0\tComplete", data.stdout().strip(), data.toString());
        ExternalClient.Result list = aws("cloudwatch", "list-metrics", "--namespace", "Course/Cli", "--dimensions", "Name=Shop",
                "--query", "Metrics[].[MetricName,Dimensions[0].Value]");
        assertEquals("Orders\tnorth", list.stdout().strip(), list.toString());
        ExternalClient.Result bad = aws("cloudwatch", "put-metric-data", "--namespace", "Course/Cli", "--metric-name", "Orders",
                "--value", "1", "--storage-resolution", "30");
        assertTrue(bad.exitCode() != 0 && bad.stderr().contains("(InvalidParameterValue)"), bad.toString());
    }

    @Test
    void boto3PutsAndReadsMetricsOverQuery() {
        ExternalClient.requireBoto3();
        String script = """
                import sys, datetime, boto3
                from botocore.exceptions import ClientError
                cw = boto3.client('cloudwatch', endpoint_url=sys.argv[1])
                at = datetime.datetime.fromisoformat(sys.argv[2].replace('Z', '+00:00'))
                end = at + datetime.timedelta(seconds=60)
                cw.put_metric_data(Namespace='Course/Boto3', MetricData=[
                    {'MetricName': 'Cart', 'Timestamp': at, 'Value': v, 'Unit': 'Count', 'StorageResolution': 1} for v in (3, 4, 5)])
                cw.put_metric_data(Namespace='Course/Boto3', MetricData=[{'MetricName': 'Cart', 'Timestamp': at, 'Unit': 'Count',
                    'StatisticValues': {'SampleCount': 2, 'Sum': 8, 'Minimum': 2, 'Maximum': 6}}])
                point = cw.get_metric_statistics(Namespace='Course/Boto3', MetricName='Cart', StartTime=at, EndTime=end, Period=60,
                    Statistics=['SampleCount', 'Sum', 'Minimum', 'Maximum'])['Datapoints'][0]
                print(point['SampleCount'], point['Sum'], point['Minimum'], point['Maximum'], point['Unit'], point['Timestamp'] == at)
                result = cw.get_metric_data(StartTime=at, EndTime=end, MetricDataQueries=[{'Id': 'cart',
                    'MetricStat': {'Metric': {'Namespace': 'Course/Boto3', 'MetricName': 'Cart'}, 'Period': 60, 'Stat': 'Average'}}])
                print(result['MetricDataResults'][0]['Values'])
                print([m['MetricName'] for m in cw.list_metrics(Namespace='Course/Boto3')['Metrics']])
                try:
                    cw.get_metric_statistics(Namespace='Course/Boto3', MetricName='Cart', StartTime=at, EndTime=end, Period=60,
                        Statistics=['Sum'], ExtendedStatistics=['p90'])
                except ClientError as e:
                    print(e.response['Error']['Code'])
                """;
        ExternalClient.Result result = ExternalClient.run(List.of(ExternalClient.PYTHON.toString(), "-c", script,
                sandbox.endpoint().toString(), MINUTE.toString()), Map.of("AWS_ACCESS_KEY_ID", RunningSandbox.ROOT.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", RunningSandbox.ROOT.secretAccessKey(), "AWS_DEFAULT_REGION", "us-east-1"));
        assertEquals(String.join("\n", "5.0 20.0 2.0 6.0 Count True", "[4.0]", "['Cart']", "InvalidParameterCombination"),
                result.stdout().strip(), result.toString());
    }

    private static ExternalClient.Result aws(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(ExternalClient.AWS_CLI.toString(),
                "--endpoint-url", sandbox.endpoint().toString(), "--output", "text"));
        command.addAll(List.of(arguments));
        return ExternalClient.run(command, environment());
    }
}
