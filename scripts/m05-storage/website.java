///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:s3
//DEPS software.amazon.awssdk:iam-policy-builder
//SOURCES ../lib/DemoCommand.java
//SOURCES ../lib/S3Demo.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "website", mixinStandardHelpOptions = true,
        description = {"Static website hosting: a bucket's website endpoint with an index and an error document, made public",
                "with a bucket policy; then a page that fetch()es JSON from a second bucket (another origin), refused by the",
                "browser until that bucket's CORS configuration allows the site. Prints the URLs to open in a browser."})
class website implements Callable<Integer> {
    /** Regions whose website endpoint is s3-website-REGION; the others use s3-website.REGION. */
    private static final Set<String> DASH_REGIONS = Set.of("us-east-1", "us-west-1", "us-west-2", "ap-southeast-1",
            "ap-southeast-2", "ap-northeast-1", "eu-west-1", "sa-east-1", "us-gov-west-1");

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();

    public static void main(String[] args) {
        DemoCommand.main(new website(), args);
    }

    @Override
    public Integer call() throws Exception {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String site = Demo.uniqueName("course-site");
        String api = Demo.uniqueName("course-api");
        Endpoints endpoints = new Endpoints(target);
        try (S3Client s3 = S3Client.create()) {
            try {
                run(s3, target, site, api, endpoints);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    private void run(S3Client s3, Demo.Target target, String site, String api, Endpoints endpoints) throws Exception {
        Demo.step("Two buckets: a site, and an API on another origin");
        for (String bucket : List.of(site, api)) {
            S3Demo.createBucket(s3, bucket);
            cleanup.add("bucket " + bucket, () -> s3.deleteBucket(r -> r.bucket(bucket)));
            cleanup.add("objects in " + bucket, () -> S3Demo.deleteObjects(s3, bucket));
        }
        String page = """
                <!doctype html>
                <html><head><meta charset="utf-8"><title>Course site</title></head><body>
                <h1>A static site on S3</h1>
                <p>Data from another origin: <span id="result">loading…</span></p>
                <script>
                fetch("%s")
                  .then(answer => answer.json())
                  .then(json => { document.getElementById("result").textContent = "fetched " + JSON.stringify(json); })
                  .catch(error => { document.getElementById("result").textContent = "failed: " + error; });
                </script>
                </body></html>
                """.formatted(endpoints.browser(api) + "/data.json");
        s3.putObject(r -> r.bucket(site).key("index.html").contentType("text/html; charset=utf-8"), RequestBody.fromString(page));
        s3.putObject(r -> r.bucket(site).key("error.html").contentType("text/html; charset=utf-8"),
                RequestBody.fromString("<!doctype html><html><body><h1>Nothing here</h1><p>This is the site's error.html.</p></body></html>"));
        s3.putObject(r -> r.bucket(api).key("data.json").contentType("application/json"),
                RequestBody.fromString("{\"course\":\"Developing on AWS\",\"module\":5}"));
        Demo.show("Site", site + " (index.html, error.html)");
        Demo.show("API", api + " (data.json)");

        Demo.step("PutBucketWebsite: index and error documents");
        for (String bucket : List.of(site, api)) {
            s3.putBucketWebsite(r -> r.bucket(bucket).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))
                    .errorDocument(e -> e.key("error.html"))));
        }
        Demo.show("Website endpoint", endpoints.browser(site));
        if (target.endpoint() != null) {
            Demo.show("On AWS it would be", endpoints.aws(site));
        }

        Demo.step("Make both public: Block Public Access off, a policy letting everyone read");
        for (String bucket : List.of(site, api)) {
            s3.deletePublicAccessBlock(r -> r.bucket(bucket));
            IamPolicy publicRead = IamPolicy.builder().addStatement(statement -> statement.sid("PublicRead")
                    .effect(IamEffect.ALLOW).addPrincipal(IamPrincipal.ALL).addAction("s3:GetObject")
                    .addResource("arn:aws:s3:::" + bucket + "/*")).build();
            try {
                s3.putBucketPolicy(r -> r.bucket(bucket).policy(publicRead.toJson()));
            } catch (AwsServiceException e) {
                Demo.show("Refused", e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
                throw new Demo.UserError("Your account blocks public bucket policies (account-level Block Public Access);"
                        + " a public website needs it off, or CloudFront in front of a private bucket.");
            }
        }
        Demo.say("Each bucket allows s3:GetObject on its objects to Principal \"*\" (not s3:ListBucket).");

        Demo.step("The website endpoint, as a browser asks it");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> home = http.send(HttpRequest.newBuilder(endpoints.request(site, "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        Demo.show("GET /", home.statusCode() + " " + home.headers().firstValue("Content-Type").orElse("") + " · "
                + firstTag(home.body(), "h1"));
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(endpoints.request(site, "/no-such-page.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        Demo.show("GET /no-such-page.html", missing.statusCode() + " · " + firstTag(missing.body(), "h1"));
        Demo.say("The error document, with status " + missing.statusCode() + (missing.statusCode() == 403
                ? ": without s3:ListBucket, S3 does not tell anyone which keys exist." : "."));

        Demo.step("The page fetch()es " + endpoints.browser(api) + "/data.json: another origin");
        String origin = endpoints.browser(site);
        URI data = endpoints.request(api, "/data.json");
        HttpResponse<String> noCors = http.send(HttpRequest.newBuilder(data).header("Origin", origin).build(),
                HttpResponse.BodyHandlers.ofString());
        Demo.show("GET with Origin: " + origin, noCors.statusCode() + " · Access-Control-Allow-Origin: "
                + noCors.headers().firstValue("Access-Control-Allow-Origin").orElse("(none)"));
        Demo.say("S3 answered, but without that header a browser keeps the answer from the page: fetch() fails.");

        Demo.step("PutBucketCors on the API bucket: allow GET from the site's origin");
        s3.putBucketCors(r -> r.bucket(api).corsConfiguration(c -> c.corsRules(rule -> rule.allowedOrigins(origin)
                .allowedMethods("GET", "HEAD").maxAgeSeconds(300))));
        HttpResponse<String> withCors = http.send(HttpRequest.newBuilder(data).header("Origin", origin).build(),
                HttpResponse.BodyHandlers.ofString());
        Demo.show("GET with Origin: " + origin, withCors.statusCode() + " · Access-Control-Allow-Origin: "
                + withCors.headers().firstValue("Access-Control-Allow-Origin").orElse("(none)"));
        Demo.show("The page gets", withCors.body());

        Demo.step("Open it in a browser");
        Demo.show("Site", endpoints.browser(site) + "/");
        Demo.show("A missing page", endpoints.browser(site) + "/no-such-page.html");
        if (target.endpoint() != null) {
            Demo.say("(Browsers resolve every *.localhost name to this machine.)");
        }
        if (System.console() != null) {
            Demo.say("Press Enter to delete the site…");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
    }

    /**
     * Where a bucket's website is: AWS's endpoint names, or with --endpoint-url (the sandbox) the
     * same names on the endpoint's port under *.localhost, which browsers resolve to loopback.
     * This program reaches those through the sandbox's /_host/ path form: Java does not resolve *.localhost.
     */
    record Endpoints(URI endpoint, String region) {
        Endpoints(Demo.Target target) {
            this(target.endpoint(), target.region().id());
        }

        String aws(String bucket) {
            return "http://" + bucket + (DASH_REGIONS.contains(region) ? ".s3-website-" : ".s3-website.") + region
                    + ".amazonaws.com";
        }

        String browser(String bucket) {
            return endpoint == null ? aws(bucket) : "http://" + bucket + ".s3-website.localhost:" + endpoint.getPort();
        }

        URI request(String bucket, String path) {
            return URI.create(endpoint == null ? aws(bucket) + path
                    : endpoint + "/_host/" + URI.create(aws(bucket)).getHost() + path);
        }
    }

    private static String firstTag(String html, String tag) {
        int start = html.indexOf("<" + tag + ">");
        int end = html.indexOf("</" + tag + ">");
        return start < 0 || end < start ? "" : html.substring(start + tag.length() + 2, end);
    }
}
