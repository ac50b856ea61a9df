package course.sandbox.sts;

import course.sandbox.service.ServiceException;

import course.sandbox.iam.Credential;
import course.sandbox.iam.IamFixtures;
import course.sandbox.iam.IamModel;
import course.sandbox.iam.Principal;
import course.sandbox.iam.User;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static course.sandbox.iam.IamFixtures.ACCOUNT;
import static course.sandbox.iam.IamFixtures.ROOT_KEY;
import static course.sandbox.iam.IamFixtures.T0;
import static course.sandbox.iam.IamFixtures.TRUST_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StsModelTest {
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/app";

    private final IamModel iam = IamFixtures.model(Clock.fixed(T0, ZoneOffset.UTC));
    private final StsModel sts = new StsModel(iam);
    private final Credential alice;

    StsModelTest() {
        iam.createRole("app", null, TRUST_ACCOUNT, null, 7200, null, List.of());
        User user = iam.createUser("alice", null, null, List.of());
        String keyId = iam.createAccessKey("alice").accessKeyId();
        alice = iam.credentials().lookup(keyId).orElseThrow();
        assertEquals(user.arn(), alice.principal().arn());
    }

    private static AssumeRoleRequest request(String arn, String session, Integer duration) {
        return new AssumeRoleRequest(arn, session, duration, null, List.of(), null);
    }

    private static void assertError(String code, String message, Runnable action) {
        ServiceException e = assertThrows(ServiceException.class, action::run);
        assertEquals(code, e.code());
        assertEquals(message, e.getMessage());
    }

    @Test
    void callerIdentityOfRootUserAndRoleSession() {
        assertEquals(new CallerIdentity(ACCOUNT, ACCOUNT, "arn:aws:iam::123456789012:root"),
                sts.getCallerIdentity(new Principal.Root(ACCOUNT)));
        assertEquals(new CallerIdentity(alice.principal().userId(), ACCOUNT, "arn:aws:iam::123456789012:user/alice"),
                sts.getCallerIdentity(alice.principal()));
        String roleId = iam.getRole("app").id();
        assertEquals(new CallerIdentity(roleId + ":s1", ACCOUNT, "arn:aws:sts::123456789012:assumed-role/app/s1"),
                sts.getCallerIdentity(new Principal.AssumedRole(ACCOUNT, "app", "/", roleId, "s1")));
    }

    @Test
    void assumeRoleIssuesStoredSessionCredentials() {
        AssumeRoleResult result = sts.assumeRole(alice, new AssumeRoleRequest(ROLE_ARN, "build-42", 1800,
                "{\"Version\":\"2012-10-17\"}", List.of("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"), "ext-1"));
        SessionCredentials creds = result.credentials();
        assertTrue(creds.accessKeyId().matches("ASIA[A-Z0-9]{16}"), creds.accessKeyId());
        assertEquals(40, creds.secretAccessKey().length());
        assertTrue(creds.sessionToken().length() > 300);
        assertEquals(T0.plusSeconds(1800), creds.expiration());
        assertEquals("arn:aws:sts::123456789012:assumed-role/app/build-42", result.assumedRoleUser().arn());
        assertEquals(iam.getRole("app").id() + ":build-42", result.assumedRoleUser().userId());
        assertTrue(result.packedPolicySize().orElseThrow() > 0);

        Credential stored = iam.credentials().lookup(creds.accessKeyId()).orElseThrow();
        assertEquals(result.assumedRoleUser(), stored.principal());
        assertEquals(Optional.of(creds.sessionToken()), stored.sessionToken());
        assertEquals(Optional.of("{\"Version\":\"2012-10-17\"}"), stored.sessionPolicy());
        assertEquals(List.of("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"), stored.sessionPolicyArns());
        assertFalse(stored.isExpiredAt(T0.plusSeconds(1799)));
        assertTrue(stored.isExpiredAt(T0.plusSeconds(1800)));
    }

    @Test
    void defaultDurationIsOneHourAndNoPackedSizeWithoutSessionPolicies() {
        AssumeRoleResult result = sts.assumeRole(alice, request(ROLE_ARN, "s1", null));
        assertEquals(T0.plus(Duration.ofHours(1)), result.credentials().expiration());
        assertEquals(Optional.empty(), result.packedPolicySize());
    }

    @Test
    void rootMayNotAssumeRoles() {
        Credential root = iam.credentials().lookup(ROOT_KEY).orElseThrow();
        assertError("AccessDenied", "Roles may not be assumed by root accounts.",
                () -> sts.assumeRole(root, request(ROLE_ARN, "s1", null)));
    }

    @Test
    void unknownRoleIsAccessDenied() {
        String missing = "arn:aws:iam::123456789012:role/missing";
        assertError("AccessDenied", "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
                + "sts:AssumeRole on resource: " + missing, () -> sts.assumeRole(alice, request(missing, "s1", null)));
    }

    @Test
    void sessionNameIsValidated() {
        assertError("ValidationError", "1 validation error detected: Value 'a' at 'roleSessionName' failed to "
                + "satisfy constraint: Member must have length greater than or equal to 2",
                () -> sts.assumeRole(alice, request(ROLE_ARN, "a", null)));
        assertError("ValidationError", "1 validation error detected: Value 'has space' at 'roleSessionName' failed to "
                + "satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
                () -> sts.assumeRole(alice, request(ROLE_ARN, "has space", null)));
        String longName = "x".repeat(65);
        assertError("ValidationError", "1 validation error detected: Value '" + longName + "' at 'roleSessionName' "
                + "failed to satisfy constraint: Member must have length less than or equal to 64",
                () -> sts.assumeRole(alice, request(ROLE_ARN, longName, null)));
    }

    @Test
    void durationIsCheckedAgainstBoundsMaxSessionDurationAndChaining() {
        assertError("ValidationError", "1 validation error detected: Value '899' at 'durationSeconds' failed to "
                + "satisfy constraint: Member must have value greater than or equal to 900",
                () -> sts.assumeRole(alice, request(ROLE_ARN, "s1", 899)));
        assertError("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
                () -> sts.assumeRole(alice, request(ROLE_ARN, "s1", 7201)));
        assertEquals(T0.plusSeconds(7200), sts.assumeRole(alice, request(ROLE_ARN, "s1", 7200)).credentials().expiration());

        SessionCredentials first = sts.assumeRole(alice, request(ROLE_ARN, "s1", null)).credentials();
        Credential session = iam.credentials().lookup(first.accessKeyId()).orElseThrow();
        assertError("ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles "
                + "assumed by role chaining.", () -> sts.assumeRole(session, request(ROLE_ARN, "s2", 3601)));
        AssumeRoleResult chained = sts.assumeRole(session, request(ROLE_ARN, "s2", 3600));
        assertEquals("arn:aws:sts::123456789012:assumed-role/app/s2", chained.assumedRoleUser().arn());
    }

    @Test
    void sessionPoliciesAreValidatedAndLimited() {
        assertError("MalformedPolicyDocument", "Syntax errors in policy.", () -> sts.assumeRole(alice,
                new AssumeRoleRequest(ROLE_ARN, "s1", null, "[1]", List.of(), null)));
        List<String> eleven = Collections.nCopies(11, "arn:aws:iam::aws:policy/ReadOnlyAccess");
        ServiceException tooMany = assertThrows(ServiceException.class, () -> sts.assumeRole(alice,
                new AssumeRoleRequest(ROLE_ARN, "s1", null, null, eleven, null)));
        assertEquals("ValidationError", tooMany.code());
        assertTrue(tooMany.getMessage().endsWith("Member must have length less than or equal to 10"));

        // Random text does not compress, so a policy near the 2048-character limit overflows.
        StringBuilder noise = new StringBuilder();
        Random random = new Random(1);
        while (noise.length() < 2000) {
            noise.append((char) ('a' + random.nextInt(26)));
        }
        ServiceException packed = assertThrows(ServiceException.class, () -> sts.assumeRole(alice,
                new AssumeRoleRequest(ROLE_ARN, "s1", null, "{\"Sid\":\"" + noise + "\"}", List.of(), null)));
        assertEquals("PackedPolicyTooLarge", packed.code());
        assertEquals(400, packed.status());
        assertTrue(packed.getMessage().matches("Packed policy consumes \\d+% of allotted space, please use smaller policy\\."));
    }

    @Test
    void getSessionTokenForUsersAndRoot() {
        SessionCredentials userSession = sts.getSessionToken(alice, null);
        assertEquals(T0.plusSeconds(43200), userSession.expiration());
        Credential stored = iam.credentials().lookup(userSession.accessKeyId()).orElseThrow();
        assertEquals(alice.principal(), stored.principal());
        assertTrue(stored.isTemporary());
        assertEquals(T0.plusSeconds(129600), sts.getSessionToken(alice, 129600).expiration());

        Credential root = iam.credentials().lookup(ROOT_KEY).orElseThrow();
        assertEquals(T0.plusSeconds(3600), sts.getSessionToken(root, 7200).expiration());
        assertEquals(T0.plusSeconds(900), sts.getSessionToken(root, 900).expiration());

        assertError("ValidationError", "1 validation error detected: Value '129601' at 'durationSeconds' failed to "
                + "satisfy constraint: Member must have value less than or equal to 129600",
                () -> sts.getSessionToken(alice, 129601));
        assertError("AccessDenied", "Cannot call GetSessionToken with session credentials",
                () -> sts.getSessionToken(stored, null));
    }

    @Test
    void resetDropsSessions() {
        String id = sts.assumeRole(alice, request(ROLE_ARN, "s1", null)).credentials().accessKeyId();
        iam.reset();
        assertTrue(iam.credentials().lookup(id).isEmpty());
    }
}
