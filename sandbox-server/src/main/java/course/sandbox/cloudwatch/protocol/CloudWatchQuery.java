package course.sandbox.cloudwatch.protocol;

import course.sandbox.cloudwatch.CloudWatchErrors;
import course.sandbox.cloudwatch.Datapoint;
import course.sandbox.cloudwatch.Dimension;
import course.sandbox.cloudwatch.DimensionFilter;
import course.sandbox.cloudwatch.GetMetricDataRequest;
import course.sandbox.cloudwatch.GetMetricStatisticsRequest;
import course.sandbox.cloudwatch.ListMetricsRequest;
import course.sandbox.cloudwatch.Metric;
import course.sandbox.cloudwatch.MetricDataQuery;
import course.sandbox.cloudwatch.MetricDataResult;
import course.sandbox.cloudwatch.MetricDataResults;
import course.sandbox.cloudwatch.MetricDatum;
import course.sandbox.cloudwatch.MetricListing;
import course.sandbox.cloudwatch.MetricStat;
import course.sandbox.cloudwatch.MetricStatistics;
import course.sandbox.cloudwatch.StatisticSet;
import course.sandbox.protocol.XmlBuilder;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * CloudWatch on the AWS Query protocol (the AWS CLI, boto3): form parameters such as
 * {@code MetricData.member.1.Dimensions.member.2.Name} to the model's requests, and the model's
 * answers to the {@code …Result} XML (lists as {@code member}, maps as {@code entry/key/value}).
 */
public final class CloudWatchQuery {
    private CloudWatchQuery() {
    }

    public static PutMetricDataInput putMetricData(Map<String, String> form) {
        List<MetricDatum> data = list(form, "MetricData", prefix -> {
            StatisticSet set = form.keySet().stream().anyMatch(key -> key.startsWith(prefix + ".StatisticValues."))
                    ? new StatisticSet(required(form, prefix + ".StatisticValues.SampleCount"), required(form, prefix + ".StatisticValues.Sum"),
                    required(form, prefix + ".StatisticValues.Minimum"), required(form, prefix + ".StatisticValues.Maximum"))
                    : null;
            return new MetricDatum(form.get(prefix + ".MetricName"), dimensions(form, prefix + ".Dimensions"),
                    timestamp(form, prefix + ".Timestamp"), number(form, prefix + ".Value"),
                    list(form, prefix + ".Values", key -> number(form, key)), list(form, prefix + ".Counts", key -> number(form, key)),
                    set, form.get(prefix + ".Unit"), integer(form, prefix + ".StorageResolution"));
        });
        return new PutMetricDataInput(form.get("Namespace"), data);
    }

    public static ListMetricsRequest listMetrics(Map<String, String> form) {
        return new ListMetricsRequest(form.get("Namespace"), form.get("MetricName"),
                list(form, "Dimensions", prefix -> new DimensionFilter(form.get(prefix + ".Name"), form.get(prefix + ".Value"))),
                form.get("RecentlyActive"), form.get("NextToken"));
    }

    public static GetMetricStatisticsRequest getMetricStatistics(Map<String, String> form) {
        return new GetMetricStatisticsRequest(form.get("Namespace"), form.get("MetricName"), dimensions(form, "Dimensions"),
                timestamp(form, "StartTime"), timestamp(form, "EndTime"), integer(form, "Period"),
                list(form, "Statistics", form::get), list(form, "ExtendedStatistics", form::get), form.get("Unit"));
    }

    public static GetMetricDataRequest getMetricData(Map<String, String> form) {
        List<MetricDataQuery> queries = list(form, "MetricDataQueries", prefix -> {
            String stat = prefix + ".MetricStat";
            MetricStat metricStat = form.keySet().stream().anyMatch(key -> key.startsWith(stat + "."))
                    ? new MetricStat(new Metric(nullToEmpty(form.get(stat + ".Metric.Namespace")), nullToEmpty(form.get(stat + ".Metric.MetricName")),
                    dimensions(form, stat + ".Metric.Dimensions")), integer(form, stat + ".Period"), form.get(stat + ".Stat"), form.get(stat + ".Unit"))
                    : null;
            String returnData = form.get(prefix + ".ReturnData");
            return new MetricDataQuery(form.get(prefix + ".Id"), metricStat, form.get(prefix + ".Expression"), form.get(prefix + ".Label"),
                    returnData == null ? null : Boolean.valueOf(returnData), integer(form, prefix + ".Period"));
        });
        return new GetMetricDataRequest(queries, timestamp(form, "StartTime"), timestamp(form, "EndTime"), form.get("ScanBy"),
                integer(form, "MaxDatapoints"), form.get("NextToken"));
    }

