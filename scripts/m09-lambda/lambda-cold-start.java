///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:lambda
//DEPS software.amazon.awssdk:cloudwatchlogs
//DEPS com.amazonaws:aws-lambda-java-core:1.4.0
//SOURCES ../lib/DemoCommand.java
//SOURCES LambdaDemo.java
//FILES handlers/ColdStart.java=handlers/ColdStart.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "lambda-cold-start", mixinStandardHelpOptions = true,
        description = {"A Java function invoked twice: the INIT phase (static code) runs once, Init Duration shows in the",
                "first REPORT line only; after a configuration update the next invocation starts a new environment."})
class lambda_cold_start implements Callable<Integer> {

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new lambda_cold_start(), args);
    }

    @Override
    public Integer call() {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String name = Demo.uniqueName("course-cold-start");
        try (IamClient iam = IamClient.builder().build();
             LambdaClient lambda = LambdaClient.create();
             CloudWatchLogsClient logs = CloudWatchLogsClient.create()) {
            try {
                Demo.step("Build the deployment package from handlers/ColdStart.java");
                byte[] zip = LambdaDemo.buildZip(List.of("handlers/ColdStart.java"), List.of(), "");
                Demo.show("Package", zip.length + " bytes (.zip of the compiled classes)");

                Demo.step("Create the execution role and the function (java21, 512 MB)");
                String roleArn = LambdaDemo.createRole(iam, name, cleanup);
                LambdaDemo.createFunction(lambda, software.amazon.awssdk.services.lambda.model.CreateFunctionRequest.builder()
                        .functionName(name).runtime(Runtime.JAVA21).role(roleArn).memorySize(512).timeout(15)
                        .handler("coldstart.ColdStart::handleRequest")
                        .code(c -> c.zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(zip))).build(), cleanup);
                cleanup.add("log group /aws/lambda/" + name, () -> logs.deleteLogGroup(r -> r.logGroupName("/aws/lambda/" + name)));
                Demo.show("Function", name + " is Active");

                Demo.step("Invoke it: the first invocation is a cold start");
                InvokeResponse first = invoke(lambda, name, "Ada");
                Demo.show("Answer", first.payload().asUtf8String());
                Demo.show("REPORT", LambdaDemo.reportLine(first.logResult()));
                Demo.say("Init Duration: the JVM started and ran the class's static code before the handler.");

                Demo.step("Invoke it again: warm, the same environment, no INIT");
                InvokeResponse second = invoke(lambda, name, "Grace");
                Demo.show("Answer", second.payload().asUtf8String());
                Demo.show("REPORT", LambdaDemo.reportLine(second.logResult()));
                Demo.say(LambdaDemo.tail(second.logResult()).contains("Init Duration")
                        ? "Another environment answered (Lambda may start more than one)."
                        : "No Init Duration: the static state (and the invocation counter) survived.");

                Demo.step("Change the configuration: the next invocation needs a new environment");
                lambda.updateFunctionConfiguration(r -> r.functionName(name).environment(e -> e.variables(Map.of("GREETING", "bonjour"))));
                lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(name));
                InvokeResponse third = invoke(lambda, name, "Alan");
                Demo.show("Answer", third.payload().asUtf8String());
                Demo.show("REPORT", LambdaDemo.reportLine(third.logResult()));

                Demo.step("The same lines in CloudWatch Logs, log group /aws/lambda/" + name);
                for (FilteredLogEvent event : reports(logs, name)) {
                    Demo.say(event.message().replace('\t', ' ').strip());
                }
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private static InvokeResponse invoke(LambdaClient lambda, String name, String who) {
        return lambda.invoke(r -> r.functionName(name).logType(LogType.TAIL).payload(LambdaDemo.json("{\"name\":\"" + who + "\"}")));
    }

    /** The REPORT lines, once Lambda has shipped them (on AWS that takes a few seconds). */
    private static List<FilteredLogEvent> reports(CloudWatchLogsClient logs, String name) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                List<FilteredLogEvent> events = logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/" + name)
                        .filterPattern("REPORT")).events();
                if (events.size() >= 3 || Instant.now().isAfter(deadline)) {
                    return events;
                }
            } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    return List.of();
                }
            }
            LambdaDemo.sleep(Duration.ofSeconds(2));
        }
    }
}
