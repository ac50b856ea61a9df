package course.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./jbang must run on macOS (bash 3.2, BSD tools) though only Linux runs it here: no GNU-only
 * option and no bash 4+ feature may appear in its code. Each rule is first shown to catch an
 * example, so the check can fail.
 */
class LauncherPortabilityTest {
    /** What is not portable, by why; each pattern is matched against the code of one line (comments removed). */
    private static final Map<String, Pattern> RULES = Map.ofEntries(
            rule("readlink -f/-e/-m and realpath are GNU (or macOS 13+)", "\\breadlink\\s+-[a-z]*[fem]|\\brealpath\\b"),
            rule("\\| alternation in a sed/grep basic regex is GNU", "\\b(sed|grep)\\b.*\\\\\\|"),
            rule("sed -i, -r, -z and grep -P are GNU or differ on BSD", "\\bsed\\s+(-[a-zA-Z]*[irz]\\b)|\\bgrep\\s+-[a-zA-Z]*P"),
            rule("date %N (nanoseconds, %3N) is GNU", "\\bdate\\b.*%[0-9]*N"),
            rule("stat -c, find -printf, sort -V, xargs -r, tac and timeout are GNU", "\\bstat\\s+-c|-printf\\b|\\bsort\\s+-[a-zA-Z]*V|\\bxargs\\s+-[a-zA-Z]*r|\\btac\\b|^\\s*timeout\\b|\\|\\s*timeout\\b"),
            rule("mapfile/readarray, coproc, wait -n are bash 4+", "\\b(mapfile|readarray|coproc)\\b|\\bwait\\s+-n\\b"),
            rule("associative arrays and namerefs (declare/local/typeset -A/-n) are bash 4+", "\\b(declare|local|typeset)\\s+-[a-zA-Z]*[An]\\b"),
            rule("case conversion ${v,,} ${v^^} is bash 4+", "\\$\\{[!#]?[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*\\])?(,|\\^)"),
            rule("${v@Q} transformations are bash 4.4+", "\\$\\{[^}]*@[QEPAaKkULu]\\}"),
            rule("negative array subscripts are bash 4.3+", "\\$\\{[A-Za-z_][A-Za-z0-9_]*\\[-[0-9]"),
            rule("|& and &>> are bash 4+", "\\|&|&>>"),
            rule(";& and ;;& case fall-through is bash 4+", ";;?&"),
            rule("EPOCHREALTIME, EPOCHSECONDS, BASHPID are bash 4+", "\\$\\{?(EPOCHREALTIME|EPOCHSECONDS|BASHPID)\\b"),
            rule("[[ -v is bash 4.2+", "\\[\\[\\s+-v\\b"),
            rule("printf %(...)T is bash 4.2+", "%\\([^)]*\\)T"),
            rule("shopt globstar/lastpipe/... are bash 4+", "\\bshopt\\s+-s\\s+(globstar|lastpipe|autocd|checkjobs|direxpand|globasciiranges|inherit_errexit|localvar_inherit)"),
            rule("set -u makes an empty \"$@\" or array an error in bash 3.2", "\\bset\\s+-[a-zA-Z]*u|\\bset\\s+-o\\s+nounset"));

    @Test
    void everyRuleCatchesItsExample() {
        List<String> bad = List.of(
                "x=$(readlink -f \"$0\")", "sed -n 's/^ *java\\.\\(home\\|vm\\) = //p'", "sed -i 's/a/b/' f", "grep -P '\\d'",
                "start=$(date +%s%3N)", "stat -c %Y f", "mapfile -t lines < f", "declare -A seen", "echo ${name,,}",
                "echo ${name@Q}", "echo ${parts[-1]}", "cmd |& tee log", "a) x ;;&", "echo $EPOCHREALTIME", "[[ -v name ]]",
                "printf '%(%s)T' -1", "shopt -s globstar", "set -euo pipefail", "wait -n", "local -n ref=$1");
        for (String line : bad) {
            assertTrue(!violations(List.of(line)).isEmpty(), "no rule catches: " + line);
        }
        List<String> fine = List.of("set -o pipefail", "dir=${path%/*}", "for name in ${!JBANG_@}; do", "[ ${#kept_paths[@]} -gt 0 ]",
                "sed -n 's/^ *\"x\": \"\\(.*\\)\"$/\\1/p'", "target=$(readlink \"$path\")", "cksum \"$@\"", "files+=(\"$file\")");
        assertEquals(List.of(), violations(fine), "rules must not flag portable code");
    }

    @Test
    void theLauncherUsesOnlyPosixToolsAndBash32() throws IOException {
        List<String> lines = Files.readAllLines(Jbang.PROJECT.resolve("jbang"));
        assertEquals(List.of(), violations(lines));
    }

    @Test
    void theLauncherIsValidBash() throws Exception {
        Process check = new ProcessBuilder("bash", "-n", Jbang.PROJECT.resolve("jbang").toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertEquals(0, check.waitFor(), output);
    }

    private static List<String> violations(List<String> lines) {
        List<String> found = new ArrayList<>();
        for (int number = 1; number <= lines.size(); number++) {
            String code = withoutComment(lines.get(number - 1));
            for (Map.Entry<String, Pattern> rule : RULES.entrySet()) {
                if (rule.getValue().matcher(code).find()) {
                    found.add("line " + number + ": " + rule.getKey() + ": " + lines.get(number - 1).strip());
                }
            }
        }
        return found;
    }

    /** The line without a # comment (a # that starts a word, outside ${...}). */
    private static String withoutComment(String line) {
        return line.strip().startsWith("#") ? "" : line.replaceAll("(^|\\s)#[^{}]*$", "");
    }

    private static Map.Entry<String, Pattern> rule(String why, String regex) {
        return Map.entry(why, Pattern.compile(regex));
    }
}
