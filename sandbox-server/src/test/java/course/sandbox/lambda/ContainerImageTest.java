package course.sandbox.lambda;

import course.sandbox.lambda.ContainerImage.ImageConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the sandbox reads an image: layers unpacked in order (later files win, whiteouts delete,
 * nothing lands outside the root) and the entry point read as a JVM starting the runtime client.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md">OCI image layers and whiteouts</a>
 */
class ContainerImageTest {
    private static final String RIC = ContainerImage.RUNTIME_CLIENT;

    @TempDir
    Path root;

    private static ContainerImage image(ImageConfig config, ImageConfig overrides, List<byte[]> layers) {
        return new ContainerImage("000000000000.dkr.ecr.us-east-1.amazonaws.com/r:t", "resolved", "sha256:" + "a".repeat(64),
                config, overrides, layers);
    }

    private static Map<String, byte[]> files(String... pathsAndTexts) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    @Test
    void layersUnpackInOrderWithWhiteouts() throws IOException {
        byte[] lower = HandlerCode.tarGz(files("app/lib/old.jar", "old", "app/keep.txt", "lower", "app/gone.txt", "x"));
        byte[] upper = HandlerCode.tarGz(files("app/keep.txt", "upper", "app/.wh.gone.txt", "", "../escape.txt", "no",
                "app/" + "long-directory-name/".repeat(8) + "deep.txt", "deep"));
        image(ImageConfig.NONE, ImageConfig.NONE, List.of(lower, upper)).unpackTo(root);
        assertEquals("upper", Files.readString(root.resolve("app/keep.txt")));
        assertEquals("old", Files.readString(root.resolve("app/lib/old.jar")));
        assertFalse(Files.exists(root.resolve("app/gone.txt")));
        assertFalse(Files.exists(root.resolve("app/.wh.gone.txt")));
        assertFalse(Files.exists(root.getParent().resolve("escape.txt")));
        assertEquals("deep", Files.readString(root.resolve("app/" + "long-directory-name/".repeat(8) + "deep.txt")));

        // An opaque whiteout hides the lower layers' files of its directory, not the files of its own layer.
        byte[] opaque = HandlerCode.tarGz(files("app/lib/.wh..wh..opq", "", "app/lib/new.jar", "new"));
        image(ImageConfig.NONE, ImageConfig.NONE, List.of(lower, upper, opaque)).unpackTo(root.resolve("second"));
        assertFalse(Files.exists(root.resolve("second/app/lib/old.jar")));
        assertEquals("new", Files.readString(root.resolve("second/app/lib/new.jar")));
        assertEquals("upper", Files.readString(root.resolve("second/app/keep.txt")));
    }

    @Test
    void theEntryPointsClassPathIsRebasedOntoTheImage() {
        ContainerImage image = image(new ImageConfig(List.of("/usr/bin/java", "-Xshare:auto", "-cp", "./*:/opt/lib/x.jar:classes",
                RIC), List.of("a.B::handle"), "/function"), ImageConfig.NONE, List.of());
        ContainerImage.Launch launch = image.launch(root);
        Path base = root.toAbsolutePath().normalize();
        assertEquals(List.of(base.resolve("function") + "/*", base.resolve("opt/lib/x.jar").toString(),
                base.resolve("function/classes").toString()), launch.classpath());
        assertEquals(List.of("a.B::handle"), launch.arguments());
        assertEquals(base.resolve("function"), launch.workingDirectory());

        // ImageConfig overrides the image's CMD and WORKDIR; ENTRYPOINT may carry the handler itself.
        ContainerImage overridden = image(image.config(), new ImageConfig(null, List.of("c.D::other"), "/srv"), List.of());
        assertEquals(List.of("c.D::other"), overridden.launch(root).arguments());
        assertEquals(base.resolve("srv") + "/*", overridden.launch(root).classpath().get(0));
        ContainerImage allInEntryPoint = image(new ImageConfig(List.of("java", "--class-path=/app/*", RIC, "e.F"), null, null),
                ImageConfig.NONE, List.of());
        assertEquals(List.of("e.F"), allInEntryPoint.launch(root).arguments());
        assertEquals(base.resolve("app") + "/*", allInEntryPoint.launch(root).classpath().get(0));
    }

    @Test
    void onlyAJvmStartingTheRuntimeClientInsideTheImageRuns() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> image(new ImageConfig(List.of("/lambda-entrypoint.sh"),
                List.of("app.handler"), null), ImageConfig.NONE, List.of()).launch(root)).getMessage().contains("does not start a JVM"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> image(new ImageConfig(List.of("java", "-cp", "/app/*",
                "com.example.Main"), null, null), ImageConfig.NONE, List.of()).launch(root)).getMessage().contains("does not run " + RIC));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> image(new ImageConfig(List.of("java", RIC), List.of("h"),
                null), ImageConfig.NONE, List.of()).launch(root)).getMessage().contains("names no class path"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> image(new ImageConfig(List.of("java", "-cp", "../../etc/*",
                RIC), List.of("h"), "/"), ImageConfig.NONE, List.of()).launch(root)).getMessage().contains("leaves the image"));
    }
}
