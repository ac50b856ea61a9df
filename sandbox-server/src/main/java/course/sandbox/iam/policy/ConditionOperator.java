package course.sandbox.iam.policy;

import java.util.Locale;

/**
 * A parsed condition operator such as {@code ForAnyValue:StringLikeIfExists}: the base
 * comparison, the optional set qualifier and the optional {@code IfExists} suffix.
 */
public record ConditionOperator(String name, Comparison comparison, SetQualifier qualifier, boolean ifExists) {

    /** How the request's values are combined when the key is multivalued. */
    public enum SetQualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    /** The base operators of IAM's condition language. */
    public enum Comparison {
        STRING_EQUALS("StringEquals", Family.STRING, false),
        STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
        STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING, false),
        STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING, true),
        STRING_LIKE("StringLike", Family.STRING, false),
        STRING_NOT_LIKE("StringNotLike", Family.STRING, true),
        NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, false),
        NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, true),
        NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, false),
        NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, false),
        NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, false),
        NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, false),
        DATE_EQUALS("DateEquals", Family.DATE, false),
        DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true),
        DATE_LESS_THAN("DateLessThan", Family.DATE, false),
        DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false),
        DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false),
        DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false),
        BOOL("Bool", Family.BOOL, false),
        BINARY_EQUALS("BinaryEquals", Family.BINARY, false),
        IP_ADDRESS("IpAddress", Family.IP, false),
        NOT_IP_ADDRESS("NotIpAddress", Family.IP, true),
        ARN_EQUALS("ArnEquals", Family.ARN, false),
        ARN_LIKE("ArnLike", Family.ARN, false),
        ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
        ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
        NULL("Null", Family.NULL, false);

        private final String awsName;
        private final Family family;
        private final boolean negated;

        Comparison(String awsName, Family family, boolean negated) {
            this.awsName = awsName;
            this.family = family;
            this.negated = negated;
        }

        public String awsName() {
            return awsName;
        }

        public Family family() {
            return family;
        }

        /** True for the "Not" operators, whose multiple policy values combine as NOR. */
        public boolean negated() {
            return negated;
        }
    }

    /** Operator families; String and Arn operators accept policy variables. */
    public enum Family { STRING, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL }

    private static final String IF_EXISTS = "IfExists";

    /**
     * Parses an operator name. Operator names are case-sensitive in IAM, the qualifier prefixes
     * are not.
     *
     * @throws MalformedPolicyException "Invalid Condition type : X" for unknown operators
     */
    public static ConditionOperator parse(String name) {
        String rest = name;
        SetQualifier qualifier = SetQualifier.NONE;
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("forallvalues:")) {
            qualifier = SetQualifier.FOR_ALL_VALUES;
            rest = name.substring("forallvalues:".length());
        } else if (lower.startsWith("foranyvalue:")) {
            qualifier = SetQualifier.FOR_ANY_VALUE;
            rest = name.substring("foranyvalue:".length());
        }
        boolean ifExists = rest.endsWith(IF_EXISTS) && rest.length() > IF_EXISTS.length();
        String base = ifExists ? rest.substring(0, rest.length() - IF_EXISTS.length()) : rest;
        for (Comparison comparison : Comparison.values()) {
            if (comparison.awsName.equals(base)) {
                // Null tests for existence itself, so "NullIfExists" is meaningless.
                if (comparison == Comparison.NULL && ifExists) {
                    break;
                }
                return new ConditionOperator(name, comparison, qualifier, ifExists);
            }
        }
        throw new MalformedPolicyException("Invalid Condition type : " + name);
    }
}
