package course.sandbox.iam.policy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static course.sandbox.iam.policy.PolicyFixtures.*;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded mutation fuzzing: the parser may only accept a document or throw
 * {@link MalformedPolicyException}, and must finish quickly. Accepted documents are also
 * evaluated, so odd-but-valid condition values exercise the engine.
 */
class PolicyParserFuzzTest {

    private static final int ITERATIONS = 20_000;
    private static final long SEED = 0x5EED_1A3L;
    private static final String ALPHABET = "{}[]\":,*?$/\\ \n\tAaZz09-.é\u0000";
    private static final List<String> FRAGMENTS = List.of("\"Statement\"", "\"Effect\"", "\"Allow\"", "\"Deny\"", "\"Action\"",
            "\"Resource\"", "\"Principal\"", "\"Condition\"", "\"StringLike\"", "\"ForAllValues:StringEquals\"", "\"IpAddress\"",
            "\"${aws:username}\"", "\"${x, 'd'}\"", "\"arn:aws:s3:::*\"", "[", "]", "{", "}", "null", "true", "12", "-1e999",
            "\"DateLessThan\"", "\"aws:CurrentTime\"", "\"NumericLessThan\"", "\"2012-10-17\"", "\"Sid\"", "\"*\"");

    private static final List<String> SEEDS = List.of(
            document(allow("A", "s3:GetObject", "arn:aws:s3:::b/${aws:username}/*")),
            document(allow("A", "s3:*", "*", "{`ForAnyValue:StringLikeIfExists`:{`aws:TagKeys`:[`a*`,`b`]},`NumericLessThan`:{`s3:max-keys`:10}}"),
                    deny("D", "s3:Delete*", "*", "{`NotIpAddress`:{`aws:SourceIp`:[`10.0.0.0/8`,`2001:db8::/32`]}}")),
            document(allow("T", "ec2:*", "*", "{`DateGreaterThan`:{`aws:CurrentTime`:`2020-01-01T00:00:00Z`},`Bool`:{`aws:SecureTransport`:true}}")),
            json("{`Version`:`2012-10-17`,`Statement`:{`Effect`:`Allow`,`Principal`:{`AWS`:[`111122223333`,`" + ALICE_ARN
                    + "`]},`Action`:`s3:GetObject`,`Resource`:`arn:aws:s3:::b/*`,`Condition`:{`ArnLike`:{`aws:SourceArn`:`arn:aws:*`}}}}"));

    @Test
    void parserOnlyThrowsMalformedPolicyException() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(SEED);
            PolicyEngine engine = new PolicyEngine();
            RequestContext context = context("aws:TagKeys", new String[] {"a1", "b"}, "s3:max-keys", "5",
                    "aws:SourceIp", "10.1.2.3", "aws:CurrentTime", "2024-01-01T00:00:00Z", "aws:SecureTransport", "true",
                    "aws:SourceArn", "arn:aws:sns:eu-west-1:111122223333:t");
            int accepted = 0;
            for (int i = 0; i < ITERATIONS; i++) {
                String input = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
                PolicyKind kind = PolicyKind.values()[random.nextInt(PolicyKind.values().length)];
                PolicyDocument document;
                try {
                    document = PolicyDocument.parse(input, kind);
                } catch (MalformedPolicyException expected) {
                    continue;
                } catch (RuntimeException | StackOverflowError e) {
                    fail("iteration " + i + " threw " + e + " for input: " + input, e);
                    return;
                }
                accepted++;
                EvaluationRequest.Builder request = EvaluationRequest.builder(ALICE, "s3:GetObject", "arn:aws:s3:::b/alice/k")
                        .context(context);
                if (kind == PolicyKind.IDENTITY) {
                    request.identityPolicy(new AttachedPolicy("fuzz", PolicySourceType.NONE, document));
                } else {
                    request.resourcePolicy(new ResourcePolicy("fuzz", ACCOUNT, document));
                }
                engine.evaluate(request.build());
            }
            assertTrue(accepted > 100, "the mutations should keep some documents valid, accepted " + accepted);
        });
    }

    private static String mutate(String seed, Random random) {
        StringBuilder text = new StringBuilder(seed);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            switch (random.nextInt(8)) {
                case 0 -> {
                    if (text.length() > 0) {
                        text.deleteCharAt(at);
                    }
                }
                case 1 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> text.insert(at, FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                case 3 -> text.setLength(at);
                case 4 -> {
                    int end = Math.min(text.length(), at + random.nextInt(40));
                    text.insert(at, text.substring(at, end));
                }
                case 5 -> text.insert(at, "[".repeat(random.nextInt(3000)));
                case 6 -> text.replace(at, Math.min(text.length(), at + 1 + random.nextInt(10)),
                        FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                default -> {
                    // Swap two string values of the seed, which keeps the JSON well formed.
                    int q = text.indexOf("\"", at);
                    int r = q < 0 ? -1 : text.indexOf("\"", q + 1);
                    if (r > q) {
                        text.replace(q, r + 1, FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
                    }
                }
            }
        }
        return text.toString();
    }
}
