package course.sandbox.e2e;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --explain: how each request was signed, and which policy statement decided it. */
class ExplainTest {

    @Test
    void explainsTheSignatureAndTheDecidingStatement() {
        try (RunningSandbox sandbox = RunningSandbox.startExplaining(); IamClient root = sandbox.iam(RunningSandbox.ROOT)) {
            AwsCredentials henry = sandbox.newUser("henry");
            root.putUserPolicy(r -> r.userName("henry").policyName("no-deletes").policyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Sid\":\"ReadAll\",\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"},"
                    + "{\"Sid\":\"NeverDelete\",\"Effect\":\"Deny\",\"Action\":\"iam:Delete*\",\"Resource\":\"*\"}]}"));
            try (IamClient asHenry = sandbox.iam(henry)) {
                asHenry.listUsers();
                assertThrows(IamException.class, () -> asHenry.deleteUser(r -> r.userName("henry")));
            }
            String log = sandbox.log();
            assertTrue(log.contains("POST / iam:ListUsers arn:aws:iam::000000000000:user/henry → 200"), log);
            assertTrue(log.contains("route: iam in QUERY: signed for iam"), log);
            assertTrue(log.contains("authenticate: Authorization header signed by " + henry.accessKeyId() + " for iam in us-east-1"), log);
            assertTrue(log.contains("string to sign: AWS4-HMAC-SHA256"), log);
            assertTrue(log.contains("authorize: iam:ListUsers on *: allowed by IDENTITY; statement 'ReadAll' of "
                    + "arn:aws:iam::000000000000:user/henry#no-deletes (user, ALLOW)"), log);
            assertTrue(log.contains("authorize: iam:DeleteUser on arn:aws:iam::000000000000:user/henry: DENIED, explicitDeny by IDENTITY; "
                    + "statement 'NeverDelete'"), log);
        }
    }

    @Test
    void aFailedSignatureShowsWhatTheSandboxComputed() {
        try (RunningSandbox sandbox = RunningSandbox.startExplaining();
             StsClient wrong = sandbox.sts(AwsBasicCredentials.create(RunningSandbox.ROOT.accessKeyId(), "typo-in-the-secret"))) {
            assertThrows(StsException.class, wrong::getCallerIdentity);
            String log = sandbox.log();
            assertTrue(log.contains("authenticate: FAILED SignatureDoesNotMatch: "), log);
            assertTrue(log.contains("canonical request (computed by the sandbox): POST"), log);
            assertTrue(log.contains("string to sign (computed by the sandbox): AWS4-HMAC-SHA256"), log);
            assertTrue(log.contains("POST / sts:GetCallerIdentity key " + RunningSandbox.ROOT.accessKeyId() + " → 403"), log);
        }
    }
}
