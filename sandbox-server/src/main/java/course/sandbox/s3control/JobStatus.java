package course.sandbox.s3control;

/**
 * A Batch Operations job's status. A job goes New → Preparing → (Suspended until confirmed) →
 * Ready → Active → Complete, or ends Failed (through Failing) or Cancelled (through Cancelling).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-job-status.html
 */
public enum JobStatus {
    Active, Cancelled, Cancelling, Complete, Completing, Failed, Failing, New, Paused, Pausing, Preparing, Ready, Suspended;

    public boolean terminal() {
        return this == Complete || this == Cancelled || this == Failed;
    }
}
