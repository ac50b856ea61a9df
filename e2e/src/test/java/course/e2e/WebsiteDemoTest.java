package course.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The website demo: the website endpoint with index and error documents, then CORS for a page on
 * another origin. (The page itself runs in a real browser in the sandbox's WebsiteBrowserTest.)
 */
@Covers("website")
@ExtendWith(SharedSandbox.class)
class WebsiteDemoTest {
    private static final String SITE = "http://course-site-\\d{8}-[0-9a-f]{6}\\.s3-website\\.localhost:\\d+";

    @Test
    void servesTheSiteThenAllowsTheSecondOrigin(SharedSandbox.TestSandbox sandbox) {
        sandbox.jbang().run("website").succeeds()
                .printsLine("   Website endpoint: " + SITE)
                .printsLine("   On AWS it would be: http://course-site-\\d{8}-[0-9a-f]{6}\\.s3-website-us-east-1\\.amazonaws\\.com")
                .printsLine("   GET /: 200 text/html; charset=utf-8 · A static site on S3")
                .printsLine("   GET /no-such-page\\.html: 403 · Nothing here")
                .printsLine("   GET with Origin: " + SITE + ": 200 · Access-Control-Allow-Origin: \\(none\\)")
                .printsLine("   GET with Origin: " + SITE + ": 200 · Access-Control-Allow-Origin: " + SITE)
                .printsLine("   The page gets: \\{\"course\":\"Developing on AWS\",\"module\":5\\}")
                .printsLine("   Site: " + SITE + "/")
                .printsLine("   Deleted bucket course-site-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted bucket course-api-\\d{8}-[0-9a-f]{6}")
                .printsLine("   Deleted everything this run created\\.");
    }
}
