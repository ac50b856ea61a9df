package course.sandbox.apigateway.protocol;

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
 * Request → operation → IAM action and resource, one row per operation; every operation has a row
 * and a case in the handlers. API Gateway decides its control plane on {@code apigateway:<METHOD>}
 * and {@code arn:aws:apigateway:REGION::<path>}.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-to-api.html">Control access to API Gateway with IAM permissions</a>
 */
class ApiGatewayOperationTableTest {
    private static final String API = "/restapis/a1b2c3d4e5";
    private static final String METHOD = API + "/resources/r1/methods/GET";

    private record Row(String method, String path, String query, ApiGatewayOperation operation) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("POST", "/restapis", "", ApiGatewayOperation.CreateRestApi),
            new Row("POST", "/restapis", "mode=import&failonwarnings=true", ApiGatewayOperation.ImportRestApi),
            new Row("GET", "/restapis", "limit=25", ApiGatewayOperation.GetRestApis),
            new Row("GET", API, "", ApiGatewayOperation.GetRestApi),
            new Row("PATCH", API, "", ApiGatewayOperation.UpdateRestApi),
            new Row("DELETE", API, "", ApiGatewayOperation.DeleteRestApi),
            new Row("PUT", API, "mode=overwrite", ApiGatewayOperation.PutRestApi),
            new Row("GET", API + "/resources", "embed=methods", ApiGatewayOperation.GetResources),
            new Row("GET", API + "/resources/r1", "", ApiGatewayOperation.GetResource),
            new Row("POST", API + "/resources/r1", "", ApiGatewayOperation.CreateResource),
            new Row("PATCH", API + "/resources/r1", "", ApiGatewayOperation.UpdateResource),
            new Row("DELETE", API + "/resources/r1", "", ApiGatewayOperation.DeleteResource),
            new Row("PUT", METHOD, "", ApiGatewayOperation.PutMethod),
            new Row("GET", METHOD, "", ApiGatewayOperation.GetMethod),
            new Row("PATCH", METHOD, "", ApiGatewayOperation.UpdateMethod),
            new Row("DELETE", METHOD, "", ApiGatewayOperation.DeleteMethod),
            new Row("PUT", METHOD + "/responses/200", "", ApiGatewayOperation.PutMethodResponse),
            new Row("GET", METHOD + "/responses/200", "", ApiGatewayOperation.GetMethodResponse),
            new Row("PATCH", METHOD + "/responses/200", "", ApiGatewayOperation.UpdateMethodResponse),
            new Row("DELETE", METHOD + "/responses/200", "", ApiGatewayOperation.DeleteMethodResponse),
            new Row("PUT", METHOD + "/integration", "", ApiGatewayOperation.PutIntegration),
            new Row("GET", METHOD + "/integration", "", ApiGatewayOperation.GetIntegration),
            new Row("PATCH", METHOD + "/integration", "", ApiGatewayOperation.UpdateIntegration),
            new Row("DELETE", METHOD + "/integration", "", ApiGatewayOperation.DeleteIntegration),
            new Row("PUT", METHOD + "/integration/responses/200", "", ApiGatewayOperation.PutIntegrationResponse),
            new Row("GET", METHOD + "/integration/responses/200", "", ApiGatewayOperation.GetIntegrationResponse),
            new Row("PATCH", METHOD + "/integration/responses/200", "", ApiGatewayOperation.UpdateIntegrationResponse),
            new Row("DELETE", METHOD + "/integration/responses/200", "", ApiGatewayOperation.DeleteIntegrationResponse),
            new Row("POST", API + "/models", "", ApiGatewayOperation.CreateModel),
            new Row("GET", API + "/models", "", ApiGatewayOperation.GetModels),
            new Row("GET", API + "/models/Pet", "", ApiGatewayOperation.GetModel),
            new Row("PATCH", API + "/models/Pet", "", ApiGatewayOperation.UpdateModel),
            new Row("DELETE", API + "/models/Pet", "", ApiGatewayOperation.DeleteModel),
            new Row("POST", API + "/requestvalidators", "", ApiGatewayOperation.CreateRequestValidator),
            new Row("GET", API + "/requestvalidators", "", ApiGatewayOperation.GetRequestValidators),
            new Row("GET", API + "/requestvalidators/v1", "", ApiGatewayOperation.GetRequestValidator),
            new Row("PATCH", API + "/requestvalidators/v1", "", ApiGatewayOperation.UpdateRequestValidator),
            new Row("DELETE", API + "/requestvalidators/v1", "", ApiGatewayOperation.DeleteRequestValidator),
            new Row("POST", API + "/deployments", "", ApiGatewayOperation.CreateDeployment),
            new Row("GET", API + "/deployments", "", ApiGatewayOperation.GetDeployments),
            new Row("GET", API + "/deployments/d1", "", ApiGatewayOperation.GetDeployment),
            new Row("PATCH", API + "/deployments/d1", "", ApiGatewayOperation.UpdateDeployment),
            new Row("DELETE", API + "/deployments/d1", "", ApiGatewayOperation.DeleteDeployment),
            new Row("POST", API + "/stages", "", ApiGatewayOperation.CreateStage),
            new Row("GET", API + "/stages", "deploymentId=d1", ApiGatewayOperation.GetStages),
            new Row("GET", API + "/stages/prod", "", ApiGatewayOperation.GetStage),
            new Row("PATCH", API + "/stages/prod", "", ApiGatewayOperation.UpdateStage),
            new Row("DELETE", API + "/stages/prod", "", ApiGatewayOperation.DeleteStage),
            new Row("GET", API + "/stages/prod/exports/oas30", "extensions=integrations", ApiGatewayOperation.GetExport),
            new Row("POST", "/apikeys", "", ApiGatewayOperation.CreateApiKey),
            new Row("GET", "/apikeys", "includeValues=true", ApiGatewayOperation.GetApiKeys),
            new Row("GET", "/apikeys/k1", "", ApiGatewayOperation.GetApiKey),
            new Row("PATCH", "/apikeys/k1", "", ApiGatewayOperation.UpdateApiKey),
            new Row("DELETE", "/apikeys/k1", "", ApiGatewayOperation.DeleteApiKey),
            new Row("POST", "/usageplans", "", ApiGatewayOperation.CreateUsagePlan),
            new Row("GET", "/usageplans", "", ApiGatewayOperation.GetUsagePlans),
            new Row("GET", "/usageplans/p1", "", ApiGatewayOperation.GetUsagePlan),
            new Row("PATCH", "/usageplans/p1", "", ApiGatewayOperation.UpdateUsagePlan),
            new Row("DELETE", "/usageplans/p1", "", ApiGatewayOperation.DeleteUsagePlan),
            new Row("POST", "/usageplans/p1/keys", "", ApiGatewayOperation.CreateUsagePlanKey),
            new Row("GET", "/usageplans/p1/keys", "", ApiGatewayOperation.GetUsagePlanKeys),
            new Row("GET", "/usageplans/p1/keys/k1", "", ApiGatewayOperation.GetUsagePlanKey),
            new Row("DELETE", "/usageplans/p1/keys/k1", "", ApiGatewayOperation.DeleteUsagePlanKey),
            new Row("GET", "/usageplans/p1/usage", "startDate=2025-01-01&endDate=2025-01-02", ApiGatewayOperation.GetUsage));

    @Test
    void eachRequestNamesItsOperationActionAndResource() {
        List<String> wrong = new ArrayList<>();
        for (Row row : ROWS) {
            ApiGatewayOperation.Match match = ApiGatewayOperation.match(row.method(), row.path(), row.query()).orElse(null);
            if (match == null || match.operation() != row.operation()) {
                wrong.add(row + " matched " + match);
            } else if (!match.operation().action().equals("apigateway:" + row.method()) || !match.path().equals(row.path())) {
                wrong.add(row + ": " + match.operation().action() + " on " + match.path());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyOperationHasARowAndAHandlerCase() throws IOException {
        Set<ApiGatewayOperation> covered = EnumSet.noneOf(ApiGatewayOperation.class);
        ROWS.forEach(row -> covered.add(row.operation()));
        assertEquals(EnumSet.allOf(ApiGatewayOperation.class), covered);
        String handlers = Files.readString(Path.of("src/main/java/course/sandbox/apigateway/protocol/ApiGatewayHandlers.java"));
        List<String> missing = new ArrayList<>();
        for (ApiGatewayOperation operation : ApiGatewayOperation.values()) {
            if (!handlers.contains("case " + operation.name() + " ->") && !handlers.contains("case " + operation.name() + ",")) {
                missing.add(operation.name());
            }
        }
        assertEquals(List.of(), missing);
    }
}
