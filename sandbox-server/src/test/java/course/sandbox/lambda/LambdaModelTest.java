package course.sandbox.lambda;

import course.sandbox.lambda.LambdaModel.Reference;
import course.sandbox.lambda.LambdaModel.Scope;
import course.sandbox.lambda.LambdaModel.Settings;
import course.sandbox.service.ServiceException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lambda's rules without HTTP or processes, as the API reference and the quotas page state them.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
 */
class LambdaModelTest {
    private static final Scope SCOPE = new Scope("123456789012", "eu-west-1");
    private static final String ROLE = "arn:aws:iam::123456789012:role/lambda";
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final CodeArchive CODE = CodeArchive.of(HandlerCode.zipOf(Map.of("a/B.class", new byte[10])), LambdaModel.MAX_UNZIPPED);

    private final LambdaModel model = new LambdaModel();

    private static Settings settings(Map<String, String> environment) {
        return new Settings("java21", ROLE, "a.B::handle", null, null, null, environment, null, null, null);
    }

    @Test
    void functionNamesArnsAndQualifiers() {
        assertEquals(new Reference("f", Optional.empty()), LambdaModel.reference(SCOPE, "f"));
        assertEquals(new Reference("f", Optional.of("live")),
                LambdaModel.reference(SCOPE, "arn:aws:lambda:eu-west-1:123456789012:function:f:live"));
        assertEquals(new Reference("f", Optional.of("3")), LambdaModel.reference(SCOPE, "123456789012:function:f", "3"));
        assertEquals("ResourceNotFoundException", assertThrows(ServiceException.class,
                () -> LambdaModel.reference(SCOPE, "arn:aws:lambda:us-east-1:123456789012:function:f")).code());
        assertEquals("InvalidParameterValueException", assertThrows(ServiceException.class,
                () -> LambdaModel.reference(SCOPE, "f:1", "2")).code());
        assertEquals("ValidationException", assertThrows(ServiceException.class, () -> LambdaModel.reference(SCOPE, "a b")).code());
    }

    @Test
    void createDefaultsAndConflicts() {
        var config = model.createFunction(SCOPE, "f", settings(Map.of()), CODE, Map.of(), NOW);
        assertEquals(3, config.timeout());
        assertEquals(128, config.memorySize());
        assertEquals("$LATEST", config.version());
        assertEquals("/aws/lambda/f", config.logGroup());
        assertEquals("2025-01-01T00:00:00.000+0000", config.lastModified());
        assertEquals(409, assertThrows(ServiceException.class,
                () -> model.createFunction(SCOPE, "f", settings(Map.of()), CODE, Map.of(), NOW)).status());
        ServiceException runtime = assertThrows(ServiceException.class, () -> model.createFunction(SCOPE, "g",
                new Settings("python3.13", ROLE, "h", null, null, null, null, null, null, null), CODE, Map.of(), NOW));
        assertTrue(runtime.getMessage().contains("java17"), runtime.getMessage());
        assertEquals("ValidationException", assertThrows(ServiceException.class, () -> model.createFunction(SCOPE, "g",
                new Settings("java21", ROLE, "h", null, 901, null, null, null, null, null), CODE, Map.of(), NOW)).code());
    }

    @Test
    void environmentVariablesReservedKeysAnd4Kb() {
        assertTrue(assertThrows(ServiceException.class, () -> model.createFunction(SCOPE, "f",
                settings(Map.of("AWS_LAMBDA_FUNCTION_NAME", "x")), CODE, Map.of(), NOW)).getMessage()
                .endsWith("Reserved keys used in this request: AWS_LAMBDA_FUNCTION_NAME"));
        assertTrue(assertThrows(ServiceException.class, () -> model.createFunction(SCOPE, "f",
                settings(Map.of("BIG", "x".repeat(4100))), CODE, Map.of(), NOW)).getMessage().contains("exceeded the 4KB limit"));
        model.createFunction(SCOPE, "f", settings(Map.of("OK", "x".repeat(4000))), CODE, Map.of(), NOW);
    }

