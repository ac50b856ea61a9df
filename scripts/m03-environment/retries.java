///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:sts
//SOURCES ../lib/DemoCommand.java
//SOURCES ../lib/SandboxFaults.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "retries", mixinStandardHelpOptions = true,
        description = {"SDK retries against a sandbox that throttles on demand: one operation under the retry modes LEGACY,",
                "STANDARD and ADAPTIVE_V2, each attempt and backoff as it happens, retries running out, more attempts,",
                "and which errors the SDK retries (throttling, 5xx) and which not (4xx). Needs the local sandbox."})
class retries implements Callable<Integer> {
    private static final String OPERATION = "GetCallerIdentity";

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();
    private Demo.Target target;
    private SandboxFaults faults;
    private String callerArn;
    private StaticCredentialsProvider caller;

    public static void main(String[] args) {
        DemoCommand.main(new retries(), args);
    }

    @Override
    public Integer call() {
        target = targetOptions.resolve();
        System.out.println(target.describe());
        faults = SandboxFaults.of(target);
        // IAM is global: its client has no create(); the builder takes the default region's partition.
        try (IamClient iam = IamClient.builder().build()) {
            try {
                run(iam);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private void run(IamClient iam) {
        Demo.step("A caller of our own, so the fault rules hit only this demo's calls");
        String userName = Demo.uniqueName("course-retries");
        callerArn = iam.createUser(r -> r.userName(userName)).user().arn();
        cleanup.add("user " + userName, () -> iam.deleteUser(r -> r.userName(userName)));
        AccessKey key = iam.createAccessKey(r -> r.userName(userName)).accessKey();
        cleanup.add("access key " + key.accessKeyId(), () -> iam.deleteAccessKey(r -> r.userName(userName).accessKeyId(key.accessKeyId())));
        caller = StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
        Demo.show("Caller", callerArn);
        Demo.show("Operation", "STS " + OPERATION + " (needs no permission, so only the injected faults fail it)");

        for (RetryMode mode : List.of(RetryMode.STANDARD, RetryMode.LEGACY, RetryMode.ADAPTIVE_V2)) {
            RetryStrategy strategy = AwsRetryStrategy.forRetryMode(mode);
            Demo.step("RetryMode." + mode + ": the next 2 calls are throttled; the SDK makes up to " + strategy.maxAttempts() + " attempts");
            addRule("throttling", 2);
            call(strategy);
        }
        Demo.say("STANDARD and ADAPTIVE_V2 back off longer after throttling than after other errors; ADAPTIVE_V2 also");
        Demo.say("slows the client's own sending rate once it has been throttled. A client built without a retry");
        Demo.say("strategy uses AWS_RETRY_MODE or the profile's retry_mode, else LEGACY.");

        Demo.step("Attempts run out: 5 throttled calls, RetryMode.STANDARD (3 attempts)");
        String rule = addRule("throttling", 5);
        call(AwsRetryStrategy.forRetryMode(RetryMode.STANDARD));
        faults.remove(rule);

        Demo.step("More attempts: 4 throttled calls, STANDARD with maxAttempts(5)");
        addRule("throttling", 4);
        call(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(5).build());

        Demo.step("Which errors does the SDK retry? One failing call of each kind, RetryMode.STANDARD");
        for (String kind : List.of("throttling", "server-error", "unavailable", "client-error")) {
            Demo.say(kind + ":");
            addRule(kind, 1);
            call(AwsRetryStrategy.forRetryMode(RetryMode.STANDARD));
        }
        Demo.say("Throttling and 5xx answers are retried; other 4xx answers are the caller's mistake, so they are not.");
    }

    /** Adds a rule for the caller's calls of the operation; removed again at the end. */
    private String addRule(String kind, int count) {
        String id = faults.add("{\"service\":\"sts\",\"operation\":\"" + OPERATION + "\",\"principal\":\"" + callerArn
                + "\",\"error\":\"" + kind + "\",\"count\":" + count + "}");
        cleanup.add("fault rule " + id, () -> faults.remove(id));
        return id;
    }

    /** One call with the strategy; every attempt and wait is printed as it happens. */
    private void call(RetryStrategy strategy) {
        AttemptPrinter printer = new AttemptPrinter();
        try (StsClient sts = StsClient.builder().credentialsProvider(caller)
                .overrideConfiguration(o -> o.retryStrategy(strategy).addExecutionInterceptor(printer)).build()) {
            long start = System.nanoTime();
            try {
                sts.getCallerIdentity();
                Demo.show("Result", "success after " + printer.attempts + " attempt(s), " + millisSince(start) + " ms in all");
            } catch (AwsServiceException e) {
                Demo.show("Result", "failed after " + printer.attempts + " attempt(s), " + millisSince(start) + " ms: "
                        + e.statusCode() + " " + e.awsErrorDetails().errorCode() + " (to the SDK: "
                        + (e.isThrottlingException() ? "throttling" : e.statusCode() >= 500 ? "server error" : "client error") + ")");
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /**
     * Prints each attempt: the SDK's attempt number (its amz-sdk-request header), the wait before it,
     * and the answer's status and error code. Interceptors see every attempt, not just the call.
     */
    static final class AttemptPrinter implements ExecutionInterceptor {
        private static final Pattern CODE = Pattern.compile("<Code>([^<]+)</Code>");
        int attempts;
        private long attemptStart;
        private long lastEnd;

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            attempts++;
            attemptStart = System.nanoTime();
            if (lastEnd != 0) {
                Demo.say("   … waited " + (attemptStart - lastEnd) / 1_000_000 + " ms (backoff)");
            }
        }

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            lastEnd = System.nanoTime();
            int status = context.httpResponse().statusCode();
            String header = context.httpRequest().firstMatchingHeader("amz-sdk-request").orElse("attempt=" + attempts);
            String line = "   " + header + " → " + status + " (" + (lastEnd - attemptStart) / 1_000_000 + " ms)";
            if (status < 400 || context.responseBody().isEmpty()) {
                Demo.say(line);
                return context.responseBody();
            }
            try (InputStream body = context.responseBody().get()) {
                byte[] bytes = body.readAllBytes();
                Matcher code = CODE.matcher(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                Demo.say(line + (code.find() ? " " + code.group(1) : ""));
                return Optional.of(new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
