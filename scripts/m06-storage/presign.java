///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:s3
//SOURCES ../lib/DemoCommand.java
//SOURCES ../lib/S3Demo.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "presign", mixinStandardHelpOptions = true,
        description = {"Presigned URLs with S3Presigner: a GET and a PUT anyone can use with a plain HTTP client (no SDK,",
                "no credentials) until they expire; the URL's parts explained; an expired and a tampered URL refused."})
class presign implements Callable<Integer> {
    private static final String REPORT = "reports/q1.txt";
    private static final String UPLOAD = "uploads/from-a-browser.txt";
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>.*<Message>([^<]*)</Message>", Pattern.DOTALL);

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    @Option(names = "--expires", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long the GET and PUT URLs stay valid (default: ${DEFAULT-VALUE}; S3 allows up to 7 days).")
    int expires;

    public static void main(String[] args) {
        DemoCommand.main(new presign(), args);
    }

    @Override
    public Integer call() throws Exception {
        if (expires < 1 || expires > 604_800) {
            throw new Demo.UserError("--expires " + expires + ": use 1 to 604800 seconds (7 days).");
        }
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        String bucket = Demo.uniqueName("course-presign");
        HttpClient http = HttpClient.newHttpClient();
        Demo.Cleanup cleanup = new Demo.Cleanup();
        try (S3Client s3 = S3Client.create();
             S3Presigner presigner = S3Presigner.create()) {
            try {
                Demo.step("A private bucket and object");
                S3Demo.createBucket(s3, bucket);
                cleanup.add("bucket " + bucket, () -> s3.deleteBucket(r -> r.bucket(bucket)));
                cleanup.add("objects in " + bucket, () -> S3Demo.deleteObjects(s3, bucket));
                s3.putObject(r -> r.bucket(bucket).key(REPORT).contentType("text/plain"), RequestBody.fromString("Q1 revenue: 42"));
                Demo.show("Object", "s3://" + bucket + "/" + REPORT);
                HttpResponse<String> plain = http.send(HttpRequest.newBuilder(s3.utilities().getUrl(r -> r.bucket(bucket).key(REPORT))
                        .toURI()).build(), HttpResponse.BodyHandlers.ofString());
                Demo.show("Plain GET without a signature", plain.statusCode() + " " + error(plain.body()));

                Demo.step("Presign a GET for " + expires + " s: computed locally, no call to S3");
                URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(expires))
                        .getObjectRequest(g -> g.bucket(bucket).key(REPORT))).url().toURI();
                explain(get);

                Demo.step("Anyone with the URL: a plain HTTP client, no SDK, no credentials");
                HttpResponse<String> got = http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
                Demo.show("GET", got.statusCode() + " · " + got.body());

                Demo.step("Presign a PUT: the browser uploads straight to S3, your server never sees the bytes");
                URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofSeconds(expires))
                        .putObjectRequest(o -> o.bucket(bucket).key(UPLOAD).contentType("text/plain"))).url().toURI();
                Demo.show("Signed headers", query(put, "X-Amz-SignedHeaders") + " (the uploader must send the same Content-Type)");
                HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(put).header("Content-Type", "text/plain")
                        .PUT(HttpRequest.BodyPublishers.ofString("uploaded with a presigned URL")).build(),
                        HttpResponse.BodyHandlers.ofString());
                Demo.show("PUT", uploaded.statusCode() + " · ETag " + uploaded.headers().firstValue("ETag").orElse("-"));
                HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(UPLOAD));
                Demo.show("HeadObject", head.contentLength() + " bytes, " + head.contentType());
                HttpResponse<String> otherType = http.send(HttpRequest.newBuilder(put).header("Content-Type", "text/html")
                        .PUT(HttpRequest.BodyPublishers.ofString("<script>…</script>")).build(), HttpResponse.BodyHandlers.ofString());
                Demo.show("PUT as text/html", otherType.statusCode() + " " + error(otherType.body()));

                Demo.step("A tampered URL: another key, same signature");
                URI tampered = URI.create(get.toString().replace(REPORT, "reports/q2.txt"));
                HttpResponse<String> refused = http.send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.ofString());
                Demo.show("GET", refused.statusCode() + " " + error(refused.body()));

                Demo.step("An expired URL: signed for 1 second, used 2 seconds later");
                URI shortLived = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(1))
                        .getObjectRequest(g -> g.bucket(bucket).key(REPORT))).url().toURI();
                Thread.sleep(2_000);
                HttpResponse<String> expired = http.send(HttpRequest.newBuilder(shortLived).build(), HttpResponse.BodyHandlers.ofString());
                Demo.show("GET", expired.statusCode() + " " + error(expired.body()));
                Demo.say("A URL is a bearer token until it expires; it can do no more than its signer may:");
                Demo.say("if the signer loses s3:GetObject, or its session credentials expire first, the URL stops working too.");
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    /** The query parameters that make the URL a signed request, one by one. */
    private static void explain(URI url) {
        Demo.show("URL", url.getScheme() + "://" + url.getAuthority() + url.getRawPath() + "?…");
        Demo.say("X-Amz-Algorithm      " + query(url, "X-Amz-Algorithm") + "   (SigV4)");
        Demo.say("X-Amz-Credential     " + query(url, "X-Amz-Credential") + "   (key/date/region/service/aws4_request)");
        Demo.say("X-Amz-Date           " + query(url, "X-Amz-Date") + "   (when it was signed)");
        Demo.say("X-Amz-Expires        " + query(url, "X-Amz-Expires") + "   (seconds it stays valid)");
        Demo.say("X-Amz-SignedHeaders  " + query(url, "X-Amz-SignedHeaders") + "   (headers the request must carry as signed)");
        String token = query(url, "X-Amz-Security-Token");
        if (!token.isEmpty()) {
            Demo.say("X-Amz-Security-Token " + token.length() + " characters   (session credentials: the URL dies with them)");
        }
        Demo.say("X-Amz-Signature      " + query(url, "X-Amz-Signature").substring(0, 16) + "…   (HMAC over all of the above)");
    }

    private static String query(URI url, String name) {
        for (String pair : url.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** "Code: Message" of an S3 error document. */
    private static String error(String body) {
        Matcher matcher = CODE.matcher(body);
        return matcher.find() ? matcher.group(1) + ": " + matcher.group(2) : "";
    }

}
