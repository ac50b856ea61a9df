package course.sandbox.iam.policy;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The request context: condition keys (matched case-insensitively, as IAM does) to values. */
public final class RequestContext {

    private static final RequestContext EMPTY = new RequestContext(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    private final Map<String, ContextValue> entries;

    private RequestContext(TreeMap<String, ContextValue> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    public static RequestContext empty() {
        return EMPTY;
    }

    public static RequestContext of(Map<String, ContextValue> entries) {
        TreeMap<String, ContextValue> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(entries);
        return new RequestContext(copy);
    }

    /** A copy with one more key; an existing key (in any case) is replaced. */
    public RequestContext with(String key, ContextValue value) {
        TreeMap<String, ContextValue> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(entries);
        copy.put(key, value);
        return new RequestContext(copy);
    }

    /** A copy with the given keys added where this context has no value for them. */
    RequestContext withDefaults(Map<String, ContextValue> defaults) {
        TreeMap<String, ContextValue> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(defaults);
        copy.putAll(entries);
        return new RequestContext(copy);
    }

    /** The value of a key, or null when the request carries no such key. */
    public ContextValue get(String key) {
        return entries.get(key);
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    public Map<String, ContextValue> asMap() {
        return entries;
    }
}
