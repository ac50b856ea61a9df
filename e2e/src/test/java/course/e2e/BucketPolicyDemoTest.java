package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bucket-policy demo: default deny, a grant, an explicit Deny, a condition, Block Public Access, an anonymous GET. */
@Covers("bucket-policy")
@ExtendWith(SharedSandbox.class)
class BucketPolicyDemoTest {
    private static final String USER = "arn:aws:iam::\\d{12}:user/course-reader-\\d{8}-[0-9a-f]{6}";
    private static final String OBJECT = "\"arn:aws:s3:::course-bucket-policy-\\d{8}-[0-9a-f]{6}/reports/";

    @Test
    void eachDenialComesWithItsReason(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("bucket-policy").succeeds()
                .printsLine("   Reason: User: " + USER + " is not authorized to perform: s3:GetObject on resource: " + OBJECT
                        + "q1\\.txt\" because no identity-based policy allows the s3:GetObject action")
                .printsLine("     ReaderMayRead        Allow \\[user/course-reader-\\d{8}-[0-9a-f]{6}\\] s3:GetObject on \\[reports/\\*\\]")
                .printsLine("   Allowed: Q1 revenue: 42")
                .printsLine("   Reason: User: " + USER + " is not authorized to perform: s3:GetObject on resource: " + OBJECT
                        + "salaries\\.txt\" with an explicit deny in a resource-based policy")
                .printsLine("     OnlyFromTheOffice    Deny  \\[everyone\\] s3:GetObject on \\[reports/\\*\\] if NotIpAddress aws:SourceIp 203\\.0\\.113\\.0/24")
                .printsLine("   Reason: User: arn:aws:iam::\\d{12}:root is not authorized to perform: s3:GetObject on resource: " + OBJECT
                        + "q1\\.txt\" with an explicit deny in a resource-based policy")
                .printsLine("   Reason: User: arn:aws:iam::\\d{12}:root is not authorized to perform: s3:PutBucketPolicy on resource: "
                        + "\"arn:aws:s3:::course-bucket-policy-\\d{8}-[0-9a-f]{6}\" because public policies are blocked by the"
                        + " BlockPublicPolicy block public access setting\\.")
                .printsLine("   Allowed: policy stored")
                .printsLine("   Policy is public: true")
                .printsLine("   Answer: 200 · Q1 revenue: 42")
                .printsLine("   Listing the bucket: 403 AccessDenied \\(the policy grants s3:GetObject, not s3:ListBucket\\)")
                .printsLine("   Deleted objects in course-bucket-policy-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted bucket course-bucket-policy-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted everything this run created\\.");
    }

    @Test
    void helpNamesTheTargetFlags(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("bucket-policy", "--help").succeeds()
                .printsLine(".*--endpoint-url=URL.*")
                .printsLine(".*--profile=NAME.*");
        sandbox.jbang().run("bucket-policy", "--no-such-flag").exits(2);
    }
}
