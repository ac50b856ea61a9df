package course.sandbox.s3.protocol;

import course.sandbox.e2e.RunningSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bucket's website endpoint as a browser reaches it: a {@code <bucket>.s3-website.localhost}
 * Host (browsers resolve *.localhost to loopback), and AWS's own host name through the router's
 * {@code /_host/} path form.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/IndexDocumentSupport.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/CustomErrorDocSupport.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-page-redirect.html
 */
class WebsiteEndpointTest {
    private static RunningSandbox sandbox;
    private static S3Client s3;
    private static final String SITE = "site-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() {
        sandbox = RunningSandbox.start();
        s3 = S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(RunningSandbox.rootCredentials()).httpClient(ApacheHttpClient.create()).build();
        s3.createBucket(b -> b.bucket(SITE));
        page(SITE, "index.html", "<h1>home</h1>");
        page(SITE, "error.html", "<h1>oops</h1>");
        page(SITE, "docs/index.html", "<h1>docs</h1>");
        s3.putObject(b -> b.bucket(SITE).key("old.html").websiteRedirectLocation("/index.html"), RequestBody.fromString(""));
        publicRead(SITE, false);
        s3.putBucketWebsite(b -> b.bucket(SITE).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))
                .errorDocument(e -> e.key("error.html"))
                .routingRules(r -> r.condition(c -> c.keyPrefixEquals("legacy/")).redirect(d -> d.replaceKeyPrefixWith("docs/")))));
    }

    @AfterAll
    static void stop() {
        s3.close();
        sandbox.close();
    }

    private static void page(String bucket, String key, String html) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/html"), RequestBody.fromString(html));
    }

    private static void publicRead(String bucket, boolean list) {
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        String statement = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}";
        String listing = ",{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::" + bucket + "\"}";
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[" + statement
                + (list ? listing : "") + "]}"));
    }

    @Test
    void pagesAndIndexDocuments() throws IOException {
        Answer home = get(SITE, "/");
        assertEquals(200, home.status());
        assertEquals("<h1>home</h1>", home.body());
        assertEquals("text/html", home.header("content-type"));
        assertEquals("<h1>docs</h1>", get(SITE, "/docs/").body());
        // A folder without its slash is sent to the folder's index.
        Answer folder = get(SITE, "/docs");
        assertEquals(302, folder.status());
        assertEquals("/docs/", folder.header("location"));
    }

    @Test
    void aMissingPageIsTheErrorDocumentWith403Or404() throws IOException {
        // Without s3:ListBucket for everyone, S3 does not tell a missing page from a forbidden one.
        Answer forbidden = get(SITE, "/missing.html");
        assertEquals(403, forbidden.status());
        assertEquals("<h1>oops</h1>", forbidden.body());
        String listing = SITE + "-list";
        s3.createBucket(b -> b.bucket(listing));
        page(listing, "index.html", "home");
        publicRead(listing, true);
        s3.putBucketWebsite(b -> b.bucket(listing).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))
                .errorDocument(e -> e.key("404.html"))));
        Answer missing = get(listing, "/missing.html");
        assertEquals(404, missing.status());
        assertTrue(missing.body().startsWith("<html>\n<head><title>404 Not Found</title></head>"), missing.body());
        assertTrue(missing.body().contains("<li>Code: NoSuchKey</li>") && missing.body().contains("<li>Key: missing.html</li>"),
                missing.body());
        assertTrue(missing.body().contains("<h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>"),
                missing.body());
        assertEquals("text/html; charset=utf-8", missing.header("content-type"));
    }

    @Test
    void redirects() throws IOException {
        Answer rule = get(SITE, "/legacy/guide.html");
        assertEquals(301, rule.status());
        assertEquals("http://" + SITE + ".s3-website.localhost:" + sandbox.port() + "/docs/guide.html", rule.header("location"));
        Answer object = get(SITE, "/old.html");
        assertEquals(301, object.status());
        assertEquals("/index.html", object.header("location"));

        String everything = SITE + "-moved";
        s3.createBucket(b -> b.bucket(everything));
        s3.putBucketWebsite(b -> b.bucket(everything).websiteConfiguration(w -> w.redirectAllRequestsTo(r -> r
                .hostName("www.example.com").protocol("https"))));
        Answer moved = get(everything, "/a/b.html");
        assertEquals(301, moved.status());
        assertEquals("https://www.example.com/a/b.html", moved.header("location"));
    }

    @Test
    void errorsAreHtmlPages() throws IOException {
        Answer post = request(SITE, "POST", "/index.html", Map.of());
        assertEquals(405, post.status());
        assertTrue(post.body().contains("<li>Code: MethodNotAllowed</li>"), post.body());
        String plain = SITE + "-plain";
        s3.createBucket(b -> b.bucket(plain));
        Answer noWebsite = get(plain, "/");
        assertEquals(404, noWebsite.status());
        assertTrue(noWebsite.body().contains("<li>Code: NoSuchWebsiteConfiguration</li>")
                && noWebsite.body().contains("<li>BucketName: " + plain + "</li>"), noWebsite.body());
        Answer noBucket = get("no-such-" + SITE, "/");
        assertEquals(404, noBucket.status());
        assertTrue(noBucket.body().contains("<li>Code: NoSuchBucket</li>"), noBucket.body());
        // A website on a private bucket (Block Public Access on, no policy) answers 403 to everyone.
        s3.putBucketWebsite(b -> b.bucket(plain).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
        page(plain, "index.html", "private");
        Answer denied = get(plain, "/");
        assertEquals(403, denied.status());
        assertTrue(denied.body().contains("<h1>403 Forbidden</h1>") && denied.body().contains("<li>Code: AccessDenied</li>"),
                denied.body());
    }

    @Test
    void awsHostNamesThroughThePathFormAndCorsForBrowsers() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI dash = URI.create(sandbox.endpoint() + "/_host/" + SITE + ".s3-website-us-east-1.amazonaws.com/docs/");
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(dash).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, docs.statusCode());
        assertEquals("<h1>docs</h1>", docs.body());
        URI dot = URI.create(sandbox.endpoint() + "/_host/" + SITE + ".s3-website.us-east-1.amazonaws.com/");
        assertEquals("<h1>home</h1>", http.send(HttpRequest.newBuilder(dot).build(), HttpResponse.BodyHandlers.ofString()).body());

        String origin = "http://other.s3-website.localhost:" + sandbox.port();
        assertEquals(null, request(SITE, "GET", "/index.html", Map.of("Origin", origin)).header("access-control-allow-origin"));
        s3.putBucketCors(b -> b.bucket(SITE).corsConfiguration(c -> c.corsRules(r -> r.allowedOrigins(origin).allowedMethods("GET"))));
        assertEquals(origin, request(SITE, "GET", "/index.html", Map.of("Origin", origin)).header("access-control-allow-origin"));
        Answer preflight = request(SITE, "OPTIONS", "/index.html", Map.of("Origin", origin, "Access-Control-Request-Method", "GET"));
        assertEquals(200, preflight.status());
        s3.deleteBucketCors(b -> b.bucket(SITE));
    }

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static Answer get(String bucket, String path) throws IOException {
        return request(bucket, "GET", path, Map.of());
    }

    /** One HTTP/1.1 exchange on a socket: java.net.http will not send another Host than the URI's. */
    private static Answer request(String bucket, String method, String path, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + bucket + ".s3-website.localhost:"
                    + sandbox.port() + "\r\nConnection: close\r\nContent-Length: 0\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, end).split("\r\n");
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                answerHeaders.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), answerHeaders, raw.substring(end + 4));
        }
    }
}
