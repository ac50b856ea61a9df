package course.sandbox.iam.policy;

/** The value types of IAM's simulator ContextEntry, with their wire names. */
public enum ContextKeyType {
    STRING("string", false), STRING_LIST("stringList", true),
    NUMERIC("numeric", false), NUMERIC_LIST("numericList", true),
    BOOLEAN("boolean", false), BOOLEAN_LIST("booleanList", true),
    IP("ip", false), IP_LIST("ipList", true),
    BINARY("binary", false), BINARY_LIST("binaryList", true),
    DATE("date", false), DATE_LIST("dateList", true);

    private final String wireName;
    private final boolean multiValued;

    ContextKeyType(String wireName, boolean multiValued) {
        this.wireName = wireName;
        this.multiValued = multiValued;
    }

    public String wireName() {
        return wireName;
    }

    public boolean multiValued() {
        return multiValued;
    }

    /** Looks up a simulator ContextKeyType value such as {@code "stringList"}. */
    public static ContextKeyType fromWireName(String wireName) {
        for (ContextKeyType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown context key type: " + wireName);
    }
}
