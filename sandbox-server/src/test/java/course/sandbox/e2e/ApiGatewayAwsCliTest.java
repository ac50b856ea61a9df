package course.sandbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** API Gateway's REST and HTTP API control planes through AWS CLI v2 (/usr/bin/aws), then the API over plain HTTP. */
class ApiGatewayAwsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        assumeTrue(ExternalClient.awsCliV2Installed(), "AWS CLI v2 is not installed at /usr/bin/aws");
        sandbox = RunningSandbox.start();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static JsonNode aws(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(ExternalClient.AWS_CLI.toString(), "--endpoint-url",
                sandbox.endpoint().toString(), "--output", "json"));
        command.addAll(List.of(arguments));
        ExternalClient.Result result = ExternalClient.run(command, Map.of("AWS_ACCESS_KEY_ID", RunningSandbox.ROOT.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", RunningSandbox.ROOT.secretAccessKey(), "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_MAX_ATTEMPTS", "1"));
        assertEquals(0, result.exitCode(), String.join(" ", arguments) + ": " + result);
        return result.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.stdout());
    }

    @Test
    void restApiFromTheCliImportDeployInvokeExport() throws Exception {
        Path definition = Files.createTempFile("petstore", ".json");
        try (var in = ApiGatewayAwsCliTest.class.getResourceAsStream("/course/sandbox/apigateway/petstore-oas30.json")) {
            Files.write(definition, in.readAllBytes());
        }
        String apiId = aws("apigateway", "import-rest-api", "--fail-on-warnings", "--body", "fileb://" + definition).path("id").asText();
        assertEquals(3, aws("apigateway", "get-resources", "--rest-api-id", apiId).path("items").size());
        aws("apigateway", "create-deployment", "--rest-api-id", apiId, "--stage-name", "cli", "--variables", "color=blue");
        assertEquals("blue", aws("apigateway", "get-stage", "--rest-api-id", apiId, "--stage-name", "cli")
                .path("variables").path("color").asText());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.endpoint()
                + "/_host/" + apiId + ".execute-api.us-east-1.amazonaws.com/cli/pets?type=cat")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        Path exported = Files.createTempFile("export", ".yaml");
        aws("apigateway", "get-export", "--rest-api-id", apiId, "--stage-name", "cli", "--export-type", "oas30",
                "--parameters", "extensions=integrations", "--accepts", "application/yaml", exported.toString());
        assertTrue(Files.readString(exported).contains("x-amazon-apigateway-integration:"));
        aws("apigateway", "update-stage", "--rest-api-id", apiId, "--stage-name", "cli", "--patch-operations",
                "op=replace,path=/variables/color,value=green");
        assertEquals("green", aws("apigateway", "get-stage", "--rest-api-id", apiId, "--stage-name", "cli")
                .path("variables").path("color").asText());
        aws("apigateway", "delete-rest-api", "--rest-api-id", apiId);
    }

    @Test
    void httpApiQuickCreateFromTheCli() throws Exception {
        JsonNode api = aws("apigatewayv2", "create-api", "--name", "cli-quick", "--protocol-type", "HTTP",
                "--target", "http://127.0.0.1:9/nowhere");
        String apiId = api.path("ApiId").asText();
        assertEquals("https://" + apiId + ".execute-api.us-east-1.amazonaws.com", api.path("ApiEndpoint").asText());
        assertEquals("$default", aws("apigatewayv2", "get-routes", "--api-id", apiId).path("Items").path(0).path("RouteKey").asText());
        assertTrue(aws("apigatewayv2", "get-stages", "--api-id", apiId).path("Items").path(0).path("AutoDeploy").asBoolean());
        aws("apigatewayv2", "delete-api", "--api-id", apiId);
    }
}
