package course.e2e;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./jbang keeps the launch line JBang printed and runs it without JBang while nothing it was made
 * from changed. Each test works on a copy of the launcher in a scratch clone whose JBang can be
 * switched off (its jbang-cli jar hidden): a run that succeeds then proves the kept line was used,
 * and a run after an edit, with JBang on, must show the edit.
 */
class LaunchLineTest {
    private static final Path JDK_25 = findJdk25();

    @TempDir
    Path clone;
    private Path launcher;
    private Path jbangJar;

    @BeforeEach
    void scratchClone() throws IOException {
        Files.createDirectories(clone.resolve(".jbang/lib"));
        Files.copy(Jbang.PROJECT.resolve(".jbang/jbang-cli.lock"), clone.resolve(".jbang/jbang-cli.lock"));
        launcher = clone.resolve("jbang");
        Files.copy(Jbang.PROJECT.resolve("jbang"), launcher);
        // JBang's jars linked from the project (bootstrapped by any earlier run of ./jbang there).
        Jbang.inProject().run("version").succeeds();
        try (Stream<Path> jars = Files.list(Jbang.PROJECT.resolve(".jbang/lib"))) {
            for (Path jar : jars.filter(jar -> jar.toString().endsWith(".jar")).toList()) {
                Files.createSymbolicLink(clone.resolve(".jbang/lib").resolve(jar.getFileName()), jar);
                if (jar.getFileName().toString().startsWith("jbang-cli-")) {
                    jbangJar = clone.resolve(".jbang/lib").resolve(jar.getFileName());
                }
            }
        }
        Path complete = Files.createFile(clone.resolve(".jbang/lib/.complete"));
        Files.setLastModifiedTime(complete, FileTime.from(Instant.now().plusSeconds(60)));
    }

    @Test
    void anEditedScriptSourceResourceOrDependencyRunsAsEdited() throws IOException {
        Path script = write("demo/hello.java", """
                //DEPS info.picocli:picocli:4.7.6
                //SOURCES ../lib/Greeting.java
                //FILES greeting.txt
                class hello {
                    public static void main(String[] args) throws Exception {
                        String resource = new String(hello.class.getResourceAsStream("/greeting.txt").readAllBytes()).strip();
                        System.out.println("script one, " + Greeting.text() + ", " + resource + ", picocli " + picocli.CommandLine.VERSION);
                    }
                }
                """);
        Path source = write("lib/Greeting.java", "class Greeting { static String text() { return \"source one\"; } }\n");
        Path resource = write("demo/greeting.txt", "resource one\n");

        expect("script one, source one, resource one, picocli 4.7.6", "demo/hello.java");

        edit(script, "script one", "script two");
        expect("script two, source one, resource one, picocli 4.7.6", "demo/hello.java");

        edit(source, "source one", "source two");
        expect("script two, source two, resource one, picocli 4.7.6", "demo/hello.java");

        edit(resource, "resource one", "resource two");
        expect("script two, source two, resource two, picocli 4.7.6", "demo/hello.java");

        edit(script, "picocli:4.7.6", "picocli:4.7.7");
        expect("script two, source two, resource two, picocli 4.7.7", "demo/hello.java");
    }

    @Test
    void aCdsScriptIsKeptOnceItsArchiveIsWrittenAlsoAfterAnEdit() throws IOException {
        write("demo/cds.java", """
                //CDS
                //FILES note.txt
                class cds {
                    public static void main(String[] args) throws Exception {
                        System.out.println(new String(cds.class.getResourceAsStream("/note.txt").readAllBytes()).strip());
                    }
                }
                """);
        Path note = write("demo/note.txt", "note one\n");
        for (String text : new String[] {"note one", "note two"}) {
            if (text.equals("note two")) {
                edit(note, "note one", "note two");
            }
            // The first run after a build may record the archive, a line that is not kept.
            assertEquals(text, jbang(true).run("demo/cds.java").succeeds().stdout().strip());
            assertEquals(text, jbang(true).run("demo/cds.java").succeeds().stdout().strip());
            assertEquals(text, jbang(false).run("demo/cds.java").succeeds().stdout().strip(), "from the kept launch line");
        }
    }

