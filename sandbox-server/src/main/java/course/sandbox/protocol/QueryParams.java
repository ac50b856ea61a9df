package course.sandbox.protocol;

import course.sandbox.service.ServiceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decoded form parameters of a Query request (IAM, STS), with AWS's conventions: list members as
 * {@code Name.member.N} (N from 1), structure fields as {@code Name.member.N.Field}. A missing or
 * malformed parameter is the Query protocol's ValidationError.
 */
public final class QueryParams {
    private final Map<String, String> params;

    public QueryParams(Map<String, String> params) {
        this.params = Map.copyOf(params);
    }

    public String action() {
        return params.get("Action");
    }

    public String optional(String name) {
        return params.get(name);
    }

    /**
     * @param member the camel-case name AWS uses in validation messages, e.g. "userName"
     */
    public String required(String name, String member) {
        String value = params.get(name);
        if (value == null) {
            throw validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    public Integer optionalInt(String name, String member) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw validation("Invalid value '" + value + "' for " + member + ": not an integer");
        }
    }

    public boolean optionalBoolean(String name) {
        return Boolean.parseBoolean(params.get(name));
    }

    /** {@code Name.member.1}, {@code Name.member.2}, ... until the first gap. */
    public List<String> list(String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; params.containsKey(name + ".member." + i); i++) {
            values.add(params.get(name + ".member." + i));
        }
        return values;
    }

    /** {@code Name.member.N.field} for N = 1, 2, ... until the first gap. */
    public List<String> structList(String name, String field) {
        List<String> values = new ArrayList<>();
        for (int i = 1; params.containsKey(name + ".member." + i + "." + field); i++) {
            values.add(params.get(name + ".member." + i + "." + field));
        }
        return values;
    }

    private static ServiceException validation(String message) {
        return new ServiceException(400, "ValidationError", message);
    }
}
