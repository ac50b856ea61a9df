package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The access-points demo: delegation, two teams' access points, reads by ARN and alias, the wrong door denied with its reason. */
@Covers("access-points")
@ExtendWith(SharedSandbox.class)
class AccessPointsDemoTest {
    private static final String STAMP = "\\d{8}-[0-9a-f]{6}";
    private static final String AP = "arn:aws:s3:us-east-1:\\d{12}:accesspoint/";

    @Test
    void eachTeamReadsThroughItsOwnAccessPointOnly(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("access-points").succeeds()
                .printsLine("   Public: false \\(the condition pins it to the account\\)")
                .printsLine("     access point: " + AP + "team-a-" + STAMP)
                .printsLine("     alias: team-a-\\d{8}-[0-9a-f]{4}-[a-z0-9]{34}-s3alias")
                .printsLine("     network origin: Internet, Block Public Access on")
                .printsLine("   Allowed: region,units …")
                .printsLine("   Allowed: # Q3: ship the app")
                .printsLine("   Allowed: \\[team-b/roadmap\\.md\\]")
                .printsLine("   Reason: User: arn:aws:iam::\\d{12}:user/course-analyst-b-" + STAMP + " is not authorized to perform: "
                        + "s3:GetObject on resource: \"" + AP + "team-a-" + STAMP + "/object/team-a/forecast\\.csv\" because no "
                        + "identity-based policy allows the s3:GetObject action")
                .printsLine("   Reason: User: arn:aws:iam::\\d{12}:user/course-analyst-a-" + STAMP + " is not authorized to perform: "
                        + "s3:GetObject on resource: \"" + AP + "team-a-" + STAMP + "/object/team-b/roadmap\\.md\" because no "
                        + "identity-based policy allows the s3:GetObject action")
                .printsLine("   Reason: User: arn:aws:iam::\\d{12}:user/course-analyst-a-" + STAMP + " is not authorized to perform: "
                        + "s3:GetObject on resource: \"arn:aws:s3:::course-access-points-" + STAMP + "/team-a/forecast\\.csv\" because no "
                        + "identity-based policy allows the s3:GetObject action")
                .printsLine("   Deleted objects in course-access-points-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted bucket course-access-points-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted everything this run created\\.");
    }

    @Test
    void helpNamesTheTargetFlags(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("access-points", "--help").succeeds()
                .printsLine(".*--endpoint-url=URL.*")
                .printsLine(".*--profile=NAME.*");
        sandbox.jbang().run("access-points", "--no-such-flag").exits(2);
    }
}
