package course.sandbox.dynamodb.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What item operations hand back to the protocol layer. */
public final class Results {

    private Results() {
    }

    /** A write's answer: the attributes ReturnValues asked for, and the capacity it consumed. */
    public record Write(Optional<Map<String, AttributeValue>> attributes, Capacity capacity) {
    }

    /** GetItem: the item (possibly projected), if any. */
    public record Get(Optional<Map<String, AttributeValue>> item, Capacity capacity) {
    }

    /** One page of a Query or Scan. Items are absent for Select COUNT. */
    public record Page(Optional<List<Map<String, AttributeValue>>> items, int count, int scannedCount,
                       Optional<Map<String, AttributeValue>> lastEvaluatedKey, Capacity capacity) {
    }

    public record BatchGet(Map<String, List<Map<String, AttributeValue>>> responses,
                           Map<String, List<Map<String, AttributeValue>>> unprocessedKeys, List<Capacity> capacity) {
    }

    public record BatchWrite(List<Capacity> capacity) {
    }

    public record TransactGet(List<Optional<Map<String, AttributeValue>>> items, List<Capacity> capacity) {
    }

    public record TransactWrite(List<Capacity> capacity) {
    }
}
