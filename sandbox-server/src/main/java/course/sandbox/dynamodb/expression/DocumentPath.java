package course.sandbox.dynamodb.expression;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A document path: a top-level attribute name, then map keys ({@code .name}) and list indexes
 * ({@code [n]}). Elements are Strings (names, placeholders already resolved) or Integers.
 */
public record DocumentPath(List<Object> elements) {

    public DocumentPath {
        elements = List.copyOf(elements);
    }

    public static DocumentPath of(String attribute) {
        return new DocumentPath(List.of(attribute));
    }

    public String head() {
        return (String) elements.get(0);
    }

    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** As DynamoDB writes paths in its messages: {@code [a, b, [1]]}. */
    @Override
    public String toString() {
        return elements.stream().map(e -> e instanceof Integer i ? "[" + i + "]" : (String) e)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
