package course.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * sandbox-server/sandbox.java lists the module's sources and resources one by one (JBang cannot
 * expand a glob over HTTP, and remote catalogs fetch over HTTP). The list must be the module.
 */
class JbangManifestTest {
    private static final Path MODULE = Jbang.PROJECT.resolve("sandbox-server");

    @Test
    void theSandboxScriptListsEverySourceAndResource() throws IOException {
        List<String> script = Files.readAllLines(MODULE.resolve("sandbox.java"));
        TreeSet<String> listed = new TreeSet<>();
        script.stream().filter(line -> line.startsWith("//SOURCES ") || line.startsWith("//FILES ")).forEach(listed::add);
        TreeSet<String> expected = new TreeSet<>();
        for (Path source : files(MODULE.resolve("src/main/java"), ".java")) {
            expected.add("//SOURCES " + MODULE.relativize(source));
        }
        Path resources = MODULE.resolve("src/main/resources");
        for (Path resource : files(resources, "")) {
            expected.add("//FILES " + resources.relativize(resource) + "=" + MODULE.relativize(resource));
        }
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(listed);
        TreeSet<String> stale = new TreeSet<>(listed);
        stale.removeAll(expected);
        assertEquals("", String.join("\n", missing), "lines to add to sandbox-server/sandbox.java");
        assertEquals("", String.join("\n", stale), "lines to remove from sandbox-server/sandbox.java");
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
