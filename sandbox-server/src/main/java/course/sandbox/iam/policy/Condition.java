package course.sandbox.iam.policy;

import java.util.List;

/**
 * One operator/key pair of a Condition element with its policy values, which are kept as
 * text (JSON numbers and booleans are converted to their text form, as IAM does).
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {

    public Condition {
        values = List.copyOf(values);
    }
}
