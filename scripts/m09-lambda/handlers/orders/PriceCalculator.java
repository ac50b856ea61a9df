package orders;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The business logic: plain Java, no Lambda types, so it is tested like any class (see
 * PriceCalculatorCheck) and reused behind any entry point.
 */
public final class PriceCalculator {
    private static final BigDecimal VAT = new BigDecimal("0.20");
    private static final int BULK_QUANTITY = 10;
    private static final BigDecimal BULK_DISCOUNT = new BigDecimal("0.10");

    /** The order's total including VAT; ten or more items get 10 % off before VAT. */
    public BigDecimal total(String item, int quantity, BigDecimal unitPrice) {
        if (item == null || item.isBlank()) {
            throw new IllegalArgumentException("an order needs an item");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
        }
        BigDecimal net = unitPrice.multiply(BigDecimal.valueOf(quantity));
        if (quantity >= BULK_QUANTITY) {
            net = net.subtract(net.multiply(BULK_DISCOUNT));
        }
        return net.add(net.multiply(VAT)).setScale(2, RoundingMode.HALF_UP);
    }
}
