package course.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog itself: every alias described, pointing at a file, listed by JBang, and tested end to end. */
class CatalogTest {
    static final Path CATALOG = Jbang.PROJECT.resolve("jbang-catalog.json");

    static Set<String> aliases() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        new ObjectMapper().readTree(CATALOG.toFile()).path("aliases").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyAliasHasADescriptionAndAnExistingScript() throws IOException {
        JsonNode aliases = new ObjectMapper().readTree(CATALOG.toFile()).path("aliases");
        assertFalse(aliases.isEmpty(), "the catalog has no aliases");
        for (Iterator<String> names = aliases.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode alias = aliases.path(name);
            assertTrue(name.matches("[a-z][a-z0-9-]*"), "alias names are short, lowercase, hyphenated: " + name);
            assertFalse(alias.path("description").asText().isBlank(), "alias " + name + " has no description");
            Path script = Jbang.PROJECT.resolve(alias.path("script-ref").asText());
            assertTrue(Files.isRegularFile(script), "alias " + name + " points at a missing file " + script);
        }
    }

    @Test
    void aliasListShowsEveryAliasWithItsDescription() throws IOException {
        Run run = Jbang.inProject().run("alias", "list").succeeds();
        JsonNode aliases = new ObjectMapper().readTree(CATALOG.toFile()).path("aliases");
        for (String name : aliases()) {
            run.printsLine(name);
            run.printsLine("\\s+" + java.util.regex.Pattern.quote(aliases.path(name).path("description").asText()));
        }
    }

    @Test
    void everyAliasHasAnEndToEndTest() throws IOException, URISyntaxException {
        Set<String> covered = new TreeSet<>();
        for (Class<?> testClass : testClasses()) {
            Covers covers = testClass.getAnnotation(Covers.class);
            if (covers != null) {
                covered.addAll(List.of(covers.value()));
            }
        }
        Set<String> missing = new TreeSet<>(aliases());
        missing.removeAll(covered);
        assertEquals(Set.of(), missing, "aliases without an end-to-end test (@Covers) in course.e2e");
    }

    private static List<Class<?>> testClasses() throws IOException, URISyntaxException {
        Path root = Path.of(CatalogTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    classes.add(Class.forName(name, false, CatalogTest.class.getClassLoader()));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return classes;
    }
}
