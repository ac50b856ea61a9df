package course.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import course.sandbox.lambda.HandlerCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * S3 Batch Operations' LambdaInvoke with a real function: for each manifest object the job invokes
 * it, as its role, with the invocation schema 1.0 event; the function's resultCode decides the
 * task, its resultString lands in the completion report.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-invoke-lambda.html">Invoke Lambda function</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-examples-reports.html">Completion reports</a>
 */
class BatchOperationsLambdaTest {
    private static final String ACCOUNT = RunningSandbox.ACCOUNT;
    private static final String BATCH_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"batchoperations.s3.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    /** Answers each task by its key's folder, and tells in resultString what the event said. */
    private static final String HANDLER = """
            package batch;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.ArrayList;
            import java.util.LinkedHashMap;
            import java.util.List;
            import java.util.Map;

            public class Reviewer implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                @Override
                @SuppressWarnings("unchecked")
                public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                    Map<String, Object> task = ((List<Map<String, Object>>) event.get("tasks")).get(0);
                    String key = (String) task.get("s3Key");
                    if (key.startsWith("crash/")) {
                        throw new IllegalStateException("cannot review " + key);
                    }
                    List<Map<String, Object>> results = new ArrayList<>();
                    if (!key.startsWith("silent/")) {
                        Map<String, Object> result = new LinkedHashMap<>();
                        result.put("taskId", task.get("taskId"));
                        result.put("resultCode", key.startsWith("good/") ? "Succeeded" : "PermanentFailure");
                        result.put("resultString", "schema " + event.get("invocationSchemaVersion") + " job "
                                + ((Map<String, Object>) event.get("job")).get("id") + " " + task.get("s3BucketArn") + " " + key
                                + " version " + task.get("s3VersionId"));
                        results.add(result);
                    }
                    Map<String, Object> response = new LinkedHashMap<>();
                    response.put("invocationSchemaVersion", "1.0");
                    response.put("treatMissingKeysAs", "PermanentFailure");
                    response.put("invocationId", event.get("invocationId"));
                    response.put("results", results);
                    return response;
                }
            }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningSandbox sandbox;
    private static S3ControlClient control;
    private static S3Client s3;
    private static IamClient iam;
    private static LambdaClient lambda;
    private static String functionArn;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        control = HostAddressedClients.s3Control(sandbox, RunningSandbox.ROOT);
        s3 = HostAddressedClients.s3(sandbox, RunningSandbox.ROOT);
        iam = sandbox.iam(RunningSandbox.ROOT);
        lambda = LambdaClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .httpClient(ApacheHttpClient.create()).credentialsProvider(RunningSandbox.rootCredentials()).build();
        String executionRole = iam.createRole(r -> r.roleName("reviewer-execution")
                .assumeRolePolicyDocument(LambdaSandbox.TRUST)).role().arn();
        byte[] zip = HandlerCode.zip(Map.of("batch.Reviewer", HANDLER));
        functionArn = lambda.createFunction(r -> r.functionName("reviewer").runtime(Runtime.JAVA17).role(executionRole)
                .timeout(30).handler("batch.Reviewer::handleRequest").code(c -> c.zipFile(SdkBytes.fromByteArray(zip))))
                .functionArn();
    }

    @AfterAll
    static void stop() {
        control.close();
        s3.close();
        iam.close();
        lambda.close();
        sandbox.close();
    }

    @Test
    void theFunctionDecidesEachTaskAndTheReportShowsItsResultString() throws IOException {
        s3.createBucket(r -> r.bucket("review-data"));
        s3.createBucket(r -> r.bucket("review-reports"));
        List<String> keys = List.of("good/a b.jpg", "good/c.jpg", "bad/d.jpg", "crash/e.jpg", "silent/f.jpg");
        keys.forEach(key -> s3.putObject(r -> r.bucket("review-data").key(key), RequestBody.fromString("x")));
        String etag = manifest("review-data", keys);
        String role = batchRole("reviewer-batch", "lambda:InvokeFunction");

        String jobId = control.createJob(job(role, etag)).jobId();
        JobDescriptor done = await(jobId);
        assertEquals(5L, done.progressSummary().totalNumberOfTasks());
        assertEquals(2L, done.progressSummary().numberOfTasksSucceeded());
        assertEquals(3L, done.progressSummary().numberOfTasksFailed());

        List<String> rows = reportRows(jobId);
        String event = "schema 1.0 job " + jobId + " arn:aws:s3:::review-data ";
        // A function error fails the task with Lambda's error document (its stack trace depends on the JDK).
        String crashed = rows.stream().filter(row -> row.contains("crash/")).findFirst().orElseThrow();
        assertTrue(crashed.startsWith("review-data,crash/e.jpg,,failed,200,PermanentFailure,\"Lambda returned function error: "
                + "{\"\"errorMessage\"\":\"\"cannot review crash/e.jpg\"\",\"\"errorType\"\":\"\"java.lang.IllegalStateException\"\""), crashed);
        assertEquals(List.of(
                "review-data,bad/d.jpg,,failed,200,PermanentFailure," + event + "bad/d.jpg version null",
                crashed,
                "review-data,good/a%20b.jpg,,succeeded,200,," + event + "good/a%20b.jpg version null",
                "review-data,good/c.jpg,,succeeded,200,," + event + "good/c.jpg version null",
                "review-data,silent/f.jpg,,failed,200,PermanentFailure,The function's response has no result for this task "
                        + "(treatMissingKeysAs)"), rows);
    }

    @Test
    void aRoleWithoutInvokePermissionFailsEveryTask() throws IOException {
        s3.createBucket(r -> r.bucket("denied-data"));
        s3.createBucket(r -> r.bucket("denied-reports"));
        s3.putObject(r -> r.bucket("denied-data").key("good/x.jpg"), RequestBody.fromString("x"));
        s3.putObject(r -> r.bucket("denied-data").key("manifest.csv"), RequestBody.fromString("denied-data,good/x.jpg\n"));
        String etag = s3.headObject(r -> r.bucket("denied-data").key("manifest.csv")).eTag();
        String role = batchRole("no-invoke", "lambda:GetFunction");
        CreateJobRequest request = job(role, etag).toBuilder()
                .manifest(m -> m.spec(s -> s.format("S3BatchOperations_CSV_20180820").fieldsWithStrings("Bucket", "Key"))
                        .location(l -> l.objectArn("arn:aws:s3:::denied-data/manifest.csv").eTag(etag)))
                .report(r -> r.bucket("arn:aws:s3:::denied-reports").format("Report_CSV_20180820").enabled(true)
                        .prefix("reports").reportScope("AllTasks")).build();
        String jobId = control.createJob(request).jobId();
        JobDescriptor done = await(jobId);
        assertEquals(1L, done.progressSummary().numberOfTasksFailed());
        JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(r -> r.bucket("denied-reports")
                .key("reports/job-" + jobId + "/manifest.json")).asByteArray());
        String key = manifest.path("Results").path(0).path("Key").asText();
        String row = new String(s3.getObjectAsBytes(r -> r.bucket("denied-reports").key(key)).asByteArray(), StandardCharsets.UTF_8).strip();
        assertEquals("denied-data,good/x.jpg,,failed,403,AccessDeniedException,User: arn:aws:sts::" + ACCOUNT
                + ":assumed-role/no-invoke/s3-batch-operations-" + jobId.substring(0, 8) + " is not authorized to perform: "
                + "lambda:InvokeFunction on resource: " + functionArn + " because no identity-based policy allows the "
                + "lambda:InvokeFunction action", row);
    }

    private static String manifest(String bucket, List<String> keys) {
        StringBuilder csv = new StringBuilder();
        keys.forEach(k -> csv.append(bucket).append(',').append(k.replace(" ", "%20")).append('\n'));
        return s3.putObject(r -> r.bucket(bucket).key("manifest.csv"), RequestBody.fromString(csv.toString())).eTag();
    }

    /** A role Batch Operations may assume: reads any manifest, writes any report, and {@code lambdaAction} on the function. */
    private static String batchRole(String name, String lambdaAction) {
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(BATCH_TRUST));
        iam.putRolePolicy(r -> r.roleName(name).policyName("batch").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\"],\"Resource\":\"arn:aws:s3:::*/manifest.csv\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::*-reports/*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"" + lambdaAction + "\",\"Resource\":\"" + functionArn + "\"}]}"));
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    private static CreateJobRequest job(String role, String etag) {
        return CreateJobRequest.builder().accountId(ACCOUNT).roleArn(role).priority(10).confirmationRequired(false)
                .clientRequestToken(UUID.randomUUID().toString()).description("review with a function")
                .operation(op -> op.lambdaInvoke(l -> l.functionArn(functionArn)))
                .manifest(m -> m.spec(s -> s.format("S3BatchOperations_CSV_20180820").fieldsWithStrings("Bucket", "Key"))
                        .location(l -> l.objectArn("arn:aws:s3:::review-data/manifest.csv").eTag(etag)))
                .report(r -> r.bucket("arn:aws:s3:::review-reports").format("Report_CSV_20180820").enabled(true)
                        .prefix("reports").reportScope("AllTasks"))
                .build();
    }

    /** Every row of the job's report files, sorted. */
    private static List<String> reportRows(String jobId) throws IOException {
        JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(r -> r.bucket("review-reports")
                .key("reports/job-" + jobId + "/manifest.json")).asByteArray());
        List<String> rows = new ArrayList<>();
        for (JsonNode result : manifest.path("Results")) {
            String csv = new String(s3.getObjectAsBytes(r -> r.bucket("review-reports").key(result.path("Key").asText()))
                    .asByteArray(), StandardCharsets.UTF_8);
            rows.addAll(csv.lines().toList());
        }
        return rows.stream().sorted().toList();
    }

    private static JobDescriptor await(String jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            JobDescriptor job = control.describeJob(r -> r.accountId(ACCOUNT).jobId(jobId)).job();
            if (job.status() == JobStatus.COMPLETE) {
                return job;
            }
            if (job.status() == JobStatus.FAILED || job.status() == JobStatus.CANCELLED) {
                fail("job ended " + job.status() + ": " + job);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("job " + jobId + " did not complete");
    }
}
