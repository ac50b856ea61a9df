///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:iam
//SOURCES ../../../../scripts/lib/Demo.java
//SOURCES ../../../../scripts/lib/SandboxFaults.java

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Demo.whilePropagating against the sandbox, for WhilePropagatingTest: a fault rule answers STS
 * GetCallerIdentity with 403 AccessDenied the next FAILURES times for a user of this run's own;
 * prints how the call ended, after how many calls and how long.
 * Usage: propagation.java FAILURES ERROR_CODE_TO_REPEAT [UP_TO_SECONDS]   (without: the 30 s default)
 */
class propagation {
    public static void main(String[] args) {
        int failures = Integer.parseInt(args[0]);
        String repeatOn = args[1];
        Demo.Target target = Demo.target();
        SandboxFaults faults = SandboxFaults.of(target);
        try (IamClient iam = IamClient.builder().build()) {
            String user = Demo.uniqueName("course-propagation");
            String userArn = iam.createUser(r -> r.userName(user)).user().arn();
            AccessKey key = iam.createAccessKey(r -> r.userName(user)).accessKey();
            String rule = faults.add("{\"service\":\"sts\",\"operation\":\"GetCallerIdentity\",\"principal\":\"" + userArn
                    + "\",\"status\":403,\"code\":\"AccessDenied\",\"message\":\"not yet\",\"count\":" + failures + "}");
            // No SDK retries: one call is one request, so the count below is whilePropagating's own.
            AtomicInteger calls = new AtomicInteger();
            long start = System.nanoTime();
            try (StsClient sts = StsClient.builder()
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
                java.util.function.Supplier<String> call = () -> {
                    calls.incrementAndGet();
                    return sts.getCallerIdentity().arn();
                };
                String arn = args.length > 2 ? Demo.whilePropagating(Duration.ofSeconds(Long.parseLong(args[2])), call, repeatOn)
                        : Demo.whilePropagating(call, repeatOn);
                System.out.println("answered " + arn + " after " + calls + " call(s) in " + millisSince(start) + " ms");
            } catch (AwsServiceException e) {
                System.out.println("thrown " + e.awsErrorDetails().errorCode() + " after " + calls + " call(s) in " + millisSince(start) + " ms");
            } finally {
                faults.remove(rule);
                iam.deleteAccessKey(r -> r.userName(user).accessKeyId(key.accessKeyId()));
                iam.deleteUser(r -> r.userName(user));
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
