package orders;

import java.math.BigDecimal;

/** The business logic's unit test, runnable without Lambda and without a test framework. */
public final class PriceCalculatorCheck {
    public static String run() {
        PriceCalculator calculator = new PriceCalculator();
        check(calculator.total("book", 2, new BigDecimal("12.50")), "30.00");
        check(calculator.total("pen", 10, new BigDecimal("1.00")), "10.80");
        try {
            calculator.total("book", 0, BigDecimal.ONE);
            throw new AssertionError("a zero quantity was accepted");
        } catch (IllegalArgumentException expected) {
            // the rule holds
        }
        return "3 checks passed";
    }

    private static void check(BigDecimal actual, String expected) {
        if (actual.compareTo(new BigDecimal(expected)) != 0) {
            throw new AssertionError("expected " + expected + " but got " + actual);
        }
    }
}