    @Test
    void publishingUnchangedCodeReturnsTheLastVersion() {
        model.createFunction(SCOPE, "f", settings(Map.of()), CODE, Map.of(), NOW);
        assertEquals("1", model.publishVersion(SCOPE, "f", null, null, null, NOW).version());
        assertEquals("1", model.publishVersion(SCOPE, "f", null, null, null, NOW).version());
        model.updateConfiguration(SCOPE, "f", new Settings(null, null, null, null, 10, null, null, null, null, null), null, NOW);
        assertEquals("2", model.publishVersion(SCOPE, "f", null, null, null, NOW).version());
        assertEquals("InvalidParameterValueException", assertThrows(ServiceException.class,
                () -> model.publishVersion(SCOPE, "f", "bad", null, null, NOW)).code());
        assertEquals(412, assertThrows(ServiceException.class,
                () -> model.updateConfiguration(SCOPE, "f", settings(Map.of()), "stale-revision", NOW)).status());
    }

    @Test
    void aliasWeightsAndDeletion() {
        model.createFunction(SCOPE, "f", settings(Map.of()), CODE, Map.of(), NOW);
        model.publishVersion(SCOPE, "f", null, null, null, NOW);
        model.updateConfiguration(SCOPE, "f", new Settings(null, null, null, "two", null, null, null, null, null, null), null, NOW);
        model.publishVersion(SCOPE, "f", null, null, null, NOW);
        model.createAlias(SCOPE, "f", "live", "1", null, Map.of("2", 1.0));
        assertEquals("2", model.target(SCOPE, new Reference("f", Optional.of("live"))).executedVersion());
        assertEquals("InvalidParameterValueException", assertThrows(ServiceException.class,
                () -> model.createAlias(SCOPE, "f", "two", "1", null, Map.of("1", 0.5))).code());
        assertEquals("ValidationException", assertThrows(ServiceException.class,
                () -> model.createAlias(SCOPE, "f", "123", "1", null, null)).code());
        assertEquals(409, assertThrows(ServiceException.class,
                () -> model.deleteFunction(SCOPE, new Reference("f", Optional.of("2")))).status());
    }

    @Test
    void concurrencyKeeps100Unreserved() {
        model.createFunction(SCOPE, "f", settings(Map.of()), CODE, Map.of(), NOW);
        model.putReservedConcurrency(SCOPE, "f", 900);
        assertEquals(100, model.unreservedConcurrency(SCOPE));
        model.createFunction(SCOPE, "g", settings(Map.of()), CODE, Map.of(), NOW);
        assertTrue(assertThrows(ServiceException.class, () -> model.putReservedConcurrency(SCOPE, "g", 1)).getMessage()
                .contains("below its minimum value of [100]"));
        assertEquals("InvalidParameterValueException", assertThrows(ServiceException.class,
                () -> model.putProvisioned(SCOPE, "f", "$LATEST", 1)).code());
    }

    @Test
    void layersAtMostFiveAndUnzippedSize() {
        String arn = model.publishLayerVersion(SCOPE, "lib", CODE, null, List.of("java21"), null, null, NOW).arn();
        assertEquals("arn:aws:lambda:eu-west-1:123456789012:layer:lib:1", arn);
        List<String> six = Collections.nCopies(6, arn);
        assertEquals("Cannot reference more than 5 layers.", assertThrows(ServiceException.class, () -> model.createFunction(
                SCOPE, "f", new Settings("java21", ROLE, "h", null, null, null, null, six, null, null), CODE, Map.of(), NOW))
                .getMessage());
        byte[] big = HandlerCode.zipOf(Map.of("big.bin", new byte[5000]));
        assertTrue(assertThrows(ServiceException.class, () -> CodeArchive.of(big, 4096)).getMessage()
                .startsWith("Unzipped size must be smaller than 4096 bytes"));
        assertEquals("Could not unzip uploaded file. Please check your file, then try to upload again.",
                assertThrows(ServiceException.class, () -> CodeArchive.of("not a zip".getBytes(), 4096)).getMessage());
    }
}
