import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What the Lambda demos share: building a deployment package from the handler sources that ship
 * with the demo (compiled here with javac against aws-lambda-java-core, so the demo works from a
 * fresh clone), an execution role, and reading Lambda's log tail. Plain SDK v2 otherwise.
 */
final class LambdaDemo {
    static final String TRUST_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";
    /** What AWSLambdaBasicExecutionRole grants: the function may write its own logs. */
    static final String LOGS_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream",\
            "logs:PutLogEvents"],"Resource":"*"}]}""";

    private LambdaDemo() {
    }

    /**
     * Compiles handler sources (resources of this demo, e.g. {@code handlers/ColdStart.java}) for
     * Java 17 and packs the classes, plus {@code extraEntries}, as a .zip deployment package.
     */
    static byte[] buildZip(List<String> sources, List<Path> classpath, String prefix) {
        return buildZip(sources, classpath, prefix, Map.of());
    }

    /** As {@link #buildZip(List, List, String)}, with text replaced in the sources first (a library's edition). */
    static byte[] buildZip(List<String> sources, List<Path> classpath, String prefix, Map<String, String> replacements) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new Demo.UserError("This demo compiles its handler with javac: run it on a JDK, not a JRE.");
        }
        try {
            Path work = Files.createTempDirectory("lambda-demo-build");
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> arguments = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8", "-d", classes.toString(),
                    "-cp", String.join(java.io.File.pathSeparator, classpath(classpath))));
            for (String source : sources) {
                Path file = work.resolve("src").resolve(source);
                Files.createDirectories(file.getParent());
                try (InputStream in = LambdaDemo.class.getResourceAsStream("/" + source)) {
                    if (in == null) {
                        throw new IllegalStateException(source + " is not bundled with the demo (//FILES)");
                    }
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                        text = text.replace(replacement.getKey(), replacement.getValue());
                    }
                    Files.writeString(file, text);
                }
                arguments.add(file.toString());
            }
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            if (javac.run(null, null, errors, arguments.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("the handler does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
            }
            byte[] zip = zip(classes, prefix);
            deleteTree(work);
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] zipOf(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * An execution role Lambda may assume, allowed to write the function's logs; its deletion
     * (inline policy first) joins the demo's clean-up.
     */
    static String createRole(IamClient iam, String name, Demo.Cleanup cleanup) {
        String arn = iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST_POLICY)
                .description("Execution role of a course demo function")).role().arn();
        cleanup.add("role " + name, () -> iam.deleteRole(r -> r.roleName(name)));
        iam.putRolePolicy(r -> r.roleName(name).policyName("write-logs").policyDocument(LOGS_POLICY));
        cleanup.add("policy write-logs of role " + name, () -> iam.deleteRolePolicy(r -> r.roleName(name).policyName("write-logs")));
        return arn;
    }

    /**
     * CreateFunction, retried while IAM has not yet spread a new role (AWS answers "cannot be
     * assumed by Lambda" for some seconds after CreateRole), then waits until it is Active; its
     * deletion joins the demo's clean-up.
     */
    static FunctionConfiguration createFunction(LambdaClient lambda, CreateFunctionRequest request, Demo.Cleanup cleanup) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                lambda.createFunction(request);
                break;
            } catch (InvalidParameterValueException notYet) {
                if (!notYet.getMessage().contains("cannot be assumed") || Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                sleep(Duration.ofSeconds(2));
            }
        }
        cleanup.add("function " + request.functionName(), () -> lambda.deleteFunction(r -> r.functionName(request.functionName())));
        return lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(request.functionName())).matched().response()
                .orElseThrow().configuration();
    }

    /** The REPORT line of a base64 log tail (X-Amz-Log-Result), tabs shown as spaces. */
    static String reportLine(String logResult) {
        return tail(logResult).lines().filter(line -> line.startsWith("REPORT")).findFirst().orElse("(no REPORT line)")
                .replace('\t', ' ').strip();
    }

    static String tail(String logResult) {
        return logResult == null ? "" : new String(Base64.getDecoder().decode(logResult), StandardCharsets.UTF_8);
    }

    static SdkBytes json(String text) {
        return SdkBytes.fromUtf8String(text);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Demo.UserError("Interrupted.");
        }
    }

    private static byte[] zip(Path root, String prefix) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(prefix + root.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** aws-lambda-java-core (where this JVM loaded it from) and any extra jars. */
    private static List<String> classpath(List<Path> extra) {
        List<String> entries = new ArrayList<>();
        try {
            entries.add(Path.of(com.amazonaws.services.lambda.runtime.Context.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        extra.forEach(path -> entries.add(path.toString()));
        return entries;
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
