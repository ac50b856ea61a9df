package course.sandbox.dynamodb.model;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * DynamoDB's number type: up to 38 significant digits, magnitudes from 1E-130 to
 * 9.9999999999999999999999999999999999999E+125, stored without leading or trailing zeros and
 * returned as plain digits.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number
 */
public final class Numbers {
    static final int MAX_DIGITS = 38;
    static final int MAX_EXPONENT = 125;
    static final int MIN_EXPONENT = -130;
    /** ASCII digits only: BigDecimal alone would also take digits of other scripts. */
    private static final Pattern SYNTAX = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private Numbers() {
    }

    /** Parses a number as sent on the wire, with DynamoDB's error messages for what it refuses. */
    public static BigDecimal parse(String text) {
        if (text.isEmpty()) {
            throw DynamoDbError.validation("The parameter cannot be converted to a numeric value");
        }
        BigDecimal parsed;
        if (!SYNTAX.matcher(text).matches()) {
            throw DynamoDbError.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        try {
            // BigDecimal's grammar is DynamoDB's: optional sign, digits with an optional point, optional exponent;
            // no spaces, no NaN or Infinity.
            parsed = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw DynamoDbError.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        return checked(normalize(parsed), false);
    }

    /** The result of an addition or subtraction, refused like DynamoDB refuses it when it does not fit. */
    public static BigDecimal arithmetic(BigDecimal result) {
        return checked(normalize(result), true);
    }

    static BigDecimal normalize(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    private static BigDecimal checked(BigDecimal value, boolean computed) {
        if (value.signum() == 0) {
            return value;
        }
        long exponent = (long) value.precision() - value.scale() - 1;
        if (exponent > MAX_EXPONENT) {
            throw DynamoDbError.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (exponent < MIN_EXPONENT) {
            throw DynamoDbError.validation("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        if (value.precision() > MAX_DIGITS) {
            // A sum that needs more digits is reported as an overflow by DynamoDB, a literal as too precise.
            throw DynamoDbError.validation(computed
                    ? "Number overflow. Attempting to store a number with magnitude larger than supported range"
                    : "Attempting to store more than 38 significant digits in a Number");
        }
        return value;
    }

    public static String text(BigDecimal normalized) {
        return normalized.toPlainString();
    }

    /** Bytes a number takes in an item: about one per two significant digits, plus one. */
    static int size(BigDecimal normalized) {
        if (normalized.signum() == 0) {
            return 1;
        }
        return (normalized.precision() + 1) / 2 + 1;
    }
}