    // ---------------------------------------------------------------- answers: the inside of <ActionResult>

    public static XmlBuilder listMetricsResult(MetricListing listing) {
        XmlBuilder xml = new XmlBuilder().open("Metrics");
        for (Metric metric : listing.metrics()) {
            xml.open("member").element("Namespace", metric.namespace()).element("MetricName", metric.metricName());
            dimensions(xml, metric.dimensions());
            xml.close("member");
        }
        xml.close("Metrics");
        listing.nextToken().ifPresent(token -> xml.element("NextToken", token));
        return xml;
    }

    public static XmlBuilder getMetricStatisticsResult(MetricStatistics statistics) {
        XmlBuilder xml = new XmlBuilder().element("Label", statistics.label()).open("Datapoints");
        for (Datapoint point : statistics.datapoints()) {
            xml.open("member").element("Timestamp", point.timestamp());
            point.statistics().forEach(xml::element);
            xml.element("Unit", point.unit());
            if (!point.extendedStatistics().isEmpty()) {
                xml.open("ExtendedStatistics");
                point.extendedStatistics().forEach((name, value) -> xml.open("entry").element("key", name).element("value", value).close("entry"));
                xml.close("ExtendedStatistics");
            }
            xml.close("member");
        }
        return xml.close("Datapoints");
    }

    public static XmlBuilder getMetricDataResult(MetricDataResults results) {
        XmlBuilder xml = new XmlBuilder().open("MetricDataResults");
        for (MetricDataResult result : results.results()) {
            xml.open("member").element("Id", result.id()).element("Label", result.label()).open("Timestamps");
            result.timestamps().forEach(time -> xml.element("member", time));
            xml.close("Timestamps").open("Values");
            result.values().forEach(value -> xml.element("member", value));
            xml.close("Values").element("StatusCode", result.statusCode()).close("member");
        }
        xml.close("MetricDataResults");
        results.nextToken().ifPresent(token -> xml.element("NextToken", token));
        return xml.open("Messages").close("Messages");
    }

    private static void dimensions(XmlBuilder xml, List<Dimension> dimensions) {
        xml.open("Dimensions");
        for (Dimension dimension : dimensions) {
            xml.open("member").element("Name", dimension.name()).element("Value", dimension.value()).close("member");
        }
        xml.close("Dimensions");
    }

    // ---------------------------------------------------------------- form parameters

    /** The members {@code name.member.1}, {@code name.member.2}… as long as they go on. */
    private static <T> List<T> list(Map<String, String> form, String name, Function<String, T> member) {
        List<T> members = new ArrayList<>();
        for (int i = 1; ; i++) {
            String prefix = name + ".member." + i;
            if (!form.containsKey(prefix) && form.keySet().stream().noneMatch(key -> key.startsWith(prefix + "."))) {
                return members;
            }
            members.add(member.apply(prefix));
        }
    }

    private static List<Dimension> dimensions(Map<String, String> form, String name) {
        return list(form, name, prefix -> new Dimension(form.get(prefix + ".Name"), form.get(prefix + ".Value")));
    }

    private static Double number(Map<String, String> form, String key) {
        String text = form.get(key);
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw CloudWatchErrors.invalidValue(text, key);
        }
    }

    private static double required(Map<String, String> form, String key) {
        Double value = number(form, key);
        if (value == null) {
            throw CloudWatchErrors.missing(key);
        }
        return value;
    }

    private static Integer integer(Map<String, String> form, String key) {
        String text = form.get(key);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw CloudWatchErrors.invalidValue(text, key);
        }
    }

    /** ISO 8601 (2025-01-01T12:00:00Z, with or without fractions), as AWS's Query clients send timestamps. */
    private static Instant timestamp(Map<String, String> form, String key) {
        String text = form.get(key);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw CloudWatchErrors.invalidValue(text, key);
            }
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
