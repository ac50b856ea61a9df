package course.sandbox.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP headers as received: names compared case-insensitively, every value kept in arrival
 * order (SigV4 joins repeated headers with commas, so order matters).
 */
public final class Headers {
    private record Field(String name, String value) {}

    private final List<Field> fields = new ArrayList<>();

    public Headers add(String name, String value) {
        fields.add(new Field(name, value));
        return this;
    }

    public Optional<String> first(String name) {
        for (Field field : fields) {
            if (field.name.equalsIgnoreCase(name)) {
                return Optional.of(field.value);
            }
        }
        return Optional.empty();
    }

    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field field : fields) {
            if (field.name.equalsIgnoreCase(name)) {
                values.add(field.value);
            }
        }
        return values;
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** Distinct header names as first seen (the HTTP front may have normalized their case), in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Field field : fields) {
            if (seen.add(field.name.toLowerCase(Locale.ROOT))) {
                names.add(field.name);
            }
        }
        return names;
    }

    /** Distinct header names, lower-cased, in first-seen order. */
    public Set<String> lowerCaseNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Field field : fields) {
            names.add(field.name.toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableSet(names);
    }
}
