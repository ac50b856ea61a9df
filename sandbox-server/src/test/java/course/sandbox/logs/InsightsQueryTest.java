package course.sandbox.logs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Logs Insights subset over events like Lambda's: discovered fields from REPORT lines, the
 * commands and their combinations as the query syntax reference shows them.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData-discoverable-fields.html
 */
class InsightsQueryTest {
    private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 300_000;

    private static InsightsQuery.Event event(long offsetMillis, String stream, String message) {
        return new InsightsQuery.Event("000000000000:/aws/lambda/f", stream, T0 + offsetMillis, message);
    }

    private static final List<InsightsQuery.Event> EVENTS = List.of(
            event(0, "s1", "START RequestId: r1 Version: $LATEST\n"),
            event(1, "s1", "order 17 paid 12.50 EUR\n"),
            event(2, "s1", "REPORT RequestId: r1\tDuration: 40.50 ms\tBilled Duration: 341 ms\tMemory Size: 512 MB\t"
                    + "Max Memory Used: 90 MB\tInit Duration: 300.20 ms\t\n"),
            event(60_000, "s1", "START RequestId: r2 Version: $LATEST\n"),
            event(60_001, "s1", "ERROR order 18 failed: timeout\n"),
            event(60_002, "s1", "REPORT RequestId: r2\tDuration: 5.25 ms\tBilled Duration: 6 ms\tMemory Size: 512 MB\t"
                    + "Max Memory Used: 91 MB\t\n"),
            event(400_000, "s2", "{\"level\":\"WARN\",\"order\":{\"id\":19},\"ms\":250}\n"),
            event(400_001, "s2", "REPORT RequestId: r3\tDuration: 120.00 ms\tBilled Duration: 520 ms\tMemory Size: 512 MB\t"
                    + "Max Memory Used: 95 MB\tInit Duration: 399.00 ms\t\n"));

    private static List<Map<String, Object>> run(String query) {
        return InsightsQuery.parse(query).run(EVENTS, InsightsQuery.DEFAULT_LIMIT).rows();
    }

    @Test
    void reportFieldsAreDiscoveredAndSorted() {
        List<Map<String, Object>> slowest = run("filter @type = \"REPORT\" | fields @requestId, @duration, @initDuration"
                + " | sort @duration desc | limit 2");
        assertEquals(List.of(Map.of("@requestId", "r3", "@duration", 120.0, "@initDuration", 399.0),
                Map.of("@requestId", "r1", "@duration", 40.5, "@initDuration", 300.2)), slowest);
        assertEquals(91_000_000.0, run("filter @requestId = 'r2' and @type = 'REPORT' | fields @maxMemoryUsed").get(0)
                .get("@maxMemoryUsed"));
    }

    @Test
    void statsByBinCountColdStarts() {
        List<Map<String, Object>> rows = run("filter ispresent(@initDuration) | stats count(*) as coldStarts, "
                + "avg(@initDuration), max(@duration) by bin(5m)");
        assertEquals(2, rows.size());
        assertEquals(1.0, rows.get(0).get("coldStarts"));
        assertEquals(399.0, rows.get(0).get("avg(@initDuration)"));
        assertTrue(rows.get(1).get("bin(5m)").toString().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:00.000"), rows.toString());
        List<Map<String, Object>> all = run("filter @type = 'REPORT' | stats count(*), sum(@billedDuration), "
                + "pct(@duration, 50), min(@duration)");
        assertEquals(List.of(Map.of("count(*)", 3.0, "sum(@billedDuration)", 867.0, "pct(@duration, 50)", 40.5,
                "min(@duration)", 5.25)), all);
    }

    @Test
    void filterOperatorsParseAndDisplay() {
        assertEquals(List.of(Map.of("@message", "ERROR order 18 failed: timeout\n")),
                run("fields @message | filter @message like /ERROR/ and not @message like 'paid'"));
        List<Map<String, Object>> parsed = run("parse @message 'order * paid * EUR' as orderId, amount"
                + " | filter ispresent(amount) and amount > 10 | display orderId, amount");
        assertEquals(List.of(Map.of("orderId", "17", "amount", "12.50")), parsed);
        assertEquals(List.of(Map.of("order", "18", "reason", "timeout")),
                run("parse @message 'ERROR order * failed: *' as order, reason | filter ispresent(reason) | display order, reason"));
        List<Map<String, Object>> regex = run("parse @message /order (?<id>\\d+) (?<outcome>paid|failed)/"
                + " | filter outcome in ['failed', 'lost'] | display id");
        assertEquals(List.of(Map.of("id", "18")), regex);
        assertEquals(List.of(Map.of("level", "WARN", "order.id", 19.0)),
                run("filter level = 'WARN' or ms >= 1000 | fields level, order.id"));
        assertEquals(3, run("fields @timestamp, @message | filter @logStream != 's2' and @message like 'RequestId' "
                + "| filter @type in ['START', 'END'] or @type = 'REPORT' | limit 3").size());
    }

    @Test
    void withoutFieldsTheNewestEventsComeFirst() {
        List<Map<String, Object>> rows = run("limit 1");
        assertEquals(List.of("@timestamp", "@message"), List.copyOf(rows.get(0).keySet()));
        assertTrue(rows.get(0).get("@message").toString().startsWith("REPORT RequestId: r3"));
    }

    @Test
    void mistakesAreMalformedQueries() {
        for (String bad : List.of("fields", "filter @duration >", "stats median(@duration)", "sort", "parse @message 'a*b' as x, y",
                "limit many", "frobnicate @message", "filter x like /(/")) {
            assertThrows(InsightsQuery.MalformedQueryException.class, () -> InsightsQuery.parse(bad), bad);
        }
    }
}
