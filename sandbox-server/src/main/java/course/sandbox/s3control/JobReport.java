package course.sandbox.s3control;

/**
 * Where and what a job's completion report is.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-job-status.html#batch-ops-completion-report
 *
 * @param bucketArn arn:aws:s3:::BUCKET, or null when disabled
 * @param scope     AllTasks or FailedTasksOnly
 */
public record JobReport(boolean enabled, String bucketArn, String format, String prefix, String scope) {
    public static final String FORMAT = "Report_CSV_20180820";

    public String bucket() {
        return bucketArn.substring(bucketArn.lastIndexOf(':') + 1);
    }

    public boolean failedTasksOnly() {
        return "FailedTasksOnly".equals(scope);
    }
}
