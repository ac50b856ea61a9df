///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:lambda
//DEPS com.amazonaws:aws-lambda-java-core:1.4.0
//SOURCES ../lib/DemoCommand.java
//SOURCES LambdaDemo.java
//FILES handlers/Versioned.java=handlers/Versioned.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "lambda-versions", mixinStandardHelpOptions = true,
        description = {"Versions and aliases: publish two immutable versions, point an alias at one, send a share of",
                "the traffic to the other (a canary, counted over many invocations), then shift all traffic."})
class lambda_versions implements Callable<Integer> {

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    @Option(names = "--invocations", defaultValue = "50", description = "Invocations through the weighted alias (default: ${DEFAULT-VALUE}).")
    int invocations;

    @Option(names = "--canary", defaultValue = "0.2", description = "Share of traffic for version 2 (default: ${DEFAULT-VALUE}).")
    double canary;

    public static void main(String[] args) {
        DemoCommand.main(new lambda_versions(), args);
    }

    @Override
    public Integer call() {
        if (invocations < 1 || invocations > 1000 || canary <= 0 || canary >= 1) {
            throw new Demo.UserError("Use --invocations from 1 to 1000 and a --canary share between 0 and 1, e.g. 0.2.");
        }
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String name = Demo.uniqueName("course-versions");
        try (IamClient iam = IamClient.builder().build();
             LambdaClient lambda = LambdaClient.create()) {
            try {
                Demo.step("Create the function from handlers/Versioned.java, MESSAGE=classic");
                byte[] zip = LambdaDemo.buildZip(List.of("handlers/Versioned.java"), List.of(), "");
                String roleArn = LambdaDemo.createRole(iam, name, cleanup);
                LambdaDemo.createFunction(lambda, CreateFunctionRequest.builder().functionName(name).runtime(Runtime.JAVA21)
                        .role(roleArn).handler("versions.Versioned::handleRequest").memorySize(512).timeout(15)
                        .environment(e -> e.variables(Map.of("MESSAGE", "classic")))
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).build(), cleanup);

                Demo.step("Publish version 1: an immutable snapshot of code and configuration");
                String v1 = lambda.publishVersion(r -> r.functionName(name).description("classic")).version();
                Demo.show("Version", v1 + " · " + lambda.getFunctionConfiguration(r -> r.functionName(name).qualifier(v1)).functionArn());

                Demo.step("Change $LATEST (MESSAGE=shiny) and publish version 2");
                lambda.updateFunctionConfiguration(r -> r.functionName(name).environment(e -> e.variables(Map.of("MESSAGE", "shiny"))));
                lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(name));
                String v2 = lambda.publishVersion(r -> r.functionName(name).description("shiny")).version();
                Demo.show("Version", v2);
                Demo.show("Version 1 still", invoke(lambda, name + ":" + v1).payload().asUtf8String());

                Demo.step("An alias 'live' → version " + v1 + ": callers use the alias, never a number");
                lambda.createAlias(r -> r.functionName(name).name("live").functionVersion(v1));
                InvokeResponse live = invoke(lambda, name + ":live");
                Demo.show("Answer", live.payload().asUtf8String() + " (X-Amz-Executed-Version: " + live.executedVersion() + ")");

                Demo.step("Canary: " + Math.round(canary * 100) + " % of 'live' goes to version " + v2 + " (AdditionalVersionWeights)");
                lambda.updateAlias(r -> r.functionName(name).name("live").routingConfig(c -> c.additionalVersionWeights(Map.of(v2, canary))));
                Map<String, Integer> counts = new TreeMap<>();
                for (int i = 0; i < invocations; i++) {
                    counts.merge(invoke(lambda, name + ":live").executedVersion(), 1, Integer::sum);
                }
                counts.forEach((version, count) -> Demo.show("Version " + version, count + " of " + invocations + " invocations"));

                Demo.step("Shift all traffic: 'live' → version " + v2 + ", no weights");
                lambda.updateAlias(r -> r.functionName(name).name("live").functionVersion(v2)
                        .routingConfig(c -> c.additionalVersionWeights(Map.of())));
                live = invoke(lambda, name + ":live");
                Demo.show("Answer", live.payload().asUtf8String() + " (X-Amz-Executed-Version: " + live.executedVersion() + ")");
                Demo.say("Rolling back is the same call with version " + v1 + ": nothing is redeployed.");
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private static InvokeResponse invoke(LambdaClient lambda, String qualifiedName) {
        return lambda.invoke(r -> r.functionName(qualifiedName).payload(LambdaDemo.json("{}")));
    }
}
