package orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thin adapter: Lambda's runtime turns the JSON event into a Map (and the answer back into
 * JSON); the handler only maps fields and calls the business logic, created once per environment.
 */
public class OrderHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final PriceCalculator CALCULATOR = new PriceCalculator();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> order, Context context) {
        String item = (String) order.get("item");
        int quantity = ((Number) order.getOrDefault("quantity", 0)).intValue();
        BigDecimal unitPrice = new BigDecimal(String.valueOf(order.getOrDefault("unitPrice", "0")));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("item", item);
        answer.put("quantity", quantity);
        answer.put("total", CALCULATOR.total(item, quantity, unitPrice).toPlainString());
        answer.put("requestId", context.getAwsRequestId());
        return answer;
    }
}
