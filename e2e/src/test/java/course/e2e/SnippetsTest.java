package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JShell snippets: each opens with ready clients for the target and "try this" lines; the
 * statements piped in run, and a student's first result is $1 (the snippet and its //SOURCES are
 * JShell start-up files, not input). JShell exits 0 even after an error, so the output is what is
 * checked: errors in the student's input go to stdout ("|  Error:"), those of start-up files to
 * stderr ("Error:").
 */
@ExtendWith(SharedSandbox.class)
class SnippetsTest {

    /** Runs a snippet with the statements as the student's input, after a first expression whose result must be $1. */
    static Run jshell(SharedSandbox.TestSandbox sandbox, String snippet, String statements) {
        return jshell(sandbox, sandbox.jbang(), snippet, statements);
    }

    private static Run jshell(SharedSandbox.TestSandbox sandbox, Jbang jbang, String snippet, String statements) {
        Run run = jbang.stdin("6 * 7\n" + statements).run("run", "-i", "snippets/" + snippet).succeeds()
                .printsLine("Target: local sandbox " + sandbox.endpoint().replace(".", "\\.") + " · account 000000000000 · us-east-1")
                .printsLine("Ready: .*Try this:")
                // Piped in, JShell's prompt ends with " \b" before each result.
                .printsLine("jshell>.*\\$1 ==> 42");
        assertFalse(run.stdout().contains("|  Error") || run.stdout().contains("Exception"), "a statement failed:\n" + run);
        assertEquals(List.of(), run.errorLines(), "the snippet failed or JShell warned (e.g. about incubator modules):\n" + run);
        return run;
    }

    @Test
    void sts(SharedSandbox.TestSandbox sandbox) {
        jshell(sandbox, "sts.jsh", """
                System.out.println("ARN " + sts.getCallerIdentity().arn())
                System.out.println("TOKEN " + Demo.mask(sts.getSessionToken(r -> r.durationSeconds(900)).credentials().sessionToken()))
                """)
                .printsLine(".*ARN arn:aws:iam::000000000000:root")
                .printsLine(".*TOKEN .{4}…\\(\\d+ chars\\)");
    }

    /** /reset runs the start-up files again: the clients are back, and results start at $1 again. */
    @Test
    void resetBringsTheClientsBack(SharedSandbox.TestSandbox sandbox) {
        jshell(sandbox, "sts.jsh", """
                /reset
                "after reset"
                System.out.println("ACCOUNT " + sts.getCallerIdentity().account())
                """)
                .printsLine("jshell>.*\\$1 ==> \"after reset\"")
                .printsLine(".*ACCOUNT 000000000000");
    }

