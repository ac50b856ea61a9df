///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:lambda
//DEPS com.amazonaws:aws-lambda-java-core:1.4.0
//SOURCES ../lib/DemoCommand.java
//SOURCES LambdaDemo.java
//FILES handlers/Busy.java=handlers/Busy.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

@Command(name = "lambda-concurrency", mixinStandardHelpOptions = true,
        description = {"Concurrency and limits: reserved concurrency throttling (429), provisioned concurrency removing the",
                "cold start, and the limits hit on purpose: a payload over 6 MB and a timeout."})
class lambda_concurrency implements Callable<Integer> {

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new lambda_concurrency(), args);
    }

    @Override
    public Integer call() throws Exception {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String name = Demo.uniqueName("course-concurrency");
        ExecutorService callers = Executors.newFixedThreadPool(3);
        // No retries: a throttled call shows its 429 instead of being retried by the SDK.
        try (IamClient iam = IamClient.builder().build();
             LambdaClient lambda = LambdaClient.builder()
                     .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build()) {
            try {
                Demo.step("Create the function from handlers/Busy.java (timeout 3 s)");
                byte[] zip = LambdaDemo.buildZip(List.of("handlers/Busy.java"), List.of(), "");
                String roleArn = LambdaDemo.createRole(iam, name, cleanup);
                LambdaDemo.createFunction(lambda, CreateFunctionRequest.builder().functionName(name).runtime(Runtime.JAVA21)
                        .role(roleArn).handler("concurrency.Busy::handleRequest").memorySize(512).timeout(3)
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).build(), cleanup);

                Demo.step("Reserved concurrency 1, then three invocations at once (each busy 1.5 s)");
                lambda.putFunctionConcurrency(r -> r.functionName(name).reservedConcurrentExecutions(1));
                invoke(lambda, name, 0);
                burst(lambda, name, callers).forEach(line -> Demo.say(line));

                Demo.step("No reservation: the same burst, each call in an environment of its own");
                lambda.deleteFunctionConcurrency(r -> r.functionName(name));
                burst(lambda, name, callers).forEach(line -> Demo.say(line));

                Demo.step("Provisioned concurrency: version 1 behind alias 'prod', one environment started ahead");
                String version = lambda.publishVersion(r -> r.functionName(name)).version();
                lambda.createAlias(r -> r.functionName(name).name("prod").functionVersion(version));
                lambda.putProvisionedConcurrencyConfig(r -> r.functionName(name).qualifier("prod").provisionedConcurrentExecutions(1));
                cleanup.add("provisioned concurrency of " + name + ":prod",
                        () -> lambda.deleteProvisionedConcurrencyConfig(r -> r.functionName(name).qualifier("prod")));
                Demo.show("Status", waitReady(lambda, name) + (target.isSandbox() ? "" : " (AWS takes a minute or two)"));
                InvokeResponse warm = lambda.invoke(r -> r.functionName(name + ":prod").logType(LogType.TAIL)
                        .payload(LambdaDemo.json("{\"millis\":0}")));
                Demo.show("REPORT", LambdaDemo.reportLine(warm.logResult()));
                Demo.say("No Init Duration: the INIT phase ran before the first call.");

                Demo.step("Limits, hit on purpose: a 7 MB payload, then a call longer than the 3 s timeout");
                try {
                    lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String("\"" + "x".repeat(7 * 1024 * 1024) + "\"")));
                } catch (LambdaException tooLarge) {
                    Demo.show("Error", tooLarge.statusCode() + " " + tooLarge.awsErrorDetails().errorCode() + ": "
                            + tooLarge.awsErrorDetails().errorMessage());
                }
                InvokeResponse late = lambda.invoke(r -> r.functionName(name).logType(LogType.TAIL).payload(LambdaDemo.json("{\"millis\":5000}")));
                Demo.show("X-Amz-Function-Error", late.functionError());
                Demo.show("Payload", late.payload().asUtf8String());
                Demo.show("REPORT", LambdaDemo.reportLine(late.logResult()));
            } finally {
                callers.shutdownNow();
                cleanup.run();
            }
        }
        return 0;
    }

    private static String invoke(LambdaClient lambda, String name, long millis) {
        return lambda.invoke(r -> r.functionName(name).payload(LambdaDemo.json("{\"millis\":" + millis + "}"))).payload().asUtf8String();
    }

    /** Three calls at the same moment; each line says how one ended. */
    private static List<String> burst(LambdaClient lambda, String name, ExecutorService callers) throws Exception {
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int call = i;
            calls.add(callers.submit(() -> {
                try {
                    return "call " + call + ": 200 " + invoke(lambda, name, 1500);
                } catch (TooManyRequestsException throttled) {
                    return "call " + call + ": " + throttled.statusCode() + " TooManyRequestsException, Reason "
                            + throttled.reasonAsString();
                } catch (SdkClientException unreachable) {
                    return "call " + call + ": " + Demo.firstLine(unreachable.getMessage());
                }
            }));
        }
        List<String> lines = new ArrayList<>();
        for (Future<String> call : calls) {
            lines.add(call.get().replaceAll("environment [0-9a-f]{8}", "an environment"));
        }
        lines.sort(String::compareTo);
        return lines;
    }

    private static String waitReady(LambdaClient lambda, String name) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (true) {
            ProvisionedConcurrencyStatusEnum status = lambda.getProvisionedConcurrencyConfig(r -> r.functionName(name)
                    .qualifier("prod")).status();
            if (status != ProvisionedConcurrencyStatusEnum.IN_PROGRESS || Instant.now().isAfter(deadline)) {
                return status.toString();
            }
            LambdaDemo.sleep(Duration.ofMillis(500));
        }
    }
}
