package course.sandbox.s3.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.service.ServiceException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The policy document of a browser form upload: when it expires and the conditions every form
 * field must meet. S3 checks it field by field; a field no condition covers is refused too.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 *
 * @param conditions each condition as [operator, field, value...]; a {"field": "value"} object is "eq"
 */
record PostPolicy(Instant expiration, List<Condition> conditions) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields that are never checked against the policy. */
    private static final Set<String> UNCHECKED = Set.of("policy", "x-amz-signature", "file");

    record Condition(String operator, String field, String value, long min, long max, String text) {
    }

    static PostPolicy parse(String base64, String resource) {
        JsonNode document;
        try {
            document = JSON.readTree(new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid("Invalid Policy: Invalid JSON.", resource);
        }
        if (document == null || !document.isObject()) {
            throw invalid("Invalid Policy: Invalid JSON.", resource);
        }
        JsonNode expiration = document.get("expiration");
        if (expiration == null || !expiration.isTextual()) {
            throw invalid("Invalid Policy: Policy missing expiration.", resource);
        }
        Instant expires;
        try {
            expires = Instant.parse(expiration.asText());
        } catch (DateTimeParseException e) {
            throw invalid("Invalid Policy: Invalid 'expiration' value: '" + expiration.asText() + "'", resource);
        }
        JsonNode conditions = document.get("conditions");
        if (conditions == null || !conditions.isArray()) {
            throw invalid("Invalid Policy: Policy missing conditions.", resource);
        }
        List<Condition> parsed = new ArrayList<>();
        for (JsonNode condition : conditions) {
            parsed.add(condition(condition, resource));
        }
        return new PostPolicy(expires, parsed);
    }

    private static Condition condition(JsonNode condition, String resource) {
        String text = condition.toString();
        if (condition.isObject() && condition.size() == 1) {
            String field = condition.fieldNames().next();
            return new Condition("eq", field.toLowerCase(Locale.ROOT), condition.get(field).asText(), 0, 0, text);
        }
        if (condition.isArray() && condition.size() == 3) {
            String operator = condition.get(0).asText().toLowerCase(Locale.ROOT);
            if (operator.equals("content-length-range")) {
                if (!condition.get(1).canConvertToLong() || !condition.get(2).canConvertToLong()) {
                    throw invalid("Invalid Policy: Invalid content-length-range.", resource);
                }
                return new Condition(operator, null, null, condition.get(1).asLong(), condition.get(2).asLong(), text);
            }
            String field = condition.get(1).asText();
            if ((operator.equals("eq") || operator.equals("starts-with")) && field.startsWith("$")) {
                return new Condition(operator, field.substring(1).toLowerCase(Locale.ROOT), condition.get(2).asText(), 0, 0,
                        text);
            }
        }
        throw invalid("Invalid Policy: Invalid Condition: " + text, resource);
    }

    /**
     * Checks the form against the policy at {@code now}.
     *
     * @param bucket the bucket the form was posted to (the "bucket" field's value)
     * @throws ServiceException AccessDenied "Invalid according to Policy: …", EntityTooLarge, EntityTooSmall
     */
    void check(PostObjectForm form, String bucket, Instant now, String resource) {
        if (!now.isBefore(expiration)) {
            throw denied("Policy expired.", resource);
        }
        Set<String> covered = new HashSet<>();
        for (Condition condition : conditions) {
            if (condition.operator().equals("content-length-range")) {
                long size = form.file().length;
                if (size > condition.max()) {
                    throw new ServiceException(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
                            .detail("ProposedSize", String.valueOf(size)).detail("MaxSizeAllowed", String.valueOf(condition.max()))
                            .resource(resource);
                }
                if (size < condition.min()) {
                    throw new ServiceException(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size")
                            .detail("ProposedSize", String.valueOf(size)).detail("MinSizeAllowed", String.valueOf(condition.min()))
                            .resource(resource);
                }
                continue;
            }
            covered.add(condition.field());
            String value = condition.field().equals("bucket") ? bucket : form.field(condition.field()).orElse("");
            boolean holds = condition.operator().equals("eq") ? value.equals(condition.value())
                    : value.startsWith(condition.value());
            if (!holds) {
                throw denied("Policy Condition failed: " + condition.text(), resource);
            }
        }
        List<String> extra = new ArrayList<>();
        for (String field : form.fields().keySet()) {
            if (!UNCHECKED.contains(field) && !field.startsWith("x-ignore-") && !covered.contains(field)) {
                extra.add(form.originalNames().get(field));
            }
        }
        if (!extra.isEmpty()) {
            throw denied("Extra input fields: " + String.join(", ", extra), resource);
        }
    }

    private static ServiceException denied(String reason, String resource) {
        return new ServiceException(403, "AccessDenied", "Invalid according to Policy: " + reason)
                .resource(resource);
    }

    private static ServiceException invalid(String message, String resource) {
        return new ServiceException(400, "InvalidPolicyDocument", message).resource(resource);
    }
}
