package course.sandbox.dynamodb.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request DynamoDB refuses, with AWS's error code and message. Some carry more for the
 * answer: the item a failed condition saw (ReturnValuesOnConditionCheckFailure) or the
 * reasons a transaction was cancelled.
 */
public class DynamoDbError extends RuntimeException {
    private final String code;
    private final Optional<Map<String, AttributeValue>> item;
    private final List<CancellationReason> cancellationReasons;

    public DynamoDbError(String code, String message) {
        this(code, message, Optional.empty(), List.of());
    }

    public DynamoDbError(String code, String message, Optional<Map<String, AttributeValue>> item,
                         List<CancellationReason> cancellationReasons) {
        super(message, null, false, false);
        this.code = code;
        this.item = item;
        this.cancellationReasons = List.copyOf(cancellationReasons);
    }

    public String code() {
        return code;
    }

    public Optional<Map<String, AttributeValue>> item() {
        return item;
    }

    public List<CancellationReason> cancellationReasons() {
        return cancellationReasons;
    }

    /** Why one action of a transaction did or did not go through: Code "None" for those that would have. */
    public record CancellationReason(String code, Optional<String> message, Optional<Map<String, AttributeValue>> item) {
        public static final CancellationReason NONE = new CancellationReason("None", Optional.empty(), Optional.empty());
    }

    public static DynamoDbError validation(String message) {
        return new DynamoDbError("ValidationException", message);
    }

    public static DynamoDbError resourceNotFound(String message) {
        return new DynamoDbError("ResourceNotFoundException", message);
    }

    public static DynamoDbError resourceInUse(String message) {
        return new DynamoDbError("ResourceInUseException", message);
    }

    public static DynamoDbError conditionFailed(Optional<Map<String, AttributeValue>> item) {
        return new DynamoDbError("ConditionalCheckFailedException", "The conditional request failed", item, List.of());
    }
}
