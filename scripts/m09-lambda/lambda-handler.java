///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:lambda
//DEPS com.amazonaws:aws-lambda-java-core:1.4.0
//SOURCES ../lib/DemoCommand.java
//SOURCES LambdaDemo.java
//FILES handlers/orders/PriceCalculator.java=handlers/orders/PriceCalculator.java
//FILES handlers/orders/PriceCalculatorCheck.java=handlers/orders/PriceCalculatorCheck.java
//FILES handlers/orders/OrderHandler.java=handlers/orders/OrderHandler.java
//FILES handlers/orders/OrderStreamHandler.java=handlers/orders/OrderStreamHandler.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "lambda-handler", mixinStandardHelpOptions = true,
        description = {"The handler as a thin adapter: business logic in a plain class with its own unit test, a",
                "RequestHandler and a RequestStreamHandler in front of it, and an error as Lambda reports it."})
class lambda_handler implements Callable<Integer> {
    private static final List<String> SOURCES = List.of("handlers/orders/PriceCalculator.java",
            "handlers/orders/PriceCalculatorCheck.java", "handlers/orders/OrderHandler.java",
            "handlers/orders/OrderStreamHandler.java");
    private static final String ORDER = "{\"item\":\"book\",\"quantity\":2,\"unitPrice\":12.50}";

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new lambda_handler(), args);
    }

    @Override
    public Integer call() throws Exception {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String name = Demo.uniqueName("course-orders");
        try (IamClient iam = IamClient.builder().build();
             LambdaClient lambda = LambdaClient.create()) {
            try {
                Demo.step("Build: the business logic, its unit test and two handlers, compiled from handlers/orders/");
                byte[] zip = LambdaDemo.buildZip(SOURCES, List.of(), "");
                Demo.show("Package", zip.length + " bytes");

                Demo.step("Unit-test the business logic here, without Lambda");
                Demo.show("PriceCalculatorCheck", runCheck(zip));

                Demo.step("Deploy one package as two functions: a RequestHandler and a RequestStreamHandler");
                String roleArn = LambdaDemo.createRole(iam, name, cleanup);
                for (String[] function : List.of(new String[] {name + "-pojo", "orders.OrderHandler::handleRequest"},
                        new String[] {name + "-stream", "orders.OrderStreamHandler"})) {
                    LambdaDemo.createFunction(lambda, CreateFunctionRequest.builder().functionName(function[0])
                            .runtime(Runtime.JAVA21).role(roleArn).handler(function[1]).memorySize(512).timeout(15)
                            .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).build(), cleanup);
                    Demo.show(function[1], function[0]);
                }

                Demo.step("Invoke the RequestHandler: the runtime maps JSON to a Map and back");
                Demo.show("Event", ORDER);
                Demo.show("Answer", invoke(lambda, name + "-pojo", ORDER).payload().asUtf8String());

                Demo.step("Invoke the RequestStreamHandler: raw bytes in, raw bytes out");
                Demo.show("Answer", invoke(lambda, name + "-stream", ORDER).payload().asUtf8String());

                Demo.step("An order the business logic refuses: the error as Lambda reports it");
                InvokeResponse failed = invoke(lambda, name + "-pojo", "{\"item\":\"book\",\"quantity\":0,\"unitPrice\":12.50}");
                Demo.show("HTTP status", failed.statusCode() + " (the Invoke call itself succeeded)");
                Demo.show("X-Amz-Function-Error", failed.functionError());
                Demo.show("Payload", Demo.firstLine(failed.payload().asUtf8String().replaceAll(",\"stackTrace\":\\[.*", ",\"stackTrace\":[…]}")));
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private static InvokeResponse invoke(LambdaClient lambda, String function, String payload) {
        return lambda.invoke(r -> r.functionName(function).payload(LambdaDemo.json(payload)));
    }

    /** Loads the compiled classes from the package and runs the unit check in this JVM. */
    private static String runCheck(byte[] zip) throws Exception {
        Path file = Files.createTempFile("orders", ".zip");
        try {
            Files.write(file, zip);
            try (URLClassLoader loader = new URLClassLoader(new URL[] {file.toUri().toURL()}, lambda_handler.class.getClassLoader())) {
                return (String) loader.loadClass("orders.PriceCalculatorCheck").getMethod("run").invoke(null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
