package course.sandbox.s3control;

/**
 * Why a whole job failed (its manifest unreadable, its role refused, its report unwritable), as
 * DescribeJob's FailureReasons lists it.
 */
public final class JobFailure extends RuntimeException {
    private final String code;

    public JobFailure(String code, String reason) {
        super(reason);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
