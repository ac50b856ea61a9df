package course.sandbox.s3control;

import course.sandbox.s3.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One Batch Operations job: what CreateJob asked for, where it is in its lifecycle, and its
 * tasks' outcomes so far. Its state changes only under its own lock: by {@link BatchJobs} as the
 * job is prepared and run, and by UpdateJobStatus / UpdateJobPriority.
 */
public final class BatchJob {
    /** What CreateJob asked for. */
    public record Request(String description, int priority, String roleArn, boolean confirmationRequired,
                          JobManifest manifest, JobOperation operation, JobReport report, List<Tag> tags,
                          String clientRequestToken) {
        public Request {
            tags = List.copyOf(tags);
        }
    }

    /** A FailureReasons entry. */
    public record Failure(String code, String reason) {
    }

    /** One task and its outcome, a row of the completion report. */
    public record TaskResult(JobManifest.Entry entry, TaskOutcome outcome) {
    }

    private final String id;
    private final String account;
    private final String region;
    private final Instant creationTime;
    private final Request request;
    private int priority;
    private JobStatus status = JobStatus.New;
    private String statusUpdateReason;
    private Instant terminationDate;
    private Instant suspendedDate;
    private String suspendedCause;
    private final List<Failure> failures = new ArrayList<>();
    private List<JobManifest.Entry> tasks;
    private JobRoles.Session session;
    private final List<TaskResult> results = new ArrayList<>();
    private long succeeded;
    private long failed;
    private long activeStartNanos;
    private long activeNanos;

    BatchJob(String id, String account, String region, Instant creationTime, Request request) {
        this.id = id;
        this.account = account;
        this.region = region;
        this.creationTime = creationTime;
        this.request = request;
        this.priority = request.priority();
    }

    public String id() {
        return id;
    }

    public String account() {
        return account;
    }

    public String region() {
        return region;
    }

    public String arn() {
        return "arn:aws:s3:" + region + ":" + account + ":job/" + id;
    }

    public Instant creationTime() {
        return creationTime;
    }

    public Request request() {
        return request;
    }

    public synchronized int priority() {
        return priority;
    }

    synchronized void priority(int value) {
        priority = value;
    }

    public synchronized JobStatus status() {
        return status;
    }

    public synchronized String statusUpdateReason() {
        return statusUpdateReason;
    }

    public synchronized Instant terminationDate() {
        return terminationDate;
    }

    public synchronized Instant suspendedDate() {
        return suspendedDate;
    }

    public synchronized String suspendedCause() {
        return suspendedCause;
    }

    public synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** TotalNumberOfTasks: known once the manifest is read, null before. */
    public synchronized Long totalTasks() {
        return tasks == null ? null : (long) tasks.size();
    }

    public synchronized long succeeded() {
        return succeeded;
    }

    public synchronized long failed() {
        return failed;
    }

    public synchronized long elapsedActiveSeconds() {
        long nanos = activeNanos + (status == JobStatus.Active || status == JobStatus.Cancelling || status == JobStatus.Failing
                ? System.nanoTime() - activeStartNanos : 0);
        return Duration.ofNanos(nanos).toSeconds();
    }

    synchronized List<TaskResult> results() {
        return List.copyOf(results);
    }

    synchronized List<JobManifest.Entry> tasks() {
        return tasks;
    }

    synchronized JobRoles.Session session() {
        return session;
    }

    synchronized void status(JobStatus next, Instant now) {
        if (status == JobStatus.Active || status == JobStatus.Cancelling || status == JobStatus.Failing) {
            if (next != JobStatus.Active && next != JobStatus.Cancelling && next != JobStatus.Failing) {
                activeNanos += System.nanoTime() - activeStartNanos;
            }
        } else if (next == JobStatus.Active) {
            activeStartNanos = System.nanoTime();
        }
        status = next;
        if (next.terminal()) {
            terminationDate = now;
        }
        if (next == JobStatus.Suspended) {
            suspendedDate = now;
            suspendedCause = "AwaitingConfirmation";
        }
    }

    /** Moves from {@code expected} to {@code next}; false when the job is no longer where it was (cancelled meanwhile). */
    synchronized boolean advance(JobStatus expected, JobStatus next, Instant now) {
        if (status != expected) {
            return false;
        }
        status(next, now);
        return true;
    }

    synchronized void statusUpdateReason(String reason) {
        statusUpdateReason = reason;
    }

    synchronized void prepared(JobRoles.Session roleSession, List<JobManifest.Entry> entries) {
        session = roleSession;
        tasks = List.copyOf(entries);
    }

    synchronized void fail(JobFailure failure, Instant now) {
        failures.add(new Failure(failure.code(), failure.getMessage()));
        status(JobStatus.Failed, now);
    }

    synchronized void record(JobManifest.Entry entry, TaskOutcome outcome) {
        results.add(new TaskResult(entry, outcome));
        if (outcome.succeeded()) {
            succeeded++;
        } else {
            failed++;
        }
    }

    /** Whether the job should start no further tasks: cancelled or failing. */
    synchronized boolean stopping() {
        return status == JobStatus.Cancelling || status == JobStatus.Failing || status.terminal();
    }

    synchronized void addFailure(String code, String reason) {
        failures.add(new Failure(code, reason));
    }

    boolean sameRequestAs(Request other) {
        return Objects.equals(request, other);
    }
}
