package course.sandbox.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3control.S3ControlClient;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Who may do what through which access point, as a table. "For an application or user to be able
 * to access objects through an access point, both the access point and the underlying bucket must
 * permit the request": each request is decided on the access point (its ARN/object/KEY, with the
 * access point policy) and on the bucket (with the bucket policy, which here delegates to access
 * points of the account with s3:DataAccessPointAccount).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-service-api-support.html
 */
class AccessPointAuthorizationTest {
    private static final String ACCOUNT = RunningSandbox.ACCOUNT;
    private static final String AP = "arn:aws:s3:us-east-1:" + ACCOUNT + ":accesspoint/";
    private static final Map<String, AwsCredentials> USERS = new HashMap<>();
    private static final Map<String, String> ALIASES = new HashMap<>();
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        USERS.put("root", RunningSandbox.ROOT);
        try (S3Client s3 = HostAddressedClients.s3(sandbox, RunningSandbox.ROOT);
             S3ControlClient control = HostAddressedClients.s3Control(sandbox, RunningSandbox.ROOT);
             IamClient iam = sandbox.iam(RunningSandbox.ROOT)) {
            for (String user : new String[] {"alice", "bob", "carol", "dave"}) {
                USERS.put(user, sandbox.newUser(user));
            }
            // carol may read the bucket directly; dave may read through team-a (identity policies only)
            iam.putUserPolicy(r -> r.userName("carol").policyName("bucket").policyDocument(allow("s3:GetObject", "arn:aws:s3:::shared-data/*")));
            iam.putUserPolicy(r -> r.userName("dave").policyName("ap").policyDocument(allow("s3:GetObject", AP + "team-a/object/*")));

            s3.createBucket(r -> r.bucket("shared-data"));
            s3.putObject(r -> r.bucket("shared-data").key("team-a/report.csv"), RequestBody.fromString("a"));
            s3.putObject(r -> r.bucket("shared-data").key("team-b/plan.txt"), RequestBody.fromString("b"));
            s3.putBucketPolicy(r -> r.bucket("shared-data").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DelegateToAccessPoints\","
                    + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"*\",\"Resource\":[\"arn:aws:s3:::shared-data\","
                    + "\"arn:aws:s3:::shared-data/*\"],\"Condition\":{\"StringEquals\":{\"s3:DataAccessPointAccount\":\"" + ACCOUNT + "\"}}}]}"));
            accessPoint(control, "team-a", "shared-data", "alice", "team-a/*");
            accessPoint(control, "team-b", "shared-data", "bob", "team-b/*");
            // no delegation on this bucket: the access point's grant alone is not enough
            s3.createBucket(r -> r.bucket("strict-data"));
            s3.putObject(r -> r.bucket("strict-data").key("team-a/report.csv"), RequestBody.fromString("s"));
            accessPoint(control, "strict", "strict-data", "alice", "*");
            control.createAccessPoint(r -> r.accountId(ACCOUNT).name("vpc-only").bucket("shared-data").vpcConfiguration(v -> v.vpcId("vpc-0abc")));
            ALIASES.put("vpc-only", control.getAccessPoint(r -> r.accountId(ACCOUNT).name("vpc-only")).alias());
        }
    }

    private static void accessPoint(S3ControlClient control, String name, String bucket, String user, String prefix) {
        ALIASES.put(name, control.createAccessPoint(r -> r.accountId(ACCOUNT).name(name).bucket(bucket)).alias());
        control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":user/" + user + "\"},"
                + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"" + AP + name + "/object/" + prefix + "\"}]}"));
    }

    private static String allow(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Stream<Arguments> cases() {
        String noIdentity = "because no identity-based policy allows the s3:GetObject action";
        return Stream.of(
                // caller, how the request names the data, key, expected: "ok" or "<resource denied> | <reason>"
                Arguments.of("alice", "arn:team-a", "team-a/report.csv", "ok"),
                Arguments.of("alice", "alias:team-a", "team-a/report.csv", "ok"),
                Arguments.of("alice", "arn:team-a", "team-b/plan.txt", AP + "team-a/object/team-b/plan.txt | " + noIdentity),
                Arguments.of("alice", "arn:team-b", "team-b/plan.txt", AP + "team-b/object/team-b/plan.txt | " + noIdentity),
                Arguments.of("alice", "bucket:shared-data", "team-a/report.csv", "arn:aws:s3:::shared-data/team-a/report.csv | "
                        + "because no identity-based policy allows the s3:GetObject action"),
                Arguments.of("bob", "alias:team-b", "team-b/plan.txt", "ok"),
                Arguments.of("bob", "alias:team-a", "team-a/report.csv", AP + "team-a/object/team-a/report.csv | " + noIdentity),
                Arguments.of("carol", "bucket:shared-data", "team-a/report.csv", "ok"),
                Arguments.of("carol", "arn:team-a", "team-a/report.csv", AP + "team-a/object/team-a/report.csv | " + noIdentity),
                Arguments.of("dave", "arn:team-a", "team-b/plan.txt", "ok"),
                Arguments.of("dave", "arn:team-b", "team-b/plan.txt", AP + "team-b/object/team-b/plan.txt | " + noIdentity),
                Arguments.of("alice", "arn:strict", "team-a/report.csv", "arn:aws:s3:::strict-data/team-a/report.csv | " + noIdentity),
                Arguments.of("root", "arn:strict", "team-a/report.csv", "ok"),
                Arguments.of("root", "alias:vpc-only", "team-a/report.csv", "VPC"));
    }

    @ParameterizedTest(name = "{0} GETs {2} via {1}: {3}")
    @MethodSource("cases")
    void getObject(String caller, String via, String key, String expected) {
        String bucket = switch (via.substring(0, via.indexOf(':'))) {
            case "arn" -> AP + via.substring(4);
            case "alias" -> ALIASES.get(via.substring(6));
            default -> via.substring(7);
        };
        try (S3Client s3 = HostAddressedClients.s3(sandbox, USERS.get(caller))) {
            if (expected.equals("ok")) {
                s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
                return;
            }
            S3Exception denied = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)));
            assertEquals(403, denied.statusCode());
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            String message = denied.awsErrorDetails().errorMessage();
            if (expected.equals("VPC")) {
                assertEquals("Access Denied: access point vpc-only accepts requests only from VPC vpc-0abc, and this one came"
                        + " from the Internet.", message);
                return;
            }
            String principal = caller.equals("root") ? "arn:aws:iam::" + ACCOUNT + ":root" : "arn:aws:iam::" + ACCOUNT + ":user/" + caller;
            String[] resourceAndReason = expected.split(" \\| ");
            assertEquals("User: " + principal + " is not authorized to perform: s3:GetObject on resource: \""
                    + resourceAndReason[0] + "\" " + resourceAndReason[1], message);
        }
    }
}
