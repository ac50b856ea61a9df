package course.sandbox.s3control;

import course.sandbox.service.ServiceException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * S3 Batch Operations, run for real: each job's manifest is read as its role, each task is
 * carried out as its role (so a permission the role lacks is a failed task), and the completion
 * report is written to the report bucket, as its role too. Jobs are prepared on one background
 * thread and run one at a time, highest priority first, their tasks spread over a few workers;
 * all of it stops with the sandbox.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops.html
 */
public final class BatchJobs implements AutoCloseable {
    /**
     * A job that has run at least 1,000 tasks with more than half of them failed fails.
     * https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-job-status.html#batch-ops-job-status-failure
     */
    static final int FAILURE_THRESHOLD_MIN_TASKS = 1000;
    private static final Pattern ROLE_ARN = Pattern.compile("arn:[^:]+:iam::\\d{12}:role/.+");
    private static final Pattern BUCKET_ARN = Pattern.compile("arn:[^:]+:s3:::[^/]+");
    private static final Pattern OBJECT_ARN = Pattern.compile("arn:[^:]+:s3:::[^/]+/.+");

    private final Clock clock;
    private final JobRoles roles;
    private final int workerCount;
    private final Map<String, BatchJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, String> idsByToken = new ConcurrentHashMap<>();
    private final PriorityBlockingQueue<BatchJob> ready = new PriorityBlockingQueue<>(16,
            Comparator.comparingInt((BatchJob job) -> job.priority()).reversed().thenComparing(BatchJob::creationTime));
    private final ExecutorService preparation = Executors.newSingleThreadExecutor(daemon("s3-batch-prepare"));
    private final ExecutorService workers;
    private final Thread runner;

    /** @param workerCount how many tasks of a job run at once */
    public BatchJobs(Clock clock, JobRoles roles, int workerCount) {
        this.clock = clock;
        this.roles = roles;
        this.workerCount = workerCount;
        this.workers = Executors.newFixedThreadPool(workerCount, daemon("s3-batch-task"));
        this.runner = daemon("s3-batch-runner").newThread(this::runJobs);
        runner.start();
    }

    /**
     * CreateJob: checks the request, then prepares the job in the background. The same client
     * request token returns the same job; with other parameters it is an IdempotencyException.
     */
    public BatchJob create(String account, String region, BatchJob.Request request) {
        validate(request);
        String tokenKey = account + "/" + request.clientRequestToken();
        synchronized (idsByToken) {
            String existing = idsByToken.get(tokenKey);
            if (existing != null && jobs.containsKey(existing)) {
                BatchJob job = jobs.get(existing);
                if (!job.sameRequestAs(request)) {
                    throw S3ControlErrors.idempotency(request.clientRequestToken());
                }
                return job;
            }
            BatchJob job = new BatchJob(UUID.randomUUID().toString(), account, region, clock.instant(), request);
            jobs.put(job.id(), job);
            idsByToken.put(tokenKey, job.id());
            preparation.execute(() -> prepare(job));
            return job;
        }
    }

    public BatchJob describe(String account, String id) {
        BatchJob job = jobs.get(id);
        if (job == null || !job.account().equals(account)) {
            throw S3ControlErrors.noSuchJob(id);
        }
        return job;
    }

