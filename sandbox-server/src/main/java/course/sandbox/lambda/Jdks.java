package course.sandbox.lambda;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDKs installed on this machine, and which one runs a Lambda runtime: the newest whose
 * feature version is at least the runtime's (java17 on JDK 17 or later), so a function compiled
 * for its runtime always loads. The one chosen is named in the function's INIT_START log line.
 */
public final class Jdks {
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([0-9]+)(?:\\.[^\"]*)?\"");
    private static final Pattern FULL_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");

    /** One installed JDK: its feature version (17, 25), full version and home. */
    public record Jdk(int feature, String version, Path home) {
        public Path java() {
            return home.resolve("bin").resolve("java");
        }
    }

    private final List<Jdk> installed;

    private Jdks(List<Jdk> installed) {
        this.installed = List.copyOf(installed);
    }

    /** This JVM's JDK and those under /usr/lib/jvm (each home once). */
    public static Jdks onThisMachine() {
        Map<Path, Jdk> found = new LinkedHashMap<>();
        candidate(Path.of(System.getProperty("java.home"))).ifPresent(jdk -> found.putIfAbsent(jdk.home(), jdk));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (DirectoryStream<Path> homes = Files.newDirectoryStream(jvms)) {
                for (Path home : homes) {
                    candidate(home).ifPresent(jdk -> found.putIfAbsent(jdk.home(), jdk));
                }
            } catch (IOException unreadable) {
                // this JVM's own JDK is still there
            }
        }
        List<Jdk> all = new ArrayList<>(found.values());
        all.sort(Comparator.comparingInt(Jdk::feature).thenComparing(Jdk::version).reversed());
        return new Jdks(all);
    }

    public List<Jdk> installed() {
        return installed;
    }

    /** The JDK for a runtime such as {@code java21}: the newest installed of at least that version. */
    public Optional<Jdk> forRuntime(String runtime) {
        int minimum = Integer.parseInt(runtime.substring("java".length()).replaceAll("\\D.*", ""));
        return installed.stream().filter(jdk -> jdk.feature() >= minimum).findFirst();
    }

    private static Optional<Jdk> candidate(Path home) {
        try {
            Path real = home.toRealPath();
            Path release = real.resolve("release");
            if (!Files.isExecutable(real.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
                return Optional.empty();
            }
            String text = Files.readString(release);
            Matcher feature = VERSION.matcher(text);
            Matcher full = FULL_VERSION.matcher(text);
            if (!feature.find() || !full.find()) {
                return Optional.empty();
            }
            return Optional.of(new Jdk(Integer.parseInt(feature.group(1)), full.group(1), real));
        } catch (IOException | NumberFormatException notAJdk) {
            return Optional.empty();
        }
    }
}
