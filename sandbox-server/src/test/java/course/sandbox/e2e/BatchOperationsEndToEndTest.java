package course.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobListDescriptor;
import software.amazon.awssdk.services.s3control.model.JobStatus;
import software.amazon.awssdk.services.s3control.model.S3ControlException;
import software.amazon.awssdk.services.s3control.model.S3Tag;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * S3 Batch Operations run for real, through SDK v2: the CSV manifest is read as the job's role,
 * each task is an S3 request authorized with the role's permissions, and the completion report
 * lands in the report bucket in AWS's layout.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-create-job.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-examples-reports.html
 */
class BatchOperationsEndToEndTest {
    private static final String ACCOUNT = RunningSandbox.ACCOUNT;
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"batchoperations.s3.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningSandbox sandbox;
    private static S3ControlClient control;
    private static S3Client s3;
    private static IamClient iam;

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        control = HostAddressedClients.s3Control(sandbox, RunningSandbox.ROOT);
        s3 = HostAddressedClients.s3(sandbox, RunningSandbox.ROOT);
        iam = sandbox.iam(RunningSandbox.ROOT);
    }

    @AfterAll
    static void stop() {
        control.close();
        s3.close();
        iam.close();
        sandbox.close();
    }

    /**
     * The lifecycle with confirmation (New → Preparing → Suspended → Ready → Active → Complete), tags
     * applied, and a report whose rows tell each task's real outcome: the role may tag only photos/,
     * so the documents/ tasks fail with the policy engine's AccessDenied.
     */
    @Test
    void aConfirmedJobTagsObjectsAndReportsEveryTask() throws IOException {
        String data = bucket("tag-data");
        String reports = bucket("tag-reports");
        List<String> keys = List.of("photos/a b.jpg", "photos/b.jpg", "photos/c.jpg", "documents/d.txt");
        keys.forEach(key -> s3.putObject(r -> r.bucket(data).key(key), RequestBody.fromString("x")));
        String etag = manifest(data, "manifest.csv", keys);
        String role = role("tagger", data, reports, "arn:aws:s3:::" + data + "/photos/*");

        String jobId = control.createJob(job(role, data, "manifest.csv", etag, reports, true,
                op -> op.s3PutObjectTagging(t -> t.tagSet(S3Tag.builder().key("reviewed").value("yes").build())))).jobId();
        JobDescriptor suspended = await(jobId, JobStatus.SUSPENDED);
        assertEquals(4L, suspended.progressSummary().totalNumberOfTasks());
        assertTrue(suspended.confirmationRequired());
        assertEquals(0L, suspended.progressSummary().numberOfTasksSucceeded());
        assertEquals("arn:aws:s3:us-east-1:" + ACCOUNT + ":job/" + jobId, suspended.jobArn());

        assertEquals(JobStatus.READY, control.updateJobStatus(r -> r.accountId(ACCOUNT).jobId(jobId)
                .requestedJobStatus("Ready").statusUpdateReason("confirmed in test")).status());
        JobDescriptor done = await(jobId, JobStatus.COMPLETE);
        assertEquals(3L, done.progressSummary().numberOfTasksSucceeded());
        assertEquals(1L, done.progressSummary().numberOfTasksFailed());
        assertEquals("confirmed in test", done.statusUpdateReason());
        assertTrue(done.terminationDate() != null);

        assertEquals(List.of(Tag.builder().key("reviewed").value("yes").build()),
                s3.getObjectTagging(r -> r.bucket(data).key("photos/a b.jpg")).tagSet());
        assertEquals(List.of(), s3.getObjectTagging(r -> r.bucket(data).key("documents/d.txt")).tagSet());

        JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(r -> r.bucket(reports).key("reports/job-" + jobId + "/manifest.json"))
                .asByteArray());
        assertEquals("Report_CSV_20180820", manifest.path("Format").asText());
        assertEquals("Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage", manifest.path("ReportSchema").asText());
        Map<String, List<String>> rows = new TreeMap<>();
        for (JsonNode result : manifest.path("Results")) {
            assertEquals(reports, result.path("Bucket").asText());
            String key = result.path("Key").asText();
            assertTrue(key.matches("reports/job-" + jobId + "/results/[0-9a-f]{40}\\.csv"), key);
            byte[] csv = s3.getObjectAsBytes(r -> r.bucket(reports).key(key)).asByteArray();
            assertEquals(result.path("MD5Checksum").asText(), md5(csv));
            rows.put(result.path("TaskExecutionStatus").asText(), Arrays.asList(new String(csv).split("\n")));
        }
        assertEquals(List.of(data + ",photos/a%20b.jpg,,succeeded,200,,Successful", data + ",photos/b.jpg,,succeeded,200,,Successful",
                data + ",photos/c.jpg,,succeeded,200,,Successful"), rows.get("succeeded").stream().sorted().toList());
        assertEquals(1, rows.get("failed").size());
        // The message quotes the resource, so the CSV field is quoted and its quotes doubled (RFC 4180).
        assertEquals(data + ",documents/d.txt,,failed,403,AccessDenied,\"User: arn:aws:sts::" + ACCOUNT
                + ":assumed-role/tagger/s3-batch-operations-" + jobId.substring(0, 8) + " is not authorized to perform:"
                + " s3:PutObjectTagging on resource: \"\"arn:aws:s3:::" + data + "/documents/d.txt\"\" because no identity-based"
                + " policy allows the s3:PutObjectTagging action\"", rows.get("failed").get(0));
    }

    /** DeleteObjectTagging and PutObjectCopy with a prefix, new metadata and tags; FailedTasksOnly writes no succeeded file. */
    @Test
    void deleteTaggingAndCopyJobs() throws IOException {
        String data = bucket("copy-data");
        String target = bucket("copy-target");
        String reports = bucket("copy-reports");
        List<String> keys = List.of("one.txt", "two.txt");
        keys.forEach(key -> s3.putObject(r -> r.bucket(data).key(key).tagging("old=tag"), RequestBody.fromString("body of " + key)));
        String etag = manifest(data, "manifest.csv", keys);
        String role = role("copier", data, reports, "arn:aws:s3:::" + data + "/*", "arn:aws:s3:::" + target + "/*");

        String untag = control.createJob(job(role, data, "manifest.csv", etag, reports, false,
                op -> op.s3DeleteObjectTagging(d -> { }))).jobId();
        assertEquals(2L, await(untag, JobStatus.COMPLETE).progressSummary().numberOfTasksSucceeded());
        assertEquals(List.of(), s3.getObjectTagging(r -> r.bucket(data).key("one.txt")).tagSet());

        CreateJobRequest copyJob = job(role, data, "manifest.csv", etag, reports, false,
                op -> op.s3PutObjectCopy(c -> c.targetResource("arn:aws:s3:::" + target).targetKeyPrefix("copied/")
                        .metadataDirective("REPLACE").newObjectMetadata(m -> m.contentType("text/plain").userMetadata(Map.of("origin", "batch")))
                        .newObjectTagging(S3Tag.builder().key("copy").value("true").build())));
        String copy = control.createJob(copyJob.toBuilder().report(r -> r.bucket("arn:aws:s3:::" + reports).format("Report_CSV_20180820")
                .enabled(true).prefix("failed-only").reportScope("FailedTasksOnly")).build()).jobId();
        assertEquals(2L, await(copy, JobStatus.COMPLETE).progressSummary().numberOfTasksSucceeded());
        assertEquals("body of two.txt", s3.getObjectAsBytes(r -> r.bucket(target).key("copied/two.txt")).asUtf8String());
        var head = s3.headObject(r -> r.bucket(target).key("copied/one.txt"));
        assertEquals("text/plain", head.contentType());
        assertEquals(Map.of("origin", "batch"), head.metadata());
        assertEquals(List.of(Tag.builder().key("copy").value("true").build()),
                s3.getObjectTagging(r -> r.bucket(target).key("copied/one.txt")).tagSet());
        JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(r -> r.bucket(reports).key("failed-only/job-" + copy + "/manifest.json"))
                .asByteArray());
        assertEquals(0, manifest.path("Results").size(), manifest.toString());

        JobDescriptor described = control.describeJob(r -> r.accountId(ACCOUNT).jobId(copy)).job();
        assertEquals("arn:aws:s3:::" + target, described.operation().s3PutObjectCopy().targetResource());
        assertEquals("copied/", described.operation().s3PutObjectCopy().targetKeyPrefix());
        assertEquals(List.of("Bucket", "Key"), described.manifest().spec().fieldsAsStrings());
    }

    /** Whole-job failures: a wrong manifest ETag, a role whose trust policy does not name the service, a role that cannot read the manifest. */
    @Test
    void jobsFailAsAWhole() {
        String data = bucket("fail-data");
        String reports = bucket("fail-reports");
        String etag = manifest(data, "manifest.csv", List.of("k"));
        String role = role("failing", data, reports, "arn:aws:s3:::" + data + "/*");
        Consumer<software.amazon.awssdk.services.s3control.model.JobOperation.Builder> tag =
                op -> op.s3PutObjectTagging(t -> t.tagSet(S3Tag.builder().key("a").value("b").build()));

        String wrongEtag = control.createJob(job(role, data, "manifest.csv", "\"0123456789abcdef0123456789abcdef\"", reports, false, tag))
                .jobId();
        JobDescriptor failed = await(wrongEtag, JobStatus.FAILED);
        assertEquals("ManifestETagMismatch", failed.failureReasons().get(0).failureCode());

        iam.createRole(r -> r.roleName("untrusted").assumeRolePolicyDocument(TRUST.replace("batchoperations.s3", "lambda")));
        String untrusted = control.createJob(job("arn:aws:iam::" + ACCOUNT + ":role/untrusted", data, "manifest.csv", etag, reports,
                false, tag)).jobId();
        assertTrue(await(untrusted, JobStatus.FAILED).failureReasons().get(0).failureReason()
                .contains("its trust policy does not allow batchoperations.s3.amazonaws.com"));

        iam.createRole(r -> r.roleName("blind").assumeRolePolicyDocument(TRUST));
        String blind = control.createJob(job("arn:aws:iam::" + ACCOUNT + ":role/blind", data, "manifest.csv", etag, reports,
                false, tag)).jobId();
        JobDescriptor unreadable = await(blind, JobStatus.FAILED);
        assertEquals("AccessDenied", unreadable.failureReasons().get(0).failureCode());
        assertTrue(unreadable.failureReasons().get(0).failureReason().startsWith("Reading the manifest arn:aws:s3:::" + data
                + "/manifest.csv failed: AccessDenied"), unreadable.toString());
    }

    /** Cancel, priority, idempotent CreateJob, ListJobs by status, and the errors of each. */
    @Test
    void jobsAreManaged() {
        String data = bucket("manage-data");
        String reports = bucket("manage-reports");
        String etag = manifest(data, "manifest.csv", List.of("k"));
        String role = role("manager", data, reports, "arn:aws:s3:::" + data + "/*");
        CreateJobRequest request = job(role, data, "manifest.csv", etag, reports, true,
                op -> op.s3PutObjectTagging(t -> t.tagSet(S3Tag.builder().key("a").value("b").build())));
        String jobId = control.createJob(request).jobId();
        assertEquals(jobId, control.createJob(request).jobId(), "the same ClientRequestToken is the same job");
        S3ControlException idempotency = assertThrows(S3ControlException.class,
                () -> control.createJob(request.toBuilder().priority(99).build()));
        assertEquals("IdempotencyException", idempotency.awsErrorDetails().errorCode());

        await(jobId, JobStatus.SUSPENDED);
        assertEquals(42, control.updateJobPriority(r -> r.accountId(ACCOUNT).jobId(jobId).priority(42)).priority());
        List<JobListDescriptor> suspended = control.listJobs(r -> r.accountId(ACCOUNT).jobStatusesWithStrings("Suspended")).jobs();
        assertTrue(suspended.stream().anyMatch(job -> job.jobId().equals(jobId) && job.priority() == 42
                && job.operationAsString().equals("S3PutObjectTagging")), suspended.toString());
        control.updateJobStatus(r -> r.accountId(ACCOUNT).jobId(jobId).requestedJobStatus("Cancelled"));
        assertEquals(JobStatus.CANCELLED, control.describeJob(r -> r.accountId(ACCOUNT).jobId(jobId)).job().status());
        S3ControlException terminal = assertThrows(S3ControlException.class,
                () -> control.updateJobStatus(r -> r.accountId(ACCOUNT).jobId(jobId).requestedJobStatus("Ready")));
        assertEquals("JobStatusException", terminal.awsErrorDetails().errorCode());
        S3ControlException missing = assertThrows(S3ControlException.class,
                () -> control.describeJob(r -> r.accountId(ACCOUNT).jobId("00000000-0000-0000-0000-000000000000")));
        assertEquals("NotFoundException", missing.awsErrorDetails().errorCode());
        assertEquals(404, missing.statusCode());
        S3ControlException acl = assertThrows(S3ControlException.class, () -> control.createJob(request.toBuilder()
                .clientRequestToken(UUID.randomUUID().toString()).operation(op -> op.s3PutObjectAcl(a -> a.accessControlPolicy(
                        p -> p.cannedAccessControlList("private")))).build()));
        assertEquals("NotImplemented", acl.awsErrorDetails().errorCode());
    }

    /** A job of 1,000 objects completes with a report of 1,000 rows; prints its throughput. */
    @Test
    void aThousandObjectJob() throws IOException {
        String data = bucket("thousand-data");
        String reports = bucket("thousand-reports");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(String.format("objects/%04d.txt", i));
        }
        keys.parallelStream().forEach(key -> s3.putObject(r -> r.bucket(data).key(key), RequestBody.fromString(key)));
        String etag = manifest(data, "manifest.csv", keys);
        String role = role("thousand", data, reports, "arn:aws:s3:::" + data + "/*");
        long start = System.nanoTime();
        String jobId = control.createJob(job(role, data, "manifest.csv", etag, reports, false,
                op -> op.s3PutObjectTagging(t -> t.tagSet(S3Tag.builder().key("batch").value("1000").build())))).jobId();
        JobDescriptor done = await(jobId, JobStatus.COMPLETE);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1000L, done.progressSummary().totalNumberOfTasks());
        assertEquals(1000L, done.progressSummary().numberOfTasksSucceeded());
        assertEquals(0L, done.progressSummary().numberOfTasksFailed());
        System.out.printf("Batch Operations: 1000 PutObjectTagging tasks in %.2f s (CreateJob to Complete): %.0f tasks/s%n",
                seconds, 1000 / seconds);
        JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(r -> r.bucket(reports).key("reports/job-" + jobId + "/manifest.json"))
                .asByteArray());
        assertEquals(1, manifest.path("Results").size());
        String csv = s3.getObjectAsBytes(r -> r.bucket(reports).key(manifest.path("Results").path(0).path("Key").asText())).asUtf8String();
        List<String> rows = Arrays.stream(csv.split("\n")).sorted().toList();
        assertEquals(1000, rows.size());
        assertEquals(data + ",objects/0000.txt,,succeeded,200,,Successful", rows.get(0));
        assertEquals(data + ",objects/0999.txt,,succeeded,200,,Successful", rows.get(999));
        assertEquals("1000", s3.getObjectTagging(r -> r.bucket(data).key("objects/0500.txt")).tagSet().get(0).value());
    }

    // ------------------------------------------------------------------ helpers

    private static String bucket(String name) {
        s3.createBucket(r -> r.bucket(name));
        return name;
    }

    /** Uploads a Bucket,Key manifest (keys URL-encoded, as AWS requires) and returns its ETag. */
    private static String manifest(String bucket, String key, List<String> keys) {
        StringBuilder csv = new StringBuilder();
        keys.forEach(k -> csv.append(bucket).append(',').append(k.replace(" ", "%20")).append('\n'));
        return s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(csv.toString())).eTag();
    }

    /** A role Batch Operations may assume: reads the manifest, writes reports, acts on {@code taskResources}. */
    private static String role(String name, String data, String reports, String... taskResources) {
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST));
        StringBuilder resources = new StringBuilder();
        for (String resource : taskResources) {
            resources.append(resources.isEmpty() ? "" : ",").append('"').append(resource).append('"');
        }
        iam.putRolePolicy(r -> r.roleName(name).policyName("batch").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\"],\"Resource\":\"arn:aws:s3:::" + data + "/manifest.csv\"},"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + reports + "/*\"},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:PutObjectTagging\",\"s3:DeleteObjectTagging\",\"s3:GetObject\",\"s3:GetObjectTagging\","
                + "\"s3:PutObject\"],\"Resource\":[" + resources + "]}]}"));
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    private static CreateJobRequest job(String role, String bucket, String manifestKey, String etag, String reports,
                                        boolean confirm, Consumer<software.amazon.awssdk.services.s3control.model.JobOperation.Builder> operation) {
        return CreateJobRequest.builder().accountId(ACCOUNT).roleArn(role).priority(10).confirmationRequired(confirm)
                .clientRequestToken(UUID.randomUUID().toString()).description("test job")
                .operation(operation)
                .manifest(m -> m.spec(s -> s.format("S3BatchOperations_CSV_20180820").fieldsWithStrings("Bucket", "Key"))
                        .location(l -> l.objectArn("arn:aws:s3:::" + bucket + "/" + manifestKey).eTag(etag)))
                .report(r -> r.bucket("arn:aws:s3:::" + reports).format("Report_CSV_20180820").enabled(true).prefix("reports")
                        .reportScope("AllTasks"))
                .build();
    }

    private static JobDescriptor await(String jobId, JobStatus status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JobDescriptor job;
        do {
            job = control.describeJob(r -> r.accountId(ACCOUNT).jobId(jobId)).job();
            if (job.status() == status) {
                return job;
            }
            if (job.status() == JobStatus.FAILED || job.status() == JobStatus.COMPLETE || job.status() == JobStatus.CANCELLED) {
                fail("job ended " + job.status() + ", expected " + status + ": " + job);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job still " + job.status() + ", expected " + status);
    }

    private static String md5(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
