///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:ecr
//DEPS software.amazon.awssdk:lambda
//DEPS software.amazon.awssdk:cloudwatchlogs
//DEPS com.amazonaws:aws-lambda-java-core:1.4.0
//DEPS com.amazonaws:aws-lambda-java-runtime-interface-client:2.10.1
//DEPS com.google.cloud.tools:jib-core:0.27.3
//SOURCES ../lib/DemoCommand.java
//SOURCES LambdaDemo.java
//FILES handlers/container/Greeter.java=handlers/container/Greeter.java

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.PackageType;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

@Command(name = "lambda-container", mixinStandardHelpOptions = true,
        description = {"A Java function shipped as a container image: Jib builds an OCI image FROM scratch (no Docker),",
                "ENTRYPOINT the Lambda runtime interface client, CMD the handler; pushed to an ECR repository with",
                "a GetAuthorizationToken password; CreateFunction with PackageType Image runs it."})
class lambda_container implements Callable<Integer> {
    /** What AWS documents for a Java image on a non-AWS base: the runtime client is the entry point. */
    static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String HANDLER = "container.Greeter::handleRequest";

    /** On AWS the image needs a JVM at /usr/bin/java; the sandbox runs the class path on its own JDK. */
    static final String AWS_BASE_IMAGE = "public.ecr.aws/amazoncorretto/amazoncorretto:21";

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    @Option(names = "--base-image", paramLabel = "IMAGE", description = {"Base image with a JVM at /usr/bin/java "
            + "(default: scratch on the sandbox, " + AWS_BASE_IMAGE + " on AWS)."})
    String baseImage;

    public static void main(String[] args) {
        DemoCommand.main(new lambda_container(), args);
    }