    /** ListJobs: newest first, optionally of some statuses, after the job a previous page ended with. */
    public Page list(String account, Set<JobStatus> statuses, String afterId, int maxResults) {
        if (maxResults < 0 || maxResults > 1000) {
            throw S3ControlErrors.badRequest("maxResults must be between 0 and 1000.");
        }
        int limit = maxResults == 0 ? 1000 : maxResults;
        List<BatchJob> all = jobs.values().stream()
                .filter(job -> job.account().equals(account))
                .filter(job -> statuses.isEmpty() || statuses.contains(job.status()))
                .sorted(Comparator.comparing(BatchJob::creationTime).reversed().thenComparing(BatchJob::id))
                .toList();
        int start = 0;
        if (afterId != null) {
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(afterId)) {
                    start = i + 1;
                }
            }
            if (start < 0) {
                throw new ServiceException(400, "InvalidNextTokenException",
                        "The nextToken is not valid.");
            }
        }
        List<BatchJob> page = all.subList(start, Math.min(all.size(), start + limit));
        return new Page(page, start + limit < all.size() ? page.get(page.size() - 1).id() : null);
    }

    public record Page(List<BatchJob> jobs, String nextAfterId) {
    }

    /**
     * UpdateJobStatus: Ready confirms a Suspended job; Cancelled stops a job that has not ended
     * (an Active job finishes the tasks under way, then ends Cancelled). Answers the status the
     * update set, which a Ready job may already have left for Active.
     */
    public StatusUpdate updateStatus(String account, String id, JobStatus requested, String reason) {
        BatchJob job = describe(account, id);
        synchronized (job) {
            JobStatus status = job.status();
            switch (requested) {
                case Ready -> {
                    if (status != JobStatus.Suspended) {
                        throw S3ControlErrors.jobStatus("Job " + id + " is " + status
                                + ": only a Suspended job can be confirmed (Ready).");
                    }
                    job.status(JobStatus.Ready, clock.instant());
                    ready.add(job);
                }
                case Cancelled -> {
                    if (status.terminal()) {
                        throw S3ControlErrors.jobStatus("Job " + id + " is " + status + " and cannot be cancelled.");
                    }
                    ready.remove(job);
                    job.status(status == JobStatus.Active ? JobStatus.Cancelling : JobStatus.Cancelled, clock.instant());
                }
                default -> throw S3ControlErrors.badRequest("RequestedJobStatus must be Ready or Cancelled.");
            }
            if (reason != null) {
                job.statusUpdateReason(reason);
            }
            return new StatusUpdate(job.id(), job.status(), job.statusUpdateReason());
        }
    }

    /** What UpdateJobStatus answers. */
    public record StatusUpdate(String jobId, JobStatus status, String reason) {
    }

    public BatchJob updatePriority(String account, String id, int priority) {
        if (priority < 0) {
            throw S3ControlErrors.badRequest("Priority must be a non-negative integer.");
        }
        BatchJob job = describe(account, id);
        synchronized (job) {
            boolean queued = ready.remove(job);
            job.priority(priority);
            if (queued) {
                ready.add(job);
            }
        }
        return job;
    }

    /** Drops every job; one running stops after the tasks under way. */
    public void reset() {
        ready.clear();
        for (BatchJob job : jobs.values()) {
            synchronized (job) {
                if (!job.status().terminal()) {
                    job.status(JobStatus.Cancelled, clock.instant());
                }
            }
        }
        jobs.clear();
        idsByToken.clear();
    }

    @Override
    public void close() {
        runner.interrupt();
        preparation.shutdownNow();
        workers.shutdownNow();
    }

    // ------------------------------------------------------------------ the lifecycle

    private void prepare(BatchJob job) {
        if (!job.advance(JobStatus.New, JobStatus.Preparing, clock.instant())) {
            return;
        }
        try {
            BatchJob.Request request = job.request();
            JobRoles.Session session = roles.assume(request.roleArn(), job.region(), job.id());
            JobManifest manifest = request.manifest();
            JobRoles.StoredObject object = session.read(manifest.bucket(), manifest.key(), manifest.objectVersionId());
            if (!unquoted(object.etag()).equals(unquoted(manifest.etag()))) {
                throw new JobFailure("ManifestETagMismatch", "The ETag " + manifest.etag() + " given for the manifest "
                        + manifest.objectArn() + " is not the object's ETag (" + object.etag() + ").");
            }
            job.prepared(session, manifest.parse(new String(object.body(), StandardCharsets.UTF_8)));
            if (request.confirmationRequired()) {
                job.advance(JobStatus.Preparing, JobStatus.Suspended, clock.instant());
            } else if (job.advance(JobStatus.Preparing, JobStatus.Ready, clock.instant())) {
                ready.add(job);
            }
        } catch (JobFailure failure) {
            synchronized (job) {
                if (!job.status().terminal()) {
                    job.fail(failure, clock.instant());
                }
            }
        }
    }

    private void runJobs() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                BatchJob job = ready.take();
                if (job.advance(JobStatus.Ready, JobStatus.Active, clock.instant())) {
                    run(job);
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(BatchJob job) throws InterruptedException {
        List<JobManifest.Entry> tasks = job.tasks();
        JobRoles.Session session = job.session();
        JobOperation operation = job.request().operation();
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < tasks.size() && !job.stopping() && !Thread.currentThread().isInterrupted();
                 i = next.getAndIncrement()) {
                JobManifest.Entry entry = tasks.get(i);
                TaskOutcome outcome;
                try {
                    outcome = session.perform(operation, entry);
                } catch (RuntimeException unexpected) {
                    outcome = TaskOutcome.failure(500, "InternalError", String.valueOf(unexpected.getMessage()));
                }
                job.record(entry, outcome);
                checkFailureThreshold(job);
            }
        };
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < Math.min(workerCount, Math.max(1, tasks.size())); i++) {
            running.add(workers.submit(worker));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a Batch Operations worker failed", e.getCause());
            }
        }
        finish(job, session);
    }

    private void checkFailureThreshold(BatchJob job) {
        synchronized (job) {
            long done = job.succeeded() + job.failed();
            if (job.status() == JobStatus.Active && done >= FAILURE_THRESHOLD_MIN_TASKS && job.failed() * 2 > done) {
                job.addFailure("TaskFailureThresholdExceeded", "More than 50% of the job's first " + done
                        + " tasks failed: the job stops.");
                job.status(JobStatus.Failing, clock.instant());
            }
        }
    }

    /** Writes the completion report (when asked for and some task ran), then ends the job. */
    private void finish(BatchJob job, JobRoles.Session session) {
        JobStatus end;
        synchronized (job) {
            end = switch (job.status()) {
                case Active -> JobStatus.Complete;
                case Cancelling -> JobStatus.Cancelled;
                case Failing -> JobStatus.Failed;
                default -> null; // ended meanwhile (a reset)
            };
            if (end == null) {
                return;
            }
            if (end == JobStatus.Complete) {
                job.status(JobStatus.Completing, clock.instant());
            }
        }
        JobReport report = job.request().report();
        if (report.enabled() && !job.results().isEmpty()) {
            try {
                CompletionReport.files(job, clock.instant())
                        .forEach((key, body) -> session.write(report.bucket(), key,
                                body, key.endsWith(".json") ? "application/json" : "text/csv"));
            } catch (JobFailure failure) {
                job.addFailure(failure.code(), "Writing the completion report failed: " + failure.getMessage());
                end = JobStatus.Failed;
            }
        }
        job.status(end, clock.instant());
    }

    // ------------------------------------------------------------------ CreateJob's checks

    private static void validate(BatchJob.Request request) {
        if (request.clientRequestToken() == null || request.clientRequestToken().isEmpty()) {
            throw S3ControlErrors.badRequest("ClientRequestToken is required.");
        }
        if (request.priority() < 0) {
            throw S3ControlErrors.badRequest("Priority must be a non-negative integer.");
        }
        if (request.roleArn() == null || !ROLE_ARN.matcher(request.roleArn()).matches()) {
            throw S3ControlErrors.badRequest("RoleArn must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME).");
        }
        JobManifest manifest = request.manifest();
        if (manifest == null) {
            throw S3ControlErrors.badRequest("A Manifest is required.");
        }
        if (!JobManifest.CSV_FORMAT.equals(manifest.format())) {
            throw S3ControlErrors.notImplemented("Batch Operations manifests in format " + manifest.format());
        }
        if (!manifest.fields().contains("Bucket") || !manifest.fields().contains("Key")) {
            throw S3ControlErrors.badRequest("The manifest's Fields must include Bucket and Key.");
        }
        if (manifest.objectArn() == null || !OBJECT_ARN.matcher(manifest.objectArn()).matches()) {
            throw S3ControlErrors.badRequest("The manifest's ObjectArn must be an S3 object ARN (arn:aws:s3:::BUCKET/KEY).");
        }
        if (manifest.etag() == null || manifest.etag().isEmpty()) {
            throw S3ControlErrors.badRequest("The manifest's ETag is required.");
        }
        JobReport report = request.report();
        if (report.enabled()) {
            if (report.bucketArn() == null || !BUCKET_ARN.matcher(report.bucketArn()).matches()) {
                throw S3ControlErrors.badRequest("An enabled Report needs a Bucket ARN (arn:aws:s3:::BUCKET).");
            }
            if (!JobReport.FORMAT.equals(report.format())) {
                throw S3ControlErrors.badRequest("Report Format must be " + JobReport.FORMAT + ".");
            }
        }
        if (request.operation() instanceof JobOperation.PutObjectCopy copy
                && (copy.targetBucketArn() == null || !BUCKET_ARN.matcher(copy.targetBucketArn()).matches())) {
            throw S3ControlErrors.badRequest("S3PutObjectCopy needs a TargetResource bucket ARN (arn:aws:s3:::BUCKET).");
        }
    }

    static String unquoted(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
