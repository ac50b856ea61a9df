package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The sigv4 demo: a signature made by hand is accepted, equals the SDK's, expires, and reproduces AWS's examples. */
@Covers("sigv4")
@ExtendWith(SharedSandbox.class)
class SigV4Test {
    private static final String SANDBOX_SECRET = "sandbox/SECRET/root/KEY/EXAMPLE/00000000";

    @Test
    void aHandMadeSignatureIsAcceptedMatchesTheSdkAndExpires(SharedSandbox.TestSandbox sandbox) {
        Run run = sandbox.jbang().run("sigv4").succeeds()
                .firstLine("Target: local sandbox " + sandbox.endpoint().replace(".", "\\.") + " · account 000000000000 · us-east-1")
                // canonical request, string to sign and signing key, line by line
                .printsLine("   \\| Action=GetCallerIdentity&Version=2011-06-15")
                .printsLine("   \\| host:127\\.0\\.0\\.1:" + sandbox.port())
                .printsLine("   \\| host;x-amz-date")
                .printsLine("   \\| \\d{8}/us-east-1/sts/aws4_request")
                .printsLine("   kSigning = HMAC\\(kService, \"aws4_request\"\\): [0-9a-f]{64}")
                .printsLine("     Credential=AKIASANDBOXEXAMPLE00/\\d{8}/us-east-1/sts/aws4_request,")
                // sent by java.net.http and answered
                .printsLine("   Arn: arn:aws:iam::000000000000:root")
                // the SDK's signer agrees
                .printsLine("   Signed by hand above: host;x-amz-date → [0-9a-f]{64}")
                .printsLine("   SDK signed headers: host;x-amz-content-sha256;x-amz-date")
                .printsLine("   Why the signatures differ: the SDK also signs x-amz-content-sha256, the payload hash sent as a header;")
                .printsLine("   Identical: yes, byte for byte")
                // too late for STS (5 minutes)
                .printsLine("    Code: SignatureDoesNotMatch")
                .printsLine("    Message: Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)")
                // presigned
                .printsLine("   \\| &X-Amz-Expires=60")
                .printsLine("   \\| &X-Amz-Signature=[0-9a-f]{64}")
                // S3: the payload hash header, ListBuckets, and 15 minutes of skew
                .printsLine("   \\| host;x-amz-content-sha256;x-amz-date")
                .printsLine("    Buckets: \\d+.*")
                .printsLine("    Code: RequestTimeTooSkewed")
                .printsLine("    Message: The difference between the request time and the current time is too large\\.")
                // S3Presigner's URL, and the same URL presigned by hand (step 14: indented by 3 or, aligned, 4)
                .printsLine(" {3,4}\\| http://127\\.0\\.0\\.1:" + sandbox.port() + "/course-reports/q1\\.csv")
                .printsLine(" {3,4}X-Amz-Signature by hand    : [0-9a-f]{64}")
                .printsLine(" {3,4}Identical: yes: the same recipe, with UNSIGNED-PAYLOAD as S3's payload hash");
        assertFalse(run.stdout().contains(SANDBOX_SECRET), "the secret key is never printed: " + run);
        // The first signature by hand (step 6) is not the SDK's, and the screen says which one it is.
        String stepSix = value(run, "Signature: ");
        assertEquals("host;x-amz-date → " + stepSix, value(run, "Signed by hand above: "), run::toString);
        assertNotEquals(stepSix, value(run, "By the SDK: "), run::toString);
        assertEquals(value(run, "By hand   : "), value(run, "By the SDK: "), run::toString);
        assertEquals(value(run, "X-Amz-Signature by hand    : "), value(run, "X-Amz-Signature, S3Presigner: "), run::toString);
        run.printsLine("5\\. Signing key: HMAC-SHA256 chain from \"AWS4\" \\+ secret sand…\\(40 chars\\)");
    }

    @Test
    void signReproducesAwsDocumentedIamExample() {
        // AWS's documented example: IAM ListUsers signed at 20150830T123600Z with the example key.
        Jbang.inProject().run("sigv4", "sign", "--url", "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
                        "--header", "Content-Type: application/x-www-form-urlencoded; charset=utf-8",
                        "--time", "20150830T123600Z", "--region", "us-east-1", "--service", "iam",
                        "--access-key", "AKIDEXAMPLE", "--secret-key", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY").succeeds()
                // no blank line before the first step's title
                .firstLine("SigV4 offline, every step \\(nothing is sent\\)")
                .printsLine("   \\| content-type;host;x-amz-date")
                .printsLine("   Hash: f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59")
                .printsLine("   \\| 20150830/us-east-1/iam/aws4_request")
                .printsLine("   kSigning = HMAC\\(kService, \"aws4_request\"\\): c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
                .printsLine("   Signature: 5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
                .printsLine("   Signed as: AKIDEXAMPLE \\(secret wJal…\\(40 chars\\)\\) for iam in us-east-1");
    }

    @Test
    void signForS3AddsThePayloadHashAsS3Requires() {
        // AWS's documented S3 example: GET /test.txt with a Range header.
        Jbang.inProject().run("sigv4", "sign", "--url", "https://examplebucket.s3.amazonaws.com/test.txt",
                        "--header", "Range: bytes=0-9", "--time", "2013-05-24T00:00:00Z", "--region", "us-east-1", "--service", "s3",
                        "--access-key", "AKIAIOSFODNN7EXAMPLE", "--secret-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").succeeds()
                .printsLine("   \\| x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
                .printsLine("   \\| host;range;x-amz-content-sha256;x-amz-date")
                .printsLine("   Hash: 7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972")
                .printsLine("   Signature: f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void signMistakesAreOneLine() {
        Jbang.inProject().run("sigv4", "sign", "--url", "iam.amazonaws.com", "--region", "us-east-1", "--service", "iam",
                        "--access-key", "AKIDEXAMPLE", "--secret-key", "x")
                .failsWithOneLine("Invalid --url 'iam\\.amazonaws\\.com': it needs a scheme and host, .*");
        Jbang.inProject().run("sigv4", "sign", "--url", "https://iam.amazonaws.com/", "--time", "yesterday", "--region", "us-east-1",
                        "--service", "iam", "--access-key", "AKIDEXAMPLE", "--secret-key", "x")
                .failsWithOneLine("Invalid --time 'yesterday': use 20150830T123600Z or 2015-08-30T12:36:00Z\\.");
        Jbang.inProject().run("sigv4", "sign", "--url", "https://iam.amazonaws.com/").exits(2)
                .failsWithOneLine("Missing required options: .*\\(see --help\\)");
    }

    /** The value of the first "label: value" line, however deep the step indents it. */
    private static String value(Run run, String label) {
        return run.lines().stream().map(String::stripLeading).filter(line -> line.startsWith(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + label + "…'\n" + run)).substring(label.length());
    }
}
