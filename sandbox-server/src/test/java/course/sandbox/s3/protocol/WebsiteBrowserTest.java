package course.sandbox.s3.protocol;

import course.sandbox.e2e.ExternalClient;
import course.sandbox.e2e.RunningSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A static site on the website endpoint, in a real browser (headless Chromium, which resolves
 * *.localhost to loopback): the page loads, and its fetch() of a second bucket's JSON — another
 * origin — fails until that bucket's CORS configuration allows the site's origin. Judged from
 * what the browser reports: the DOM after the script ran, and its console. Screenshots of both
 * states are saved to target/screenshots/.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteHosting.html
 */
class WebsiteBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static RunningSandbox sandbox;
    private static S3Client s3;
    private static String site;
    private static String data;

    @TempDir
    static Path profiles;

    @BeforeAll
    static void start() {
        ExternalClient.requireInstalled(CHROMIUM, "--version");
        sandbox = RunningSandbox.start();
        s3 = S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials()).httpClient(ApacheHttpClient.create()).build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        site = "site-" + suffix;
        data = "data-" + suffix;
        String page = """
                <!doctype html>
                <html><head><title>Course site</title></head><body>
                <h1>A static site on S3</h1>
                <p>Data from another origin: <span id="result">loading…</span></p>
                <script>
                fetch("%s/data.json")
                  .then(answer => answer.json())
                  .then(json => { document.getElementById("result").textContent = "fetched " + JSON.stringify(json); })
                  .catch(error => { document.getElementById("result").textContent = "failed: " + error; });
                </script>
                </body></html>
                """.formatted(origin(data));
        for (String bucket : List.of(site, data)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.deletePublicAccessBlock(b -> b.bucket(bucket));
            s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}"));
            s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
        }
        s3.putObject(b -> b.bucket(site).key("index.html").contentType("text/html; charset=utf-8"), RequestBody.fromString(page));
        s3.putObject(b -> b.bucket(data).key("data.json").contentType("application/json"),
                RequestBody.fromString("{\"course\":\"Developing on AWS\"}"));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            s3.close();
            sandbox.close();
        }
    }

    private static String origin(String bucket) {
        return "http://" + bucket + ".s3-website.localhost:" + sandbox.port();
    }

    @Test
    void theCrossOriginFetchFailsWithoutCorsAndWorksWithIt() throws IOException {
        Browser blocked = open(origin(site) + "/", "website-without-cors.png");
        assertTrue(blocked.dom().contains("<h1>A static site on S3</h1>"), blocked.dom());
        assertTrue(blocked.dom().contains("<span id=\"result\">failed: TypeError: Failed to fetch</span>"), blocked.dom());
        assertTrue(blocked.console().contains("Access to fetch at '" + origin(data) + "/data.json' from origin '" + origin(site)
                + "' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource."),
                blocked.console());

        s3.putBucketCors(b -> b.bucket(data).corsConfiguration(c -> c.corsRules(r -> r.allowedOrigins(origin(site))
                .allowedMethods("GET"))));
        Browser allowed = open(origin(site) + "/", "website-with-cors.png");
        assertTrue(allowed.dom().contains("<span id=\"result\">fetched {\"course\":\"Developing on AWS\"}</span>"), allowed.dom());
        assertTrue(Files.size(SCREENSHOTS.resolve("website-with-cors.png")) > 1000);
    }

    record Browser(String dom, String console) {
    }

    /** Loads the page twice in fresh profiles: once for its DOM and console, once for a screenshot. */
    private static Browser open(String url, String screenshot) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        ExternalClient.Result dump = chromium(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", url));
        assertEquals(0, dump.exitCode(), dump.toString());
        ExternalClient.Result shot = chromium(List.of("--window-size=900,400",
                "--screenshot=" + SCREENSHOTS.resolve(screenshot).toAbsolutePath(), url));
        assertEquals(0, shot.exitCode(), shot.toString());
        return new Browser(dump.stdout(), dump.stderr());
    }

    private static ExternalClient.Result chromium(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(profiles, "profile"),
                // Lets the page's script run and its fetch() settle before the DOM is dumped or the screenshot taken.
                "--virtual-time-budget=5000"));
        command.addAll(arguments);
        return ExternalClient.run(command, Map.of());
    }
}
