package course.sandbox.iam.policy;

import java.util.List;

/**
 * The value(s) of one request context key. Values are kept as text; each condition operator
 * interprets them (as numbers, dates, addresses, ...) itself, as IAM does.
 */
public record ContextValue(ContextKeyType type, List<String> values) {

    public ContextValue {
        values = List.copyOf(values);
        if (!type.multiValued() && values.size() != 1) {
            throw new IllegalArgumentException("A " + type.wireName() + " context value needs exactly one value");
        }
    }

    public static ContextValue string(String value) {
        return new ContextValue(ContextKeyType.STRING, List.of(value));
    }

    public static ContextValue strings(String... values) {
        return new ContextValue(ContextKeyType.STRING_LIST, List.of(values));
    }

    public static ContextValue of(ContextKeyType type, String... values) {
        return new ContextValue(type, List.of(values));
    }
}
