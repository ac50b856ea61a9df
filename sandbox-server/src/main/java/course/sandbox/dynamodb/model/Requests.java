package course.sandbox.dynamodb.model;

import course.sandbox.dynamodb.expression.Condition;
import course.sandbox.dynamodb.expression.DocumentPath;
import course.sandbox.dynamodb.expression.UpdateAction;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Item operations as the model takes them: parsed, placeholders resolved. */
public final class Requests {

    private Requests() {
    }

    /** A condition on a write, and whether a failure should carry the item it saw (ALL_OLD). */
    public record Guard(Optional<Condition> condition, boolean returnItemOnFailure) {
        public static final Guard NONE = new Guard(Optional.empty(), false);
    }

    /** Query or Scan; a Scan has no key condition, a Query no segment. */
    public record Read(String table, Optional<String> index, Optional<KeyCondition> keyCondition, Optional<Condition> filter,
                       Optional<List<DocumentPath>> projection, Optional<String> select, Optional<Integer> limit,
                       boolean forward, Optional<Map<String, AttributeValue>> exclusiveStartKey, boolean consistent,
                       Optional<Integer> segment, Optional<Integer> totalSegments) {
    }

    public record BatchGetTable(List<Map<String, AttributeValue>> keys, boolean consistent,
                                Optional<List<DocumentPath>> projection) {
    }

    /** A BatchWriteItem request: a put (item) or a delete (key). */
    public record BatchWriteRequest(Optional<Map<String, AttributeValue>> put, Optional<Map<String, AttributeValue>> delete) {
    }

    public record TransactGetItem(String table, Map<String, AttributeValue> key, Optional<List<DocumentPath>> projection) {
    }

    /** One TransactWriteItems action. */
    public sealed interface TransactWriteItem {
        String table();

        Guard guard();
    }

    public record TransactPut(String table, Map<String, AttributeValue> item, Guard guard) implements TransactWriteItem {
    }

    public record TransactUpdate(String table, Map<String, AttributeValue> key, List<UpdateAction> actions, Guard guard)
            implements TransactWriteItem {
    }

    public record TransactDelete(String table, Map<String, AttributeValue> key, Guard guard) implements TransactWriteItem {
    }

    public record TransactConditionCheck(String table, Map<String, AttributeValue> key, Guard guard) implements TransactWriteItem {
    }

    /** UpdateTable's changes; empty ones stay as they are. */
    public record TableUpdate(List<TableSpec.AttributeDefinition> attributes, Optional<String> billingMode,
                              Optional<Throughput> throughput, List<IndexUpdate> indexUpdates,
                              Optional<Boolean> streamEnabled, Optional<String> streamViewType,
                              Optional<Boolean> deletionProtection, Optional<String> tableClass) {
    }

    /** A GlobalSecondaryIndexUpdates entry: exactly one of create, update (throughput) or delete. */
    public record IndexUpdate(Optional<TableSpec.IndexSpec> create, Optional<String> update, Optional<Throughput> updateThroughput,
                              Optional<String> delete) {
    }
}
