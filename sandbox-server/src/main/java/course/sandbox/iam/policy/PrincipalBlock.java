package course.sandbox.iam.policy;

import java.util.List;
import java.util.Map;

/**
 * The value of a Principal or NotPrincipal element: either the bare wildcard {@code "*"}, or a
 * map from principal type ({@code AWS}, {@code Service}, {@code Federated},
 * {@code CanonicalUser}) to the listed identifiers.
 */
public record PrincipalBlock(boolean anyone, Map<String, List<String>> byType) {

    public PrincipalBlock {
        byType = Map.copyOf(byType);
    }

    public List<String> values(String type) {
        return byType.getOrDefault(type, List.of());
    }
}
