package course.sandbox.dynamodb;

import course.sandbox.dynamodb.model.DynamoDbError;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The constraints of DynamoDB's API model (lengths, ranges, patterns, enums), gathered per
 * request into one ValidationException as AWS words it: "2 validation errors detected: Value
 * 'x' at 'tableName' failed to satisfy constraint: Member must have length greater than or
 * equal to 3; …". At most ten are listed.
 */
final class Constraints {
    static final String NAME_PATTERN = "[a-zA-Z0-9_.-]+";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final int MAX_LISTED = 10;

    private final List<String> errors = new ArrayList<>();

    /**
     * A table name (3 to 255 of [a-zA-Z0-9_.-]) or a table ARN, required. DynamoDB checks a
     * name's length first, with a message of its own.
     */
    Constraints tableName(String path, String value) {
        if (value == null) {
            return fail(path, null, "Member must not be null");
        }
        if (value.startsWith("arn:")) {
            return length(path, value, 1, 1024);
        }
        if (value.length() < 3 || value.length() > 255) {
            throw DynamoDbError.validation("TableName must be at least 3 characters long and at most 255 characters long");
        }
        return name(path, value);
    }

    /** A table or index name: the pattern, then the length. */
    Constraints name(String path, String value) {
        if (value == null) {
            return this;
        }
        if (!NAME.matcher(value).matches()) {
            fail(path, value, "Member must satisfy regular expression pattern: " + NAME_PATTERN);
        }
        return length(path, value, 3, 255);
    }

    Constraints required(String path, Object value) {
        return value == null ? fail(path, null, "Member must not be null") : this;
    }

    Constraints length(String path, String value, int min, int max) {
        if (value != null) {
            int length = value.codePointCount(0, value.length());
            if (length < min) {
                fail(path, value, "Member must have length greater than or equal to " + min);
            }
            if (length > max) {
                fail(path, value, "Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    Constraints size(String path, Object value, int count, int min, int max) {
        if (value != null) {
            if (count < min) {
                fail(path, value, "Member must have length greater than or equal to " + min);
            }
            if (count > max) {
                fail(path, value, "Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    Constraints range(String path, Long value, long min, long max) {
        if (value != null) {
            if (value < min) {
                fail(path, value, "Member must have value greater than or equal to " + min);
            }
            if (value > max) {
                fail(path, value, "Member must have value less than or equal to " + max);
            }
        }
        return this;
    }

    Constraints oneOf(String path, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            fail(path, value, "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
        return this;
    }

    Constraints fail(String path, Object value, String constraint) {
        errors.add("Value " + (value == null ? "null" : "'" + text(value) + "'") + " at '" + path
                + "' failed to satisfy constraint: " + constraint);
        return this;
    }

    private static String text(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.toString();
        }
        return String.valueOf(value);
    }

    void check() {
        if (!errors.isEmpty()) {
            List<String> listed = errors.subList(0, Math.min(MAX_LISTED, errors.size()));
            throw DynamoDbError.validation(listed.size() + " validation error" + (listed.size() > 1 ? "s" : "") + " detected: "
                    + String.join("; ", listed));
        }
    }
}
