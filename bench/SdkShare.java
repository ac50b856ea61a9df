import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SDK share: per demo, the share of its statements that call an SDK client or build an SDK model.
 * Run from the clone: java bench/SdkShare.java [clone] (bench/sdk-share.sh does);
 * java bench/SdkShare.java --list FILE prints each statement of FILE as counted, "sdk" or "-".
 *
 * Demo: the script file each catalog alias points at (not the //SOURCES helpers it includes), and
 * each snippets/*.jsh file. The definitions are mechanical so that before and after count alike:
 *
 * Statement: the text left after removing comments, //-header lines, package and import lines,
 * and the contents of string, text block and char literals, cut at ';' and at '{' and '}' (a '{'
 * opens a new nesting level, so the statements of a lambda body count one by one; a ';' inside
 * parentheses, as in for(;;) or a try's resource list, does not cut). A piece ended by ';' is a
 * statement when it holds an identifier. A piece ended by '{' is a statement only when it is a
 * control header with a parenthesised part (if, for, while, switch, try-with-resources, synchronized)
 * or the start of an expression that continues into a lambda or anonymous body (ends with '->'
 * or ')', or holds '='), and not a type, method or constructor declaration. catch, else, finally,
 * try without resources and initializer blocks are not statements.
 *
 * SDK statement: a statement that names an SDK type (a simple name imported from a
 * software.amazon.awssdk package, or any fully qualified software.amazon.awssdk name) or uses a
 * variable, field or parameter declared in the same file with an SDK type (or with var from an
 * expression naming one), e.g. s3.putObject(...), Region.of(...), PutObjectRequest.builder()...,
 * try (S3Client s3 = ...).
 */
class SdkShare {
    private static final Pattern ALIAS = Pattern.compile("\"([\\w-]+)\"\\s*:\\s*\\{\\s*\"script-ref\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SDK_IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+)?software\\.amazon\\.awssdk\\.[\\w.]*\\.(\\w+)\\s*;");
    private static final Pattern DECLARATION_LINE = Pattern.compile("(?m)^\\s*(?:package|import)\\s[^;]*;");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(class|interface|record|enum)\\s+\\w+");
    private static final Pattern METHOD_DECLARATION = Pattern.compile(
            "^(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*(?:(?:public|private|protected|static|final|abstract|default|synchronized|native)\\s+)*"
                    + "(?:<[^>]*>\\s*)?(?:[\\w.]+(?:<.*>)?(?:\\[\\])*\\s+)?\\w+\\s*\\(.*\\)\\s*(?:throws\\s+[\\w.,\\s]+)?$", Pattern.DOTALL);
    private static final Pattern CONTROL_HEADER = Pattern.compile("^(?:if|for|while|switch|synchronized|try)\\s*\\(.*", Pattern.DOTALL);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--list")) {
            count(Files.readString(Path.of(args[1])), true);
            return;
        }
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Map<String, Path> demos = new LinkedHashMap<>();
        Matcher alias = ALIAS.matcher(Files.readString(root.resolve("jbang-catalog.json")));
        while (alias.find()) {
            if (!alias.group(1).equals("sandbox")) {
                demos.put(alias.group(1), root.resolve(alias.group(2)));
            }
        }
        try (var snippets = Files.list(root.resolve("snippets"))) {
            snippets.filter(p -> p.toString().endsWith(".jsh")).sorted()
                    .forEach(p -> demos.put("snippets/" + p.getFileName(), p));
        }
        System.out.printf("%-24s %10s %8s %7s%n", "demo", "statements", "sdk", "share");
        int allStatements = 0;
        int allSdk = 0;
        for (Map.Entry<String, Path> demo : demos.entrySet()) {
            int[] counts = count(Files.readString(demo.getValue()), false);
            allStatements += counts[0];
            allSdk += counts[1];
            System.out.printf("%-24s %10d %8d %6.1f%%%n", demo.getKey(), counts[0], counts[1], 100.0 * counts[1] / counts[0]);
        }
        System.out.printf("%-24s %10d %8d %6.1f%%%n", "TOTAL", allStatements, allSdk, 100.0 * allSdk / allStatements);
    }

    /** {statements, SDK statements} of one source file. */
    static int[] count(String source, boolean list) {
        Set<String> sdkTypes = new TreeSet<>();
        Matcher imported = SDK_IMPORT.matcher(source);
        while (imported.find()) {
            sdkTypes.add(imported.group(1));
        }
        String code = DECLARATION_LINE.matcher(stripCommentsAndLiterals(source)).replaceAll("");
        List<String> statements = statements(code);
        Set<String> sdkVariables = sdkVariables(code, sdkTypes);
        int sdk = 0;
        for (String statement : statements) {
            boolean isSdk = isSdk(statement, sdkTypes, sdkVariables);
            if (isSdk) {
                sdk++;
            }
            if (list) {
                System.out.println((isSdk ? "sdk " : "-   ") + statement);
            }
        }
        return new int[] {statements.size(), sdk};
    }

    private static boolean isSdk(String statement, Set<String> sdkTypes, Set<String> sdkVariables) {
        if (statement.contains("software.amazon.awssdk.")) {
            return true;
        }
        Matcher word = IDENTIFIER.matcher(statement);
        while (word.find()) {
            String name = word.group();
            boolean member = word.start() > 0 && statement.charAt(word.start() - 1) == '.';
            if (sdkTypes.contains(name) || (!member && sdkVariables.contains(name))) {
                return true;
            }
        }
        return false;
    }

    /** Names declared with an SDK type, or with var from an expression that names one. */
    private static Set<String> sdkVariables(String code, Set<String> sdkTypes) {
        Set<String> names = new TreeSet<>();
        if (!sdkTypes.isEmpty()) {
            String types = String.join("|", sdkTypes);
            Matcher typed = Pattern.compile("\\b(?:" + types + ")(?:\\.\\w+)*\\s*(?:<[^;{}()]*?>)?(?:\\[\\])*\\s+([a-z_]\\w*)\\s*[=;:,)]").matcher(code);
            while (typed.find()) {
                names.add(typed.group(1));
            }
            Matcher inferred = Pattern.compile("\\bvar\\s+(\\w+)\\s*=\\s*[^;]*\\b(?:" + types + ")\\b").matcher(code);
            while (inferred.find()) {
                names.add(inferred.group(1));
            }
        }
        return names;
    }

    private static List<String> statements(String code) {
        List<String> statements = new ArrayList<>();
        List<Integer> enclosingParens = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        int parens = 0;
        for (char c : code.toCharArray()) {
            switch (c) {
                case '(' -> {
                    parens++;
                    piece.append(c);
                }
                case ')' -> {
                    parens--;
                    piece.append(c);
                }
                case ';' -> {
                    if (parens > 0) {
                        piece.append(c);
                    } else {
                        addIfStatement(statements, piece.toString().trim(), false);
                        piece.setLength(0);
                    }
                }
                case '{' -> {
                    addIfStatement(statements, piece.toString().trim(), true);
                    piece.setLength(0);
                    enclosingParens.add(parens);
                    parens = 0;
                }
                case '}' -> {
                    addIfStatement(statements, piece.toString().trim(), false);
                    piece.setLength(0);
                    parens = enclosingParens.isEmpty() ? 0 : enclosingParens.remove(enclosingParens.size() - 1);
                }
                default -> piece.append(c);
            }
        }
        return statements;
    }

    private static void addIfStatement(List<String> statements, String piece, boolean opensBlock) {
        piece = piece.replaceAll("\\s+", " ");
        if (!IDENTIFIER.matcher(piece).find()) {
            return;
        }
        if (!opensBlock) {
            // A continuation after a lambda or anonymous body, e.g. "), executor)", belongs to the
            // statement counted where it started.
            if (piece.startsWith(")") || piece.startsWith(",") || piece.startsWith(".")) {
                return;
            }
            statements.add(piece);
            return;
        }
        String withoutAnnotationArguments = piece.replaceAll("@[\\w.]+\\s*\\([^()]*\\)", "@");
        if (TYPE_DECLARATION.matcher(withoutAnnotationArguments).find() && !withoutAnnotationArguments.contains("=")) {
            return;
        }
        if (piece.startsWith("@")) {
            return; // an annotation's array argument, as in @Command(description = {...})
        }
        if (CONTROL_HEADER.matcher(piece).matches()) {
            statements.add(piece);
            return;
        }
        if (piece.matches("^(?:else|try|finally|do|static|default|case\\b.*->|catch\\b.*|else if\\b.*)$")) {
            if (piece.startsWith("else if")) {
                statements.add(piece);
            }
            return;
        }
        if (METHOD_DECLARATION.matcher(piece).matches() && !piece.contains("=") && !piece.contains("->")) {
            return;
        }
        if (piece.endsWith("->") || piece.endsWith(")") || piece.contains("=") || piece.endsWith("]")) {
            if (!piece.startsWith(")") && !piece.startsWith(",") && !piece.startsWith(".")) {
                statements.add(piece);
            }
        }
    }

    /** Comments removed; string, text block and char literals emptied (so their ';' and '{' do not count). */
    static String stripCommentsAndLiterals(String source) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 1);
                }
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && source.charAt(i) != c && source.charAt(i) != '\n') {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
