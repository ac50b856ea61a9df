package course.sandbox.apigatewayv2.protocol;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Request → HTTP API operation → {@code apigateway:<METHOD>} on the path without {@code /v2}; every
 * operation has a row and a case in the service's switch.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-control-access-with-iam.html">Control access to HTTP APIs with IAM</a>
 */
class ApiGatewayV2OperationTableTest {
    private record Row(String method, String path, ApiGatewayV2Operation operation, String resource) {
    }

    private static final String API = "/v2/apis/a1b2c3";

    private static final List<Row> ROWS = List.of(
            new Row("POST", "/v2/apis", ApiGatewayV2Operation.CreateApi, "/apis"),
            new Row("PUT", "/v2/apis", ApiGatewayV2Operation.ImportApi, "/apis"),
            new Row("GET", "/v2/apis", ApiGatewayV2Operation.GetApis, "/apis"),
            new Row("GET", API, ApiGatewayV2Operation.GetApi, "/apis/a1b2c3"),
            new Row("PATCH", API, ApiGatewayV2Operation.UpdateApi, "/apis/a1b2c3"),
            new Row("DELETE", API, ApiGatewayV2Operation.DeleteApi, "/apis/a1b2c3"),
            new Row("PUT", API, ApiGatewayV2Operation.ReimportApi, "/apis/a1b2c3"),
            new Row("GET", API + "/exports/OAS30", ApiGatewayV2Operation.ExportApi, "/apis/a1b2c3/exports/OAS30"),
            new Row("POST", API + "/routes", ApiGatewayV2Operation.CreateRoute, "/apis/a1b2c3/routes"),
            new Row("GET", API + "/routes", ApiGatewayV2Operation.GetRoutes, "/apis/a1b2c3/routes"),
            new Row("GET", API + "/routes/r1", ApiGatewayV2Operation.GetRoute, "/apis/a1b2c3/routes/r1"),
            new Row("PATCH", API + "/routes/r1", ApiGatewayV2Operation.UpdateRoute, "/apis/a1b2c3/routes/r1"),
            new Row("DELETE", API + "/routes/r1", ApiGatewayV2Operation.DeleteRoute, "/apis/a1b2c3/routes/r1"),
            new Row("POST", API + "/integrations", ApiGatewayV2Operation.CreateIntegration, "/apis/a1b2c3/integrations"),
            new Row("GET", API + "/integrations", ApiGatewayV2Operation.GetIntegrations, "/apis/a1b2c3/integrations"),
            new Row("GET", API + "/integrations/i1", ApiGatewayV2Operation.GetIntegration, "/apis/a1b2c3/integrations/i1"),
            new Row("PATCH", API + "/integrations/i1", ApiGatewayV2Operation.UpdateIntegration, "/apis/a1b2c3/integrations/i1"),
            new Row("DELETE", API + "/integrations/i1", ApiGatewayV2Operation.DeleteIntegration, "/apis/a1b2c3/integrations/i1"),
            new Row("POST", API + "/stages", ApiGatewayV2Operation.CreateStage, "/apis/a1b2c3/stages"),
            new Row("GET", API + "/stages", ApiGatewayV2Operation.GetStages, "/apis/a1b2c3/stages"),
            new Row("GET", API + "/stages/%24default", ApiGatewayV2Operation.GetStage, "/apis/a1b2c3/stages/$default"),
            new Row("PATCH", API + "/stages/dev", ApiGatewayV2Operation.UpdateStage, "/apis/a1b2c3/stages/dev"),
            new Row("DELETE", API + "/stages/dev", ApiGatewayV2Operation.DeleteStage, "/apis/a1b2c3/stages/dev"),
            new Row("POST", API + "/deployments", ApiGatewayV2Operation.CreateDeployment, "/apis/a1b2c3/deployments"),
            new Row("GET", API + "/deployments", ApiGatewayV2Operation.GetDeployments, "/apis/a1b2c3/deployments"),
            new Row("GET", API + "/deployments/d1", ApiGatewayV2Operation.GetDeployment, "/apis/a1b2c3/deployments/d1"),
            new Row("DELETE", API + "/deployments/d1", ApiGatewayV2Operation.DeleteDeployment, "/apis/a1b2c3/deployments/d1"));

    @Test
    void eachRequestNamesItsOperationActionAndResource() {
        List<String> wrong = new ArrayList<>();
        for (Row row : ROWS) {
            ApiGatewayV2Operation.Match match = ApiGatewayV2Operation.match(row.method(), row.path()).orElse(null);
            if (match == null || match.operation() != row.operation() || !match.resourcePath().equals(row.resource())
                    || !match.operation().action().equals("apigateway:" + row.method())) {
                wrong.add(row + " matched " + match);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyOperationHasARowAndAHandlerCase() throws IOException {
        Set<ApiGatewayV2Operation> covered = EnumSet.noneOf(ApiGatewayV2Operation.class);
        ROWS.forEach(row -> covered.add(row.operation()));
        assertEquals(EnumSet.allOf(ApiGatewayV2Operation.class), covered);
        String service = Files.readString(Path.of("src/main/java/course/sandbox/apigatewayv2/protocol/ApiGatewayV2Service.java"));
        List<String> missing = new ArrayList<>();
        for (ApiGatewayV2Operation operation : ApiGatewayV2Operation.values()) {
            if (!service.contains("case " + operation.name() + " ->")) {
                missing.add(operation.name());
            }
        }
        assertEquals(List.of(), missing);
    }
}
