package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./jbang: finds a JDK, bootstraps JBang once, follows JBang's launch protocol, defers to an installed jbang. */
class LauncherTest {
    private static final String PATH = System.getenv("PATH");

    @Test
    void runsJBangFromTheProject() {
        Jbang.inProject().run("version").succeeds().printsLine("0\\.132\\.1");
    }

    @Test
    void bootstrapsIntoAnEmptyFolderOnceThenStaysOffline(@TempDir Path clone) throws IOException {
        Path launcher = copyLauncher(clone);
        // An empty local repository: every jar comes from Maven Central, as on a fresh machine.
        Run first = Jbang.launcher(launcher).env("JBANG_REPO", clone.resolve("m2").toString()).run("version").succeeds().printsLine("0\\.132\\.1");
        assertTrue(first.stderr().contains("Setting up JBang"), first::toString);
        assertTrue(Files.exists(clone.resolve(".jbang/lib/gson-2.13.2.jar")), "gson 2.11+ replaces the 2.10.1 JBang asks for");
        assertFalse(Files.exists(clone.resolve(".jbang/lib/gson-2.10.1.jar")));

        // A Maven repository that cannot be reached proves the second run makes no network call.
        Run second = Jbang.launcher(launcher).env("COURSE_MAVEN_REPOSITORY", "http://127.0.0.1:9/unreachable")
                .run("version").succeeds().printsLine("0\\.132\\.1");
        assertFalse(second.stderr().contains("Setting up JBang"), second::toString);
    }

    @Test
    void aFailedDownloadSaysWhatToCheckInOneLine(@TempDir Path clone) throws IOException {
        Path launcher = copyLauncher(clone);
        Run run = Jbang.launcher(launcher).env("JBANG_REPO", clone.resolve("m2").toString())
                .env("COURSE_MAVEN_REPOSITORY", "http://127.0.0.1:9/unreachable").run("version");
        assertTrue(run.exitCode() != 0, run::toString);
        assertTrue(run.stderr().lines().anyMatch(line -> line.startsWith("Could not set up JBang: ")
                && line.contains("COURSE_MAVEN_REPOSITORY")), run::toString);
        assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run);
    }

    @Test
    void prefersAnInstalledJBang(@TempDir Path bin) throws IOException {
        Path installed = script(bin.resolve("jbang"), "#!/bin/sh\necho \"installed jbang: $*\"\n");
        Jbang.inProject().env("PATH", installed.getParent() + ":" + PATH).run("alias", "list")
                .succeeds().printsLine("installed jbang: alias list");
    }

    @Test
    void doesNotCallItselfWhenTheCloneIsOnThePath() {
        Jbang.inProject().env("PATH", Jbang.PROJECT + ":" + PATH).timeout(java.time.Duration.ofMinutes(1))
                .run("version").succeeds().printsLine("0\\.132\\.1");
    }

    @Test
    void refusesAJavaOlderThan17InOneLine(@TempDir Path bin) throws IOException {
        script(bin.resolve("java"), "#!/bin/sh\necho '    java.specification.version = 11' >&2\n");
        Jbang.inProject().env("JAVA_HOME", null).env("PATH", bin + ":" + PATH).run("version")
                .failsWithOneLine("course needs a JDK 17 or newer \\(found Java 11 at .*/java\\): install one, .*");
    }

    @Test
    void saysSoWhenThereIsNoJavaAtAll(@TempDir Path bin) throws IOException {
        for (String tool : new String[] {"bash", "env", "dirname", "basename", "readlink", "sed"}) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
        }
        Jbang.inProject().env("JAVA_HOME", null).env("PATH", bin.toString()).run("version")
                .failsWithOneLine("course needs a JDK 17 or newer \\(no java on PATH or in JAVA_HOME\\): .*");
    }

    @Test
    void anUnknownAliasIsOneLineThatPointsAtTheList() {
        for (String[] command : new String[][] {{"no-such-demo"}, {"no-such-demo", "--help"}, {"run", "no-such-demo"}}) {
            Jbang.inProject().run(command).failsWithOneLine(
                    "No demo, alias or script 'no-such-demo' here: '\\./jbang alias list' lists the demos\\.");
        }
    }

    private static Path copyLauncher(Path clone) throws IOException {
        Files.createDirectories(clone.resolve(".jbang"));
        for (String file : new String[] {".jbang/Bootstrap.java", ".jbang/jbang-cli.lock"}) {
            Files.copy(Jbang.PROJECT.resolve(file), clone.resolve(file));
        }
        Path launcher = clone.resolve("jbang");
        Files.copy(Jbang.PROJECT.resolve("jbang"), launcher);
        return launcher;
    }

    private static Path script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
