///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:http-auth-aws
//DEPS software.amazon.awssdk:s3
//SOURCES ../lib/DemoCommand.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Command(name = "sigv4", mixinStandardHelpOptions = true, subcommands = sigv4.Sign.class,
        description = {"Signature Version 4 by hand: canonical request, string to sign, signing key, signature;",
                "sent with java.net.http to STS and S3, checked against the SDK's own signer, replayed too late,",
                "and presigned. 'sigv4 sign --help' signs any request offline and prints every step."})
class sigv4 implements Callable<Integer> {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final String EMPTY_SHA256 = hex(sha256(new byte[0]));

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    public static void main(String[] args) {
        DemoCommand.main(new sigv4(), args);
    }

    @Override
    public Integer call() throws Exception {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());
        AwsCredentials credentials = target.credentials().provider().resolveCredentials();
        String region = target.region().id();
        HttpClient http = HttpClient.newHttpClient();

        UnsignedRequest callerIdentity = new UnsignedRequest("GET",
                serviceEndpoint(target, "sts").resolve("/?Action=GetCallerIdentity&Version=2011-06-15"), Map.of(), "");
        Demo.step("The request to sign: STS GetCallerIdentity, built by hand");
        Demo.show("Method", callerIdentity.method());
        Demo.show("URL", callerIdentity.uri());
        Demo.show("Signed as", credentials.accessKeyId() + " for service sts in " + region);

        Instant now = Instant.now();
        HandSigned signed = sign(callerIdentity, now, region, "sts", credentials);
        narrate(signed, credentials);

        Demo.step("Send it with java.net.http (no SDK client)");
        Answer identity = send(http, signed);
        requireSuccess(identity, "STS");
        Demo.show("HTTP status", identity.status());
        Demo.show("Arn", xmlValue(identity.body(), "Arn").orElse("?"));
        Demo.show("Account", xmlValue(identity.body(), "Account").orElse("?"));

        Demo.step("The SDK's own signer (AwsV4HttpSigner), same request, same instant");
        SdkHttpRequest sdkSigned = sdkSign(callerIdentity, now, region, "sts", credentials);
        String sdkAuthorization = sdkSigned.firstMatchingHeader("Authorization").orElseThrow();
        String theirs = sdkAuthorization.substring(sdkAuthorization.indexOf("Signature=") + "Signature=".length());
        Demo.show("Signed by hand above", signed.steps().signedHeaders() + " → " + signed.steps().signature());
        Demo.show("SDK signed headers", between(sdkAuthorization, "SignedHeaders=", ","));
        Demo.say("Why the signatures differ: the SDK also signs x-amz-content-sha256, the payload hash sent as a header;");
        Demo.say("STS accepts either. Signed by hand with that header too, the two must be equal:");
        Map<String, String> sameHeaders = new LinkedHashMap<>(callerIdentity.headers());
        sdkSigned.firstMatchingHeader("x-amz-content-sha256").ifPresent(hash -> sameHeaders.put("X-Amz-Content-Sha256", hash));
        String ours = sign(new UnsignedRequest(callerIdentity.method(), callerIdentity.uri(), sameHeaders, callerIdentity.body()),
                now, region, "sts", credentials).steps().signature();
        Demo.show("By hand   ", ours);
        Demo.show("By the SDK", theirs);
        if (!ours.equals(theirs)) {
            throw new Demo.UserError("The hand-made signature differs from the SDK's: " + sdkAuthorization);
        }
        Demo.show("Identical", "yes, byte for byte");

        Demo.step("Replay to STS, signed correctly but 6 minutes ago (STS allows 5)");
        Answer late = send(http, sign(callerIdentity, Instant.now().minus(Duration.ofMinutes(6)), region, "sts", credentials));
        showError(late);

        Demo.step("The query-string form: a presigned URL (valid 60 s, needs no headers)");
        URI presigned = presign(callerIdentity.uri(), Instant.now(), Duration.ofSeconds(60), region, "sts", credentials);
        Demo.say("URL (signature in X-Amz-Signature):");
        printBlock(maskedQuery(presigned));
        Answer viaUrl = send(http, new HandSigned(new UnsignedRequest("GET", presigned, Map.of(), ""), Map.of(), null));
        requireSuccess(viaUrl, "STS (presigned)");
        Demo.show("HTTP status", viaUrl.status());
        Demo.show("Arn", xmlValue(viaUrl.body(), "Arn").orElse("?"));

