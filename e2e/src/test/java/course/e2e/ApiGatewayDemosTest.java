package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module 10 API Gateway demos through ./jbang against a sandbox: real requests, API Gateway's answers. */
@Covers({"api-validation", "api-openapi", "api-canary", "api-http-vs-rest"})
@ExtendWith(SharedSandbox.class)
class ApiGatewayDemosTest {

    @Test
    void validationRefusesWithApiGatewaysMessagesThenAccepts(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("api-validation").succeeds()
                .printsLine("   Invoke URL: http://127\\.0\\.0\\.1:\\d+/_host/[a-z0-9]{10}\\.execute-api\\.us-east-1\\.amazonaws\\.com/demo")
                .printsLine("   POST /orders: 400 \\{\"message\":\"Missing required request parameters: \\[(channel, x-customer-id|x-customer-id, channel)]\"}")
                .printsLine("   POST /orders\\?channel=web: 400 \\{\"message\":\"Invalid request body\"}")
                .printsLine("   POST /orders\\?channel=web: 200 \\{\"accepted\": true, \"channel\": \"web\", \"requestId\": \"[0-9a-f-]{36}\"}")
                .printsLine("\\d+\\. Clean up")
                .printsLine("    Deleted REST API [a-z0-9]{10}")
                .printsLine("    Deleted everything this run created\\.");
    }

    @Test
    void openApiImportInvokeExportAndDiff(SharedSandbox.TestSandbox sandbox) throws Exception {
        Path out = Files.createTempDirectory("api-openapi-e2e");
        Run run = sandbox.jbang().run("api-openapi", "--out", out.toString()).succeeds()
                .printsLine("   /books: \\[GET → MOCK, POST → MOCK]")
                .printsLine("   Validators: \\[all, params-only]")
                .printsLine("   GET /books\\?genre=java: 200 \\[\\{\"isbn\": \"978-0134685991\", \"title\": \"Effective Java\", \"genre\": \"java\"}]")
                .printsLine("   GET /books: 400 \\{\"message\":\"Missing required request parameters: \\[genre]\"}")
                .printsLine("   POST /books \\(bad ISBN\\): 400 \\{\"message\":\"Invalid request body\"}")
                .printsLine("   POST /books: 201 \\{\"added\": true}")
                .printsLine("   \\+       x-amazon-apigateway-integration:")
                .printsLine("   Lines only without: 0")
                .printsLine("\\d+\\. Clean up")
                .printsLine(" {3,4}Deleted REST API [a-z0-9]{10}")
                .printsLine(" {3,4}Deleted everything this run created\\.");
        String with = Files.readString(out.resolve("with-extensions.yaml"));
        String without = Files.readString(out.resolve("without-extensions.yaml"));
        assertTrue(with.contains("x-amazon-apigateway-request-validators:"), with);
        assertTrue(!without.contains("x-amazon-apigateway"), without);
        assertTrue(without.contains("openapi: 3.0.1"), without);

        sandbox.jbang().run("api-openapi", "--file", out.resolve("nope.yaml").toString())
                .failsWithOneLine("No such file: .*nope\\.yaml");
        Path broken = Files.writeString(out.resolve("broken.yaml"), "openapi: 3.0.1\ninfo: {title: x, version: '1'}\npaths:\n"
                + "  /a:\n    get:\n      responses: {}\n      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET}\n");
        sandbox.jbang().run("api-openapi", "--file", broken.toString())
                .failsWithOneLine("API Gateway refused the definition: Errors found during import: .*");
    }

    @Test
    void canarySplitsPromotesAndRollsBack(SharedSandbox.TestSandbox sandbox) {
        Run run = sandbox.jbang().run("api-canary", "--calls", "300").succeeds()
                .printsLine("   v2 \\(deployment [a-z0-9]{6}, canary\\): \\d+ of 300 .*")
                .printsLine("   v2 \\(deployment [a-z0-9]{6}\\): 300 of 300 \\(100\\.0%\\)")
                .printsLine("\\d+\\. Clean up")
                .printsLine(" {3,4}Deleted REST API [a-z0-9]{10}")
                .printsLine(" {3,4}Deleted everything this run created\\.");
        Matcher canary = Pattern.compile("v2 \\(deployment \\w+, canary\\): (\\d+) of 300").matcher(run.stdout());
        assertTrue(canary.find(), run::toString);
        int share = Integer.parseInt(canary.group(1));
        // 10% of 300 is 30; a binomial spread of ±6σ (σ ≈ 5.2) keeps this from flaking.
        assertTrue(share > 0 && share < 62, "canary share " + share);
        assertEquals(2, run.stdout().split("\\(100\\.0%\\)", -1).length - 1, run::toString);

        sandbox.jbang().run("api-canary", "--percent", "150").failsWithOneLine("--percent must be between 0 and 100\\.");
    }

    @Test
    void httpVersusRestWithOneRealFunction(SharedSandbox.TestSandbox sandbox) {
        Run run = sandbox.jbang().run("api-http-vs-rest").succeeds()
                .printsLine("   payload version : HTTP API 2\\.0   ·   REST API \\(none\\)")
                .printsLine("   query string    : HTTP API \\{\"lang\":\"en,fr\"}   ·   REST API \\{\"lang\":\\[\"en\",\"fr\"]}")
                .printsLine("   cookie          : HTTP API \\[\"theme=dark\"]   ·   REST API theme=dark")
                .printsLine("   No API key: 403 \\{\"message\":\"Forbidden\"}")
                .printsLine("   Key, no 'lang': 400 \\{\"message\":\"Missing required request parameters: \\[lang]\"}")
                .printsLine("   Key and 'lang': 200, requestContext\\.identity\\.apiKeyId = [a-z0-9]{10}")
                .printsLine("   HTTP API, no key, no 'lang': 200")
                // The canary's 30 calls give the stable deployment (the one metered) at least 4 in all but ~3e-5 of runs: the quota runs out.
                .printsLine("   429 \\{\"message\":\"Limit Exceeded\"}: \\d+")
                .printsLine("\\d+\\. Clean up")
                .printsLine(" {3,4}Deleted usage plan [a-z0-9]+")
                .printsLine(" {3,4}Deleted API key [a-z0-9]+")
                .printsLine(" {3,4}Deleted REST API [a-z0-9]{10}")
                .printsLine(" {3,4}Deleted HTTP API [a-z0-9]+")
                .printsLine(" {3,4}Deleted log group /aws/lambda/course-api-echo-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted function course-api-echo-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted policy write-logs of role course-api-echo-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted role course-api-echo-\\d{8}-[0-9a-f]{6}")
                .printsLine(" {3,4}Deleted everything this run created\\.");
        assertTrue(run.stdout().contains("color green") || run.stdout().contains("color blue"), run::toString);
    }
}
