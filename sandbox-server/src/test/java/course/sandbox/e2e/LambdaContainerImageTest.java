package course.sandbox.e2e;

import course.sandbox.lambda.HandlerCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.PackageType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Container-image functions: an OCI image (built here, layers as tar.gz, ENTRYPOINT the Java
 * runtime interface client, CMD the handler, as AWS documents it for non-AWS base images) pushed
 * to the sandbox's ECR over the registry API with a GetAuthorizationToken password, then
 * CreateFunction with PackageType Image runs it.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/java-image.html#java-image-clients">Java images with the RIC</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html">ECR registry authentication</a>
 */
class LambdaContainerImageTest {
    static final String GREETER = """
            package demo;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;

            public class Greeter implements RequestHandler<Map<String, Object>, String> {
                @Override
                public String handleRequest(Map<String, Object> event, Context context) {
                    System.out.println("greeting " + event.get("name") + " in " + System.getProperty("user.dir"));
                    return "Hello, " + event.get("name") + " from an image";
                }

                public String shout(Map<String, Object> event, Context context) {
                    return ("Hello, " + event.get("name")).toUpperCase();
                }
            }
            """;

    private static LambdaSandbox fixture;
    private static RunningSandbox sandbox;
    private static LambdaClient lambda;
    private static EcrClient ecr;
    private static String roleArn;

    @BeforeAll
    static void start() {
        fixture = LambdaSandbox.start("image-role");
        sandbox = fixture.sandbox();
        lambda = fixture.lambda();
        ecr = fixture.client(EcrClient.builder());
        roleArn = fixture.roleArn();
    }

