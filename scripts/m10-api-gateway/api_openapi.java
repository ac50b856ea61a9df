///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:apigateway
//SOURCES ../lib/DemoCommand.java
//SOURCES ApiCalls.java
//FILES openapi/bookshop.yaml=openapi/bookshop.yaml

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.ImportRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "api-openapi", mixinStandardHelpOptions = true,
        description = "Import an OpenAPI 3 file with x-amazon-apigateway-* extensions into API Gateway, invoke it, export it "
                + "back with and without the extensions, and diff the two exports.")
class api_openapi implements Callable<Integer> {
    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    @Option(names = "--file", paramLabel = "PATH", description = "Import this OpenAPI 3 or Swagger 2 file (JSON or YAML) "
            + "instead of the bundled bookshop.yaml.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Keep the two exports in this directory (default: a temporary one).")
    Path out;

    public static void main(String[] args) {
        DemoCommand.main(new api_openapi(), args);
    }

    @Override
    public Integer call() throws IOException {
        byte[] definition = definition();
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        try (ApiGatewayClient apiGateway = ApiGatewayClient.create()) {
            try {
                Demo.step("Import " + (file == null ? "bookshop.yaml (bundled)" : file) + " with failOnWarnings");
                ImportRestApiResponse api;
                try {
                    api = apiGateway.importRestApi(r -> r.body(SdkBytes.fromByteArray(definition)).failOnWarnings(true));
                } catch (ApiGatewayException e) {
                    throw new Demo.UserError("API Gateway refused the definition: " + e.awsErrorDetails().errorMessage()
                            .replace("\n", " "));
                }
                String apiId = api.id();
                cleanup.add("REST API " + apiId, () -> apiGateway.deleteRestApi(r -> r.restApiId(apiId)));
                Demo.show("API", api.name() + " (" + apiId + ")");

                Demo.step("What the import made: resources and methods, validators, models");
                for (Resource resource : apiGateway.getResources(r -> r.restApiId(apiId).embed("methods")).items()) {
                    Demo.show(resource.path(), resource.hasResourceMethods() ? resource.resourceMethods().entrySet().stream()
                            .map(method -> method.getKey() + " → " + (method.getValue().methodIntegration() == null ? "no integration"
                                    : method.getValue().methodIntegration().typeAsString())).toList() : "(no methods)");
                }
                Demo.show("Validators", apiGateway.getRequestValidators(r -> r.restApiId(apiId)).items().stream()
                        .map(validator -> validator.name()).sorted().toList());
                Demo.show("Models", apiGateway.getModels(r -> r.restApiId(apiId)).items().stream()
                        .map(model -> model.name()).sorted().toList());

                Demo.step("Deploy to the stage 'v1'");
                apiGateway.createDeployment(r -> r.restApiId(apiId).stageName("v1"));
                ApiCalls calls = new ApiCalls(target, apiId, "v1");
                Demo.show("Invoke URL", calls.baseUrl());
                if (file == null) {
                    invokeBookshop(calls);
                }

                Path directory = out != null ? Files.createDirectories(out) : Files.createTempDirectory("api-openapi-");
                Demo.step("Export the stage as OpenAPI 3 (YAML) with the API Gateway extensions");
                Path withExtensions = export(apiGateway, apiId, Map.of("extensions", "apigateway"), directory.resolve("with-extensions.yaml"));
                Demo.step("Export it again without extensions: the portable API description");
                Path plain = export(apiGateway, apiId, Map.of(), directory.resolve("without-extensions.yaml"));

                Demo.step("Diff: what only the export with extensions has");
                List<String> added = onlyIn(withExtensions, plain);
                added.stream().limit(14).forEach(line -> Demo.say("+ " + line));
                if (added.size() > 14) {
                    Demo.say("… " + (added.size() - 14) + " more lines");
                }
                Demo.show("Lines only with extensions", added.size());
                Demo.show("Lines only without", onlyIn(plain, withExtensions).size());
                Demo.say("Without extensions the file describes the API for any tool; with them it also recreates it in API Gateway.");
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private static void invokeBookshop(ApiCalls calls) {
        calls.awaitDeployed("/books?genre=java");
        Demo.step("Invoke what the file described");
        Demo.show("GET /books?genre=java", ApiCalls.line(calls.get("/books?genre=java")));
        Demo.show("GET /books", ApiCalls.line(calls.get("/books")));
        Demo.show("POST /books (bad ISBN)", ApiCalls.line(calls.post("/books", "{\"isbn\": \"12\", \"title\": \"x\"}")));
        Demo.show("POST /books", ApiCalls.line(calls.post("/books", "{\"isbn\": \"978-0134685991\", \"title\": \"Effective Java\"}")));
    }

    private static Path export(ApiGatewayClient apiGateway, String apiId, Map<String, String> parameters, Path file) throws IOException {
        byte[] body = apiGateway.getExport(r -> r.restApiId(apiId).stageName("v1").exportType("oas30")
                .parameters(parameters).accepts("application/yaml")).body().asByteArray();
        Files.write(file, body);
        Demo.show("Saved", file + " (" + body.length + " bytes)");
        return file;
    }

    /** Lines of {@code a} that {@code b} does not have (as a set; enough to show what the extensions add). */
    private static List<String> onlyIn(Path a, Path b) throws IOException {
        Set<String> other = new LinkedHashSet<>(Files.readAllLines(b, StandardCharsets.UTF_8));
        return Files.readAllLines(a, StandardCharsets.UTF_8).stream().filter(line -> !other.contains(line)).toList();
    }

    private byte[] definition() throws IOException {
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new Demo.UserError("No such file: " + file);
            }
            return Files.readAllBytes(file);
        }
        try (InputStream in = api_openapi.class.getResourceAsStream("/openapi/bookshop.yaml")) {
            if (in == null) {
                throw new Demo.UserError("bookshop.yaml is missing from the demo: pass --file PATH.");
            }
            return in.readAllBytes();
        }
    }
}
