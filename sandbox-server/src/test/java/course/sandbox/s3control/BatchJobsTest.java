package course.sandbox.s3control;

import course.sandbox.s3.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Batch Operations model alone, with a role session that keeps objects in a map: the
 * lifecycle, the manifest's ETag and lines, cancelling a running job, priorities, the failure
 * threshold, and the report files.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-job-status.html
 */
class BatchJobsTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/batch";
    private final Map<String, byte[]> written = new ConcurrentHashMap<>();
    private BatchJobs jobs;

    @AfterEach
    void stop() {
        jobs.close();
    }

    /** A session whose manifest holds {@code lines} and whose tasks answer {@code outcome}. */
    private BatchJobs jobs(String manifest, Function<JobManifest.Entry, TaskOutcome> outcome) {
        jobs = new BatchJobs(Clock.systemUTC(), (roleArn, region, jobId) -> new JobRoles.Session() {
            @Override
            public JobRoles.StoredObject read(String bucket, String key, String versionId) {
                return new JobRoles.StoredObject(manifest.getBytes(StandardCharsets.UTF_8), "\"etag-1\"");
            }

            @Override
            public TaskOutcome perform(JobOperation operation, JobManifest.Entry entry) {
                return outcome.apply(entry);
            }

            @Override
            public void write(String bucket, String key, byte[] body, String contentType) {
                written.put(key, body);
            }
        }, 2);
        return jobs;
    }

    private static BatchJob.Request request(boolean confirm, String etag, int priority) {
        return new BatchJob.Request("test", priority, ROLE, confirm,
                new JobManifest(JobManifest.CSV_FORMAT, List.of("Bucket", "Key"), "arn:aws:s3:::data/manifest.csv", null, etag),
                new JobOperation.PutObjectTagging(List.of(new Tag("a", "b"))),
                new JobReport(true, "arn:aws:s3:::reports", JobReport.FORMAT, "out", "AllTasks"), List.of(),
                UUID.randomUUID().toString());
    }

    private static BatchJob await(BatchJob job, Set<JobStatus> statuses) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!statuses.contains(job.status()) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(statuses.contains(job.status()), "job is " + job.status() + ", expected one of " + statuses);
        return job;
    }

    @Test
    void aJobWaitsForConfirmationThenRunsEveryLineAndWritesItsReport() throws InterruptedException {
        BatchJob job = jobs("data,a%20b.txt\ndata,c.txt\n\n", entry -> entry.key().startsWith("a")
                ? TaskOutcome.success(200) : TaskOutcome.failure(403, "AccessDenied", "Access Denied"))
                .create("000000000000", "us-east-1", request(true, "etag-1", 1));
        await(job, Set.of(JobStatus.Suspended));
        assertEquals(2L, job.totalTasks());
        assertEquals("AwaitingConfirmation", job.suspendedCause());
        jobs.updateStatus("000000000000", job.id(), JobStatus.Ready, "go");
        await(job, Set.of(JobStatus.Complete));
        assertEquals(1, job.succeeded());
        assertEquals(1, job.failed());
        assertEquals(Set.of("out/job-" + job.id() + "/manifest.json"), written.keySet().stream()
                .filter(key -> key.endsWith(".json")).collect(java.util.stream.Collectors.toSet()));
        String rows = written.entrySet().stream().filter(e -> e.getKey().endsWith(".csv"))
                .map(e -> new String(e.getValue(), StandardCharsets.UTF_8)).sorted().reduce("", String::concat);
        assertEquals("data,a%20b.txt,,succeeded,200,,Successful\ndata,c.txt,,failed,403,AccessDenied,Access Denied\n", rows);
        assertThrows(course.sandbox.service.ServiceException.class,
                () -> jobs.updateStatus("000000000000", job.id(), JobStatus.Cancelled, null));
    }

    @Test
    void aManifestWithAnotherEtagOrABadLineFailsTheJob() throws InterruptedException {
        BatchJob wrongEtag = jobs("data,k\n", entry -> TaskOutcome.success(200))
                .create("000000000000", "us-east-1", request(false, "\"other\"", 1));
        assertEquals("ManifestETagMismatch", await(wrongEtag, Set.of(JobStatus.Failed)).failures().get(0).code());
        jobs.close();
        BatchJob badLine = jobs("data,k,extra\n", entry -> TaskOutcome.success(200))
                .create("000000000000", "us-east-1", request(false, "etag-1", 1));
        assertEquals("InvalidManifestContent", await(badLine, Set.of(JobStatus.Failed)).failures().get(0).code());
        assertTrue(written.isEmpty(), "no task ran, so no report");
    }

    /** More than half of at least 1,000 tasks failed: the job stops and fails, its report written. */
    @Test
    void theFailureThresholdFailsAJob() throws InterruptedException {
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            manifest.append("data,k").append(i).append('\n');
        }
        BatchJob job = jobs(manifest.toString(), entry -> TaskOutcome.failure(403, "AccessDenied", "Access Denied"))
                .create("000000000000", "us-east-1", request(false, "etag-1", 1));
        await(job, Set.of(JobStatus.Failed));
        assertEquals("TaskFailureThresholdExceeded", job.failures().get(0).code());
        assertTrue(job.failed() >= BatchJobs.FAILURE_THRESHOLD_MIN_TASKS && job.failed() < 3000, "failed " + job.failed());
        assertFalse(written.isEmpty());
    }

    @Test
    void cancellingARunningJobStopsItsTasks() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BatchJob job = jobs("data,a\ndata,b\ndata,c\ndata,d\ndata,e\ndata,f\n", entry -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TaskOutcome.success(200);
        }).create("000000000000", "us-east-1", request(false, "etag-1", 1));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertEquals(JobStatus.Cancelling, jobs.updateStatus("000000000000", job.id(), JobStatus.Cancelled, "stop").status());
        release.countDown();
        await(job, Set.of(JobStatus.Cancelled));
        assertTrue(job.succeeded() < 6, "tasks after the cancel did not run: " + job.succeeded());
        assertEquals("stop", job.statusUpdateReason());
    }

    @Test
    void requestsAreChecked() {
        jobs("", entry -> TaskOutcome.success(200));
        BatchJob.Request good = request(false, "etag-1", 1);
        assertEquals("BadRequestException", assertThrows(course.sandbox.service.ServiceException.class,
                () -> jobs.create("000000000000", "us-east-1", new BatchJob.Request(null, -1, ROLE, false, good.manifest(),
                        good.operation(), good.report(), List.of(), "t"))).code());
        assertEquals("BadRequestException", assertThrows(course.sandbox.service.ServiceException.class,
                () -> jobs.create("000000000000", "us-east-1", new BatchJob.Request(null, 1, "not-a-role", false, good.manifest(),
                        good.operation(), good.report(), List.of(), "t"))).code());
        JobManifest inventory = new JobManifest("S3InventoryReport_CSV_20161130", List.of(), "arn:aws:s3:::data/m.json", null, "e");
        assertEquals("NotImplemented", assertThrows(course.sandbox.service.ServiceException.class,
                () -> jobs.create("000000000000", "us-east-1", new BatchJob.Request(null, 1, ROLE, false, inventory,
                        good.operation(), good.report(), List.of(), "t"))).code());
        assertEquals("NotFoundException", assertThrows(course.sandbox.service.ServiceException.class,
                () -> jobs.describe("000000000000", "no-such-job")).code());
    }
}
