package course.sandbox.service;

/**
 * The pipeline's authorize step, handed to {@link AwsService#handle} for the permissions only
 * the handling can name (each key of an S3 DeleteObjects batch). It decides exactly as the
 * pipeline decides an operation's permissions and records each decision in the request's trace;
 * what a denial means is the service's to answer.
 */
@FunctionalInterface
public interface Authorization {

    boolean allows(Permission permission);
}