    @Test
    void aHelpOrFailedRunRecordsNoArchiveSoTheFirstRealRunDoes() throws IOException {
        // A fresh build (JBang names the jar by a hash of the source), so no archive exists yet.
        write("demo/helpful.java", """
                //CDS
                // build %s
                class helpful {
                    public static void main(String[] args) {
                        if (args.length > 0 && args[0].equals("--fail")) {
                            System.exit(3);
                        }
                        System.out.println(args.length > 0 && args[0].equals("--help") ? "usage: helpful" : "ran");
                    }
                }
                """.formatted(java.util.UUID.randomUUID()));
        String info = jbang(true).run("info", "tools", "demo/helpful.java").succeeds().stdout();
        java.util.regex.Matcher jar = java.util.regex.Pattern.compile("\"applicationJar\": \"([^\"]+)\\.jar\"").matcher(info);
        assertTrue(jar.find(), info);
        Path archive = Path.of(jar.group(1) + ".jsa");
        assertEquals("usage: helpful", jbang(true).run("demo/helpful.java", "--help").succeeds().stdout().strip());
        assertFalse(Files.exists(archive), "a --help run records no archive: it would hold a fraction of the classes");
        assertEquals(3, jbang(true).run("demo/helpful.java", "--fail").exitCode());
        assertFalse(Files.exists(archive), "nor does a failed run");
        assertEquals("ran", jbang(true).run("demo/helpful.java").succeeds().stdout().strip());
        assertTrue(Files.exists(archive), "the first real run records it");
        expect("ran", "demo/helpful.java");
        // An archive removed under the kept line (a cleared cache) is recorded again, not run without.
        Files.delete(archive);
        assertEquals("ran", jbang(true).run("demo/helpful.java").succeeds().stdout().strip());
        assertTrue(Files.exists(archive), "recorded again");
    }

    @Test
    void aCatalogAliasFollowsItsEntry() throws IOException {
        write("demo/first.java", "class first { public static void main(String[] args) { System.out.println(\"first\"); } }\n");
        write("demo/second.java", "class second { public static void main(String[] args) { System.out.println(\"second\"); } }\n");
        Path catalog = write("jbang-catalog.json", "{\"aliases\": {\"greet\": {\"script-ref\": \"demo/first.java\"}}}\n");
        expect("first", "greet");
        edit(catalog, "demo/first.java", "demo/second.java");
        expect("second", "greet");
    }

    @Test
    void anotherJdkRunsTheScriptOnThatJdk() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(JDK_25 != null, "no JDK 25 in /usr/lib/jvm");
        write("demo/version.java", "class version { public static void main(String[] args) { System.out.println(\"java \" + Runtime.version().feature()); } }\n");
        expect("java " + Runtime.version().feature(), "demo/version.java");
        assertEquals("java 25", jbang(true).env("JAVA_HOME", JDK_25.toString()).run("demo/version.java").succeeds().stdout().strip());
        assertEquals("java 25", jbang(false).env("JAVA_HOME", JDK_25.toString()).run("demo/version.java").succeeds().stdout().strip());
        Run back = jbang(false).run("demo/version.java");
        assertNotEquals(0, back.exitCode(), "the kept line is JDK 25's, so without JBang this must fail: " + back);
        expect("java " + Runtime.version().feature(), "demo/version.java");
    }

    @Test
    void argumentsArriveVerbatimWithAndWithoutJBang() throws IOException {
        write("demo/args.java", """
                class args {
                    public static void main(String[] args) {
                        for (String arg : args) System.out.println("<" + arg + ">");
                    }
                }
                """);
        String[] arguments = {"demo/args.java", "two words", "", "$HOME", "*", "it's", "say \"hi\"", "a\\b", "line\nbreak", "--help", "-x", ";", "`id`"};
        String expected = Stream.of(arguments).skip(1).map(arg -> "<" + arg + ">\n").reduce("", String::concat);
        assertEquals(expected, jbang(true).run(arguments).succeeds().stdout(), "through JBang");
        assertEquals(expected, jbang(false).run(arguments).succeeds().stdout(), "from the kept line");
        assertEquals("", jbang(false).run("demo/args.java").succeeds().stdout(), "no arguments");
    }

    @Test
    void jbangCommandsAndOptionsAlwaysGoToJBang() throws IOException {
        write("demo/plain.java", "class plain { public static void main(String[] args) { System.out.println(\"plain\"); } }\n");
        expect("plain", "demo/plain.java");
        for (List<String> command : List.of(List.of("run", "demo/plain.java"), List.of("--quiet", "demo/plain.java"), List.of("version"))) {
            Run run = jbang(false).run(command.toArray(String[]::new));
            assertNotEquals(0, run.exitCode(), "JBang is off, so this must fail: " + run);
        }
    }

    /** Runs the target with JBang on, then with JBang off: both print the expected line. */
    private void expect(String line, String target) {
        assertEquals(line, jbang(true).run(target).succeeds().stdout().strip(), "through JBang");
        assertEquals(line, jbang(false).run(target).succeeds().stdout().strip(), "from the kept launch line");
    }

    private Jbang jbang(boolean withJBang) {
        Path hidden = jbangJar.resolveSibling("hidden.jar.off");
        try {
            if (withJBang && Files.exists(hidden, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.move(hidden, jbangJar);
            } else if (!withJBang && Files.exists(jbangJar, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.move(jbangJar, hidden);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Jbang.launcher(launcher);
    }

    private Path write(String name, String text) throws IOException {
        Path file = clone.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " has " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private static Path findJdk25() {
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(jdk -> jdk.getFileName().toString().matches(".*temurin.*25.*"))
                    .filter(jdk -> Files.isExecutable(jdk.resolve("bin/javac"))).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
