package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The assume-role demo: root hands over to a user, the session's identity, allowed vs denied, a session policy, cleanup. */
@Covers("assume-role")
@ExtendWith(SharedSandbox.class)
class AssumeRoleTest {

    @Test
    void temporaryCredentialsDoWhatTheRoleAllowsAndNoMore(SharedSandbox.TestSandbox sandbox) {
        Run run = sandbox.jbang().run("assume-role").succeeds()
                .printsLine("   Caller: arn:aws:iam::000000000000:root")
                .printsLine("   AWS refuses AssumeRole from the account root, so a short-lived IAM user will be the caller\\.")
                .printsLine("   Caller now: arn:aws:iam::000000000000:user/course-caller-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Its access key: AKIA[A-Z0-9]{16} \\(secret .{4}…\\(40 chars\\)\\)")
                .printsLine("   Trusts: arn:aws:iam::000000000000:user/course-caller-\\d{8}-[0-9a-f]{6}")
                .printsLine("   AccessKeyId: ASIA[A-Z0-9]{16}  \\(ASIA…: temporary\\)")
                .printsLine("   SecretAccessKey: .{4}…\\(40 chars\\)")
                .printsLine("   SessionToken: \\d+ characters, sent as x-amz-security-token")
                .printsLine("   Expiration: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(in 15 min\\)")
                .printsLine("   Arn: arn:aws:sts::000000000000:assumed-role/course-reader-role-\\d{8}-[0-9a-f]{6}/course-demo")
                .printsLine("   ListObjectsV2: \\[reports/q1\\.csv\\]")
                .printsLine("   GetObject: region,revenue …")
                .printsLine("   Error: 403 AccessDenied")
                .printsLine("   Reason: User: arn:aws:sts::000000000000:assumed-role/course-reader-role-\\d{8}-[0-9a-f]{6}/course-demo "
                        + "is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::course-assume-role-\\d{8}-[0-9a-f]{6}/reports/q2\\.csv\" "
                        + "because no identity-based policy allows the s3:PutObject action")
                .printsLine("   ListObjectsV2: 1 key\\(s\\): still allowed")
                .printsLine("   Reason: User: arn:aws:sts::000000000000:assumed-role/course-reader-role-\\d{8}-[0-9a-f]{6}/course-demo-narrow "
                        + "is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::course-assume-role-\\d{8}-[0-9a-f]{6}/reports/q1\\.csv\" "
                        + "because no session policy allows the s3:GetObject action")
                .printsLine("   Credentials: ASIA[A-Z0-9]{16}, renewed before they expire \\(prefetch 5 min ahead\\)")
                .printsLine("    Deleted everything this run created\\.");
        assertFalse(run.stdout().contains("sandbox/SECRET"), run::toString);

        // Nothing left behind: no demo user, role or bucket in the account.
        Run leftovers = sandbox.jbang().stdin("""
                iam.listUsers().users().forEach(u -> System.out.println("LEFT user " + u.userName()))
                iam.listRoles().roles().forEach(r -> System.out.println("LEFT role " + r.roleName()))
                System.out.println("CHECKED")
                """).run("run", "-i", "snippets/iam.jsh").succeeds();
        assertEquals(1, leftovers.stdout().lines().filter(l -> l.contains("CHECKED")).count(), leftovers::toString);
        assertFalse(leftovers.stdout().contains("LEFT user course-caller"), leftovers::toString);
        assertFalse(leftovers.stdout().contains("LEFT role course-reader-role"), leftovers::toString);
    }
}
