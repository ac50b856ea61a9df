package course.sandbox.s3control;

/**
 * How a job acts in the sandbox: as its IAM role, through S3 and the one policy engine. The
 * protocol layer implements it with in-process requests, so every read, task and report write is
 * authorized with the role's permissions exactly as a signed request would be.
 */
public interface JobRoles {

    /**
     * Assumes the role for the job, as the service principal batchoperations.s3.amazonaws.com.
     *
     * @throws JobFailure when the role does not exist or its trust policy does not allow the service
     */
    Session assume(String roleArn, String region, String jobId);

    /** The job's role session. */
    interface Session {

        /** Reads an object (the manifest); a refusal or an error is a {@link JobFailure}. */
        StoredObject read(String bucket, String key, String versionId);

        /** Runs one task; a refusal or an error is the task's failed outcome. */
        TaskOutcome perform(JobOperation operation, JobManifest.Entry entry);

        /** Writes an object (a completion report file); a refusal or an error is a {@link JobFailure}. */
        void write(String bucket, String key, byte[] body, String contentType);
    }

    /** An object as read: its bytes and ETag (quoted, as S3 gives it). */
    record StoredObject(byte[] body, String etag) {
    }
}
