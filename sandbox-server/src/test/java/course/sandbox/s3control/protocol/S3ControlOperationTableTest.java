package course.sandbox.s3control.protocol;

import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;
import course.sandbox.iam.Credential;
import course.sandbox.iam.Principal;
import course.sandbox.protocol.ServiceRoute;
import course.sandbox.s3.S3Store;
import course.sandbox.s3.PublicPolicies;
import course.sandbox.s3control.BatchJobs;
import course.sandbox.s3control.S3ControlModel;
import course.sandbox.service.Caller;
import course.sandbox.service.Operation;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Method and path under /v20180820/ → operation → IAM action and resource, as the Service
 * Authorization Reference lists them for Amazon S3: access point actions on
 * arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME (GetAccessPoint and ListAccessPoints take no resource
 * type), job actions on arn:aws:s3:REGION:ACCOUNT:job/ID, the account-level ones on "*";
 * CreateJob also passes its role (iam:PassRole).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
class S3ControlOperationTableTest {
    private static final String ACCOUNT = "000000000000";
    private static final String AP = "arn:aws:s3:us-east-1:" + ACCOUNT + ":accesspoint/team-a";
    private static final String JOB = "arn:aws:s3:us-east-1:" + ACCOUNT + ":job/4f8e2c1a-0000-4000-8000-000000000001";
    private static final BatchJobs JOBS = new BatchJobs(Clock.systemUTC(), (role, region, job) -> {
        throw new AssertionError("no job runs here");
    }, 1);
    private final S3ControlService service = new S3ControlService(
            new S3ControlModel(new S3Store(), Clock.systemUTC(), PublicPolicies::isPublic), JOBS);

    @AfterAll
    static void stop() {
        JOBS.close();
    }

    static Stream<Arguments> operations() {
        String job = "/v20180820/jobs/4f8e2c1a-0000-4000-8000-000000000001";
        return Stream.of(
                row("CreateAccessPoint", "PUT", "/v20180820/accesspoint/team-a", "s3:CreateAccessPoint " + AP),
                row("GetAccessPoint", "GET", "/v20180820/accesspoint/team-a", "s3:GetAccessPoint *"),
                row("ListAccessPoints", "GET", "/v20180820/accesspoint", "s3:ListAccessPoints *"),
                row("DeleteAccessPoint", "DELETE", "/v20180820/accesspoint/team-a", "s3:DeleteAccessPoint " + AP),
                row("PutAccessPointPolicy", "PUT", "/v20180820/accesspoint/team-a/policy", "s3:PutAccessPointPolicy " + AP),
                row("GetAccessPointPolicy", "GET", "/v20180820/accesspoint/team-a/policy", "s3:GetAccessPointPolicy " + AP),
                row("DeleteAccessPointPolicy", "DELETE", "/v20180820/accesspoint/team-a/policy", "s3:DeleteAccessPointPolicy " + AP),
                row("GetAccessPointPolicyStatus", "GET", "/v20180820/accesspoint/team-a/policyStatus",
                        "s3:GetAccessPointPolicyStatus " + AP),
                row("GetPublicAccessBlock", "GET", "/v20180820/configuration/publicAccessBlock", "s3:GetAccountPublicAccessBlock *"),
                row("PutPublicAccessBlock", "PUT", "/v20180820/configuration/publicAccessBlock", "s3:PutAccountPublicAccessBlock *"),
                row("DeletePublicAccessBlock", "DELETE", "/v20180820/configuration/publicAccessBlock",
                        "s3:PutAccountPublicAccessBlock *"),
                row("CreateJob", "POST", "/v20180820/jobs", "s3:CreateJob *", "iam:PassRole arn:aws:iam::" + ACCOUNT + ":role/batch"),
                row("ListJobs", "GET", "/v20180820/jobs", "s3:ListJobs *"),
                row("DescribeJob", "GET", job, "s3:DescribeJob " + JOB),
                row("UpdateJobStatus", "POST", job + "/status", "s3:UpdateJobStatus " + JOB),
                row("UpdateJobPriority", "POST", job + "/priority", "s3:UpdateJobPriority " + JOB));
    }

    private static Arguments row(String operation, String method, String path, String... permissions) {
        return Arguments.of(operation, method, path, List.of(permissions));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("operations")
    void operationAndPermissions(String name, String method, String path, List<String> expected) {
        String body = name.equals("CreateJob") ? "<CreateJobRequest xmlns=\"http://awss3control.amazonaws.com/doc/2018-08-20/\">"
                + "<RoleArn>arn:aws:iam::" + ACCOUNT + ":role/batch</RoleArn></CreateJobRequest>" : "";
        Operation operation = service.operation(request(method, path, ACCOUNT, body));
        assertEquals(name, operation.name());
        assertEquals(Operation.Access.POLICY, operation.access());
        assertEquals(expected, operation.permissions().stream().map(p -> p.action() + " " + p.resource()).toList());
    }

    /** Fail closed: the table covers every operation served, and the handler's switch names exactly those. */
    @Test
    void everyServedOperationHasItsRowAndItsHandler() throws IOException {
        Set<String> enumerated = Arrays.stream(S3ControlOperation.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(enumerated, operations().map(row -> (String) row.get()[0]).collect(Collectors.toCollection(TreeSet::new)));
        Matcher cases = Pattern.compile("case (\\w+) ->").matcher(
                Files.readString(Path.of("src/main/java/course/sandbox/s3control/protocol/S3ControlHandlers.java")));
        Set<String> handled = new TreeSet<>();
        while (cases.find()) {
            handled.add(cases.group(1));
        }
        assertEquals(enumerated, handled);
    }

    @Test
    void otherOperationsAndBadAccountsAreRefused() {
        ServiceException storageLens = assertThrows(ServiceException.class,
                () -> service.operation(request("GET", "/v20180820/storagelens", ACCOUNT, "")));
        assertEquals(501, storageLens.status());
        assertEquals("The sandbox does not serve Amazon S3 Control GET /v20180820/storagelens yet.", storageLens.getMessage());
        ServiceException noAccount = assertThrows(ServiceException.class,
                () -> service.operation(request("GET", "/v20180820/accesspoint", null, "")));
        assertEquals("InvalidRequest", noAccount.code());
        assertEquals("Missing required header for this request: x-amz-account-id", noAccount.getMessage());
        assertEquals("InvalidRequest", assertThrows(ServiceException.class,
                () -> service.operation(request("GET", "/v20180820/accesspoint", "12345", ""))).code());
        ServiceException other = assertThrows(ServiceException.class,
                () -> service.operation(request("GET", "/v20180820/accesspoint", "111122223333", "")));
        assertEquals(403, other.status());
        assertEquals("AccessDenied", other.code());
    }

    private static ServiceRequest request(String method, String path, String account, String body) {
        Headers headers = new Headers().add("Host", ACCOUNT + ".s3-control.us-east-1.amazonaws.com");
        if (account != null) {
            headers.add("x-amz-account-id", account);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SandboxRequest http = new SandboxRequest(method, path, "", headers, bytes, new InetSocketAddress("127.0.0.1", 50000));
        Caller caller = Caller.of(new Credential("AKIAEXAMPLE", "secret", new Principal.Root(ACCOUNT), Optional.empty(),
                Optional.empty(), true, Optional.empty(), List.of()));
        return new ServiceRequest(http, bytes, Optional.empty(), new Headers(), caller, "us-east-1", "request-1", Instant.now(),
                ServiceRoute.of(http));
    }
}
