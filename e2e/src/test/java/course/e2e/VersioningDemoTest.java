package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The versioning demo: versions, the delete marker and undelete, a permanent delete, the null version. */
@Covers("versioning")
@ExtendWith(SharedSandbox.class)
class VersioningDemoTest {
    private static final String VERSION = "[A-Za-z0-9_-]{32}";

    @Test
    void showsVersionsDeleteMarkersAndTheNullVersion(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("versioning").succeeds()
                .firstLine("Target: local sandbox http://127\\.0\\.0\\.1:\\d+ · account \\d{12} · us-east-1")
                .printsLine("   Versioning before: never enabled \\(no Status\\)")
                .printsLine("   Versioning now: Enabled")
                .printsLine("   Version 2: " + VERSION)
                .printsLine("   Latest: \"second draft\"")
                .printsLine("   Version 1: \"first draft\"")
                .printsLine("   Delete marker: " + VERSION + " \\(x-amz-delete-marker: true\\)")
                .printsLine("   GetObject now: 404 NoSuchKey \\(x-amz-delete-marker: true\\)")
                .printsLine("   marker   " + VERSION + "  latest  -")
                .printsLine("   Latest again: \"second draft\"")
                .printsLine("   Versioning now: Suspended")
                .printsLine("   Version id of a write: null")
                .printsLine("   version  null                              latest  12 B")
                .printsLine("   MFADelete: never configured \\(no MFADelete element\\)")
                .printsLine("    Deleted every version and delete marker in course-versioning-\\d{8}-[0-9a-f]{6}")
                .printsLine("    Deleted bucket course-versioning-\\d{8}-[0-9a-f]{6}")
                .printsLine("    Deleted everything this run created\\.");
    }

    /** S3 addresses a bucket by path only when the endpoint is an IP address; on localhost it would ask BUCKET.localhost. */
    @Test
    void anEndpointOnLocalhostReachesBucketsByPath(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("versioning", "--endpoint-url", "http://localhost:" + sandbox.port()).succeeds()
                .firstLine("Target: endpoint http://127\\.0\\.0\\.1:" + sandbox.port() + " · account \\d{12} · us-east-1")
                .printsLine("    Deleted everything this run created\\.");
    }

    @Test
    void helpAndTargetFlags(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("versioning", "--help").succeeds()
                .printsLine(".*--endpoint-url=URL.*")
                .printsLine(".*--profile=NAME.*")
                .printsLine(".*--region=REGION.*");
        sandbox.jbang().run("versioning", "--endpoint-url", "not a url")
                .failsWithOneLine("Invalid endpoint URL 'not a url': use e\\.g\\. http://127\\.0\\.0\\.1:4566\\.");
    }
}