        Demo.step("The same recipe for S3 ListBuckets (S3 requires the x-amz-content-sha256 header)");
        UnsignedRequest listBuckets = new UnsignedRequest("GET", serviceEndpoint(target, "s3").resolve("/"), Map.of(), "");
        HandSigned s3Signed = sign(listBuckets, Instant.now(), region, "s3", credentials);
        Demo.say("Canonical request:");
        printBlock(s3Signed.steps().canonicalRequest());
        Demo.show("Signature", s3Signed.steps().signature());
        Answer buckets = send(http, s3Signed);
        requireSuccess(buckets, "S3");
        Demo.show("HTTP status", buckets.status());
        List<String> names = xmlValues(buckets.body(), "Name");
        Demo.show("Buckets", names.size() + (names.isEmpty() ? "" : " " + names.subList(0, Math.min(5, names.size()))
                + (names.size() > 5 ? " …" : "")));

        Demo.step("Replay to S3, signed correctly but 16 minutes ago (S3 allows 15)");
        Answer tooSkewed = send(http, sign(listBuckets, Instant.now().minus(Duration.ofMinutes(16)), region, "s3", credentials));
        showError(tooSkewed);
        xmlValue(tooSkewed.body(), "MaxAllowedSkewMilliseconds").ifPresent(ms -> Demo.show("MaxAllowedSkewMilliseconds", ms));

