package course.sandbox.cloudwatch.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * CloudWatch as documents (Smithy RPC v2 CBOR from SDK v2): the model's members by their API
 * names, lists as arrays, maps as objects, timestamps as epoch seconds (CBOR tag 1 on the way
 * in, which the parser drops; SDK v2 reads untagged numbers back as timestamps too).
 */
public final class CloudWatchDocuments {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudWatchDocuments() {
    }

    public static PutMetricDataInput putMetricData(JsonNode input) {
        List<MetricDatum> data = list(input, "MetricData", datum -> {
            JsonNode set = datum.get("StatisticValues");
            StatisticSet statistics = set == null || set.isNull() ? null : new StatisticSet(required(set, "SampleCount"),
                    required(set, "Sum"), required(set, "Minimum"), required(set, "Maximum"));
            return new MetricDatum(text(datum, "MetricName"), dimensions(datum.get("Dimensions")), timestamp(datum, "Timestamp"),
                    number(datum, "Value"), list(datum, "Values", CloudWatchDocuments::number),
                    list(datum, "Counts", CloudWatchDocuments::number), statistics, text(datum, "Unit"), integer(datum, "StorageResolution"));
        });
        return new PutMetricDataInput(text(input, "Namespace"), data);
    }

    public static ListMetricsRequest listMetrics(JsonNode input) {
        return new ListMetricsRequest(text(input, "Namespace"), text(input, "MetricName"),
                list(input, "Dimensions", filter -> new DimensionFilter(text(filter, "Name"), text(filter, "Value"))),
                text(input, "RecentlyActive"), text(input, "NextToken"));
    }

    public static GetMetricStatisticsRequest getMetricStatistics(JsonNode input) {
        return new GetMetricStatisticsRequest(text(input, "Namespace"), text(input, "MetricName"), dimensions(input.get("Dimensions")),
                timestamp(input, "StartTime"), timestamp(input, "EndTime"), integer(input, "Period"),
                list(input, "Statistics", JsonNode::asText), list(input, "ExtendedStatistics", JsonNode::asText), text(input, "Unit"));
    }

    public static GetMetricDataRequest getMetricData(JsonNode input) {
        List<MetricDataQuery> queries = list(input, "MetricDataQueries", query -> {
            JsonNode stat = query.get("MetricStat");
            MetricStat metricStat = null;
            if (stat != null && !stat.isNull()) {
                JsonNode metric = stat.path("Metric");
                metricStat = new MetricStat(new Metric(metric.path("Namespace").asText(""), metric.path("MetricName").asText(""),
                        dimensions(metric.get("Dimensions"))), integer(stat, "Period"), text(stat, "Stat"), text(stat, "Unit"));
            }
            JsonNode returnData = query.get("ReturnData");
            return new MetricDataQuery(text(query, "Id"), metricStat, text(query, "Expression"), text(query, "Label"),
                    returnData == null || returnData.isNull() ? null : returnData.asBoolean(), integer(query, "Period"));
        });
        return new GetMetricDataRequest(queries, timestamp(input, "StartTime"), timestamp(input, "EndTime"), text(input, "ScanBy"),
                integer(input, "MaxDatapoints"), text(input, "NextToken"));
    }

    // ---------------------------------------------------------------- answers

    public static ObjectNode listMetricsOutput(MetricListing listing) {
        ObjectNode output = NODES.objectNode();
        ArrayNode metrics = output.putArray("Metrics");
        for (Metric metric : listing.metrics()) {
            ObjectNode node = metrics.addObject().put("Namespace", metric.namespace()).put("MetricName", metric.metricName());
            ArrayNode dimensions = node.putArray("Dimensions");
            metric.dimensions().forEach(dimension -> dimensions.addObject().put("Name", dimension.name()).put("Value", dimension.value()));
        }
        listing.nextToken().ifPresent(token -> output.put("NextToken", token));
        return output;
    }

    public static ObjectNode getMetricStatisticsOutput(MetricStatistics statistics) {
        ObjectNode output = NODES.objectNode().put("Label", statistics.label());
        ArrayNode points = output.putArray("Datapoints");
        for (Datapoint point : statistics.datapoints()) {
            ObjectNode node = points.addObject().put("Timestamp", epochSeconds(point.timestamp()));
            point.statistics().forEach(node::put);
            node.put("Unit", point.unit());
            if (!point.extendedStatistics().isEmpty()) {
                ObjectNode extended = node.putObject("ExtendedStatistics");
                point.extendedStatistics().forEach(extended::put);
            }
        }
        return output;
    }

    public static ObjectNode getMetricDataOutput(MetricDataResults results) {
        ObjectNode output = NODES.objectNode();
        ArrayNode list = output.putArray("MetricDataResults");
        for (MetricDataResult result : results.results()) {
            ObjectNode node = list.addObject().put("Id", result.id()).put("Label", result.label());
            ArrayNode timestamps = node.putArray("Timestamps");
            result.timestamps().forEach(time -> timestamps.add(epochSeconds(time)));
            ArrayNode values = node.putArray("Values");
            result.values().forEach(values::add);
            node.put("StatusCode", result.statusCode());
        }
        results.nextToken().ifPresent(token -> output.put("NextToken", token));
        output.putArray("Messages");
        return output;
    }

    private static double epochSeconds(Instant time) {
        return time.getEpochSecond() + time.getNano() / 1e9;
    }

    // ---------------------------------------------------------------- members

    private static <T> List<T> list(JsonNode parent, String field, Function<JsonNode, T> member) {
        JsonNode array = parent.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw CloudWatchErrors.invalidValue(array, field);
        }
        List<T> members = new ArrayList<>();
        array.forEach(node -> members.add(member.apply(node)));
        return members;
    }

    private static List<Dimension> dimensions(JsonNode array) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        List<Dimension> dimensions = new ArrayList<>();
        array.forEach(node -> dimensions.add(new Dimension(text(node, "Name"), text(node, "Value"))));
        return dimensions;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Double number(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : number(node);
    }

    private static Double number(JsonNode node) {
        if (!node.isNumber()) {
            throw CloudWatchErrors.invalidValue(node, "a number");
        }
        return node.asDouble();
    }

    private static double required(JsonNode parent, String field) {
        Double value = number(parent, field);
        if (value == null) {
            throw CloudWatchErrors.missing("StatisticValues." + field);
        }
        return value;
    }

    private static Integer integer(JsonNode parent, String field) {
        Double value = number(parent, field);
        return value == null ? null : value.intValue();
    }

    /** Epoch seconds, possibly fractional. */
    private static Instant timestamp(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw CloudWatchErrors.invalidValue(node, field);
        }
        BigDecimal seconds = node.decimalValue();
        return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }
}
