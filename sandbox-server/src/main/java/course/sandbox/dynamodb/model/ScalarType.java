package course.sandbox.dynamodb.model;

/** The types a key attribute may have. */
public enum ScalarType {
    S, N, B;

    public boolean matches(AttributeValue value) {
        return value.type().equals(name());
    }
}