    /**
     * With JBang installed (its script on PATH, its jbang.jar beside it), ./jbang runs that jar
     * itself for a snippet, so results start at $1 there too; other commands go to the script.
     */
    @Test
    void anInstalledJBangRunsTheSnippetThroughThisLauncher(SharedSandbox.TestSandbox sandbox, @TempDir Path installed) throws IOException {
        Path bin = Files.createDirectories(installed.resolve("bin"));
        Path script = Files.writeString(bin.resolve("jbang"), "#!/bin/sh\necho \"installed jbang: $*\"\n");
        assertTrue(script.toFile().setExecutable(true));
        // The installed jbang.jar: JBang itself, as the jars ./jbang fetched into .jbang/lib.
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (Stream<Path> files = Files.list(Jbang.PROJECT.resolve(".jbang/lib"))) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, files.filter(file -> file.toString().endsWith(".jar"))
                    .map(jar -> bin.relativize(jar).toString()).collect(Collectors.joining(" ")));
        }
        new JarOutputStream(Files.newOutputStream(bin.resolve("jbang.jar")), manifest).close();
        Jbang withInstalledJBang = sandbox.jbang().env("PATH", bin + ":" + System.getenv("PATH"));

        Run run = jshell(sandbox, withInstalledJBang, "sts.jsh", "System.out.println(\"ACCOUNT \" + sts.getCallerIdentity().account())\n")
                .printsLine(".*ACCOUNT 000000000000");
        assertFalse(run.stdout().contains("installed jbang"), run::toString);
        withInstalledJBang.stdin("").run("alias", "list").succeeds().printsLine("installed jbang: alias list");
    }

    @Test
    void iam(SharedSandbox.TestSandbox sandbox) {
        jshell(sandbox, "iam.jsh", """
                var name = Demo.uniqueName("student")
                System.out.println("CREATED " + iam.createUser(r -> r.userName(name)).user().arn())
                System.out.println("LISTED " + iam.listUsers().users().stream().anyMatch(u -> u.userName().equals(name)))
                iam.deleteUser(r -> r.userName(name))
                System.out.println("EVAL " + iam.simulateCustomPolicy(r -> r.policyInputList(allow("s3:Get*", "*")).actionNames("s3:GetObject", "s3:PutObject")).evaluationResults().stream().map(EvaluationResult::evalDecisionAsString).toList())
                var noDelete = IamPolicy.builder().addStatement(s -> s.effect(IamEffect.DENY).addAction("s3:DeleteObject").addResource("*")).build()
                System.out.println("POLICY " + noDelete.toJson())
                System.out.println("DENY " + iam.simulateCustomPolicy(r -> r.policyInputList(noDelete.toJson(), allow("s3:*", "*")).actionNames("s3:DeleteObject")).evaluationResults().get(0).evalDecisionAsString())
                """)
                .printsLine(".*CREATED arn:aws:iam::000000000000:user/student-\\d{8}-[0-9a-f]{6}")
                .printsLine(".*LISTED true")
                .printsLine(".*EVAL \\[allowed, implicitDeny\\]")
                .printsLine(".*POLICY \\{\"Version\":\"2012-10-17\",\"Statement\":\\{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"\\*\"\\}\\}")
                .printsLine(".*DENY explicitDeny");
    }

    @Test
    void s3(SharedSandbox.TestSandbox sandbox) {
        jshell(sandbox, "s3.jsh", """
                s3.createBucket(r -> r.bucket(bucket))
                s3.putObject(r -> r.bucket(bucket).key("hello.txt"), RequestBody.fromString("Hello, S3"))
                System.out.println("KEYS " + s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).toList())
                System.out.println("BODY " + s3.getObjectAsBytes(r -> r.bucket(bucket).key("hello.txt")).asUtf8String())
                var url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5)).getObjectRequest(g -> g.bucket(bucket).key("hello.txt"))).url()
                System.out.println("PRESIGNED " + new String(url.openStream().readAllBytes()))
                System.out.println("BLOCKED " + s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration().blockPublicPolicy())
                s3.deleteObject(r -> r.bucket(bucket).key("hello.txt"))
                s3.deleteBucket(r -> r.bucket(bucket))
                System.out.println("BUCKETS " + s3.listBuckets().buckets().stream().map(Bucket::name).filter(bucket::equals).count())
                """)
                .printsLine(".*KEYS \\[hello\\.txt\\]")
                .printsLine(".*BODY Hello, S3")
                .printsLine(".*PRESIGNED Hello, S3")
                .printsLine(".*BLOCKED true")
                .printsLine(".*BUCKETS 0");
    }

    @Test
    void sigv4(SharedSandbox.TestSandbox sandbox) {
        jshell(sandbox, "sigv4.jsh", """
                System.out.println("EMPTY " + sha256Hex(""))
                System.out.println("KEY " + hex(signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam")))
                System.out.println("SENT " + signAndSend(endpoint + "/?Action=GetCallerIdentity&Version=2011-06-15", "sts"))
                """)
                .printsLine(".*EMPTY e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
                .printsLine(".*KEY c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
                .printsLine(".*SENT 200 <GetCallerIdentityResponse.*<Arn>arn:aws:iam::000000000000:root</Arn>.*");
    }
}
