package course.sandbox.iam.policy;

import course.sandbox.iam.policy.ConditionOperator.Comparison;
import course.sandbox.iam.policy.ConditionOperator.Family;
import course.sandbox.iam.policy.ConditionOperator.SetQualifier;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides one {@link Condition} against a request context, following IAM's rules: several
 * policy values are OR-ed (NOR for negated operators); an absent key makes a condition false,
 * except negated operators and {@code IfExists}, which are then true; {@code ForAllValues} is
 * true for an absent or empty key, {@code ForAnyValue} false.
 */
final class ConditionEvaluator {

    private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d{1,12}");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9A-Fa-f:.]+");

    private ConditionEvaluator() {
    }

    static boolean matches(Condition condition, RequestContext context, boolean variables) {
        ConditionOperator operator = condition.operator();
        Comparison comparison = operator.comparison();
        ContextValue present = context.get(condition.key());
        List<String> requestValues = present == null ? List.of() : present.values();
        if (comparison == Comparison.NULL) {
            return nullMatches(condition.values(), requestValues.isEmpty());
        }
        List<Object> policyValues = preparePolicyValues(condition, context, variables);
        if (policyValues.isEmpty()) {
            // Every value named a variable the request cannot resolve: the condition cannot match.
            return false;
        }
        if (requestValues.isEmpty()) {
            if (operator.ifExists()) {
                return true;
            }
            return switch (operator.qualifier()) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> comparison.negated();
            };
        }
        if (operator.qualifier() == SetQualifier.NONE) {
            boolean anyMatch = false;
            for (String requestValue : requestValues) {
                if (matchesAnyPolicyValue(comparison, requestValue, policyValues)) {
                    anyMatch = true;
                    break;
                }
            }
            return comparison.negated() != anyMatch;
        }
        boolean forAll = operator.qualifier() == SetQualifier.FOR_ALL_VALUES;
        for (String requestValue : requestValues) {
            // Per request value, a negated operator is satisfied when no policy value matches it.
            boolean satisfied = comparison.negated() != matchesAnyPolicyValue(comparison, requestValue, policyValues);
            if (forAll && !satisfied) {
                return false;
            }
            if (!forAll && satisfied) {
                return true;
            }
        }
        return forAll;
    }

    private static boolean nullMatches(List<String> policyValues, boolean keyAbsent) {
        for (String value : policyValues) {
            if (value.equalsIgnoreCase("true") && keyAbsent) {
                return true;
            }
            if (value.equalsIgnoreCase("false") && !keyAbsent) {
                return true;
            }
        }
        return false;
    }

    /** Policy values after variable substitution: int[] patterns for String/Arn, else text. */
    private static List<Object> preparePolicyValues(Condition condition, RequestContext context, boolean variables) {
        Comparison comparison = condition.operator().comparison();
        Family family = comparison.family();
        List<Object> prepared = new ArrayList<>(condition.values().size());
        for (String value : condition.values()) {
            if (family == Family.STRING || family == Family.ARN) {
                boolean wildcards = comparison == Comparison.STRING_LIKE || comparison == Comparison.STRING_NOT_LIKE
                        || family == Family.ARN;
                int[] pattern = PolicyVariables.expand(value, wildcards, variables, context);
                if (pattern != null) {
                    prepared.add(pattern);
                }
            } else {
                prepared.add(value);
            }
        }
        return prepared;
    }

    private static boolean matchesAnyPolicyValue(Comparison comparison, String requestValue, List<Object> policyValues) {
        for (Object policyValue : policyValues) {
            if (compare(comparison, requestValue, policyValue)) {
                return true;
            }
        }
        return false;
    }

    /** The positive form of the comparison (negation is applied by the caller). */
    private static boolean compare(Comparison comparison, String requestValue, Object policyValue) {
        return switch (comparison) {
            case STRING_EQUALS, STRING_NOT_EQUALS, STRING_LIKE, STRING_NOT_LIKE ->
                    Wildcards.matches((int[]) policyValue, requestValue, false);
            case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE ->
                    Wildcards.matches((int[]) policyValue, requestValue, true);
            case ARN_EQUALS, ARN_NOT_EQUALS, ARN_LIKE, ARN_NOT_LIKE -> arnMatches((int[]) policyValue, requestValue);
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS -> numeric(requestValue, policyValue, 0, 0);
            case NUMERIC_LESS_THAN -> numeric(requestValue, policyValue, -1, -1);
            case NUMERIC_LESS_THAN_EQUALS -> numeric(requestValue, policyValue, -1, 0);
            case NUMERIC_GREATER_THAN -> numeric(requestValue, policyValue, 1, 1);
            case NUMERIC_GREATER_THAN_EQUALS -> numeric(requestValue, policyValue, 0, 1);
            case DATE_EQUALS, DATE_NOT_EQUALS -> date(requestValue, policyValue, 0, 0);
            case DATE_LESS_THAN -> date(requestValue, policyValue, -1, -1);
            case DATE_LESS_THAN_EQUALS -> date(requestValue, policyValue, -1, 0);
            case DATE_GREATER_THAN -> date(requestValue, policyValue, 1, 1);
            case DATE_GREATER_THAN_EQUALS -> date(requestValue, policyValue, 0, 1);
            case BOOL -> requestValue.equalsIgnoreCase((String) policyValue);
            case BINARY_EQUALS -> binaryEquals(requestValue, (String) policyValue);
            case IP_ADDRESS, NOT_IP_ADDRESS -> ipInRange(requestValue, (String) policyValue);
            case NULL -> throw new IllegalStateException("Null is decided by key presence");
        };
    }

    /** True when sign(request - policy) lies within [low, high]. */
    private static boolean numeric(String requestValue, Object policyValue, int low, int high) {
        try {
            int sign = Integer.signum(new BigDecimal(requestValue.trim()).compareTo(new BigDecimal(((String) policyValue).trim())));
            return sign >= low && sign <= high;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean date(String requestValue, Object policyValue, int low, int high) {
        Instant request = parseDate(requestValue);
        Instant policy = parseDate((String) policyValue);
        if (request == null || policy == null) {
            return false;
        }
        int sign = Integer.signum(request.compareTo(policy));
        return sign >= low && sign <= high;
    }

    /** ISO 8601 (date, local or offset date-time; UTC assumed when no zone) or epoch seconds. */
    static Instant parseDate(String text) {
        String value = text.trim();
        if (EPOCH_SECONDS.matcher(value).matches()) {
            return Instant.ofEpochSecond(Long.parseLong(value));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // not an offset date-time; try the next form
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a local date-time; try the next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean binaryEquals(String requestValue, String policyValue) {
        try {
            return Arrays.equals(Base64.getDecoder().decode(requestValue.trim()), Base64.getDecoder().decode(policyValue.trim()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** ArnEquals and ArnLike both match each of the six colon-separated ARN parts with wildcards. */
    private static boolean arnMatches(int[] pattern, String requestValue) {
        String[] parts = requestValue.split(":", 6);
        if (parts.length != 6) {
            return false;
        }
        int from = 0;
        for (int part = 0; part < 6; part++) {
            int to = from;
            if (part < 5) {
                while (to < pattern.length && pattern[to] != ':') {
                    to++;
                }
                if (to == pattern.length) {
                    return false;
                }
            } else {
                to = pattern.length;
            }
            if (!Wildcards.matches(pattern, from, to, parts[part], false)) {
                return false;
            }
            from = to + 1;
        }
        return true;
    }

    /** True when the address lies in the CIDR block (or equals the single address) given. */
    static boolean ipInRange(String address, String cidr) {
        String block = cidr.trim();
        int slash = block.indexOf('/');
        byte[] network = parseIp(slash < 0 ? block : block.substring(0, slash));
        byte[] candidate = parseIp(address.trim());
        if (network == null || candidate == null || network.length != candidate.length) {
            return false;
        }
        int prefix;
        try {
            prefix = slash < 0 ? network.length * 8 : Integer.parseInt(block.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (prefix < 0 || prefix > network.length * 8) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((network[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Parses an IPv4 or IPv6 literal; never resolves host names. */
    static byte[] parseIp(String text) {
        if (text.indexOf(':') >= 0) {
            if (!IPV6_TEXT.matcher(text).matches()) {
                return null;
            }
            try {
                // A string containing ':' is parsed as an IPv6 literal, never looked up in DNS.
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (octets[i].isEmpty() || octets[i].length() > 3 || !octets[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            int octet = Integer.parseInt(octets[i]);
            if (octet > 255) {
                return null;
            }
            bytes[i] = (byte) octet;
        }
        return bytes;
    }
}