    @Override
    public Integer call() throws Exception {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String name = Demo.uniqueName("course-container");
        Path work = Files.createTempDirectory("lambda-container");
        cleanup.add("build folder " + work, () -> LambdaDemo.deleteTree(work));
        try (IamClient iam = IamClient.builder().build();
             EcrClient ecr = EcrClient.create();
             LambdaClient lambda = LambdaClient.create();
             CloudWatchLogsClient logs = CloudWatchLogsClient.create()) {
            try {
                Demo.step("Compile handlers/container/Greeter.java into a jar");
                Path handlerJar = work.resolve("greeter.jar");
                Files.write(handlerJar, LambdaDemo.buildZip(List.of("handlers/container/Greeter.java"), List.of(), ""));
                List<Path> libraries = runtimeClientJars();
                Demo.show("Handler jar", Files.size(handlerJar) + " bytes; the runtime client and its libraries: "
                        + libraries.size() + " jars");

                Demo.step("Create an ECR repository and log in to its registry (GetAuthorizationToken)");
                Repository repository = ecr.createRepository(r -> r.repositoryName(name)).repository();
                cleanup.add("repository " + name + " with its image", () -> ecr.deleteRepository(r -> r.repositoryName(name).force(true)));
                Demo.show("Repository", repository.repositoryUri());
                AuthorizationData login = ecr.getAuthorizationToken().authorizationData().get(0);
                String password = new String(Base64.getDecoder().decode(login.authorizationToken()), StandardCharsets.UTF_8)
                        .substring("AWS:".length());
                Demo.show("Registry", login.proxyEndpoint() + " · user AWS · password " + Demo.mask(password)
                        + " (valid until " + login.expiresAt() + ")");

                String base = baseImage != null ? baseImage : target.endpoint() != null ? "scratch" : AWS_BASE_IMAGE;
                Demo.step("Build the image with Jib FROM " + base + " and push it (no Docker daemon involved)");
                URI registry = URI.create(login.proxyEndpoint());
                boolean plainHttp = registry.getScheme().equals("http");
                if (plainHttp) {
                    // Jib sends a registry password over plain HTTP only when told to; the sandbox has no TLS.
                    System.setProperty("sendCredentialsOverHttp", "true");
                }
                String pushTo = registry.getAuthority() + "/" + repository.repositoryName() + ":v1";
                JibContainer image;
                try {
                    image = (base.equals("scratch") ? Jib.fromScratch() : Jib.from(base))
                            .setFormat(ImageFormat.OCI)
                            .addFileEntriesLayer(layer("runtime-client", libraries))
                            .addFileEntriesLayer(layer("function", List.of(handlerJar)))
                            .setWorkingDirectory(AbsoluteUnixPath.get("/function"))
                            .setEntrypoint("/usr/bin/java", "-cp", "./*", RUNTIME_CLIENT)
                            .setProgramArguments(HANDLER)
                            .containerize(Containerizer.to(RegistryImage.named(pushTo).addCredential("AWS", password))
                                    .setAllowInsecureRegistries(plainHttp)
                                    .setToolName("course-lambda-container"));
                } catch (InvalidImageReferenceException | RegistryException | CacheDirectoryCreationException
                         | ExecutionException | java.io.IOException failed) {
                    Throwable cause = failed instanceof ExecutionException && failed.getCause() != null ? failed.getCause() : failed;
                    throw new Demo.UserError("Jib could not build or push the image (FROM " + base + "): "
                            + Demo.firstLine(String.valueOf(cause.getMessage())));
                }
                Demo.show("Pushed", pushTo + " · " + image.getDigest());
                ImageDetail pushed = ecr.describeImages(r -> r.repositoryName(name)).imageDetails().get(0);
                Demo.show("DescribeImages", "tags " + pushed.imageTags() + " · " + pushed.imageSizeInBytes() + " bytes · "
                        + pushed.imageManifestMediaType());
                Demo.say("Two layers (runtime client + libraries, then the handler), WORKDIR /function,");
                Demo.say("ENTRYPOINT [\"/usr/bin/java\", \"-cp\", \"./*\", \"" + RUNTIME_CLIENT + "\"], CMD [\"" + HANDLER + "\"].");

                Demo.step("Create the function from the image: PackageType Image, no Runtime, no Handler");
                String roleArn = LambdaDemo.createRole(iam, name, cleanup);
                String imageUri = repository.repositoryUri() + ":v1";
                LambdaDemo.createFunction(lambda, CreateFunctionRequest.builder().functionName(name)
                        .packageType(PackageType.IMAGE).code(c -> c.imageUri(imageUri)).role(roleArn).memorySize(512).timeout(30)
                        .build(), cleanup);
                cleanup.add("log group /aws/lambda/" + name, () -> logs.deleteLogGroup(r -> r.logGroupName("/aws/lambda/" + name)));
                GetFunctionResponse function = lambda.getFunction(r -> r.functionName(name));
                Demo.show("PackageType", function.configuration().packageTypeAsString());
                Demo.show("ImageUri", function.code().imageUri());
                Demo.show("ResolvedImageUri", function.code().resolvedImageUri());
                Demo.show("CodeSha256", function.configuration().codeSha256() + " (the image digest)");

                Demo.step("Invoke it");
                InvokeResponse answer = lambda.invoke(r -> r.functionName(name).logType(LogType.TAIL)
                        .payload(LambdaDemo.json("{\"name\":\"Ada\"}")));
                Demo.show("Answer", answer.payload().asUtf8String());
                Demo.show("REPORT", LambdaDemo.reportLine(answer.logResult()));

                Demo.step("Mix the two package types and Lambda refuses");
                try {
                    lambda.createFunction(r -> r.functionName(name + "-x").packageType(PackageType.IMAGE).runtime(Runtime.JAVA21)
                            .handler(HANDLER).role(roleArn).code(c -> c.imageUri(imageUri)));
                    Demo.say("Unexpected: the function was created.");
                    lambda.deleteFunction(r -> r.functionName(name + "-x"));
                } catch (InvalidParameterValueException refused) {
                    Demo.show("InvalidParameterValueException", refused.awsErrorDetails().errorMessage());
                }

                if (target.endpoint() != null) {
                    Demo.step("What differs from Lambda's image support here");
                    Demo.say("- No container runtime and no Docker: the image's layers are unpacked and its ENTRYPOINT read;");
                    Demo.say("  no OS isolation, no read-only root, no /tmp of its own.");
                    Demo.say("- The image's own OS and JDK are never used (this one has none): the sandbox's JDK runs the");
                    Demo.say("  class path of the ENTRYPOINT, rebased onto the unpacked image.");
                    Demo.say("- Only Java images whose ENTRYPOINT starts the runtime interface client run; no Runtime");
                    Demo.say("  Interface Emulator, no other languages, no extensions.");
                    Demo.say("- ECR here: repositories, login and push/pull only; no scans, lifecycle policies or replication,");
                    Demo.say("  and the registry speaks plain HTTP on the sandbox's port.");
                }
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    /** A layer holding the jars under /function, where the class path ./* finds them. */
    private static FileEntriesLayer layer(String name, List<Path> jars) {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        for (Path jar : jars) {
            layer.addEntry(jar, AbsoluteUnixPath.get("/function/" + jar.getFileName()));
        }
        return layer.build();
    }

    /** The runtime interface client and what it loads, from where this JVM has them (the //DEPS above). */
    private static List<Path> runtimeClientJars() throws Exception {
        Set<Path> jars = new LinkedHashSet<>();
        for (String className : List.of(RUNTIME_CLIENT, "com.amazonaws.services.lambda.runtime.Context",
                "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                "software.amazon.awssdk.utilslite.SdkInternalThreadLocal", "software.amazon.awssdk.annotations.SdkInternalApi")) {
            jars.add(Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        return List.copyOf(jars);
    }
}
