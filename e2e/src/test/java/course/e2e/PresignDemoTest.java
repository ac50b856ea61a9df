package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The presign demo: a presigned GET and PUT from a plain HTTP client, the URL's parts, tampered and expired URLs. */
@Covers("presign")
@ExtendWith(SharedSandbox.class)
class PresignDemoTest {

    @Test
    void presignedUrlsWorkUntilTamperedOrExpired(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("presign", "--expires", "120").succeeds()
                .printsLine("   Plain GET without a signature: 403 AccessDenied: Access Denied")
                .printsLine("2\\. Presign a GET for 120 s: computed locally, no call to S3")
                .printsLine("   X-Amz-Credential     AKIA\\w+/\\d{8}/us-east-1/s3/aws4_request   \\(key/date/region/service/aws4_request\\)")
                .printsLine("   X-Amz-Expires        120   \\(seconds it stays valid\\)")
                .printsLine("   X-Amz-Signature      [0-9a-f]{16}…   \\(HMAC over all of the above\\)")
                .printsLine("   GET: 200 · Q1 revenue: 42")
                .printsLine("   Signed headers: content-type;host \\(the uploader must send the same Content-Type\\)")
                .printsLine("   PUT: 200 · ETag \"[0-9a-f]{32}\"")
                .printsLine("   HeadObject: 29 bytes, text/plain")
                .printsLine("   PUT as text/html: 403 SignatureDoesNotMatch: .*")
                .printsLine("   GET: 403 SignatureDoesNotMatch: The request signature we calculated does not match .*")
                .printsLine("   GET: 403 AccessDenied: Request has expired")
                .printsLine("   Deleted objects in course-presign-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted bucket course-presign-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted everything this run created\\.");
    }

    @Test
    void aBadExpiryIsOneLine(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("presign", "--expires", "0")
                .failsWithOneLine("--expires 0: use 1 to 604800 seconds \\(7 days\\)\\.");
    }
}
