package course.e2e;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one ./jbang run printed and returned, with assertions that show the whole output on failure. */
public record Run(String command, int exitCode, String stdout, String stderr) {

    public List<String> lines() {
        return stdout.lines().toList();
    }

    /**
     * stderr without what JBang prints when it (re)builds the script: its notices (building, and
     * resolving dependencies the first time a set of them is used) and javac's notes.
     */
    public List<String> errorLines() {
        return stderr.lines().filter(line -> !line.startsWith("[jbang] Building jar") && !line.startsWith("Note: ")
                && !line.startsWith("[jbang] Resolving dependencies") && !line.startsWith("[jbang]    ")
                && !line.startsWith("[jbang] Dependencies resolved")).toList();
    }

    public Run exits(int expected) {
        assertEquals(expected, exitCode, () -> "exit code of `" + command + "`\n" + this);
        return this;
    }

    public Run succeeds() {
        return exits(0);
    }

    /** Some stdout line matches the regular expression as a whole. */
    public Run printsLine(String regex) {
        Pattern pattern = Pattern.compile(regex);
        assertTrue(lines().stream().anyMatch(line -> pattern.matcher(line).matches()),
                () -> "no stdout line matches /" + regex + "/ for `" + command + "`\n" + this);
        return this;
    }

    public Run firstLine(String regex) {
        assertTrue(!lines().isEmpty() && Pattern.compile(regex).matcher(lines().get(0)).matches(),
                () -> "first stdout line does not match /" + regex + "/ for `" + command + "`\n" + this);
        return this;
    }

    /** Exactly one line on stderr (JBang's own build notice aside), matching the expression. */
    public Run failsWithOneLine(String regex) {
        assertTrue(exitCode != 0, () -> "expected a non-zero exit for `" + command + "`\n" + this);
        List<String> errors = errorLines();
        assertEquals(1, errors.size(), () -> "expected one stderr line for `" + command + "`\n" + this);
        assertTrue(Pattern.compile(regex).matcher(errors.get(0)).matches(),
                () -> "stderr line does not match /" + regex + "/ for `" + command + "`\n" + this);
        return this;
    }

    @Override
    public String toString() {
        return "--- exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
