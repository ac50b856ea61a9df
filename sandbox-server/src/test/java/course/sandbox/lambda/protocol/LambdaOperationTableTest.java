package course.sandbox.lambda.protocol;

import course.sandbox.http.Headers;
import course.sandbox.http.SandboxRequest;
import course.sandbox.iam.Credential;
import course.sandbox.iam.Principal;
import course.sandbox.lambda.LambdaModel;
import course.sandbox.protocol.ServiceRoute;
import course.sandbox.service.Caller;
import course.sandbox.service.Operation;
import course.sandbox.service.ServiceException;
import course.sandbox.service.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Method and path → operation → IAM action and resource. Lambda decides function actions on the
 * function's ARN, qualified when the request names a version or alias ("not authorized to perform:
 * lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:…:function:my-function:prod"); layer
 * versions on {@code layer:NAME:VERSION}; listings on {@code *}; CreateFunction also needs
 * iam:PassRole on the execution role, and code from S3 needs s3:GetObject.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html
 */
class LambdaOperationTableTest {
    private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final String LAYER = "arn:aws:lambda:us-east-1:000000000000:layer:";
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    private final LambdaService service = new LambdaService(new LambdaModel(), null, null, null, new course.sandbox.ecr.EcrModel());

    static Stream<Arguments> operations() {
        return Stream.of(
                row("CreateFunction", "POST", "/2015-03-31/functions", "{\"FunctionName\":\"f\",\"Role\":\"" + ROLE
                        + "\",\"Code\":{\"ZipFile\":\"UEs=\"}}", "lambda:CreateFunction " + FN + "f", "iam:PassRole " + ROLE),
                row("CreateFunction", "POST", "/2015-03-31/functions", "{\"FunctionName\":\"f\",\"Role\":\"" + ROLE
                        + "\",\"Code\":{\"S3Bucket\":\"b\",\"S3Key\":\"k.zip\"}}", "lambda:CreateFunction " + FN + "f",
                        "iam:PassRole " + ROLE, "s3:GetObject arn:aws:s3:::b/k.zip"),
                row("ListFunctions", "GET", "/2015-03-31/functions/", "", "lambda:ListFunctions *"),
                row("GetFunction", "GET", "/2015-03-31/functions/f", "", "lambda:GetFunction " + FN + "f"),
                row("GetFunction", "GET", "/2015-03-31/functions/f?Qualifier=2", "", "lambda:GetFunction " + FN + "f:2"),
                row("DeleteFunction", "DELETE", "/2015-03-31/functions/" + (FN + "f").replace(":", "%3A"), "",
                        "lambda:DeleteFunction " + FN + "f"),
                row("GetFunctionConfiguration", "GET", "/2015-03-31/functions/f/configuration", "",
                        "lambda:GetFunctionConfiguration " + FN + "f"),
                row("UpdateFunctionConfiguration", "PUT", "/2015-03-31/functions/f/configuration", "{\"Timeout\":5}",
                        "lambda:UpdateFunctionConfiguration " + FN + "f"),
                row("UpdateFunctionCode", "PUT", "/2015-03-31/functions/f/code", "{\"ZipFile\":\"UEs=\"}",
                        "lambda:UpdateFunctionCode " + FN + "f"),
                row("Invoke", "POST", "/2015-03-31/functions/f%3Aprod/invocations", "{}", "lambda:InvokeFunction " + FN + "f:prod"),
                row("PublishVersion", "POST", "/2015-03-31/functions/f/versions", "{}", "lambda:PublishVersion " + FN + "f"),
                row("ListVersionsByFunction", "GET", "/2015-03-31/functions/f/versions", "",
                        "lambda:ListVersionsByFunction " + FN + "f"),
                row("CreateAlias", "POST", "/2015-03-31/functions/f/aliases", "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}",
                        "lambda:CreateAlias " + FN + "f"),
                row("ListAliases", "GET", "/2015-03-31/functions/f/aliases", "", "lambda:ListAliases " + FN + "f"),
                row("GetAlias", "GET", "/2015-03-31/functions/f/aliases/live", "", "lambda:GetAlias " + FN + "f"),
                row("UpdateAlias", "PUT", "/2015-03-31/functions/f/aliases/live", "{}", "lambda:UpdateAlias " + FN + "f"),
                row("DeleteAlias", "DELETE", "/2015-03-31/functions/f/aliases/live", "", "lambda:DeleteAlias " + FN + "f"),
                row("AddPermission", "POST", "/2015-03-31/functions/f/policy", "{}", "lambda:AddPermission " + FN + "f"),
                row("GetPolicy", "GET", "/2015-03-31/functions/f/policy", "", "lambda:GetPolicy " + FN + "f"),
                row("RemovePermission", "DELETE", "/2015-03-31/functions/f/policy/s1", "", "lambda:RemovePermission " + FN + "f"),
                row("PutFunctionConcurrency", "PUT", "/2017-10-31/functions/f/concurrency", "{}",
                        "lambda:PutFunctionConcurrency " + FN + "f"),
                row("DeleteFunctionConcurrency", "DELETE", "/2017-10-31/functions/f/concurrency", "",
                        "lambda:DeleteFunctionConcurrency " + FN + "f"),
                row("GetFunctionConcurrency", "GET", "/2019-09-30/functions/f/concurrency", "",
                        "lambda:GetFunctionConcurrency " + FN + "f"),
                row("PutProvisionedConcurrencyConfig", "PUT", "/2019-09-30/functions/f/provisioned-concurrency?Qualifier=prod", "{}",
                        "lambda:PutProvisionedConcurrencyConfig " + FN + "f:prod"),
                row("GetProvisionedConcurrencyConfig", "GET", "/2019-09-30/functions/f/provisioned-concurrency?Qualifier=prod", "",
                        "lambda:GetProvisionedConcurrencyConfig " + FN + "f:prod"),
                row("DeleteProvisionedConcurrencyConfig", "DELETE", "/2019-09-30/functions/f/provisioned-concurrency?Qualifier=prod",
                        "", "lambda:DeleteProvisionedConcurrencyConfig " + FN + "f:prod"),
                row("PublishLayerVersion", "POST", "/2018-10-31/layers/lib/versions", "{\"Content\":{\"ZipFile\":\"UEs=\"}}",
                        "lambda:PublishLayerVersion " + LAYER + "lib"),
                row("ListLayerVersions", "GET", "/2018-10-31/layers/lib/versions", "", "lambda:ListLayerVersions *"),
                row("GetLayerVersion", "GET", "/2018-10-31/layers/lib/versions/3", "", "lambda:GetLayerVersion " + LAYER + "lib:3"),
                row("DeleteLayerVersion", "DELETE", "/2018-10-31/layers/lib/versions/3", "",
                        "lambda:DeleteLayerVersion " + LAYER + "lib:3"),
                row("ListLayers", "GET", "/2018-10-31/layers", "", "lambda:ListLayers *"),
                row("GetAccountSettings", "GET", "/2016-08-19/account-settings/", "", "lambda:GetAccountSettings *"));
    }

