package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every demo gets from scripts/lib (DemoCommand, Demo) and the sandbox from its own command
 * line: -V, region checking, help layout, compile output, and failing fast on a dead endpoint.
 */
@ExtendWith(SharedSandbox.class)
class DemoCommandLineTest {

    @Test
    void versionNamesTheCourseTheSdkAndJava(SharedSandbox.TestSandbox sandbox) throws IOException {
        String pom = Files.readString(Jbang.PROJECT.resolve("pom.xml"));
        String course = Pattern.quote(property(pom, "<version>"));
        String sdk = Pattern.quote(property(pom, "<awssdk.version>"));
        String java = "Java 17[0-9.]*";
        sandbox.jbang().run("whoami", "-V").succeeds()
                .firstLine("course " + course + " · AWS SDK for Java " + sdk + " · " + java);
        sandbox.jbang().run("ddb-workbench", "import", "--version").succeeds()
                .firstLine("course " + course + " · AWS SDK for Java " + sdk + " · " + java);
        sandbox.jbang().run("sandbox", "-V").succeeds().firstLine("course sandbox " + course + " · " + java);
        sandbox.jbang().run("sandbox", "start", "--version").succeeds().firstLine("course sandbox " + course + " · " + java);
    }

    @Test
    void aRegionTheSdkDoesNotKnowIsOneLine(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("whoami", "--region", "not-a-region")
                .failsWithOneLine("Unknown region 'not-a-region': use one of the SDK's regions, e\\.g\\. us-east-1 or eu-west-1\\.");
        sandbox.jbang().env("AWS_REGION", "mars-north-1").run("whoami")
                .failsWithOneLine("Unknown region 'mars-north-1': .*");
        sandbox.jbang().run("whoami", "--region", "eu-west-3").succeeds()
                .firstLine("Target: local sandbox .* · eu-west-3");
    }

    /** picocli's own wrapping broke after ':' and kept each description line a line of its own. */
    @Test
    void helpWrapsBetweenWordsOnly(SharedSandbox.TestSandbox sandbox) {
        Run help = sandbox.jbang().run("policy-sim", "--help").succeeds()
                .printsLine(".*\\bs3:GetObject\\b.*")
                .printsLine(".*\\baws:SourceIp=203\\.0\\.113\\.7:ip\\b.*")
                .printsLine("boundary removes, and how a condition flips with the request context\\. With")
                .printsLine("      --action=ACTION      With --policy: an action to simulate, e\\.g\\.");
        for (String line : help.lines()) {
            assertFalse(line.matches(".*\\b(s3|aws):$"), () -> "a name split at ':' in\n" + help);
            assertTrue(line.length() <= 80, () -> "a line wider than 80 columns in\n" + help);
        }
    }

    /** JBang shows javac's output on a first run; the sandbox's sources use deprecated and unchecked APIs. */
    @Test
    void aFirstRunCompilesWithoutJavacNotes(@TempDir Path cache) {
        Jbang fresh = Jbang.inProject().env("JBANG_CACHE_DIR", cache.toString());
        for (String alias : new String[] {"sandbox", "whoami"}) {
            Run build = fresh.run("build", alias).succeeds();
            assertTrue(build.stderr().contains("[jbang] Building jar"), () -> "not a first build:\n" + build);
            assertFalse(build.stderr().lines().anyMatch(line -> line.startsWith("Note:") || line.contains("warning:")),
                    () -> "javac notes on a first build:\n" + build);
        }
    }

    /** Without a target line first (sigv4 sign works offline), nothing blank comes before the first step. */
    @Test
    void anOfflineRunOpensWithoutABlankLine() {
        Jbang.inProject().run("sigv4", "sign", "--url", "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
                        "--time", "20150830T123600Z", "--region", "us-east-1", "--service", "iam",
                        "--access-key", "AKIDEXAMPLE", "--secret-key", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY").succeeds()
                .firstLine("\\S.*");
    }

    /** Something accepts and drops connections: the SDK would retry 3 times with backoff; one attempt is enough. */
    @Test
    void anUnreachableEndpointIsTriedOnce() throws IOException, InterruptedException {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket dropper = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                while (!dropper.isClosed()) {
                    try (Socket ignored = dropper.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.start();
            String endpoint = "http://127.0.0.1:" + dropper.getLocalPort();
            Jbang.inProject().run("whoami", "--endpoint-url", endpoint)
                    .failsWithOneLine("Cannot reach endpoint " + Pattern.quote(endpoint) + " as sandbox root key \\(default\\): .*");
            dropper.close();
            acceptor.join();
        }
        assertEquals(1, connections.get(), "connections to the endpoint");
    }

    private static String property(String pom, String tag) {
        Matcher matcher = Pattern.compile(Pattern.quote(tag) + "([^<]+)</").matcher(pom.substring(pom.indexOf("</parent>") + 1));
        if (!matcher.find()) {
            throw new IllegalStateException("pom.xml has no " + tag);
        }
        return matcher.group(1);
    }
}
