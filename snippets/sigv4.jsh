// JBang's JShell adds every system module; limited to what the SDK needs, no incubator module warns.
//RUNTIME_OPTIONS --limit-modules=java.se,jdk.jshell,jdk.unsupported,jdk.crypto.ec,jdk.charsets,jdk.localedata,jdk.zipfs,jdk.net,jdk.management,jdk.jfr,jdk.naming.dns
//DEPS software.amazon.awssdk:http-auth-aws
//SOURCES ../scripts/lib/Demo.java
// SigV4's building blocks, ready to use: ./jbang run -i snippets/sigv4.jsh

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

var target = Demo.target(); // AWS_ENDPOINT_URL, else AWS credentials, else the sandbox: now the SDK's default
System.out.println(target.describe());
AwsCredentials credentials = target.credentials().provider().resolveCredentials();
var region = target.region().id();
var http = HttpClient.newHttpClient();
var endpoint = target.endpoint() != null ? target.endpoint().toString() : "https://sts." + region + ".amazonaws.com";

String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
}

String sha256Hex(String text) throws Exception {
    return hex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
}

byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request") */
byte[] signingKey(String secret, String date, String region, String service) throws Exception {
    byte[] key = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
    for (String part : new String[]{date, region, service, "aws4_request"}) {
        key = hmac(key, part);
    }
    return key;
}

/** Signs a GET with the SDK's signer and sends it with java.net.http; returns status and body. */
String signAndSend(String url, String service) throws Exception {
    var signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials)
            .request(SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(URI.create(url)).build())
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
            .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
    var request = HttpRequest.newBuilder(URI.create(url));
    signed.headers().forEach((name, values) -> {
        if (!name.equalsIgnoreCase("Host")) {
            values.forEach(value -> request.header(name, value));
        }
    });
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
}

System.out.println("""
        Ready: credentials, region, endpoint, sha256Hex, hmac, signingKey, signAndSend. Try this:
          sha256Hex("")
          hex(signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam"))
          signAndSend(endpoint + "/?Action=GetCallerIdentity&Version=2011-06-15", "sts")
        """);