    private static Arguments row(String operation, String method, String path, String body, String... permissions) {
        return Arguments.of(operation, method, path, body, List.of(permissions));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("operations")
    void operationAndPermissions(String name, String method, String path, String body, List<String> expected) {
        Operation operation = service.operation(request(method, path, body, signed()));
        assertEquals(name, operation.name());
        assertEquals(Operation.Access.POLICY, operation.access());
        assertEquals(expected, operation.permissions().stream().map(p -> p.action() + " " + p.resource()).toList());
    }

    /** Fail closed: the table covers every operation served, and the service's switch names exactly those. */
    @Test
    void everyServedOperationHasItsRowAndItsHandler() throws IOException {
        Set<String> enumerated = Arrays.stream(LambdaOperation.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(enumerated, operations().map(row -> (String) row.get()[0]).collect(Collectors.toCollection(TreeSet::new)));
        Matcher cases = Pattern.compile("case (\\w+) ->").matcher(
                Files.readString(Path.of("src/main/java/course/sandbox/lambda/protocol/LambdaService.java")));
        Set<String> handled = new TreeSet<>();
        while (cases.find()) {
            handled.add(cases.group(1));
        }
        handled.removeAll(Set.of("ALL", "LAYER", "LAYER_VERSION", "FUNCTION"));
        assertEquals(enumerated, handled);
    }

    @Test
    void otherOperationsAreNotImplementedAndBadRequestsRefused() {
        ServiceException notServed = assertThrows(ServiceException.class,
                () -> service.operation(request("GET", "/2015-03-31/event-source-mappings/", "", signed())));
        assertEquals(501, notServed.status());
        assertEquals("NotImplemented", notServed.code());
        ServiceException badName = assertThrows(ServiceException.class,
                () -> service.operation(request("GET", "/2015-03-31/functions/bad%20name", "", signed())));
        assertEquals("ValidationException", badName.code());
        ServiceException otherAccount = assertThrows(ServiceException.class, () -> service.operation(request("GET",
                "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A111111111111%3Afunction%3Af", "", signed())));
        assertEquals("ResourceNotFoundException", otherAccount.code());
    }

    private static Caller signed() {
        return Caller.of(new Credential("AKIAEXAMPLE", "secret", new Principal.Root("000000000000"), Optional.empty(),
                Optional.empty(), true, Optional.empty(), List.of()));
    }

    private static ServiceRequest request(String method, String pathAndQuery, String body, Caller caller) {
        Headers headers = new Headers().add("Host", "127.0.0.1:4566").add("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20250101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? "" : pathAndQuery.substring(question + 1);
        SandboxRequest http = new SandboxRequest(method, path, query, headers, bytes, new InetSocketAddress("127.0.0.1", 50000));
        return new ServiceRequest(http, bytes, Optional.empty(), new Headers(), caller, "us-east-1", "request-1", Instant.now(),
                ServiceRoute.of(http));
    }
}
