package course.sandbox.lambda;

import course.sandbox.cloudwatch.CloudWatchModel;
import course.sandbox.cloudwatch.Dimension;
import course.sandbox.cloudwatch.MetricDatum;
import course.sandbox.lambda.LambdaModel.Scope;
import course.sandbox.service.ServiceException;

import java.util.ArrayList;
import java.util.List;

/**
 * Lambda's metrics in CloudWatch, namespace AWS/Lambda, as Lambda publishes them: per function
 * (dimension FunctionName) and for the whole account (no dimension). Invocations, Errors and
 * Throttles count, Duration in milliseconds, ConcurrentExecutions how many ran at once.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html">Types of metrics for Lambda functions</a>
 */
public final class LambdaCloudWatchMetrics implements LambdaMetrics {
    private static final String NAMESPACE = "AWS/Lambda";

    private final CloudWatchModel cloudWatch;

    public LambdaCloudWatchMetrics(CloudWatchModel cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public void invoked(Scope scope, String functionName, double durationMillis, boolean error, int concurrent) {
        List<MetricDatum> data = new ArrayList<>();
        for (Dimension[] dimensions : List.of(new Dimension[] {new Dimension("FunctionName", functionName)}, new Dimension[0])) {
            data.add(MetricDatum.value("Invocations", 1, null, dimensions).withUnit("Count"));
            data.add(MetricDatum.value("Errors", error ? 1 : 0, null, dimensions).withUnit("Count"));
            data.add(MetricDatum.value("Duration", durationMillis, null, dimensions).withUnit("Milliseconds"));
            data.add(MetricDatum.value("ConcurrentExecutions", concurrent, null, dimensions).withUnit("Count"));
        }
        put(scope, data);
    }

    @Override
    public void throttled(Scope scope, String functionName) {
        put(scope, List.of(MetricDatum.value("Throttles", 1, null, new Dimension("FunctionName", functionName)).withUnit("Count"),
                MetricDatum.value("Throttles", 1, null).withUnit("Count")));
    }

    private void put(Scope scope, List<MetricDatum> data) {
        try {
            cloudWatch.putServiceMetricData(scope.account(), scope.region(), NAMESPACE, data);
        } catch (ServiceException full) {
            // CloudWatch's store is full (the sandbox caps it): the invocation itself is not affected.
        }
    }
}