    /** Image functions run in the same environments as .zip ones: none outlives the sandbox. */
    @AfterAll
    static void stop() {
        ecr.close();
        List<Long> environments = sandbox.environmentPids();
        fixture.close();
        assertFalse(environments.isEmpty(), "the image functions ran in no environment");
        for (long pid : environments) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "environment " + pid + " still runs");
        }
    }

    @Test
    void anImagePushedToEcrRunsAsAFunction() throws Exception {
        Repository repository = ecr.createRepository(r -> r.repositoryName("greeter")).repository();
        assertEquals("000000000000.dkr.ecr.us-east-1.amazonaws.com/greeter", repository.repositoryUri());
        String digest = push(repository.repositoryName(), "v1", List.of("java", "-cp", "./*", "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"),
                List.of("demo.Greeter::handleRequest"));

        var listed = ecr.describeImages(r -> r.repositoryName("greeter")).imageDetails();
        assertEquals(1, listed.size());
        assertEquals(digest, listed.get(0).imageDigest());
        assertEquals(List.of("v1"), listed.get(0).imageTags());
        assertEquals("application/vnd.oci.image.manifest.v1+json", listed.get(0).imageManifestMediaType());
        assertTrue(listed.get(0).imageSizeInBytes() > 100_000, "the layers hold the runtime client's jars: " + listed.get(0));

        lambda.createFunction(r -> r.functionName("greeter").packageType(PackageType.IMAGE).role(roleArn).timeout(30)
                .code(c -> c.imageUri(repository.repositoryUri() + ":v1")));
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("greeter"));
        InvokeResponse answer = lambda.invoke(r -> r.functionName("greeter").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"name\":\"Ada\"}")));
        assertEquals("\"Hello, Ada from an image\"", answer.payload().asUtf8String());
        String log = new String(Base64.getDecoder().decode(answer.logResult()), StandardCharsets.UTF_8);
        // WORKDIR /function of the image, under the sandbox's unpacked root
        assertTrue(log.matches("(?s).*greeting Ada in /\\S+/function\\n.*"), log);

        GetFunctionResponse function = lambda.getFunction(r -> r.functionName("greeter"));
        assertEquals(PackageType.IMAGE, function.configuration().packageType());
        assertNull(function.configuration().runtime());
        assertNull(function.configuration().handler());
        assertEquals(digest.substring("sha256:".length()), function.configuration().codeSha256());
        assertEquals("ECR", function.code().repositoryType());
        assertEquals(repository.repositoryUri() + ":v1", function.code().imageUri());
        assertEquals(repository.repositoryUri() + "@" + digest, function.code().resolvedImageUri());

        // ImageConfig overrides the image's CMD: another handler method of the same image.
        lambda.createFunction(r -> r.functionName("shouter").packageType(PackageType.IMAGE).role(roleArn).timeout(30)
                .imageConfig(i -> i.command("demo.Greeter::shout"))
                .code(c -> c.imageUri(repository.repositoryUri() + "@" + digest)));
        assertEquals("\"HELLO, GRACE\"", lambda.invoke(r -> r.functionName("shouter")
                .payload(SdkBytes.fromUtf8String("{\"name\":\"Grace\"}"))).payload().asUtf8String());
        assertEquals(List.of("demo.Greeter::shout"), lambda.getFunction(r -> r.functionName("shouter")).configuration()
                .imageConfigResponse().imageConfig().command());
        // UpdateFunctionConfiguration replaces the ImageConfig; the next invocation runs a new environment.
        lambda.updateFunctionConfiguration(r -> r.functionName("shouter").imageConfig(i -> i.command("demo.Greeter::handleRequest")));
        assertEquals("\"Hello, Grace from an image\"", lambda.invoke(r -> r.functionName("shouter")
                .payload(SdkBytes.fromUtf8String("{\"name\":\"Grace\"}"))).payload().asUtf8String());

        // UpdateFunctionCode with a new tag: the function resolves it to the new digest.
        String v2 = push(repository.repositoryName(), "v2", List.of("java", "-cp", "./*",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"), List.of("demo.Greeter::shout"));
        lambda.updateFunctionCode(r -> r.functionName("greeter").imageUri(repository.repositoryUri() + ":v2"));
        assertEquals(repository.repositoryUri() + "@" + v2, lambda.getFunction(r -> r.functionName("greeter")).code().resolvedImageUri());
        assertEquals("\"HELLO, ALAN\"", lambda.invoke(r -> r.functionName("greeter")
                .payload(SdkBytes.fromUtf8String("{\"name\":\"Alan\"}"))).payload().asUtf8String());
        InvalidParameterValueException zipForImage = assertThrows(InvalidParameterValueException.class, () ->
                lambda.updateFunctionCode(r -> r.functionName("greeter").zipFile(SdkBytes.fromByteArray(
                        HandlerCode.zip(Map.of("demo.Greeter", GREETER))))));
        assertEquals("Please provide ImageUri when updating a function with packageType Image.",
                zipForImage.awsErrorDetails().errorMessage());
    }

    @Test
    void imageFunctionsAreRefusedAsLambdaRefusesThem() throws Exception {
        Repository repository = ecr.createRepository(r -> r.repositoryName("refusals")).repository();
        push(repository.repositoryName(), "latest", List.of("java", "-cp", "/function/*",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"), List.of("demo.Greeter::handleRequest"));

        InvalidParameterValueException handler = assertThrows(InvalidParameterValueException.class, () ->
                lambda.createFunction(r -> r.functionName("bad").packageType(PackageType.IMAGE).role(roleArn)
                        .handler("demo.Greeter::handleRequest").code(c -> c.imageUri(repository.repositoryUri() + ":latest"))));
        assertEquals("Please don't provide Handler or Runtime or Layer when the intended function PackageType is Image.",
                handler.awsErrorDetails().errorMessage());
        InvalidParameterValueException missing = assertThrows(InvalidParameterValueException.class, () ->
                lambda.createFunction(r -> r.functionName("bad").packageType(PackageType.IMAGE).role(roleArn)
                        .code(c -> c.imageUri(repository.repositoryUri() + ":nope"))));
        assertEquals("Source image " + repository.repositoryUri() + ":nope does not exist. Provide a valid source image.",
                missing.awsErrorDetails().errorMessage());
        InvalidParameterValueException notEcr = assertThrows(InvalidParameterValueException.class, () ->
                lambda.createFunction(r -> r.functionName("bad").packageType(PackageType.IMAGE).role(roleArn)
                        .code(c -> c.imageUri("docker.io/library/alpine:3"))));
        assertEquals("Source image docker.io/library/alpine:3 is not valid. Provide a valid source image.",
                notEcr.awsErrorDetails().errorMessage());

        // An image whose entry point is no JVM starting the runtime client: created as on AWS, but the sandbox cannot run it.
        push(repository.repositoryName(), "python", List.of("/lambda-entrypoint.sh"), List.of("app.handler"));
        lambda.createFunction(r -> r.functionName("python-image").packageType(PackageType.IMAGE).role(roleArn)
                .code(c -> c.imageUri(repository.repositoryUri() + ":python")));
        software.amazon.awssdk.services.lambda.model.LambdaException notJava = assertThrows(
                software.amazon.awssdk.services.lambda.model.LambdaException.class, () -> lambda.invoke(r -> r.functionName("python-image")));
        assertEquals(502, notJava.statusCode());
        assertEquals("InvalidRuntimeException", notJava.awsErrorDetails().errorCode());
        assertTrue(notJava.awsErrorDetails().errorMessage().startsWith("The sandbox runs an image only when its entry point starts "
                + "the Java runtime interface client"), notJava.awsErrorDetails().errorMessage());

        // The registry wants the token's password; without it, 401 and a Basic challenge.
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                sandbox.endpoint().resolve("/v2/refusals/manifests/latest")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "));

        assertThrows(software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException.class,
                () -> ecr.deleteRepository(r -> r.repositoryName("refusals")));
        assertEquals("refusals", ecr.deleteRepository(r -> r.repositoryName("refusals").force(true)).repository().repositoryName());
        assertThrows(RepositoryNotFoundException.class,
                () -> ecr.describeRepositories(r -> r.repositoryNames("refusals")));
    }

    /**
     * Builds the image as a Dockerfile would ({@code WORKDIR /function}, the runtime client and
     * its libraries in one layer, the handler in another) and pushes it: blobs, then the manifest.
     *
     * @return the manifest's digest
     */
    private static String push(String repository, String tag, List<String> entryPoint, List<String> command) throws Exception {
        AuthorizationData auth = ecr.getAuthorizationToken().authorizationData().get(0);
        return push(URI.create(auth.proxyEndpoint()), "Basic " + auth.authorizationToken(), repository, tag, entryPoint, command);
    }

    private static String push(URI registry, String authorization, String repository, String tag, List<String> entryPoint,
                               List<String> command) throws Exception {

        Map<String, byte[]> libraries = new LinkedHashMap<>();
        for (String className : List.of("com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "com.amazonaws.services.lambda.runtime.Context", "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                "software.amazon.awssdk.utilslite.SdkInternalThreadLocal", "software.amazon.awssdk.annotations.SdkInternalApi")) {
            Path jar = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
            libraries.put("function/" + jar.getFileName(), Files.readAllBytes(jar));
        }
        byte[] dependencies = HandlerCode.tarGz(libraries);
        byte[] handler = HandlerCode.tarGz(Map.of("function/greeter.jar", HandlerCode.jar(Map.of("demo.Greeter", GREETER))));
        List<String> layerJson = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (byte[] layer : List.of(dependencies, handler)) {
            String digest = uploadBlob(registry, authorization, repository, layer);
            layerJson.add("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + digest
                    + "\",\"size\":" + layer.length + "}");
            diffIds.add("\"" + sha256(gunzip(layer)) + "\"");
        }
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Entrypoint\":" + jsonArray(entryPoint)
                + ",\"Cmd\":" + jsonArray(command) + ",\"WorkingDir\":\"/function\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + String.join(",", diffIds) + "]}}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        String configDigest = uploadBlob(registry, authorization, repository, configBytes);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{"
                + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + configBytes.length + "},\"layers\":[" + String.join(",", layerJson) + "]}";
        HttpResponse<String> put = send(HttpRequest.newBuilder(registry.resolve("/v2/" + repository + "/manifests/" + tag))
                .header("Authorization", authorization).header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)).build());
        assertEquals(201, put.statusCode(), put.body());
        String digest = sha256(manifest.getBytes(StandardCharsets.UTF_8));
        assertEquals(digest, put.headers().firstValue("Docker-Content-Digest").orElseThrow());
        return digest;
    }

    /** Registry calls are ECR actions of the token's principal: a pull-only user can read the image but not push. */
    @Test
    void registryCallsAreAuthorizedAsTheTokensPrincipal() throws Exception {
        Repository repository = ecr.createRepository(r -> r.repositoryName("pull-only")).repository();
        push(repository.repositoryName(), "v1", List.of("java", "-cp", "./*", "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"),
                List.of("demo.Greeter::handleRequest"));
        software.amazon.awssdk.auth.credentials.AwsCredentials reader = sandbox.newUser("puller");
        try (IamClient iam = sandbox.iam(RunningSandbox.ROOT)) {
            iam.putUserPolicy(r -> r.userName("puller").policyName("pull").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Effect\":\"Allow\",\"Action\":\"ecr:GetAuthorizationToken\",\"Resource\":\"*\"},"
                    + "{\"Effect\":\"Allow\",\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"],\"Resource\":\""
                    + repository.repositoryArn() + "\"}]}"));
        }
        String authorization;
        try (EcrClient readerEcr = EcrClient.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .httpClient(ApacheHttpClient.create()).credentialsProvider(() -> reader).build()) {
            authorization = "Basic " + readerEcr.getAuthorizationToken().authorizationData().get(0).authorizationToken();
        }
        HttpResponse<String> pull = send(HttpRequest.newBuilder(sandbox.endpoint().resolve("/v2/pull-only/manifests/v1"))
                .header("Authorization", authorization).GET().build());
        assertEquals(200, pull.statusCode(), pull.body());
        HttpResponse<String> push = send(HttpRequest.newBuilder(sandbox.endpoint().resolve("/v2/pull-only/blobs/uploads/"))
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(403, push.statusCode());
        assertEquals("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"User: arn:aws:iam::000000000000:user/puller is not "
                + "authorized to perform: ecr:InitiateLayerUpload on resource: " + repository.repositoryArn()
                + " because no identity-based policy allows the ecr:InitiateLayerUpload action\"}]}", push.body());
    }

    /** AWS CLI v2 logs in with get-login-password, creates the image function and reads it back; boto3 reads it too. */
    @Test
    void awsCliAndBoto3WorkWithEcrAndImageFunctions() throws Exception {
        ExternalClient.requireAwsCliV2();
        String uri = aws("ecr", "create-repository", "--repository-name", "cli/greeter", "--query", "repository.repositoryUri");
        assertEquals("000000000000.dkr.ecr.us-east-1.amazonaws.com/cli/greeter", uri);
        String password = aws("ecr", "get-login-password");
        URI registry = URI.create(aws("ecr", "get-authorization-token", "--query", "authorizationData[0].proxyEndpoint"));
        String digest = push(registry, "Basic " + Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8)),
                "cli/greeter", "1.0", List.of("/usr/bin/java", "-cp", "./*", "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"),
                List.of("demo.Greeter::handleRequest"));
        aws("lambda", "create-function", "--function-name", "cli-image", "--package-type", "Image", "--role", roleArn,
                "--timeout", "30", "--code", "ImageUri=" + uri + ":1.0");
        assertEquals("Image\t" + uri + ":1.0\t" + uri + "@" + digest, aws("lambda", "get-function", "--function-name", "cli-image",
                "--query", "[Configuration.PackageType,Code.ImageUri,Code.ResolvedImageUri]"));
        Path out = Files.createTempFile("image-response", ".json");
        aws("lambda", "invoke", "--function-name", "cli-image", "--cli-binary-format", "raw-in-base64-out",
                "--payload", "{\"name\":\"Linus\"}", out.toString());
        assertEquals("\"Hello, Linus from an image\"", Files.readString(out));

        ExternalClient.requireBoto3();
        String script = String.join("\n",
                "import base64, boto3, sys",
                "ecr = boto3.client('ecr', endpoint_url=sys.argv[1])",
                "lam = boto3.client('lambda', endpoint_url=sys.argv[1])",
                "token = ecr.get_authorization_token()['authorizationData'][0]['authorizationToken']",
                "print(base64.b64decode(token).decode().split(':')[0])",
                "print([r['repositoryName'] for r in ecr.describe_repositories(repositoryNames=['cli/greeter'])['repositories']])",
                "f = lam.get_function(FunctionName='cli-image')",
                "print(f['Configuration']['PackageType'], 'Runtime' in f['Configuration'], f['Code']['RepositoryType'])");
        ExternalClient.Result result = ExternalClient.run(List.of(ExternalClient.PYTHON.toString(), "-c", script,
                sandbox.endpoint().toString()), root());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("AWS", "['cli/greeter']", "Image False ECR"), result.stdout().strip().lines().toList(), result.toString());
    }

    private static Map<String, String> root() {
        return Map.of("AWS_ACCESS_KEY_ID", RunningSandbox.ROOT.accessKeyId(), "AWS_SECRET_ACCESS_KEY",
                RunningSandbox.ROOT.secretAccessKey(), "AWS_DEFAULT_REGION", "us-east-1", "AWS_MAX_ATTEMPTS", "1");
    }

    /** The AWS CLI's text output, stripped; the command must succeed. */
    private static String aws(String... arguments) {
        List<String> command = new ArrayList<>(List.of(ExternalClient.AWS_CLI.toString(), "--endpoint-url",
                sandbox.endpoint().toString(), "--output", "text"));
        command.addAll(List.of(arguments));
        ExternalClient.Result result = ExternalClient.run(command, root());
        assertEquals(0, result.exitCode(), result.toString());
        return result.stdout().strip();
    }

    /** POST to start an upload, PATCH the bytes, PUT with the digest to finish. */
    private static String uploadBlob(URI registry, String authorization, String repository, byte[] blob) throws Exception {
        String digest = sha256(blob);
        HttpResponse<String> started = send(HttpRequest.newBuilder(registry.resolve("/v2/" + repository + "/blobs/uploads/"))
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(202, started.statusCode(), started.body());
        URI location = registry.resolve(started.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> patched = send(HttpRequest.newBuilder(location).header("Authorization", authorization)
                .header("Content-Type", "application/octet-stream").method("PATCH", HttpRequest.BodyPublishers.ofByteArray(blob)).build());
        assertEquals(202, patched.statusCode(), patched.body());
        URI finish = registry.resolve(patched.headers().firstValue("Location").orElseThrow() + "?digest=" + digest);
        HttpResponse<String> done = send(HttpRequest.newBuilder(finish).header("Authorization", authorization)
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(201, done.statusCode(), done.body());
        HttpResponse<String> head = send(HttpRequest.newBuilder(registry.resolve("/v2/" + repository + "/blobs/" + digest))
                .header("Authorization", authorization).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        return digest;
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String jsonArray(List<String> values) {
        return "[" + String.join(",", values.stream().map(value -> "\"" + value + "\"").toList()) + "]";
    }
}
