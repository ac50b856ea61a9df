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

/**
 * API Gateway's REST and HTTP API control planes through AWS CLI v2 (/usr/bin/aws) and boto3
 * (/usr/bin/python3), then the API over plain HTTP; a user without permissions denied in AWS's words.
 */
class ApiGatewayAwsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningSandbox sandbox;

    @BeforeAll
    static void start() {
        ExternalClient.requireAwsCliV2();
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
    void boto3BuildsDeploysAndIsDeniedWithoutPermissions() {
        ExternalClient.requireBoto3();
        var user = sandbox.newUser("boto3-no-apigateway");
        String script = String.join("\n",
                "import boto3, botocore.exceptions, sys, urllib.request",
                "endpoint, user_key, user_secret = sys.argv[1], sys.argv[2], sys.argv[3]",
                "apigw = boto3.client('apigateway', endpoint_url=endpoint)",
                "api = apigw.create_rest_api(name='boto3-api')",
                "root = [r['id'] for r in apigw.get_resources(restApiId=api['id'])['items'] if r['path'] == '/'][0]",
                "res = apigw.create_resource(restApiId=api['id'], parentId=root, pathPart='hello')",
                "apigw.put_method(restApiId=api['id'], resourceId=res['id'], httpMethod='GET', authorizationType='NONE')",
                "apigw.put_integration(restApiId=api['id'], resourceId=res['id'], httpMethod='GET', type='MOCK',",
                "                      requestTemplates={'application/json': '{\"statusCode\": 200}'})",
                "apigw.put_integration_response(restApiId=api['id'], resourceId=res['id'], httpMethod='GET', statusCode='200',",
                "                               responseTemplates={'application/json': '{\"hello\": \"$context.stage\"}'})",
                "apigw.create_deployment(restApiId=api['id'], stageName='py')",
                "url = endpoint + '/_host/' + api['id'] + '.execute-api.us-east-1.amazonaws.com/py/hello'",
                "print(urllib.request.urlopen(url).read().decode())",
                "print([s['stageName'] for s in apigw.get_stages(restApiId=api['id'])['item']])",
                "apigw.delete_rest_api(restApiId=api['id'])",
                "denied = boto3.client('apigateway', endpoint_url=endpoint, aws_access_key_id=user_key, aws_secret_access_key=user_secret)",
                "try:",
                "    denied.get_rest_apis()",
                "except botocore.exceptions.ClientError as e:",
                "    print(e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Message'])");
        ExternalClient.Result result = ExternalClient.run(List.of(ExternalClient.PYTHON.toString(), "-c", script,
                sandbox.endpoint().toString(), user.accessKeyId(), user.secretAccessKey()), Map.of("AWS_ACCESS_KEY_ID",
                RunningSandbox.ROOT.accessKeyId(), "AWS_SECRET_ACCESS_KEY", RunningSandbox.ROOT.secretAccessKey(),
                "AWS_DEFAULT_REGION", "us-east-1"));
        assertEquals(String.join("\n",
                "{\"hello\": \"py\"}",
                "['py']",
                "AccessDeniedException 403 User: arn:aws:iam::000000000000:user/boto3-no-apigateway is not authorized to perform: "
                        + "apigateway:GET on resource: arn:aws:apigateway:us-east-1::/restapis because no identity-based policy "
                        + "allows the apigateway:GET action"), result.stdout().strip(), result.toString());
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
