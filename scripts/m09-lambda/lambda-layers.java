///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:lambda
//DEPS com.amazonaws:aws-lambda-java-core:1.4.0
//SOURCES ../lib/DemoCommand.java
//SOURCES LambdaDemo.java
//FILES handlers/layers/Greetings.java=handlers/layers/Greetings.java
//FILES handlers/layers/HelloFunction.java=handlers/layers/HelloFunction.java
//FILES handlers/layers/WelcomeFunction.java=handlers/layers/WelcomeFunction.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "lambda-layers", mixinStandardHelpOptions = true,
        description = {"A shared library as a Lambda layer: published once (java/lib/greetings.jar), used by two functions",
                "whose own packages hold only their handler; a new layer version reaches only the function that asks for it."})
class lambda_layers implements Callable<Integer> {
    private static final String LIBRARY = "handlers/layers/Greetings.java";

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new lambda_layers(), args);
    }

    @Override
    public Integer call() throws Exception {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String name = Demo.uniqueName("course-layers");
        try (IamClient iam = IamClient.builder().build();
             LambdaClient lambda = LambdaClient.create()) {
            try {
                Demo.step("Build the library (edition 1) and publish it as a layer: java/lib/greetings.jar");
                byte[] library = LambdaDemo.buildZip(List.of(LIBRARY), List.of(), "", Map.of("EDITION_PLACEHOLDER", "edition 1"));
                String layer1 = publish(lambda, name, library, "edition 1");
                cleanup.add("layer version " + layer1, () -> lambda.deleteLayerVersion(r -> r.layerName(name).versionNumber(1L)));
                Demo.show("Layer version", layer1);

                Demo.step("Two functions compiled against the library, packaged without it");
                Path jar = Files.createTempFile("greetings", ".jar");
                Files.write(jar, library);
                String roleArn = LambdaDemo.createRole(iam, name, cleanup);
                for (String function : List.of("HelloFunction", "WelcomeFunction")) {
                    byte[] code = LambdaDemo.buildZip(List.of("handlers/layers/" + function + ".java"), List.of(jar), "");
                    String functionName = name + "-" + function.replace("Function", "").toLowerCase();
                    LambdaDemo.createFunction(lambda, CreateFunctionRequest.builder().functionName(functionName)
                            .runtime(Runtime.JAVA21).role(roleArn).handler("layers." + function).memorySize(512).timeout(15)
                            .layers(layer1).code(c -> c.zipFile(SdkBytes.fromByteArray(code))).build(), cleanup);
                    Demo.show(functionName, code.length + " bytes of its own, the library from the layer");
                }
                Files.delete(jar);

                Demo.step("Invoke both: one library, two functions");
                Demo.show("hello", invoke(lambda, name + "-hello"));
                Demo.show("welcome", invoke(lambda, name + "-welcome"));

                Demo.step("Publish edition 2 as layer version 2; only 'hello' moves to it");
                byte[] library2 = LambdaDemo.buildZip(List.of(LIBRARY), List.of(), "", Map.of("EDITION_PLACEHOLDER", "edition 2"));
                String layer2 = publish(lambda, name, library2, "edition 2");
                cleanup.add("layer version " + layer2, () -> lambda.deleteLayerVersion(r -> r.layerName(name).versionNumber(2L)));
                Demo.show("Layer version", layer2);
                lambda.updateFunctionConfiguration(r -> r.functionName(name + "-hello").layers(layer2));
                lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(name + "-hello"));
                Demo.show("hello", invoke(lambda, name + "-hello"));
                Demo.show("welcome", invoke(lambda, name + "-welcome"));
                Demo.say("A function keeps the layer version it names: upgrading is a configuration change per function.");
                Demo.say("At most 5 layers per function; function and layers together at most 250 MB unzipped.");
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private static String publish(LambdaClient lambda, String layer, byte[] library, String description) {
        byte[] content = LambdaDemo.zipOf(Map.of("java/lib/greetings.jar", library));
        return lambda.publishLayerVersion(r -> r.layerName(layer).description(description).compatibleRuntimes(Runtime.JAVA21)
                .content(c -> c.zipFile(SdkBytes.fromByteArray(content)))).layerVersionArn();
    }

    private static String invoke(LambdaClient lambda, String function) {
        return lambda.invoke(r -> r.functionName(function).payload(LambdaDemo.json("\"Ada\""))).payload().asUtf8String();
    }
}
