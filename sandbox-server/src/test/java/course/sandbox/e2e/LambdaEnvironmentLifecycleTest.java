package course.sandbox.e2e;

import course.sandbox.lambda.HandlerCode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No execution environment outlives its sandbox, however the sandbox ends: `sandbox stop` (the
 * shutdown hook stops them) or a crash (kill -9: each environment sees its standard input close
 * and ends itself). The sandbox runs as its own process here, as `./jbang sandbox start` runs it.
 */
class LambdaEnvironmentLifecycleTest {

    @Test
    void sandboxStopEndsEveryEnvironment() throws Exception {
        try (Child sandbox = Child.start()) {
            List<ProcessHandle> environments = runFunctions(sandbox, 2);
            Path home = sandbox.home;
            Process stop = new ProcessBuilder(javaCommand(home, "stop", "--port", String.valueOf(sandbox.port)))
                    .redirectErrorStream(true).start();
            assertTrue(stop.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, stop.exitValue(), new String(stop.getInputStream().readAllBytes()));
            assertAllEnd(environments);
        }
    }

    @Test
    void aCrashedSandboxLeavesNoEnvironmentBehind() throws Exception {
        try (Child sandbox = Child.start()) {
            List<ProcessHandle> environments = runFunctions(sandbox, 1);
            sandbox.process.destroyForcibly();
            assertAllEnd(environments);
        }
    }

    /** Creates functions, invokes each once, and returns the environment processes the sandbox started. */
    private static List<ProcessHandle> runFunctions(Child sandbox, int count) {
        int port = sandbox.port;
        try (IamClient iam = IamClient.builder().endpointOverride(java.net.URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1).httpClient(ApacheHttpClient.create()).credentialsProvider(RunningSandbox.rootCredentials()).build();
             LambdaClient lambda = LambdaClient.builder().endpointOverride(java.net.URI.create("http://127.0.0.1:" + port))
                     .region(Region.US_EAST_1).httpClient(ApacheHttpClient.create())
                     .credentialsProvider(RunningSandbox.rootCredentials()).build()) {
            String role = iam.createRole(r -> r.roleName("r").assumeRolePolicyDocument(LambdaSandbox.TRUST)).role().arn();
            byte[] zip = HandlerCode.zip(Map.of("demo.Hello", LambdaEndToEndTest.HELLO));
            for (int i = 0; i < count; i++) {
                String name = "f" + i;
                lambda.createFunction(r -> r.functionName(name).runtime(Runtime.JAVA17).role(role)
                        .handler("demo.Hello::handleRequest").code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
                lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String("{\"name\":\"x\"}")));
            }
        }
        List<ProcessHandle> environments = sandbox.process.descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("EnvironmentLauncher")).toList();
        assertEquals(count, environments.size(), "environments running: " + environments);
        return environments;
    }

    private static void assertAllEnd(List<ProcessHandle> environments) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (environments.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        for (ProcessHandle environment : environments) {
            assertFalse(environment.isAlive(), "environment " + environment.pid() + " outlived the sandbox");
        }
    }

    private static List<String> javaCommand(Path home, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "-Duser.home=" + home, "course.sandbox.Sandbox"));
        command.addAll(List.of(arguments));
        return command;
    }

    /** A sandbox in its own JVM, and the environments it started (its child processes). */
    private static final class Child implements AutoCloseable {
        final Process process;
        final int port;
        final Path home;

        private Child(Process process, int port, Path home) {
            this.process = process;
            this.port = port;
            this.home = home;
        }

        static Child start() throws Exception {
            int port = RunningSandbox.freePort();
            Path home = Files.createTempDirectory("sandbox-home");
            ProcessBuilder builder = new ProcessBuilder(javaCommand(home, "--port", String.valueOf(port)))
                    .redirectErrorStream(true).redirectOutput(home.resolve("out.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process process = builder.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!Files.readString(home.resolve("out.log")).contains("Sandbox ready") && Instant.now().isBefore(deadline)) {
                assertTrue(process.isAlive(), Files.readString(home.resolve("out.log")));
                Thread.sleep(100);
            }
            return new Child(process, port, home);
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
