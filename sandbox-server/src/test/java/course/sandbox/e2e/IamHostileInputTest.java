package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IAM inputs that once made the sandbox answer 500 or an unparseable error, sent through the
 * real SDK (and, where the SDK cannot show the wire, on a raw socket): each gets AWS's error.
 */
class IamHostileInputTest {
    private static RunningSandbox sandbox;
    private static IamClient iam;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        iam = sandbox.iam(RunningSandbox.ROOT);
    }

    @AfterAll
    static void stop() {
        iam.close();
        sandbox.close();
    }

    // SimulateCustomPolicy answers InvalidInput for input it cannot use:
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html#API_SimulateCustomPolicy_Errors
    @Test
    void aSingleValuedContextKeyWithNoValueOrSeveralIsInvalidInput() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":\"ada\"}}}]}";
        for (List<String> values : List.of(List.<String>of(), List.of("ada", "grace"))) {
            IamException error = assertThrows(IamException.class, () -> iam.simulateCustomPolicy(r -> r
                    .policyInputList(policy).actionNames("s3:GetObject")
                    .contextEntries(ContextEntry.builder().contextKeyName("aws:username")
                            .contextKeyType(ContextKeyTypeEnum.STRING).contextKeyValues(values).build())));
            assertEquals(400, error.statusCode(), values.toString());
            assertEquals("InvalidInput", error.awsErrorDetails().errorCode(), values.toString());
        }
        assertFalse(sandbox.log().contains("Internal error"), sandbox.log());
    }

    /** A substituted value that fills the expansion buffer exactly, then literal text after it. */
    @Test
    void aPolicyVariableFollowedByTextExpandsWhateverTheValueLength() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::${aws:username}x\"}]}";
        for (String user : List.of("a", "sixteen-chars-ab", "a-user-name-of-seventeen-plus-chars")) {
            var result = iam.simulateCustomPolicy(r -> r.policyInputList(policy).actionNames("s3:GetObject")
                    .resourceArns("arn:aws:s3:::" + user + "x")
                    .contextEntries(ContextEntry.builder().contextKeyName("aws:username")
                            .contextKeyType(ContextKeyTypeEnum.STRING).contextKeyValues(user).build()));
            assertEquals(PolicyEvaluationDecisionType.ALLOWED, result.evaluationResults().get(0).evalDecision(), user);
        }
    }

    // GetPolicyVersion of a version that does not exist: NoSuchEntity (404).
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html#API_GetPolicyVersion_Errors
    @Test
    void aVersionIdPastIntRangeNamesNoVersion() {
        String arn = iam.createPolicy(r -> r.policyName("big-versions").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"))
                .policy().arn();
        for (String versionId : List.of("v2147483648", "v9999999999", "v4294967297")) {
            assertThrows(NoSuchEntityException.class, () -> iam.getPolicyVersion(r -> r.policyArn(arn).versionId(versionId)));
            assertThrows(NoSuchEntityException.class, () -> iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId(versionId)));
            assertThrows(NoSuchEntityException.class, () -> iam.deletePolicyVersion(r -> r.policyArn(arn).versionId(versionId)));
        }
        assertEquals("v1", iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId());
    }

    /** Characters XML 1.0 forbids, echoed in an error message, must not break the error body. */
    @Test
    void anErrorEchoingForbiddenCharactersIsStillXml() {
        for (String name : List.of("no\u0007body", "nul\u0000here", "bad\uFFFEchar", "lone\uD800surrogate", "esc\u001B[31m")) {
            IamException error = assertThrows(IamException.class, () -> iam.getUser(r -> r.userName(name)));
            assertTrue(List.of("ValidationError", "NoSuchEntity").contains(error.awsErrorDetails().errorCode()),
                    name + ": " + error.awsErrorDetails());
        }
        String form = "Action=GetUser&Version=2010-05-08&UserName=no%07body%00x%EF%BF%BF";
        RawWire.Answer answer = RawWire.exchange(sandbox.port(), RawWire.signed(sandbox, "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                form.getBytes(StandardCharsets.UTF_8), "iam", RunningSandbox.REGION), Duration.ofSeconds(10));
        assertTrue(answer.status() == 400 || answer.status() == 404, answer.toString());
        assertTrue(answer.wellFormed(), answer.toString());
    }
}
