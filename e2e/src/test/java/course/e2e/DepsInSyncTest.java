package course.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * JBang scripts declare their own //DEPS; Maven builds the same code from the POMs. The two
 * must name the same versions, or a demo would run with other libraries than the tests.
 */
class DepsInSyncTest {
    private static final Pattern DEPS = Pattern.compile("^//DEPS\\s+(\\S+)", Pattern.MULTILINE);

    @Test
    void scriptDependenciesUseThePomVersions() throws IOException {
        String pom = Files.readString(Jbang.PROJECT.resolve("pom.xml"));
        Map<String, String> pinned = Map.ofEntries(
                Map.entry("software.amazon.awssdk:bom", property(pom, "awssdk.version") + "@pom"),
                Map.entry("info.picocli:picocli", property(pom, "picocli.version")),
                Map.entry("com.fasterxml.jackson:jackson-bom", property(pom, "jackson.version") + "@pom"),
                Map.entry("com.fasterxml.jackson.core:jackson-databind", property(pom, "jackson.version")),
                Map.entry("com.fasterxml.jackson.dataformat:jackson-dataformat-cbor", property(pom, "jackson.version")),
                Map.entry("io.swagger.parser.v3:swagger-parser", property(pom, "swagger-parser.version")),
                Map.entry("com.networknt:json-schema-validator", property(pom, "json-schema-validator.version")),
                Map.entry("org.apache.velocity:velocity-engine-core", property(pom, "velocity.version")),
                Map.entry("org.slf4j:slf4j-api", property(pom, "slf4j.version")),
                Map.entry("org.slf4j:slf4j-nop", property(pom, "slf4j.version")),
                Map.entry("com.amazonaws:aws-lambda-java-runtime-interface-client", property(pom, "lambda-ric.version")),
                Map.entry("com.amazonaws:aws-lambda-java-core", property(pom, "lambda-core.version")),
                Map.entry("com.amazonaws:aws-lambda-java-events", property(pom, "lambda-events.version")));
        List<String> mismatches = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Jbang.PROJECT)) {
            for (Path file : files.filter(DepsInSyncTest::isJbangSource).toList()) {
                Matcher deps = DEPS.matcher(Files.readString(file));
                while (deps.find()) {
                    String[] coordinates = deps.group(1).split(":");
                    if (coordinates.length < 3) {
                        continue; // versionless: managed by the BOM
                    }
                    String expected = pinned.get(coordinates[0] + ":" + coordinates[1]);
                    if (expected != null && !expected.equals(coordinates[2])) {
                        mismatches.add(Jbang.PROJECT.relativize(file) + ": " + deps.group(1) + " (pom: " + expected + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private static boolean isJbangSource(Path file) {
        String name = file.toString();
        return (name.endsWith(".java") || name.endsWith(".jsh")) && !name.contains("/target/") && !name.contains("/.jbang/");
    }

    private static String property(String pom, String name) {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        if (!matcher.find()) {
            throw new IllegalStateException("pom.xml has no property " + name);
        }
        return matcher.group(1);
    }
}
