///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:s3
//DEPS software.amazon.awssdk:s3control
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:iam-policy-builder
//SOURCES ../lib/DemoCommand.java
//SOURCES ../lib/S3Demo.java
//SOURCES ../lib/LocalEndpoints.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamStatement;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobProgressSummary;
import software.amazon.awssdk.services.s3control.model.JobStatus;
import software.amazon.awssdk.services.s3control.model.S3Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

@Command(name = "batch-ops", mixinStandardHelpOptions = true,
        description = {"S3 Batch Operations: a few hundred objects, a CSV manifest, an IAM role for the job, CreateJob with",
                "confirmation, the job's progress as it runs, the completion report read back, and tasks that fail",
                "because the role lacks a permission."})
class batch_ops implements Callable<Integer> {
    private static final Set<JobStatus> ENDED = EnumSet.of(JobStatus.COMPLETE, JobStatus.FAILED, JobStatus.CANCELLED);
    private static final String MANIFEST = "manifests/tag-job.csv";

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    @Option(names = "--objects", paramLabel = "N", defaultValue = "300", description = "How many objects the job tags (default: ${DEFAULT-VALUE}); every tenth is in archive/.")
    int objects;

    /** Everything this run created, undone in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new batch_ops(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (objects < 1 || objects > 5000) {
            throw new Demo.UserError("--objects " + objects + ": use 1 to 5000.");
        }
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        // IAM is global: its client has no create(); the builder takes the default region's partition.
        try (S3Client s3 = S3Client.create();
             S3ControlClient control = LocalEndpoints.s3ControlClient();
             IamClient iam = IamClient.builder().build()) {
            try {
                run(target, s3, control, iam);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private void run(Demo.Target target, S3Client s3, S3ControlClient control, IamClient iam) throws Exception {
        String account = target.account();
        String bucket = Demo.uniqueName("course-batch-ops");
        String bucketArn = "arn:aws:s3:::" + bucket;

        Demo.step("A bucket with " + objects + " objects");
        S3Demo.createBucket(s3, bucket);
        cleanup.add("bucket " + bucket, () -> s3.deleteBucket(r -> r.bucket(bucket)));
        cleanup.add("objects in " + bucket, () -> S3Demo.deleteObjects(s3, bucket));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < objects; i++) {
            keys.add(i % 10 == 9 ? String.format("archive/scan %04d.pdf", i) : String.format("photos/IMG_%04d.jpg", i));
        }
        upload(s3, bucket, keys);
        long archived = keys.stream().filter(key -> key.startsWith("archive/")).count();
        Demo.show("Bucket", bucket);
        Demo.show("Objects", (objects - archived) + " in photos/, " + archived + " in archive/");

        Demo.step("The manifest: one CSV line per object, Bucket,Key (keys URL-encoded)");
        StringBuilder csv = new StringBuilder();
        keys.forEach(key -> csv.append(bucket).append(',').append(URLEncoder.encode(key, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("%2F", "/")).append('\n'));
        String etag = s3.putObject(r -> r.bucket(bucket).key(MANIFEST).contentType("text/csv"), RequestBody.fromString(csv.toString())).eTag();
        csv.toString().lines().limit(2).forEach(line -> Demo.say("  " + line));
        Demo.say("  … " + objects + " lines in s3://" + bucket + "/" + MANIFEST);
        Demo.show("Its ETag", etag + " (CreateJob names it: a changed manifest fails the job)");

        Demo.step("A role for the job: Batch Operations assumes it, and every task runs with its permissions");
        String roleName = Demo.uniqueName("course-batch-role");
        IamPolicy trust = IamPolicy.builder().addStatement(IamStatement.builder().effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipal.create("Service", "batchoperations.s3.amazonaws.com")).addAction("sts:AssumeRole").build()).build();
        String roleArn = iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(trust.toJson())).role().arn();
        cleanup.add("role " + roleName, () -> iam.deleteRole(r -> r.roleName(roleName)));
        IamPolicy permissions = IamPolicy.builder()
                .addStatement(IamStatement.builder().sid("ReadTheManifest").effect(IamEffect.ALLOW)
                        .addAction("s3:GetObject").addAction("s3:GetObjectVersion").addResource(bucketArn + "/" + MANIFEST).build())
                .addStatement(IamStatement.builder().sid("TagPhotos").effect(IamEffect.ALLOW)
                        .addAction("s3:PutObjectTagging").addResource(bucketArn + "/photos/*").build())
                .addStatement(IamStatement.builder().sid("WriteTheReport").effect(IamEffect.ALLOW)
                        .addAction("s3:PutObject").addResource(bucketArn + "/reports/*").build())
                .build();
        iam.putRolePolicy(r -> r.roleName(roleName).policyName("batch-job").policyDocument(permissions.toJson()));
        cleanup.add("the role's policy batch-job", () -> iam.deleteRolePolicy(r -> r.roleName(roleName).policyName("batch-job")));
        Demo.show("Role", roleArn);
        Demo.show("Trusts", "batchoperations.s3.amazonaws.com");
        Demo.show("May", "read the manifest, s3:PutObjectTagging on photos/*, write reports/*");
        Demo.say("Nothing allows tagging archive/*: those tasks will fail, and the report will say why.");

        Demo.step("CreateJob: tag every object project=course, with ConfirmationRequired");
        String jobId = createJob(control, account, bucket, etag, roleArn);
        Demo.show("JobId", jobId);
        JobDescriptor suspended = await(control, account, jobId, EnumSet.of(JobStatus.SUSPENDED, JobStatus.FAILED), target);
        Demo.show("Status", suspended.status() + (suspended.status() == JobStatus.SUSPENDED ? " (the manifest is read, the job waits for you)" : ""));
        if (suspended.status() != JobStatus.SUSPENDED) {
            suspended.failureReasons().forEach(reason -> Demo.show("Failure", reason.failureCode() + ": " + reason.failureReason()));
            return;
        }
        Demo.show("Tasks", suspended.progressSummary().totalNumberOfTasks());

        Demo.step("Confirm (UpdateJobStatus Ready), then watch it run");
        control.updateJobStatus(r -> r.accountId(account).jobId(jobId).requestedJobStatus("Ready")
                .statusUpdateReason("confirmed by the batch-ops demo"));
        JobDescriptor done = watch(control, account, jobId, target);
        Demo.show("Status", done.status());
        Demo.show("Succeeded", done.progressSummary().numberOfTasksSucceeded());
        Demo.show("Failed", done.progressSummary().numberOfTasksFailed());

        Demo.step("The completion report, read back from s3://" + bucket + "/reports/");
        String folder = "reports/job-" + jobId + "/";
        JsonNode manifest = JsonNode.parser().parse(s3.getObjectAsBytes(r -> r.bucket(bucket).key(folder + "manifest.json")).asUtf8String());
        Demo.show("manifest.json", text(manifest, "Format") + " · " + text(manifest, "ReportSchema"));
        for (JsonNode result : manifest.field("Results").map(JsonNode::asArray).orElse(List.of())) {
            String key = text(result, "Key");
            String status = text(result, "TaskExecutionStatus");
            List<String> rows = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String().lines().toList();
            Demo.show(status + " tasks", rows.size() + " rows in " + key.substring(folder.length()));
            Demo.say("  " + rows.get(0));
            if (status.equals("failed")) {
                Demo.say("The role has no s3:PutObjectTagging on archive/*: each of those tasks failed with S3's AccessDenied.");
            }
        }

        Demo.step("The objects themselves");
        String photo = keys.get(0);
        Demo.show(photo, s3.getObjectTagging(r -> r.bucket(bucket).key(photo)).tagSet().stream()
                .map(tag -> tag.key() + "=" + tag.value()).toList());
        keys.stream().filter(key -> key.startsWith("archive/")).findFirst().ifPresent(scan -> Demo.show(scan,
                s3.getObjectTagging(r -> r.bucket(bucket).key(scan)).tagSet().stream().map(tag -> tag.key() + "=" + tag.value()).toList()));
    }

    private static String text(JsonNode node, String field) {
        return node.field(field).map(JsonNode::asString).orElse("");
    }

    /**
     * On AWS a new role takes a few seconds before S3 may pass it to a job (BadRequestException until
     * then): the SDK's generic Waiter repeats CreateJob, with the same ClientRequestToken, every 3 s
     * for up to a minute. Any other error is thrown as it is.
     */
    private static String createJob(S3ControlClient control, String account, String bucket, String etag, String roleArn) {
        String token = UUID.randomUUID().toString();
        Waiter<String> waiter = Waiter.builder(String.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(jobId -> true))
                .addAcceptor(WaiterAcceptor.retryOnExceptionAcceptor(error -> error instanceof AwsServiceException e
                        && e.awsErrorDetails() != null && e.awsErrorDetails().errorCode().equals("BadRequestException")))
                .addAcceptor(WaiterAcceptor.successOnExceptionAcceptor(other -> true))
                .overrideConfiguration(c -> c.maxAttempts(20).backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofSeconds(3))))
                .build();
        var outcome = waiter.run(() -> control.createJob(r -> r.accountId(account).confirmationRequired(true).priority(10).roleArn(roleArn)
                .clientRequestToken(token).description("course batch-ops demo: tag every object")
                .operation(op -> op.s3PutObjectTagging(t -> t.tagSet(S3Tag.builder().key("project").value("course").build())))
                .manifest(m -> m.spec(s -> s.format("S3BatchOperations_CSV_20180820").fieldsWithStrings("Bucket", "Key"))
                        .location(l -> l.objectArn("arn:aws:s3:::" + bucket + "/" + MANIFEST).eTag(etag)))
                .report(p -> p.bucket("arn:aws:s3:::" + bucket).format("Report_CSV_20180820").enabled(true)
                        .prefix("reports").reportScope("AllTasks"))).jobId()).matched();
        if (outcome.exception().isPresent()) {
            throw outcome.exception().get() instanceof RuntimeException error ? error : new IllegalStateException(outcome.exception().get());
        }
        return outcome.response().orElseThrow();
    }

    /** DescribeJob until the job reaches one of {@code statuses} or ends: S3 Control has no job waiter, so the SDK's generic one. */
    private static JobDescriptor await(S3ControlClient control, String account, String jobId, Set<JobStatus> statuses, Demo.Target target) {
        Waiter<JobDescriptor> waiter = Waiter.builder(JobDescriptor.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(job -> statuses.contains(job.status()) || ENDED.contains(job.status())))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(job -> true))
                .overrideConfiguration(c -> c.maxAttempts(Integer.MAX_VALUE).waitTimeout(Duration.ofMinutes(15))
                        .backoffStrategyV2(BackoffStrategy.fixedDelay(pollInterval(target))))
                .build();
        return waiter.run(() -> control.describeJob(r -> r.accountId(account).jobId(jobId)).job()).matched().response().orElseThrow();
    }

    /** Prints a line whenever the job's progress or status changes, until it ends. */
    private static JobDescriptor watch(S3ControlClient control, String account, String jobId, Demo.Target target) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        String last = "";
        while (true) {
            JobDescriptor job = control.describeJob(r -> r.accountId(account).jobId(jobId)).job();
            JobProgressSummary progress = job.progressSummary();
            long total = progress.totalNumberOfTasks();
            long done = progress.numberOfTasksSucceeded() + progress.numberOfTasksFailed();
            int filled = total == 0 ? 20 : (int) (20 * done / total);
            String line = String.format("[%s] %d/%d tasks · %d succeeded · %d failed · %s", "#".repeat(filled) + "-".repeat(20 - filled),
                    done, total, progress.numberOfTasksSucceeded(), progress.numberOfTasksFailed(), job.status());
            if (!line.equals(last)) {
                Demo.say(line);
                last = line;
            }
            if (ENDED.contains(job.status()) || Instant.now().isAfter(deadline)) {
                return job;
            }
            sleep(pollInterval(target));
        }
    }

    private static Duration pollInterval(Demo.Target target) {
        return target.isSandbox() ? Duration.ofMillis(40) : Duration.ofSeconds(5);
    }

    private static void upload(S3Client s3, String bucket, List<String> keys) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (String key : keys) {
                uploads.add(pool.submit(() -> s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("object " + key))));
            }
            for (Future<?> upload : uploads) {
                upload.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Demo.UserError("Interrupted.");
        }
    }
}
