package course.sandbox.cloudwatch.protocol;

import course.sandbox.cloudwatch.MetricDatum;

import java.util.List;

/** PutMetricData's parameters as a codec read them. */
public record PutMetricDataInput(String namespace, List<MetricDatum> data) {
}
