package course.sandbox.sts.query;

import course.sandbox.iam.Credential;
import course.sandbox.iam.IamFixtures;
import course.sandbox.iam.IamModel;
import course.sandbox.iam.query.ParsedXml;
import course.sandbox.protocol.QueryResponse;
import course.sandbox.sts.StsModel;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static course.sandbox.iam.IamFixtures.ROOT_KEY;
import static course.sandbox.iam.IamFixtures.TRUST_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StsQueryHandlerTest {
    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/app";

    private final IamModel iam = IamFixtures.model();
    private final StsQueryHandler handler = new StsQueryHandler(new StsModel(iam),
            () -> "req-2");
    private final Credential root = iam.credentials().lookup(ROOT_KEY).orElseThrow();
    private final Credential alice;

    StsQueryHandlerTest() {
        iam.createUser("alice", null, null, List.of());
        iam.createRole("app", null, TRUST_ACCOUNT, null, null, null, List.of());
        alice = iam.credentials().lookup(iam.createAccessKey("alice").accessKeyId()).orElseThrow();
    }

    private ParsedXml call(Credential caller, int expectedStatus, String action, String... pairs) {
        Map<String, String> form = new HashMap<>();
        form.put("Action", action);
        form.put("Version", "2011-06-15");
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        QueryResponse response = handler.handle(form, caller);
        assertEquals(expectedStatus, response.status(), response.xml());
        ParsedXml xml = ParsedXml.parse(response.xml());
        assertEquals(NS, xml.namespace());
        return xml;
    }

    @Test
    void getCallerIdentityForUserAndRoot() {
        ParsedXml xml = call(alice, 200, "GetCallerIdentity");
        String result = "/GetCallerIdentityResponse/GetCallerIdentityResult/";
        assertEquals("arn:aws:iam::123456789012:user/alice", xml.text(result + "Arn"));
        assertEquals(iam.getUser("alice").id(), xml.text(result + "UserId"));
        assertEquals("123456789012", xml.text(result + "Account"));
        assertEquals("req-2", xml.text("/GetCallerIdentityResponse/ResponseMetadata/RequestId"));

        ParsedXml rootXml = call(root, 200, "GetCallerIdentity");
        assertEquals("arn:aws:iam::123456789012:root", rootXml.text("//Arn"));
        assertEquals("123456789012", rootXml.text("//UserId"));
    }

    @Test
    void assumeRoleRendersCredentialsAndAssumedRoleUser() {
        ParsedXml xml = call(alice, 200, "AssumeRole", "RoleArn", ROLE_ARN, "RoleSessionName", "demo",
                "DurationSeconds", "900", "PolicyArns.member.1.arn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        String result = "/AssumeRoleResponse/AssumeRoleResult/";
        assertEquals("arn:aws:sts::123456789012:assumed-role/app/demo", xml.text(result + "AssumedRoleUser/Arn"));
        assertEquals(iam.getRole("app").id() + ":demo", xml.text(result + "AssumedRoleUser/AssumedRoleId"));
        String keyId = xml.text(result + "Credentials/AccessKeyId");
        assertTrue(keyId.matches("ASIA[A-Z0-9]{16}"));
        assertEquals("2025-01-02T03:19:05Z", xml.text(result + "Credentials/Expiration"));
        assertTrue(xml.text(result + "PackedPolicySize").matches("\\d+"));

        Credential session = iam.credentials().lookup(keyId).orElseThrow();
        assertEquals(xml.text(result + "Credentials/SecretAccessKey"), session.secretAccessKey());
        assertEquals(Optional.of(xml.text(result + "Credentials/SessionToken")), session.sessionToken());
        assertEquals(List.of("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"), session.sessionPolicyArns());

        ParsedXml plain = call(alice, 200, "AssumeRole", "RoleArn", ROLE_ARN, "RoleSessionName", "demo2");
        assertFalse(plain.has("//PackedPolicySize"));
    }

    @Test
    void assumeRoleErrorsInStsEnvelope() {
        ParsedXml denied = call(root, 403, "AssumeRole", "RoleArn", ROLE_ARN, "RoleSessionName", "demo");
        assertEquals("ErrorResponse", denied.rootName());
        assertEquals("Sender", denied.text("/ErrorResponse/Error/Type"));
        assertEquals("AccessDenied", denied.text("/ErrorResponse/Error/Code"));
        assertEquals("Roles may not be assumed by root accounts.", denied.text("/ErrorResponse/Error/Message"));
        assertEquals("req-2", denied.text("/ErrorResponse/RequestId"));

        assertEquals("1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: "
                + "Member must not be null", call(alice, 400, "AssumeRole", "RoleArn", ROLE_ARN).text("//Message"));
        assertEquals("InvalidAction", call(alice, 400, "GetFederationTokenX").text("//Code"));
    }

    @Test
    void getSessionTokenRendersCredentials() {
        ParsedXml xml = call(alice, 200, "GetSessionToken", "DurationSeconds", "3600");
        String result = "/GetSessionTokenResponse/GetSessionTokenResult/Credentials/";
        assertTrue(xml.text(result + "AccessKeyId").startsWith("ASIA"));
        assertEquals("2025-01-02T04:04:05Z", xml.text(result + "Expiration"));
        assertTrue(xml.text(result + "SessionToken").length() > 300);
    }

    @Test
    void onlyAssumeRoleNeedsAPermission() {
        assertEquals(course.sandbox.service.Operation.Access.POLICY, StsOperation.AssumeRole.access());
        assertEquals(course.sandbox.service.Operation.Access.NO_POLICY, StsOperation.GetCallerIdentity.access());
        assertEquals(course.sandbox.service.Operation.Access.NO_POLICY, StsOperation.GetSessionToken.access());
    }
}
