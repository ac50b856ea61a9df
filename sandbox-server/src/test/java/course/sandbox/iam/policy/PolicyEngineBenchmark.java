package course.sandbox.iam.policy;

import static course.sandbox.iam.policy.PolicyFixtures.*;

/**
 * Not a test: prints evaluations per second of a 20-statement policy. Run with
 * {@code java -cp <test-classes:classes:deps> course.sandbox.iam.policy.PolicyEngineBenchmark}.
 */
public final class PolicyEngineBenchmark {

    private PolicyEngineBenchmark() {
    }

    public static void main(String[] args) {
        String[] statements = new String[20];
        for (int i = 0; i < 18; i++) {
            statements[i] = allow("S" + i, i % 2 == 0 ? "s3:Get*" : "dynamodb:Query", "arn:aws:s3:::bucket-" + i + "/${aws:username}/*",
                    "{`StringLike`:{`s3:prefix`:`home/*`},`IpAddress`:{`aws:SourceIp`:`10.0.0.0/8`}}");
        }
        statements[18] = allow("Target", "s3:GetObject", "arn:aws:s3:::b/*",
                "{`ForAllValues:StringEquals`:{`aws:TagKeys`:[`a`,`b`]},`DateGreaterThan`:{`aws:CurrentTime`:`2020-01-01T00:00:00Z`}}");
        statements[19] = deny("Guard", "s3:Delete*", "*", "{`Bool`:{`aws:SecureTransport`:`false`}}");
        EvaluationRequest request = EvaluationRequest.builder(ALICE, "s3:GetObject", "arn:aws:s3:::b/alice/k")
                .identityPolicy(inline(statements))
                .context(context("s3:prefix", "home/alice", "aws:SourceIp", "10.1.2.3", "aws:TagKeys", new String[] {"a"},
                        "aws:CurrentTime", "2024-01-01T00:00:00Z", "aws:SecureTransport", "true"))
                .build();
        PolicyEngine engine = new PolicyEngine();
        if (!engine.evaluate(request).allowed()) {
            throw new IllegalStateException("benchmark request should be allowed");
        }
        for (int round = 0; round < 5; round++) {
            int evaluations = 0;
            long start = System.nanoTime();
            long deadline = start + 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                engine.evaluate(request);
                evaluations++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %,.0f evaluations/second%n", round + 1, evaluations / seconds);
        }
    }
}
