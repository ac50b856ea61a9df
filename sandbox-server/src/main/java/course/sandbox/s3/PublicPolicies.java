package course.sandbox.s3;

import course.sandbox.iam.policy.Condition;
import course.sandbox.iam.policy.ConditionOperator;
import course.sandbox.iam.policy.Effect;
import course.sandbox.iam.policy.PolicyDocument;
import course.sandbox.iam.policy.Statement;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a bucket or access point policy is public, as Block Public Access defines it: some
 * Allow statement grants to a principal that is not fixed (everyone, or a wildcard), and no
 * condition pins it to fixed values of the keys AWS lists. A bucket policy that delegates to
 * access points (s3:DataAccessPointAccount, s3:DataAccessPointArn) is therefore not public.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
 */
public final class PublicPolicies {
    /** Condition keys that keep a statement from being public when they hold fixed values. */
    private static final Set<String> FIXING_KEYS = Set.of("aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce",
            "aws:sourceowner", "aws:sourceaccount", "s3:x-amz-server-side-encryption-aws-kms-key-id", "aws:userid",
            "aws:principalorgid", "aws:principalaccount", "s3:dataaccesspointarn", "s3:dataaccesspointaccount");

    private PublicPolicies() {
    }

    public static boolean isPublic(PolicyDocument document) {
        return document.statements().stream().anyMatch(PublicPolicies::isPublic);
    }

    private static boolean isPublic(Statement statement) {
        if (statement.effect() != Effect.ALLOW || statement.principal() == null) {
            return false;
        }
        boolean wildcardPrincipal = statement.notPrincipal() || statement.principal().anyone()
                || statement.principal().byType().values().stream().flatMap(List::stream)
                        .anyMatch(value -> value.contains("*") || value.contains("?"));
        if (!wildcardPrincipal) {
            return false;
        }
        return statement.conditions().stream().noneMatch(PublicPolicies::fixes);
    }

    private static boolean fixes(Condition condition) {
        ConditionOperator.Comparison comparison = condition.operator().comparison();
        String key = condition.key().toLowerCase(Locale.ROOT);
        if (key.equals("aws:sourceip")) {
            return comparison == ConditionOperator.Comparison.IP_ADDRESS
                    && condition.values().stream().noneMatch(cidr -> cidr.endsWith("/0"));
        }
        boolean equality = switch (comparison) {
            case STRING_EQUALS, STRING_EQUALS_IGNORE_CASE, STRING_LIKE, ARN_EQUALS, ARN_LIKE -> true;
            default -> false;
        };
        return equality && FIXING_KEYS.contains(key) && !condition.values().isEmpty()
                && condition.values().stream().noneMatch(value -> value.contains("*") || value.contains("?"));
    }
}