        Demo.step("The SDK's own tool for presigned URLs: S3Presigner, next to the same URL signed by hand");
        try (S3Presigner presigner = S3Presigner.create()) {
            URI bySdk = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("course-reports").key("q1.csv"))).url().toURI();
            Demo.say("S3Presigner.presignGetObject (signed locally, nothing is sent):");
            printBlock(maskedQuery(bySdk));
            // By hand: the same URL without its X-Amz-* parameters, signed at the instant the SDK chose.
            Instant signedAt = AMZ_DATE.parse(queryValue(bySdk, "X-Amz-Date"), Instant::from);
            URI byHand = presign(withoutSigV4Parameters(bySdk), signedAt, Duration.ofMinutes(5), region, "s3", credentials);
            String handSignature = queryValue(byHand, "X-Amz-Signature");
            String sdkSignature = queryValue(bySdk, "X-Amz-Signature");
            Demo.show("X-Amz-Signature by hand    ", handSignature);
            Demo.show("X-Amz-Signature, S3Presigner", sdkSignature);
            if (!handSignature.equals(sdkSignature)) {
                throw new Demo.UserError("The hand-made presigned URL differs from S3Presigner's: " + byHand);
            }
            Demo.show("Identical", "yes: the same recipe, with UNSIGNED-PAYLOAD as S3's payload hash");
        }
        return 0;
    }

    private static String queryValue(URI uri, String name) {
        return queryParameters(uri).stream().filter(p -> p[0].equals(name)).map(p -> p[1]).findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + name + " in " + uri));
    }

    /** The URL a presigner started from: every query parameter but the X-Amz-* ones it adds. */
    private static URI withoutSigV4Parameters(URI uri) {
        List<String[]> kept = queryParameters(uri).stream().filter(p -> !p[0].startsWith("X-Amz-")).toList();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()
                + (kept.isEmpty() ? "" : "?" + canonicalQuery(kept)));
    }

    /** Signs any request offline, printing every step: reproduces AWS's documented examples. */
    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Sign a request offline from flags and print every step of SigV4 (nothing is sent).")
    static class Sign implements Callable<Integer> {
        @Option(names = "--method", defaultValue = "GET", description = "HTTP method (default: ${DEFAULT-VALUE}).")
        String method;

        @Option(names = "--url", required = true, description = "Full URL, e.g. 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08'.")
        String url;

        @Option(names = "--header", paramLabel = "'NAME: VALUE'", description = "A header to sign (repeatable).")
        List<String> headers = new ArrayList<>();

        @Option(names = "--body", defaultValue = "", description = "Request body (default: empty).")
        String body;

        @Option(names = "--time", paramLabel = "TIME", description = "Signing time, 20150830T123600Z or 2015-08-30T12:36:00Z (default: now).")
        String time;

        @Option(names = "--region", required = true, description = "Region in the credential scope, e.g. us-east-1.")
        String region;

        @Option(names = "--service", required = true, description = "Service signing name, e.g. iam, sts, s3.")
        String service;

        @Option(names = "--access-key", required = true, description = "Access key id, e.g. AKIDEXAMPLE.")
        String accessKey;

        @Option(names = "--secret-key", required = true, description = "Secret access key (only used to sign; printed masked).")
        String secretKey;

        @Override
        public Integer call() {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new Demo.UserError("Invalid --url '" + url + "': " + e.getMessage());
            }
            if (uri.getHost() == null) {
                throw new Demo.UserError("Invalid --url '" + url + "': it needs a scheme and host, e.g. https://iam.amazonaws.com/");
            }
            Map<String, String> parsed = new LinkedHashMap<>();
            for (String header : headers) {
                int colon = header.indexOf(':');
                if (colon < 1) {
                    throw new Demo.UserError("Invalid --header '" + header + "': use 'Name: value'.");
                }
                parsed.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
            }
            Instant signingTime = parseTime(time);
            AwsCredentials credentials = AwsBasicCredentials.create(accessKey, secretKey);
            UnsignedRequest request = new UnsignedRequest(method.toUpperCase(Locale.ROOT), uri, parsed, body);
            System.out.println("SigV4 offline, every step (nothing is sent)");
            Demo.step("The request");
            Demo.show("Method", request.method());
            Demo.show("URL", request.uri());
            parsed.forEach((name, value) -> Demo.show("Header", name + ": " + value));
            Demo.show("Body", body.isEmpty() ? "(empty)" : body);
            Demo.show("Signed as", accessKey + " (secret " + Demo.mask(secretKey) + ") for " + service + " in " + region);
            narrate(sign(request, signingTime, region, service, credentials), credentials);
            return 0;
        }

        private static Instant parseTime(String text) {
            if (text == null) {
                return Instant.now();
            }
            try {
                return text.contains("-") ? Instant.parse(text) : AMZ_DATE.parse(text, Instant::from);
            } catch (DateTimeParseException e) {
                throw new Demo.UserError("Invalid --time '" + text + "': use 20150830T123600Z or 2015-08-30T12:36:00Z.");
            }
        }
    }

    // ---- SigV4, step by step ----

    record UnsignedRequest(String method, URI uri, Map<String, String> headers, String body) {
    }

    /** Every intermediate value of one signature, in the order the algorithm produces them. */
    record Steps(String canonicalRequest, String canonicalRequestHash, String stringToSign, String scope,
                 byte[] kDate, byte[] kRegion, byte[] kService, byte[] kSigning, String signedHeaders,
                 String signature, String authorization) {
    }

    /** The request with the headers it is sent with (including Authorization), and how they were made. */
    record HandSigned(UnsignedRequest request, Map<String, String> headers, Steps steps) {
    }

    static HandSigned sign(UnsignedRequest request, Instant time, String region, String service, AwsCredentials credentials) {
        String amzDate = AMZ_DATE.format(time);
        String date = amzDate.substring(0, 8);
        String payloadHash = hex(sha256(request.body().getBytes(StandardCharsets.UTF_8)));

        // Headers to sign: the caller's, plus host and x-amz-date; S3 wants the payload hash as a header too.
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put("Host", hostHeader(request.uri()));
        headers.put("X-Amz-Date", amzDate);
        if (service.equals("s3")) {
            headers.put("X-Amz-Content-Sha256", payloadHash);
        }
        if (credentials instanceof AwsSessionCredentials session) {
            headers.put("X-Amz-Security-Token", session.sessionToken());
        }
        TreeMap<String, String> canonicalHeaders = new TreeMap<>();
        headers.forEach((name, value) -> canonicalHeaders.merge(name.toLowerCase(Locale.ROOT),
                value.trim().replaceAll(" +", " "), (a, b) -> a + "," + b));
        String signedHeaders = String.join(";", canonicalHeaders.keySet());

        StringBuilder headerBlock = new StringBuilder();
        canonicalHeaders.forEach((name, value) -> headerBlock.append(name).append(':').append(value).append('\n'));
        String canonicalRequest = request.method() + "\n"
                + canonicalUri(request.uri(), service) + "\n"
                + canonicalQuery(queryParameters(request.uri())) + "\n"
                + headerBlock + "\n"
                + signedHeaders + "\n"
                + payloadHash;
        String canonicalRequestHash = hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + canonicalRequestHash;

        byte[] kDate = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = hmac(kDate, region);
        byte[] kService = hmac(kRegion, service);
        byte[] kSigning = hmac(kService, "aws4_request");
        String signature = hex(hmac(kSigning, stringToSign));
        String authorization = ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
        headers.put("Authorization", authorization);
        return new HandSigned(request, headers, new Steps(canonicalRequest, canonicalRequestHash, stringToSign, scope,
                kDate, kRegion, kService, kSigning, signedHeaders, signature, authorization));
    }

    /** The query-string form: the signature and its scope travel as X-Amz-* parameters; only host is signed. */
    static URI presign(URI uri, Instant time, Duration expires, String region, String service, AwsCredentials credentials) {
        String amzDate = AMZ_DATE.format(time);
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        List<String[]> parameters = queryParameters(uri);
        parameters.add(new String[]{"X-Amz-Algorithm", ALGORITHM});
        parameters.add(new String[]{"X-Amz-Credential", credentials.accessKeyId() + "/" + scope});
        parameters.add(new String[]{"X-Amz-Date", amzDate});
        parameters.add(new String[]{"X-Amz-Expires", String.valueOf(expires.toSeconds())});
        parameters.add(new String[]{"X-Amz-SignedHeaders", "host"});
        if (credentials instanceof AwsSessionCredentials session) {
            parameters.add(new String[]{"X-Amz-Security-Token", session.sessionToken()});
        }
        String payloadHash = service.equals("s3") ? "UNSIGNED-PAYLOAD" : EMPTY_SHA256;
        String canonicalRequest = "GET\n" + canonicalUri(uri, service) + "\n" + canonicalQuery(parameters) + "\n"
                + "host:" + hostHeader(uri) + "\n\nhost\n" + payloadHash;
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8);
        for (String part : scope.split("/")) {
            key = hmac(key, part);
        }
        String signature = hex(hmac(key, stringToSign));
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path + "?" + canonicalQuery(parameters)
                + "&X-Amz-Signature=" + signature);
    }

    /** S3 signs the path as sent; every other service normalizes it and encodes each segment twice. */
    static String canonicalUri(URI uri, String service) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        boolean s3 = service.equals("s3");
        if (!s3) {
            path = URI.create(path).normalize().getRawPath();
        }
        StringBuilder canonical = new StringBuilder();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                canonical.append('/');
            }
            String encoded = uriEncode(percentDecode(segments[i]));
            canonical.append(s3 ? encoded : uriEncode(encoded));
        }
        return canonical.toString();
    }

    static List<String[]> queryParameters(URI uri) {
        List<String[]> parameters = new ArrayList<>();
        if (uri.getRawQuery() == null || uri.getRawQuery().isEmpty()) {
            return parameters;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(new String[]{percentDecode(name), percentDecode(value)});
        }
        return parameters;
    }

    /** Names and values URI-encoded, then sorted by name, then value. */
    static String canonicalQuery(List<String[]> parameters) {
        return parameters.stream()
                .map(p -> new String[]{uriEncode(p[0]), uriEncode(p[1])})
                .sorted(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]))
                .map(p -> p[0] + "=" + p[1])
                .reduce((a, b) -> a + "&" + b).orElse("");
    }

    /** RFC 3986: everything but A-Z a-z 0-9 - _ . ~ becomes %XX (uppercase hex). */
    static String uriEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String percentDecode(String text) {
        // '+' is a literal plus in a URL path or AWS query, not a space.
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** What java.net.http sends as Host: the port only when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (uri.getScheme().equals("https") && port == 443) || (uri.getScheme().equals("http") && port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    // ---- the SDK's signer, for comparison ----

    static SdkHttpRequest sdkSign(UnsignedRequest request, Instant time, String region, String service, AwsCredentials credentials) {
        SdkHttpRequest.Builder http = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(request.method())).uri(request.uri());
        request.headers().forEach(http::putHeader);
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials)
                .request(http.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC))).request();
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    // ---- narration and sending ----

    static void narrate(HandSigned signed, AwsCredentials credentials) {
        Steps steps = signed.steps();
        Demo.step("Canonical request: method, path, query, headers, signed header names, payload hash");
        printBlock(steps.canonicalRequest());
        Demo.step("Hash of the canonical request (SHA-256, hex)");
        Demo.show("Hash", steps.canonicalRequestHash());
        Demo.step("String to sign: algorithm, time, credential scope, that hash");
        printBlock(steps.stringToSign());
        Demo.step("Signing key: HMAC-SHA256 chain from \"AWS4\" + secret " + Demo.mask(credentials.secretAccessKey()));
        String[] scope = steps.scope().split("/");
        Demo.show("kDate    = HMAC(\"AWS4\"+secret, \"" + scope[0] + "\")", hex(steps.kDate()));
        Demo.show("kRegion  = HMAC(kDate, \"" + scope[1] + "\")", hex(steps.kRegion()));
        Demo.show("kService = HMAC(kRegion, \"" + scope[2] + "\")", hex(steps.kService()));
        Demo.show("kSigning = HMAC(kService, \"aws4_request\")", hex(steps.kSigning()));
        Demo.step("Signature = hex(HMAC(kSigning, string to sign))");
        Demo.show("Signature", steps.signature());
        Demo.step("Authorization header");
        Demo.say("Authorization: " + ALGORITHM);
        Demo.say("  Credential=" + credentials.accessKeyId() + "/" + steps.scope() + ",");
        Demo.say("  SignedHeaders=" + steps.signedHeaders() + ",");
        Demo.say("  Signature=" + steps.signature());
    }

    record Answer(int status, String body) {
    }

    static Answer send(HttpClient http, HandSigned signed) throws IOException, InterruptedException {
        UnsignedRequest request = signed.request();
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body().isEmpty()
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(request.body()));
        // java.net.http writes Host itself, from the URL, exactly as signed.
        signed.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host")) {
                builder.header(name, value);
            }
        });
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static void requireSuccess(Answer answer, String service) {
        if (answer.status() / 100 != 2) {
            throw new Demo.UserError(service + " refused the signed request: HTTP " + answer.status() + " "
                    + xmlValue(answer.body(), "Code").orElse("") + ": " + xmlValue(answer.body(), "Message").orElse(answer.body()));
        }
    }

    private static void showError(Answer answer) {
        Demo.show("HTTP status", answer.status());
        Demo.show("Code", xmlValue(answer.body(), "Code").orElse("(none)"));
        Demo.show("Message", xmlValue(answer.body(), "Message").orElse(answer.body()));
    }

    static URI serviceEndpoint(Demo.Target target, String service) {
        if (target.endpoint() != null) {
            return target.endpoint();
        }
        Region region = target.region();
        return URI.create("https://" + service + "." + region.id() + "." + PartitionMetadata.of(region).dnsSuffix());
    }

    /** Shows a presigned URL one parameter a line, with the session token masked. */
    private static String maskedQuery(URI uri) {
        StringBuilder out = new StringBuilder(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath());
        String separator = "?";
        for (String pair : uri.getRawQuery().split("&")) {
            out.append('\n').append(separator);
            separator = "&";
            out.append(pair.startsWith("X-Amz-Security-Token=")
                    ? "X-Amz-Security-Token=" + Demo.mask(pair.substring(pair.indexOf('=') + 1)) : pair);
        }
        return out.toString();
    }

    private static void printBlock(String text) {
        text.lines().forEach(line -> System.out.println("   | " + maskToken(line)));
        if (text.endsWith("\n")) {
            System.out.println("   | ");
        }
    }

    /** Session tokens are secrets too: shown masked wherever they appear in a signed text. */
    private static String maskToken(String line) {
        return line.startsWith("x-amz-security-token:") ? "x-amz-security-token:" + Demo.mask(line.substring(21)) : line;
    }

    static Optional<String> xmlValue(String xml, String tag) {
        Matcher matcher = Pattern.compile("<" + tag + ">([^<]*)</" + tag + ">").matcher(xml);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static List<String> xmlValues(String xml, String tag) {
        List<String> values = new ArrayList<>();
        Matcher matcher = Pattern.compile("<" + tag + ">([^<]*)</" + tag + ">").matcher(xml);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    // ---- the two primitives SigV4 is made of ----

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
